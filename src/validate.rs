//! Validation and canonical serialization in one pass over a rule table: every problem is
//! reported with its path, and when there is none the bytes written are the body to sign and send.

use crate::currency::minor_units;
use crate::datetime::parse_offset_datetime;
use crate::model::schema::{Field, Presence, Rule, AMOUNT};
use crate::wire::push_json_str;
use serde::Serialize;
use serde_json::{Map, Value};

/// One problem found in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Where: `order.merchant.store.storeMCC`, `order.goods[2].goodsName`.
    pub path: String,
    /// A stable code: see [`codes`].
    pub code: &'static str,
    /// What is wrong, for a developer.
    pub message: String,
}

/// The stable issue codes.
pub mod codes {
    /// A required field is missing, null or empty.
    pub const REQUIRED: &str = "REQUIRED";
    /// A string is longer than its maximum.
    pub const TOO_LONG: &str = "TOO_LONG";
    /// A value does not have the required layout.
    pub const INVALID_FORMAT: &str = "INVALID_FORMAT";
    /// A value has the wrong JSON type.
    pub const INVALID_TYPE: &str = "INVALID_TYPE";
    /// A value is not one of the allowed values.
    pub const INVALID_VALUE: &str = "INVALID_VALUE";
    /// A value would change a constant of Entry Code.
    pub const NOT_ALLOWED: &str = "NOT_ALLOWED";
    /// A field that the API does not have (often a misspelling).
    pub const UNKNOWN_FIELD: &str = "UNKNOWN_FIELD";
    /// An ISO 4217 code the library does not know.
    pub const UNSUPPORTED_CURRENCY: &str = "UNSUPPORTED_CURRENCY";
    /// A number outside its range (including a zero payment amount).
    pub const OUT_OF_RANGE: &str = "OUT_OF_RANGE";
    /// An array with too many elements.
    pub const TOO_MANY: &str = "TOO_MANY";
    /// A time that has already passed.
    pub const IN_THE_PAST: &str = "IN_THE_PAST";
    /// Every issue code (the published types are generated from this list).
    pub const ALL: &[&str] = &[
        REQUIRED,
        TOO_LONG,
        INVALID_FORMAT,
        INVALID_TYPE,
        INVALID_VALUE,
        NOT_ALLOWED,
        UNKNOWN_FIELD,
        UNSUPPORTED_CURRENCY,
        OUT_OF_RANGE,
        TOO_MANY,
        IN_THE_PAST,
    ];
}
use codes::*;

/// The message of a missing id: the merchant owns it, and must have stored it before sending.
pub const ID_REQUIRED: &str = "required: this is your idempotency key; generate one with newPaymentRequestId(), store it with the order, then send (a retry or an inquiry needs the same id)";

/// What the walk needs besides the input.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// "Now" in epoch milliseconds, for times that must not be in the past. `None` skips that check.
    pub now_ms: Option<i64>,
}

/// The result of a walk: the canonical body (meaningful only when `issues` is empty).
#[derive(Debug, Default)]
pub struct Walk {
    /// Compact JSON, keys in table order, every scalar a string.
    pub body: String,
    /// Every problem found.
    pub issues: Vec<Issue>,
}

/// Validates `input` against `fields` and writes the canonical body.
pub fn walk(fields: &[Field], input: &Value, opts: &WalkOptions) -> Walk {
    let mut w = Walker {
        opts,
        out: String::with_capacity(2048),
        issues: Vec::new(),
        path: String::new(),
    };
    match input {
        Value::Object(map) => w.object(fields, map),
        _ => w.issue(INVALID_TYPE, "the request must be a JSON object".into()),
    }
    Walk {
        body: w.out,
        issues: w.issues,
    }
}

struct Walker<'a> {
    opts: &'a WalkOptions,
    out: String,
    issues: Vec<Issue>,
    path: String,
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

