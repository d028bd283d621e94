//! Lenient reading of Antom's answers: a scalar where the documentation says string may come as
//! a number or a boolean.

use serde_json::Value;

/// Reads a scalar leniently: Antom's answers may carry strings, numbers or booleans where the
/// documentation says string. Objects, arrays and null read as absent.
pub fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Follows a dotted path of object keys.
pub fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |cur, key| cur.as_object()?.get(key))
}

/// [`scalar`] at a dotted path.
pub fn scalar_at(v: &Value, path: &str) -> Option<String> {
    scalar(at(v, path))
}
