//! The JavaScript boundary, compiled only for wasm32. No business logic lives here: each export
//! reads its arguments, calls the core and answers with text.
//!
//! Requests cross once each way: JavaScript writes the JSON text into a buffer this module keeps
//! ([`lean::input_buffer`], `TextEncoder.encodeInto`, no per-character copying) and the answer
//! comes back as one string. The exports in [`lean`] are the whole of the browser module (built
//! without the `full` feature); the rest needs `full`.
//!
//! Every operation answers text that cannot make the module throw or trap: a tag and its value
//! (`T` text, `J` JSON, or a compact form documented at the operation) or `E` and an error body
//! (`{"code","message","issues"}`).

pub mod lean;

#[cfg(feature = "full")]
pub mod api;
#[cfg(feature = "full")]
pub mod client;

use crate::error::Error;
use crate::json::push_str;
use wasm_bindgen::prelude::*;

/// The request of `call` (its number in [`crate::calls::CALLS`]), prepared (the request, then
/// the configuration, in the input buffer), in the compact form of [`lean`].
pub fn prepare(call: u8, input_len: usize, config_len: usize, now_ms: f64) -> String {
    match lean::request_of(call) {
        Ok(r) => lean::prepare_with(r, input_len, config_len, now_ms),
        Err(e) => lean::failed(&e),
    }
}

/// The module's one entry besides `inputBuffer`: operation `code` with up to four numbers;
/// texts and bytes go through the input buffer. One export instead of one per operation keeps
/// the generated glue and the module's export shims to one each (sizes in the README). Each
/// operation is the function it names; an unknown code is an error, never a trap.
#[wasm_bindgen]
pub fn op(code: u8, a: f64, b: f64, c: f64, d: f64) -> String {
    let n = |x: f64| {
        if (0.0..=4_294_967_295.0).contains(&x) {
            x as usize
        } else {
            usize::MAX
        }
    };
    let flag = |x: f64| x != 0.0;
    let small = |x: f64| u8::try_from(n(x)).unwrap_or(u8::MAX);
    #[cfg(feature = "full")]
    let status = |x: f64| {
        if x.fract() == 0.0 && (100.0..=599.0).contains(&x) {
            x as u16
        } else {
            0
        }
    };
    match code {
        0 => lean::validate_pay(n(a), b, flag(c)),
        1 => prepare(small(a), n(b), n(c), d),
        2 => lean::minor_units_in(flag(a), n(b), n(c)),
        3 => lean::new_payment_request_id(n(a)),
        #[cfg(feature = "full")]
        10 => api::interpret(small(a), b, n(c), flag(d)),
        #[cfg(feature = "full")]
        11 => api::signature_header_js(n(a), n(b), flag(c)),
        #[cfg(feature = "full")]
        12 => api::parse_signature_header_js(n(a)),
        #[cfg(feature = "full")]
        13 => api::content_to_verify_js(n(a), n(b)),
        #[cfg(feature = "full")]
        14 => api::bytes(small(a), n(b)),
        #[cfg(feature = "full")]
        15 => api::notification_to_verify_in(n(a), n(b), c, d),
        #[cfg(feature = "full")]
        16 => api::notification_result_in(small(a), n(b)),
        #[cfg(feature = "full")]
        20 => client::client_new(n(a), flag(b)),
        #[cfg(feature = "full")]
        21 => client::client_call(a, small(b), n(c), d),
        #[cfg(feature = "full")]
        22 => client::free(flag(a), b),
        #[cfg(feature = "full")]
        30 => client::with_call(a, |call| call.start()),
        #[cfg(feature = "full")]
        31 => client::with_call(a, |call| {
            lean::with_input(
                n(c),
                0,
                |text, _| Ok(call.signed(flag(b), text.to_string())),
            )
            .unwrap_or_else(|e| lean::failed(&e))
        }),
        #[cfg(feature = "full")]
        32 => client::with_call(a, |call| call.answered(status(b), n(c), n(d))),
        #[cfg(feature = "full")]
        33 => client::with_call(a, |call| {
            lean::with_input(n(c), 0, |text, _| {
                Ok(call.unanswered(small(b), text.to_string()))
            })
            .unwrap_or_else(|e| lean::failed(&e))
        }),
        #[cfg(feature = "full")]
        34 => client::with_call(a, |call| call.verified(small(b))),
        #[cfg(feature = "full")]
        35 => client::with_call(a, |call| call.slept(b)),
        _ => lean::failed(&Error::InvalidArgument("no such operation".into())),
    }
}

/// `{"code","message","issues"}`, written without serde.
pub(crate) fn err_body(e: &Error) -> String {
    let message = e.to_string();
    let issues = crate::validate::issues_json(e.issues());
    let mut out = String::with_capacity(message.len() + issues.len() + 64);
    out.push_str("{\"code\":\"");
    out.push_str(e.code());
    out.push_str("\",\"message\":");
    push_str(&mut out, &message);
    out.push_str(",\"issues\":");
    out.push_str(&issues);
    out.push('}');
    out
}

/// `J` and a value's JSON, or `E` and the error body.
#[cfg(feature = "full")]
pub(crate) fn json_answer<T: crate::write::WriteJson>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => {
            let mut out = String::with_capacity(512);
            out.push('J');
            v.write_json(&mut out);
            out
        }
        Err(e) => lean::failed(&e),
    }
}

/// An outcome for JavaScript: `R` and its JSON without `raw` when `raw` is the answer's body (the
/// caller has that text and parses it only if it is read), `O` and its JSON otherwise.
#[cfg(feature = "full")]
pub(crate) fn outcome_text(out: &mut String, mut outcome: crate::Outcome) {
    out.push(if outcome.raw.take().is_some() {
        'R'
    } else {
        'O'
    });
    crate::write::WriteJson::write_json(&outcome, out);
}
