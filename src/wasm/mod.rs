//! The JavaScript boundary, compiled only for wasm32. No business logic lives here: each export
//! parses its arguments, calls the core and answers with JSON text. Text is the cheapest honest
//! way across the boundary (one string copy each way); the package's `core.js` turns it into the
//! documented JS API, with real `Error` objects.
//!
//! Every export answers an envelope, `{"ok":...}` or `{"err":{"code","message","issues"}}`, so
//! nothing the host passes can make the module throw or trap.

pub mod api;
pub mod client;
pub mod host;

use crate::error::Error;
use serde::Serialize;

/// `{"ok": value}`.
pub(crate) fn ok<T: Serialize>(value: &T) -> String {
    let mut out = String::from("{\"ok\":");
    match serde_json::to_string(value) {
        Ok(s) => out.push_str(&s),
        Err(e) => {
            return err(&Error::InvalidArgument(format!(
                "cannot serialize the answer: {e}"
            )))
        }
    }
    out.push('}');
    out
}

/// `{"err": {code, message, issues}}`.
pub(crate) fn err(e: &Error) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        code: &'a str,
        message: String,
        issues: &'a [crate::validate::Issue],
    }
    let body = Body {
        code: e.code(),
        message: e.to_string(),
        issues: e.issues(),
    };
    format!(
        "{{\"err\":{}}}",
        serde_json::to_string(&body).unwrap_or_else(|_| "{\"code\":\"INTERNAL\"}".into())
    )
}

pub(crate) fn envelope<T: Serialize>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => ok(&v),
        Err(e) => err(&e),
    }
}

/// Parses JSON text from JS (depth is limited by the parser, so no input can exhaust the stack).
pub(crate) fn parse(text: &str, what: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text)
        .map_err(|e| Error::InvalidArgument(format!("{what} is not valid JSON: {e}")))
}
