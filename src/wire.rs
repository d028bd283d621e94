//! The wire format: compact JSON where every scalar is a string, written by hand so that the
//! bytes are fixed by this file alone (key order, escaping, no whitespace).

use serde_json::Value;

/// Appends `s` as a JSON string literal, escaping exactly what JSON requires:
/// `"`, `\`, and control characters. Everything else, including non-ASCII, is written as UTF-8.
pub fn push_json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Fast path: most values need no escaping and are copied whole.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

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
