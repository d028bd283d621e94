//! # antom-checkout
//!
//! Antom's **Entry Code Payment** (`pay`, <https://docs.antom.com/ac/ams/ec>) for JavaScript,
//! compiled to WebAssembly: every request validated completely, written as the exact bytes to
//! sign and send, and every answer interpreted into one next action. The private key and the
//! network stay with the host (the `sign` and `fetch` callbacks).
//!
//! The core is plain Rust and sans-IO; `src/wasm` is the JavaScript boundary and holds no logic.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod answer;
pub mod calls;
pub mod client;
pub mod config;
pub mod currency;
pub mod error;
pub mod flow;
pub mod followup;
pub mod gateway;
pub mod id;
pub mod keys;
pub mod notify;
pub mod outcome;
pub mod prepare;
pub mod signing;
pub mod write;

pub use antom_checkout_rules::{datetime, json, model, validate};

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// Size classes instead of the standard library's dlmalloc: 3 KB gzip less in every module,
/// and constant-time allocation (src/alloc/lib.rs says why it fits).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: antom_checkout_alloc::WasmAllocator = antom_checkout_alloc::wasm_allocator();

pub use client::{
    Client, Clock, HostFailure, HttpResponse, SendFailure, Signer, Transport, Verifier,
};
pub use config::{ClientConfig, PrepareConfig, RetryPolicy};
pub use error::Error;
pub use outcome::{interpret_pay, Action, Kind, Outcome, PayOutcome};
pub use prepare::{prepare_pay, validate_pay, PayRules, PreparedRequest};
pub use validate::Issue;
