//! What a request may be given as: JSON text, or (for Rust callers and tests) a
//! `serde_json::Value`.

use crate::error::Error;
use antom_checkout_rules::json::SyntaxError;
use std::borrow::Cow;

/// A request as JSON text, or (for Rust callers and tests) a `serde_json::Value`, which is
/// written out first.
pub trait JsonInput {
    /// The JSON text.
    fn json_text(&self) -> Cow<'_, str>;
}

impl JsonInput for str {
    fn json_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl JsonInput for String {
    fn json_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl JsonInput for serde_json::Value {
    fn json_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl<T: JsonInput + ?Sized> JsonInput for &T {
    fn json_text(&self) -> Cow<'_, str> {
        (**self).json_text()
    }
}

/// Text that is not JSON (only a Rust caller can pass it: JavaScript objects are serialized).
pub fn not_json(e: SyntaxError) -> Error {
    let mut m = String::from("the request is not valid JSON: ");
    m.push_str(e.what);
    m.push_str(" at byte ");
    antom_checkout_rules::text::push_uint(&mut m, e.at as u64);
    Error::InvalidArgument(m)
}
