//! # antom-checkout-rules
//!
//! The hot path of antom-checkout, kept in a crate of its own so that it alone is built for
//! speed (opt-level 3) while the rest of the module is built for size: the request rule tables,
//! a JSON reader, and the one-pass walk that validates a request and writes its canonical body.
//! It has no dependency on the rest of the library; `antom-checkout` re-exports it.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod codes;
pub mod currency;
pub mod datetime;
pub mod json;
pub mod model;
pub mod text;
pub mod validate;
