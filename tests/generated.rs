//! The TypeScript request types and the README's rules table are generated from the rule tables;
#![cfg(not(target_arch = "wasm32"))]
//! this test fails when either drifts. `UPDATE_GENERATED=1 cargo test --test generated` rewrites them.
use antom_checkout::model::pay::OBJECTS;
use antom_checkout::model::schema::{Field, Presence, Rule, AMOUNT};
use std::fmt::Write;
use std::path::PathBuf;

fn name_of(table: &[Field]) -> &'static str {
    if std::ptr::eq(table.as_ptr(), AMOUNT.as_ptr()) {
        return "Amount";
    }
    OBJECTS
        .iter()
        .find(|(_, t)| std::ptr::eq(t.as_ptr(), table.as_ptr()))
        .map(|(n, _)| *n)
        .expect("every table is named")
}

fn ts_type(f: &Field) -> String {
    match f.rule {
        Rule::Fixed(c) => format!("\"{c}\""),
        Rule::OneOf(list) => list
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(" | "),
        Rule::Int { .. } => "string | number".into(),
        Rule::Bool => "\"true\" | \"false\" | boolean".into(),
        Rule::Object(t) => name_of(t).into(),
        Rule::List { item, .. } => format!("{}[]", name_of(item)),
        Rule::Amount { .. } => "Amount".into(),
        _ => "string".into(),
    }
}

fn rule_text(f: &Field) -> String {
    let mut parts = vec![match f.presence {
        Presence::Required => "Required.".to_string(),
        Presence::Optional => "Optional.".to_string(),
        Presence::Auto => match f.rule {
            Rule::Fixed(c) => format!("Set by the library to \"{c}\"; any other value is refused."),
            Rule::Object(_) => "Set by the library when absent.".to_string(),
            _ => "Generated (128 random bits) when absent; read it back from the prepared request."
                .to_string(),
        },
    }];
    let rule = match f.rule {
        Rule::Text => String::new(),
        Rule::Id => "Letters, digits, `_` and `-` only.".into(),
        Rule::OneOf(list) => format!("One of {}.", list.join(", ")),
        Rule::Fixed(_) => String::new(),
        Rule::Currency => "ISO 4217 code, upper case.".into(),
        Rule::Mcc => "Four-digit merchant category code.".into(),
        Rule::Region => "ISO 3166 alpha-2 code, upper case.".into(),
        Rule::Int { min, max } => format!("Integer {min} to {max} (string or number)."),
        Rule::Bool => "\"true\" or \"false\" (or a boolean).".into(),
        Rule::DateTime => "ISO 8601 with a numeric offset, e.g. 2025-01-01T12:05:00+09:00.".into(),
        Rule::FutureDateTime => "ISO 8601 with a numeric offset; not in the past.".into(),
        Rule::Url => "Absolute http(s) URL without fragment.".into(),
        Rule::Email => "E-mail address.".into(),
        Rule::Object(_) => String::new(),
        Rule::List { max, .. } => format!("At most {max} elements."),
        Rule::Amount { positive } => {
            if positive {
                "Amount; value greater than zero.".into()
            } else {
                "Amount.".into()
            }
        }
    };
    if !rule.is_empty() {
        parts.push(rule);
    }
    if f.max > 0 && !matches!(f.rule, Rule::Fixed(_) | Rule::OneOf(_)) {
        parts.push(format!("At most {} characters.", f.max));
    }
    parts.join(" ")
}

fn typescript() -> String {
    let mut out =
        String::from("// Generated from src/model/pay.rs by tests/generated.rs. Do not edit.\n\n");
    let mut tables: Vec<(&str, &[Field])> = OBJECTS.to_vec();
    tables.insert(2, ("Amount", AMOUNT));
    tables.dedup_by_key(|(n, _)| *n);
    for (name, fields) in tables {
        let doc = match name {
            "PayRequest" => "The pay (Entry Code Payment) request. Scalars are strings on the wire; the library writes them.",
            "Amount" => "An amount: `value` is an integer string in the currency's minor units (USD 12.34 is \"1234\"; see toMinorUnits).",
            _ => "",
        };
        if !doc.is_empty() {
            let _ = writeln!(out, "/** {doc} */");
        }
        let _ = writeln!(out, "export interface {name} {{");
        for f in fields {
            let optional = if f.presence == Presence::Required {
                ""
            } else {
                "?"
            };
            let text = if name == "Amount" && f.name == "value" {
                "Required. Integer in minor units, digits only, no leading zeros. At most 16 characters.".to_string()
            } else {
                rule_text(f)
            };
            let _ = writeln!(
                out,
                "  /** {text} */\n  {}{optional}: {};",
                f.name,
                ts_type(f)
            );
        }
        out.push_str("}\n\n");
    }
    out.trim_end().to_string() + "\n"
}

