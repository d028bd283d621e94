//! A second implementation of the request walk, over `serde_json::Value`: the reference the
//! library's own one-pass reader is held to (tests/reader.rs and the `reader` fuzz target).
//! It shares only the scalar rules (`check_scalar`) with the library: the parsing, the structure,
//! presence, blanks, the constants, key order and escaping are its own.

use antom_checkout::json::push_str;
use antom_checkout::model::schema::{Field, Presence, Rule, AMOUNT};
use antom_checkout::validate::check_scalar;
use serde_json::{Map, Value};

/// The canonical body and the number of issues found (the body means something only without).
pub fn reference_walk(fields: &[Field], v: &Value, now_ms: Option<i64>) -> (String, usize) {
    let mut w = Ref {
        out: String::new(),
        issues: 0,
        now_ms,
        positive: false,
    };
    match v {
        Value::Object(m) => w.object(fields, m),
        _ => w.issues += 1,
    }
    (w.out, w.issues)
}

struct Ref {
    out: String,
    issues: usize,
    now_ms: Option<i64>,
    positive: bool,
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

impl Ref {
    fn object(&mut self, fields: &[Field], m: &Map<String, Value>) {
        self.issues += m
            .keys()
            .filter(|k| !fields.iter().any(|f| f.name == k.as_str()))
            .count();
        self.out.push('{');
        let mut first = true;
        for f in fields {
            let given = m.get(f.name).filter(|v| !blank(v));
            let mark = self.out.len();
            if !first {
                self.out.push(',');
            }
            push_str(&mut self.out, f.name);
            self.out.push(':');
            let wrote = match (given, f.presence, f.rule) {
                (Some(v), _, _) => {
                    self.value(f, v);
                    true
                }
                (None, Presence::Required, _) => {
                    self.issues += 1;
                    false
                }
                (None, Presence::Auto, Rule::Fixed(c)) => {
                    push_str(&mut self.out, c);
                    true
                }
                (None, Presence::Auto, Rule::Object(inner)) => {
                    self.object(inner, &Map::new());
                    true
                }
                _ => false,
            };
            if wrote {
                first = false;
            } else {
                self.out.truncate(mark);
            }
        }
        self.out.push('}');
    }

    fn value(&mut self, f: &Field, v: &Value) {
        match (f.rule, v) {
            (Rule::Object(inner), Value::Object(m)) => self.object(inner, m),
            (Rule::Amount { positive }, Value::Object(m)) => {
                let outer = self.positive;
                self.positive = positive;
                self.object(AMOUNT, m);
                self.positive = outer;
            }
            (Rule::List { max, item }, Value::Array(items)) => {
                if items.len() > max {
                    self.issues += 1;
                }
                self.out.push('[');
                for (i, el) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    match el {
                        Value::Object(m) => self.object(item, m),
                        _ => self.issues += 1,
                    }
                }
                self.out.push(']');
            }
            (Rule::Object(_) | Rule::Amount { .. } | Rule::List { .. }, _) => self.issues += 1,
            _ => self.scalar(f, v),
        }
    }

    fn scalar(&mut self, f: &Field, v: &Value) {
        let text = match (v, f.rule) {
            (Value::String(s), _) => s.clone(),
            (Value::Number(n), Rule::Int { .. }) if n.is_i64() || n.is_u64() => n.to_string(),
            (Value::Bool(b), Rule::Bool) => b.to_string(),
            _ => {
                self.issues += 1;
                return;
            }
        };
        if f.max > 0 && text.chars().count() > f.max {
            self.issues += 1;
        }
        if check_scalar(f.rule, &text, self.now_ms, self.positive).is_some() {
            self.issues += 1;
        }
        push_str(&mut self.out, &text);
    }
}
