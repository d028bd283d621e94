//! The JavaScript boundary, compiled only for wasm32. No business logic lives here: each export
//! reads its arguments, calls the core and answers with text.
//!
//! Requests cross once each way: JavaScript writes the JSON text into a buffer this module keeps
//! ([`lean::input_buffer`], `TextEncoder.encodeInto`, no per-character copying) and the answer
//! comes back as one string. The exports in [`lean`] are the whole of the browser module (built
//! without the `full` feature); the rest needs `full`.
//!
//! Every export answers text that cannot make the module throw or trap: an envelope
//! (`{"ok":...}` or `{"err":{"code","message","issues"}}`) or, on the hot paths, a compact form
//! documented at the export.

pub mod lean;

#[cfg(feature = "full")]
pub mod api;
#[cfg(feature = "full")]
pub mod client;

use crate::error::Error;
use crate::json::push_str;

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

/// `{"err": {code, message, issues}}`.
pub(crate) fn err(e: &Error) -> String {
    let mut out = String::from("{\"err\":");
    out.push_str(&err_body(e));
    out.push('}');
    out
}

/// `{"ok":"text"}` or the error.
pub(crate) fn text_envelope(r: Result<String, Error>) -> String {
    match r {
        Ok(s) => {
            let mut out = String::with_capacity(s.len() + 10);
            out.push_str("{\"ok\":");
            push_str(&mut out, &s);
            out.push('}');
            out
        }
        Err(e) => err(&e),
    }
}

/// `{"ok": value}`, written without serde.
#[cfg(feature = "full")]
pub(crate) fn envelope<T: crate::write::WriteJson>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => {
            let mut out = String::with_capacity(512);
            out.push_str("{\"ok\":");
            v.write_json(&mut out);
            out.push('}');
            out
        }
        Err(e) => err(&e),
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