impl Walker<'_> {
    fn issue(&mut self, code: &'static str, message: String) {
        let path = if self.path.is_empty() {
            "$".to_string()
        } else {
            self.path.clone()
        };
        self.issues.push(Issue {
            path,
            code,
            message,
        });
    }

    fn enter(&mut self, name: &str) -> usize {
        let len = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        len
    }

    fn object(&mut self, fields: &[Field], map: &Map<String, Value>) {
        for key in map.keys() {
            if !fields.iter().any(|f| f.name == key) {
                let mark = self.enter(&key.chars().take(64).collect::<String>());
                let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
                self.issue(
                    UNKNOWN_FIELD,
                    format!("unknown field; this object has: {}", known.join(", ")),
                );
                self.path.truncate(mark);
            }
        }
        self.out.push('{');
        let mut first = true;
        for f in fields {
            let given = map.get(f.name).filter(|v| !is_empty(v));
            let mark = self.enter(f.name);
            let start = self.out.len();
            if !first {
                self.out.push(',');
            }
            push_json_str(&mut self.out, f.name);
            self.out.push(':');
            let wrote = match (given, f.presence) {
                (Some(v), _) => {
                    self.value(f, v);
                    true
                }
                (None, Presence::Required) => {
                    let message = match f.rule {
                        Rule::Id => ID_REQUIRED,
                        _ => "this field is required",
                    };
                    self.issue(REQUIRED, message.into());
                    false
                }
                (None, Presence::Optional) => false,
                (None, Presence::Auto) => self.fill(f),
            };
            if wrote {
                first = false;
            } else {
                self.out.truncate(start);
            }
            self.path.truncate(mark);
        }
        self.out.push('}');
    }

    /// Writes the library's value for an absent [`Presence::Auto`] field (Entry Code's
    /// constants; never an id).
    fn fill(&mut self, f: &Field) -> bool {
        match f.rule {
            Rule::Fixed(c) => {
                push_json_str(&mut self.out, c);
                true
            }
            Rule::Object(inner) => {
                self.object(inner, &Map::new());
                true
            }
            _ => false,
        }
    }

    fn value(&mut self, f: &Field, v: &Value) {
        match f.rule {
            Rule::Object(inner) => match v {
                Value::Object(m) => self.object(inner, m),
                other => self.issue(
                    INVALID_TYPE,
                    format!("expected an object, got {}", describe(other)),
                ),
            },
            Rule::Amount { positive } => match v {
                Value::Object(m) => {
                    self.object(AMOUNT, m);
                    self.amount(m, positive);
                }
                other => self.issue(
                    INVALID_TYPE,
                    format!("expected an Amount object, got {}", describe(other)),
                ),
            },
            Rule::List { max, item } => match v {
                Value::Array(items) => {
                    if items.len() > max {
                        self.issue(
                            TOO_MANY,
                            format!("at most {max} elements, got {}", items.len()),
                        );
                    }
                    self.out.push('[');
                    for (i, el) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                        }
                        let mark = self.path.len();
                        self.path.push_str(&format!("[{i}]"));
                        match el {
                            Value::Object(m) => self.object(item, m),
                            other => self.issue(
                                INVALID_TYPE,
                                format!("expected an object, got {}", describe(other)),
                            ),
                        }
                        self.path.truncate(mark);
                    }
                    self.out.push(']');
                }
                other => self.issue(
                    INVALID_TYPE,
                    format!("expected an array, got {}", describe(other)),
                ),
            },
            _ => self.scalar(f, v),
        }
    }

    /// Checks an Amount's value as minor units; the currency is checked by its own rule.
    fn amount(&mut self, m: &Map<String, Value>, positive: bool) {
        let Some(Value::String(value)) = m.get("value") else {
            return;
        };
        let mark = self.enter("value");
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            self.issue(
                INVALID_FORMAT,
                "expected an integer in minor units, digits only (USD 12.34 is \"1234\"; use toMinorUnits)".into(),
            );
        } else if value.len() > 1 && value.starts_with('0') {
            self.issue(INVALID_FORMAT, "no leading zeros".into());
        } else if positive && value == "0" {
            self.issue(OUT_OF_RANGE, "the amount must be greater than zero".into());
        }
        self.path.truncate(mark);
    }

    fn scalar(&mut self, f: &Field, v: &Value) {
        let owned;
        let text: &str = match (v, f.rule) {
            (Value::String(s), _) => s,
            (Value::Number(n), Rule::Int { .. }) if n.is_i64() || n.is_u64() => {
                owned = n.to_string();
                &owned
            }
            (Value::Bool(b), Rule::Bool) => {
                if *b {
                    "true"
                } else {
                    "false"
                }
            }
            (other, _) => {
                return self.issue(
                    INVALID_TYPE,
                    format!("expected a string, got {}", describe(other)),
                );
            }
        };
        // A string has at least as many bytes as characters: count only when it could be too long.
        if f.max > 0 && text.len() > f.max {
            let chars = text.chars().count();
            if chars > f.max {
                self.issue(
                    TOO_LONG,
                    format!("at most {} characters, got {chars}", f.max),
                );
            }
        }
        self.check(f, text);
        push_json_str(&mut self.out, text);
    }

    fn check(&mut self, f: &Field, s: &str) {
        let bad = |w: &mut Self, msg: &str| w.issue(INVALID_FORMAT, msg.into());
        match f.rule {
            Rule::Text => {
                if has_control(s) {
                    bad(self, "control characters are not allowed");
                }
            }
            Rule::Id => {
                if s.chars().any(char::is_control) {
                    bad(self, "an id cannot carry control characters");
                } else if s.trim() != s {
                    bad(self, "an id cannot begin or end with spaces (Antom would not match it to the stored one)");
                }
            }
            Rule::OneOf(list) => {
                if !list.contains(&s) {
                    self.issue(
                        INVALID_VALUE,
                        format!("expected one of {}", list.join(", ")),
                    );
                }
            }
            Rule::Fixed(c) => {
                if s != c {
                    self.issue(
                        NOT_ALLOWED,
                        format!(
                            "Entry Code requires \"{c}\"; leave it out and the library sets it"
                        ),
                    );
                }
            }
            Rule::Currency => {
                if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
                    bad(
                        self,
                        "expected an ISO 4217 code of three upper-case letters, e.g. USD",
                    );
                } else if minor_units(s).is_none() {
                    self.issue(
                        UNSUPPORTED_CURRENCY,
                        format!("{s} is not an active ISO 4217 currency"),
                    );
                }
            }
            Rule::Mcc => {
                if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                    bad(
                        self,
                        "expected a four-digit merchant category code, e.g. 5814",
                    );
                }
            }
            Rule::Region => {
                if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
                    bad(self, "expected an ISO 3166 alpha-2 code, e.g. SG");
                }
            }
            Rule::Int { min, max } => match parse_int(s) {
                None => bad(self, "expected an integer"),
                Some(n) if n < min || n > max => {
                    self.issue(OUT_OF_RANGE, format!("expected {min} to {max}, got {n}"));
                }
                Some(_) => {}
            },
            Rule::Bool => {
                if s != "true" && s != "false" {
                    bad(self, "expected \"true\" or \"false\"");
                }
            }
            Rule::DateTime | Rule::FutureDateTime => match parse_offset_datetime(s) {
                Err(msg) => bad(self, msg),
                Ok(t) => {
                    if let (Rule::FutureDateTime, Some(now)) = (f.rule, self.opts.now_ms) {
                        if t <= now {
                            self.issue(IN_THE_PAST, "this time has already passed".into());
                        }
                    }
                }
            },
            Rule::Url => {
                if let Err(msg) = check_url(s) {
                    bad(self, msg);
                }
            }
            Rule::Email => {
                let ok = s.split_once('@').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && b.contains('.')
                        && !b.contains('@')
                        && !s.contains(char::is_whitespace)
                });
                if !ok {
                    bad(self, "expected an e-mail address");
                }
            }
            Rule::Object(_) | Rule::List { .. } | Rule::Amount { .. } => {}
        }
    }
}

/// Control characters other than LF, CR and TAB (C0, DEL, and C1, which UTF-8 writes as
/// C2 80-9F). Line ends of either kind are text (`orderDescription` written with CRLF).
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && c != b'\n' && c != b'\r' && c != b'\t')
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// A plain decimal integer: optional `-`, digits, no leading zeros.
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

/// An absolute `http`/`https` URL with a host and no whitespace or control characters. A
/// fragment is allowed (`https://shop.example/#/paid` for a single-page app).
pub fn check_url(s: &str) -> Result<(), &'static str> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or("expected an absolute URL starting with https:// or http://")?;
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("URLs may not contain spaces or control characters");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return Err("the URL has no host");
    }
    Ok(())
}
