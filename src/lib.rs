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

// Every module is private: the API is what this file re-exports below, and the modules depend
// on each other without a cycle (tests/layers.rs holds them to it).
mod answer;
mod base64;
mod boundary;
mod calls;
mod client;
mod config;
mod currency;
mod declare;
mod error;
mod events;
mod flow;
mod followup;
mod gateway;
mod headers;
mod id;
mod input;
mod interpret;
mod keys;
mod notify;
mod outcome;
mod prepare;
mod resolve;
mod signing;
mod write;

pub use antom_checkout_rules::{datetime, json, model, validate};

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// talc, a maintained allocator, instead of the standard library's dlmalloc: no `unsafe` code of
/// our own (docs/hand-written.md has the figures).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// The JavaScript boundary's operations and answer tags, declared once.
pub use boundary::{
    AbortedWhen, AnswerVerdict, Arg, BodyBytes, ClientFlag, Codec, Convert, GatewayScope,
    HandleKind, KeyVersion, NoAnswer, NotificationVerdict, Op, RoundStep, SignResult, Tag, Value,
    ValueSet, Verdict, DECLARATION_HASH, VALUE_SETS, VERSION,
};
// The calls, each described once.
pub use calls::{
    by_kind, lookup, Call, Description, Request, StatusReading, Success, CALLS, CANCEL, CANCEL_REQ,
    INQUIRY_PAYMENT, INQUIRY_PAYMENT_REQ, INQUIRY_REFUND, INQUIRY_REFUND_CODES, INQUIRY_REFUND_REQ,
    PAY, PAY_REQ, REFUND, REFUND_CODES, REFUND_REFERENCE, REFUND_REQ, REFUND_REQUEST,
};
// Preparing a request: validation, the exact body and the content to sign.
pub use config::{
    CallOptions, CancelToken, ClientConfig, PayRules, PrepareConfig, RetryPolicy, CALL_SIGNAL,
    HOST_CALLBACKS, VERIFY_REQUIRED,
};
pub use gateway::{is_loopback, Gateway, REGIONS};
pub use headers::Headers;
pub use input::JsonInput;
pub use prepare::{
    prepare_cancel, prepare_inquiry, prepare_pay, validate_pay, validate_reference, HeaderList,
    PreparedRequest, Ready,
};
pub use signing::{
    check_base64, check_key_version, check_request_time, content_to_sign, content_to_verify,
    parse_signature_header, request_time, signature_header, ParsedSignature, TimeFormat,
};
// Sending it: the client over host callbacks, and the state machine it drives.
pub use client::{Client, Clock, NoVerifier, Observer, Resolution, Signer, Transport, Verifier};
pub use events::{
    AnswerEvent, ClientEvent, EventType, OutcomeEvent, RequestEvent, RetryEvent, SendError,
    Verification,
};
pub use flow::{
    after_verification, check_answer, AnswerCheck, Event, Expected, Flow, HostFailure,
    HttpResponse, SendFailure, Step, STALE_AFTER_MS,
};
// What came of it.
pub use followup::{interpret_cancel, interpret_inquiry};
pub use interpret::{
    body_not_utf8, interpret, interpret_pay, safe_redirect, safe_redirect_with, WALLET_SCHEMES,
};
pub use outcome::{
    c as code, in_progress, Action, AmountOut, ChallengeActionForm, CodeInfo, Kind, Outcome,
    PayOutcome, PaymentDetails, PspCustomerInfo, Quote, RawJson, Reason, Redirect, Unverified,
    OTHER_CODES, PAY_CODES,
};
// Notifications, keys, amounts, ids, errors, and the JSON the boundary writes.
pub use currency::{
    from_minor_units, known_currencies, minor_units, to_minor_units, validate_amount,
    MAX_VALUE_DIGITS,
};
pub use error::Error;
pub use id::encode_id;
#[cfg(not(target_arch = "wasm32"))]
pub use id::new_request_id;
pub use keys::{b64_decode, b64_encode, private_key_pkcs8, public_key_spki};
pub use notify::{
    notification_to_verify, parse_header_time, parse_notification, Notification, NotificationKind,
    NotifyCheck, NotifyResult, Refusal, ACK_BODY, NOTIFICATION_WINDOW_MS,
    NOTIFICATION_WINDOW_RANGE_MS, RETRY_BODY,
};
pub use resolve::{
    PaymentToResolve, ResolveStep, Resolved, ResolvedState, Resolver, CANCEL_BACKOFF_MS,
    INQUIRY_BACKOFF_MS, LATER_MS, NOT_FOUND_GRACE_MS,
};
pub use validate::Issue;
pub use write::{to_json, WriteJson};