fn rules_table() -> String {
    let mut out = String::from("| object | field | rule |\n| --- | --- | --- |\n");
    let mut tables: Vec<(&str, &[Field])> = OBJECTS.to_vec();
    tables.insert(2, ("Amount", AMOUNT));
    for (name, fields) in tables {
        for f in fields {
            let text = if name == "Amount" && f.name == "value" {
                "Required. Integer in minor units, digits only, no leading zeros; greater than zero for paymentAmount and orderAmount. At most 16 characters.".to_string()
            } else {
                rule_text(f)
            };
            let _ = writeln!(out, "| {name} | `{}` | {text} |", f.name);
        }
    }
    out
}

/// The rule tables as JSON, for the benchmark's peers (Ajv, zod, valibot) to apply the same rules.
fn rules_json() -> String {
    let mut tables: Vec<(&str, &[Field])> = OBJECTS.to_vec();
    tables.insert(2, ("Amount", AMOUNT));
    let currencies: Vec<String> = antom_checkout::currency::known_currencies()
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect();
    let mut out = format!("{{\n  \"$currencies\": [{}],\n", currencies.join(","));
    for (i, (name, fields)) in tables.iter().enumerate() {
        let _ = writeln!(out, "  \"{name}\": [");
        for (j, f) in fields.iter().enumerate() {
            let presence = match f.presence {
                Presence::Required => "required",
                Presence::Optional => "optional",
                Presence::Auto => "auto",
            };
            let rule = match f.rule {
                Rule::Text => "\"type\":\"text\"".to_string(),
                Rule::Id => "\"type\":\"id\"".into(),
                Rule::OneOf(list) => format!("\"type\":\"oneOf\",\"values\":{:?}", list),
                Rule::Fixed(c) => format!("\"type\":\"fixed\",\"value\":{c:?}"),
                Rule::Currency => "\"type\":\"currency\"".into(),
                Rule::Mcc => "\"type\":\"mcc\"".into(),
                Rule::Region => "\"type\":\"region\"".into(),
                Rule::Int { min, max } => format!("\"type\":\"int\",\"min\":{min},\"max\":{max}"),
                Rule::Bool => "\"type\":\"bool\"".into(),
                Rule::DateTime => "\"type\":\"datetime\"".into(),
                Rule::FutureDateTime => "\"type\":\"futureDatetime\"".into(),
                Rule::Url => "\"type\":\"url\"".into(),
                Rule::Email => "\"type\":\"email\"".into(),
                Rule::Object(t) => format!("\"type\":\"object\",\"of\":\"{}\"", name_of(t)),
                Rule::List { max, item } => format!(
                    "\"type\":\"list\",\"max\":{max},\"of\":\"{}\"",
                    name_of(item)
                ),
                Rule::Amount { positive } => format!("\"type\":\"amount\",\"positive\":{positive}"),
            };
            let comma = if j + 1 < fields.len() { "," } else { "" };
            let _ = writeln!(
                out,
                "    {{\"name\":\"{}\",\"presence\":\"{presence}\",\"max\":{},{rule}}}{comma}",
                f.name, f.max
            );
        }
        let comma = if i + 1 < tables.len() { "," } else { "" };
        let _ = writeln!(out, "  ]{comma}");
    }
    out.push_str("}\n");
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_or_update(path: PathBuf, want: &str, whole: &str) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, whole).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have.contains(want),
        "{} is stale: run UPDATE_GENERATED=1 cargo test --test generated",
        path.display()
    );
}

#[test]
fn typescript_request_types_are_current() {
    let ts = typescript();
    check_or_update(root().join("pkg-template/pay-request.d.ts"), &ts, &ts);
}

#[test]
fn benchmark_rules_are_current() {
    let json = rules_json();
    check_or_update(root().join("tests/js/bench/rules.json"), &json, &json);
}

#[test]
fn readme_rules_table_is_current() {
    let table = rules_table();
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let whole = match (readme.find(start), readme.find(end)) {
        (Some(a), Some(b)) => format!("{}{start}{table}{}", &readme[..a], &readme[b..]),
        _ => readme.clone(),
    };
    check_or_update(path, &table, &whole);
}
