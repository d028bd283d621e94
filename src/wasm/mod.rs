//! The JavaScript boundary, compiled only for wasm32. No business logic lives here: each
//! operation reads its arguments, calls the core and answers with text.
//!
//! The operations, their arguments and their answers' tags are declared once, in
//! [`crate::boundary`]; `op` dispatches on that declaration. Texts cross once each way:
//! JavaScript writes them into a buffer this module keeps ([`buffer::input_buffer`],
//! `TextEncoder.encodeInto`, no per-character copying) and the answer comes back as one string,
//! a tag and its payload, that cannot make the module throw or trap. The operations in [`lean`]
//! are the whole of the browser module (built without the `full` feature); the rest needs `full`.

pub mod buffer;
pub mod lean;

#[cfg(feature = "full")]
pub mod api;
#[cfg(feature = "full")]
pub mod client;

#[cfg(feature = "full")]
use crate::boundary::{
    AbortedWhen, AnswerVerdict, BodyBytes, Codec, HandleKind, KeyVersion, NoAnswer,
    NotificationVerdict, RoundStep, SignResult, Verdict,
};
use crate::boundary::{Convert, GatewayScope, Op, Tag};
use crate::error::Error;
use antom_checkout_rules::json::push_str;
use wasm_bindgen::prelude::*;

/// The request of `call` (its number in [`crate::calls::CALLS`]), prepared (the request, then
/// the configuration, in the input buffer), in the compact form of [`api::write_ready`].
#[cfg(feature = "full")]
pub fn prepare(call: u8, input_len: usize, config_len: usize, now_ms: f64) -> String {
    match api::request_of(call) {
        Ok(r) => api::prepare_with(r, input_len, config_len, now_ms),
        Err(e) => failed(&e),
    }
}

/// [`Tag::Error`] and an error body: the failure form of every answer.
pub(crate) fn failed(e: &Error) -> String {
    tagged(Tag::Error, &err_body(e))
}

/// `tag` and the answer's payload.
pub(crate) fn tagged(tag: Tag, payload: &str) -> String {
    let mut out = String::with_capacity(payload.len() + 1);
    out.push(tag.char());
    out.push_str(payload);
    out
}

/// HTTP headers as they cross the boundary: `name NUL value NUL ...`.
#[cfg(feature = "full")]
pub(crate) fn header_pairs(text: &str) -> crate::headers::Headers {
    let mut h = crate::headers::Headers::default();
    let mut parts = text.split('\0');
    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
        h.0.push((k.to_string(), v.to_string()));
    }
    h
}

/// The module's one entry besides `inputBuffer`: operation `code` ([`Op`]) with up to five
/// numbers; texts and bytes go through the input buffer. One export instead of one per
/// operation keeps the generated glue and the module's export shims to one each (sizes in the
/// docs). An unknown code, or one the lean module does not have, is an error, never a trap.
#[wasm_bindgen]
#[cfg_attr(not(feature = "full"), allow(unused_variables))]
pub fn op(code: u8, a: f64, b: f64, c: f64, d: f64, e: f64) -> String {
    let Some(op) = Op::from_code(code) else {
        return invalid("no such operation");
    };
    let n = |x: f64| {
        if (0.0..=4_294_967_295.0).contains(&x) {
            x as usize
        } else {
            usize::MAX
        }
    };
    let small = |x: f64| u8::try_from(n(x)).unwrap_or(u8::MAX);
    // A value argument, decoded by its set's declaration ([`crate::boundary`]): a number the set
    // does not name is an error.
    macro_rules! value {
        ($set:ident, $x:expr) => {
            match $set::of(small($x)) {
                Some(v) => v,
                None => return invalid("no such value"),
            }
        };
    }
    match op {
        Op::ValidatePay => {
            lean::validate_pay(n(a), b, value!(GatewayScope, c) == GatewayScope::Global)
        }
        #[cfg(feature = "full")]
        Op::Prepare => prepare(small(a), n(b), n(c), d),
        Op::MinorUnits => lean::minor_units_in(value!(Convert, a) == Convert::ToMinor, n(b), n(c)),
        Op::NewPaymentRequestId => lean::new_payment_request_id(n(a)),
        Op::Version => tagged(Tag::Text, crate::boundary::VERSION),
        Op::ValidateAmount => lean::validate_amount_in(n(a), n(b)),
        #[cfg(feature = "full")]
        Op::Interpret => api::interpret(
            small(a),
            b,
            n(c),
            value!(BodyBytes, d) == BodyBytes::NotUtf8,
        ),
        #[cfg(feature = "full")]
        Op::SignatureHeader => {
            api::signature_header_js(n(a), n(b), value!(KeyVersion, c) == KeyVersion::Given)
        }
        #[cfg(feature = "full")]
        Op::ParseSignatureHeader => api::parse_signature_header_js(n(a)),
        #[cfg(feature = "full")]
        Op::ContentToVerify => api::content_to_verify_js(n(a), n(b)),
        #[cfg(feature = "full")]
        Op::Bytes => api::bytes(value!(Codec, a), n(b)),
        #[cfg(feature = "full")]
        Op::NotificationToVerify => api::notification_to_verify_in(n(a), n(b), c, d),
        #[cfg(feature = "full")]
        Op::InterpretVerified => {
            api::interpret_verified(small(a), b, n(c), n(d), value!(AnswerVerdict, e))
        }
        #[cfg(feature = "full")]
        Op::NotificationResult => api::notification_result_in(value!(NotificationVerdict, a), n(b)),
        #[cfg(feature = "full")]
        Op::Client => client::client_new(n(a), small(b)),
        #[cfg(feature = "full")]
        Op::Call => client::client_call(a, small(b), n(c), n(d), e),
        #[cfg(feature = "full")]
        Op::Free => client::free(value!(HandleKind, a), b),
        #[cfg(feature = "full")]
        Op::Resolve => client::resolve(a, n(b)),
        #[cfg(feature = "full")]
        Op::ResolveNext => client::resolve_next(
            a,
            (b != f64::from(RoundStep::First.value())).then_some(b),
            c,
        ),
        #[cfg(feature = "full")]
        Op::Start => client::with_call(a, &mut |call| call.start(b)),
        #[cfg(feature = "full")]
        Op::Signed => {
            let ok = value!(SignResult, b) == SignResult::Signed;
            client::with_call(a, &mut |call| {
                buffer::with_input(n(c), 0, |text, _| Ok(call.signed(ok, text.to_string(), d)))
                    .unwrap_or_else(|e| failed(&e))
            })
        }
        #[cfg(feature = "full")]
        Op::Answered => client::with_call(a, &mut |call| call.answered(b, n(c), n(d), e)),
        #[cfg(feature = "full")]
        Op::Unanswered => {
            let why = value!(NoAnswer, b);
            client::with_call(a, &mut |call| {
                buffer::with_input(n(c), 0, |text, _| {
                    Ok(call.unanswered(why, text.to_string(), d))
                })
                .unwrap_or_else(|e| failed(&e))
            })
        }
        #[cfg(feature = "full")]
        Op::Verified => {
            let result = value!(Verdict, b);
            client::with_call(a, &mut |call| call.verified(result, c))
        }
        #[cfg(feature = "full")]
        Op::Slept => client::with_call(a, &mut |call| call.slept(b)),
        #[cfg(feature = "full")]
        Op::Aborted => {
            let out = value!(AbortedWhen, b) == AbortedWhen::RequestOut;
            client::with_call(a, &mut |call| call.aborted(out, c))
        }
        #[cfg(feature = "full")]
        Op::Events => client::with_call(a, &mut |call| call.events()),
        #[cfg(not(feature = "full"))]
        _ => invalid("this operation needs antom-checkout/full"),
    }
}

/// The answer to an argument of `op` that names nothing: an operation code, or a value of a
/// value set, that the declaration does not have (one function: each `op` path to it is a call).
#[inline(never)]
fn invalid(message: &str) -> String {
    failed(&Error::InvalidArgument(message.into()))
}

/// `{"code","message","issues"}`, written without serde.
pub(crate) fn err_body(e: &Error) -> String {
    let message = e.to_string();
    let issues = antom_checkout_rules::validate::issues_json(e.issues());
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

/// [`Tag::Json`] and a value's JSON, or the error.
#[cfg(feature = "full")]
pub(crate) fn json_answer<T: crate::write::WriteJson>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => {
            let mut out = String::with_capacity(512);
            out.push(Tag::Json.char());
            v.write_json(&mut out);
            out
        }
        Err(e) => failed(&e),
    }
}

/// An outcome for JavaScript: [`Tag::OutcomeRawIsBody`] and its JSON without `raw` when `raw` is
/// the answer's body (the caller has that text and parses it only if it is read),
/// [`Tag::Outcome`] and its JSON otherwise.
#[cfg(feature = "full")]
pub(crate) fn outcome_text(out: &mut String, outcome: &mut crate::outcome::Outcome) {
    let raw = outcome.raw.take();
    out.push(if raw.is_some() {
        Tag::OutcomeRawIsBody.char()
    } else {
        Tag::Outcome.char()
    });
    crate::write::WriteJson::write_json(&*outcome, out);
    outcome.raw = raw;
}
