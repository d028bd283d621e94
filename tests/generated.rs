//! The published types and the tables of docs/calls.md and docs/validation.md come from the Rust definitions; this test fails
#![cfg(not(target_arch = "wasm32"))]
//! when any drifts. `UPDATE_GENERATED=1 cargo test --test generated` rewrites them. Generated:
//! the request types (pay-request.d.ts, calls.d.ts: from the rule tables and src/calls.rs), the
//! code lists (codes.d.ts: from each `code_enum!`), the outcomes, notifications and their parts
//! (index.d.ts between `// generated:structures:start` and `:end`: from each `declared!`). Held
//! to the core member by member and type by type: the hand-written Issue, ParsedSignature,
//! PreparedRequest, NotificationAck and the options of index.d.ts.
use antom_checkout::model::pay::OBJECTS;
use antom_checkout::model::schema::{Field, Presence, Rule, AMOUNT};
use antom_checkout::CALLS;
use std::fmt::Write;
use std::path::PathBuf;

mod common;

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
            _ => "Set by the library when absent.".to_string(),
        },
    }];
    let rule = match f.rule {
        Rule::Text => String::new(),
        Rule::Id => "Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces.".into(),
        Rule::OneOf(list) => format!("One of {}.", list.join(", ")),
        Rule::Fixed(_) => String::new(),
        Rule::Currency => "ISO 4217 code, upper case.".into(),
        Rule::Mcc => "Four-digit merchant category code.".into(),
        Rule::Region => "ISO 3166 alpha-2 code, upper case.".into(),
        Rule::Int { min, max } => format!("Integer {min} to {max} (string or number)."),
        Rule::Bool => "\"true\" or \"false\" (or a boolean).".into(),
        Rule::DateTime => "A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second, e.g. 2025-01-01T12:05:00+09:00.".into(),
        Rule::FutureDateTime => "A date-time `YYYY-MM-DDTHH:MM:SS[.fraction]±HH:MM`: a numeric offset (not `Z`), within ±18:00, no leap second; not in the past, e.g. 2025-01-01T12:05:00+09:00.".into(),
        Rule::Url => "Absolute http(s) URL with a host (a fragment is allowed).".into(),
        Rule::Email => "E-mail address.".into(),
        Rule::Minor => "Integer in minor units: digits only, no leading zeros.".into(),
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
    // The other calls' requests (their nested objects are the pay request's).
    let mut seen: Vec<&str> = vec!["PayRequest"];
    for d in CALLS {
        let r = d.request;
        if seen.contains(&r.type_name) {
            continue;
        }
        seen.push(r.type_name);
        for f in r.fields {
            let _ = writeln!(out, "| {} | `{}` | {} |", r.type_name, f.name, rule_text(f));
        }
        if !r.one_of.is_empty() {
            let _ = writeln!(
                out,
                "| {} | | At least one of {}. |",
                r.type_name,
                r.one_of
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    out
}

/// A TypeScript union of string literals.
fn literals<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The calls' runtime table for the JavaScript client (pkg-template/calls.js).
fn calls_js() -> String {
    let mut out = String::from(
        "// Generated from src/calls.rs by tests/generated.rs. Do not edit.\n\n\
         /** Each call's client method and idempotency key, by its number in the core. */\n\
         export const CALLS = [\n",
    );
    for d in CALLS {
        let _ = writeln!(out, "  [\"{}\", \"{}\"],", d.method, d.request.key);
    }
    out.push_str("];\n");
    out
}

/// The calls' types (pkg-template/calls.d.ts): each call's request, the outcome of a call whose
/// outcome has no hand-written type, the kinds each call can end in (index.d.ts's hand-written
/// outcomes are held to them in tests/js/types-usage.ts), and the client's methods.
fn calls_ts() -> String {
    let mut out = String::from(
        "// Generated from src/calls.rs by tests/generated.rs. Do not edit.\n\n\
         import type { OutcomeBase, Amount, AmountValue, Redirect, ChallengeActionForm, PayRequest, PayOutcome, InquiryOutcome, CancelOutcome, CallOptions } from \"./index.js\";\n\n",
    );
    let hand_written = [
        "PayRequest",
        "PayOutcome",
        "InquiryOutcome",
        "CancelOutcome",
    ];
    let mut seen: Vec<&str> = Vec::new();
    for d in CALLS {
        let r = d.request;
        if hand_written.contains(&r.type_name) || seen.contains(&r.type_name) {
            continue;
        }
        seen.push(r.type_name);
        let field = |f: &Field, required: bool, pad: &str| {
            format!(
                "{pad}/** {} */\n{pad}{}{}: {};\n",
                rule_text(f),
                f.name,
                if required { "" } else { "?" },
                ts_type(f)
            )
        };
        let users: Vec<&str> = CALLS
            .iter()
            .filter(|c| c.request.type_name == r.type_name)
            .map(|c| c.name)
            .collect();
        let _ = writeln!(out, "/** The {} request. */", users.join(" and "));
        if r.one_of.is_empty() {
            let _ = writeln!(out, "export interface {} {{", r.type_name);
            for f in r.fields {
                out.push_str(&field(f, f.presence == Presence::Required, "  "));
            }
            out.push_str("}\n\n");
        } else {
            // One variant per id that may name the object.
            let _ = write!(out, "export type {} =", r.type_name);
            for id in r.one_of {
                out.push_str("\n  | {\n");
                for f in r.fields {
                    let needed = f.presence == Presence::Required || f.name == *id;
                    out.push_str(&field(f, needed, "      "));
                }
                out.push_str("    }");
            }
            out.push_str(";\n\n");
        }
    }
    for d in CALLS {
        if hand_written.contains(&d.outcome_type) {
            continue;
        }
        let kinds = literals(d.kinds.iter().map(|k| k.name()));
        let _ = writeln!(out, "/** What a {} call came to. */", d.name);
        let _ = writeln!(
            out,
            "export interface {} extends OutcomeBase {{",
            d.outcome_type
        );
        let _ = writeln!(out, "  kind: {kinds};");
        for name in d.answer {
            // The field's type is its Rust type's, from the outcome's declaration.
            assert!(
                antom_checkout::Outcome::READ_FROM.contains(name),
                "{}: the outcome's field {name} is not read from the answer",
                d.name
            );
            let (_, ty, optional, _) = antom_checkout::Outcome::TS_FIELDS
                .iter()
                .find(|f| f.0 == *name)
                .unwrap_or_else(|| panic!("{}: the outcome declares no field {name}", d.name));
            let _ = writeln!(out, "  {name}{}: {ty};", if *optional { "?" } else { "" });
        }
        out.push_str("}\n\n");
    }
    out.push_str("/** The outcome kinds each call can end in, by its client method. */\nexport interface CallKinds {\n");
    for d in CALLS {
        let _ = writeln!(
            out,
            "  {}: {};",
            d.method,
            literals(d.kinds.iter().map(|k| k.name()))
        );
    }
    out.push_str("}\n\n/** The field of each call's idempotency key, by its client method. */\nexport interface CallKeys {\n");
    for d in CALLS {
        let _ = writeln!(out, "  {}: \"{}\";", d.method, d.request.key);
    }
    out.push_str("}\n\n/** The client's calls: prepare, sign, send, verify and interpret, resending an unknown outcome with the same id and the byte-identical body. */\nexport interface AntomCalls {\n");
    for d in CALLS {
        let _ = writeln!(
            out,
            "  /** {} (POST {}). `options` for this call only (a signal, a timeout, resends). @throws {{AntomCheckoutError}} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */\n  {}(input: {}, options?: CallOptions): Promise<{}>;",
            d.name, d.request.endpoint, d.method, d.request.type_name, d.outcome_type
        );
    }
    out.push_str("}\n");
    out.replace(
        "{AntomCheckoutError}",
        "{import(\"./index.js\").AntomCheckoutError}",
    )
}

/// docs/calls.md's table of calls and of each call's own code table (pay's is checked against the
/// reference page by tests/outcomes.rs).
fn calls_md() -> String {
    let mut out = String::from("| call | path | idempotency key | outcome kinds | still unknown after every attempt |\n| --- | --- | --- | --- | --- |\n");
    for d in CALLS {
        let _ = writeln!(
            out,
            "| `{}` (`client.{}`) | `{}` | `{}` | {} | `{}`: {} |",
            d.name,
            d.method,
            d.request.endpoint,
            d.request.key,
            d.kinds
                .iter()
                .map(|k| format!("`{}`", k.name()))
                .collect::<Vec<_>>()
                .join(", "),
            d.still_unknown.0.name(),
            d.still_unknown.1
        );
    }
    out.push_str("\n| call | code | status | outcome | action | advice |\n| --- | --- | --- | --- | --- | --- |\n");
    let mut printed: Vec<Vec<&str>> = Vec::new();
    for d in CALLS {
        // Each call's own table, once (inquiryPayment and cancel read pay's).
        let Some(own) = d.codes.first() else { continue };
        let codes: Vec<&str> = own.iter().map(|c| c.code).collect();
        if printed.contains(&codes) {
            continue;
        }
        printed.push(codes);
        for c in own.iter() {
            let kind = match (c.status, c.processing) {
                ('S', _) => "as `S` reads",
                ('F', _) => "`failed`",
                ('U', true) => "`processing`",
                _ => "`unknown` (resent)",
            };
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} | {kind} | `{}` | {} |",
                d.name,
                c.code,
                c.status,
                c.action.name(),
                c.advice
            );
        }
    }
    out
}

#[test]
fn readme_calls_table_is_current() {
    check_doc_section("docs/calls.md", "calls", &calls_md());
}

/// Each call's answer fields (src/calls.rs) are fields of the outcome that the reader fills from
/// the answer (`redirect` from `redirectActionForm`, checked before it is kept).
#[test]
fn each_calls_answer_fields_are_read() {
    for d in CALLS {
        for name in d.answer {
            assert!(
                antom_checkout::Outcome::READ_FROM.contains(name) || *name == "redirect",
                "{}: the outcome's field {name} is not read from the answer",
                d.name
            );
        }
    }
}

#[test]
fn call_tables_are_current() {
    let js = calls_js();
    check_or_update(root().join("pkg-template/calls.js"), &js, &js);
    let ts = calls_ts();
    check_or_update(root().join("pkg-template/calls.d.ts"), &ts, &ts);
}

/// The rule tables as JSON, for the benchmark's peers (Ajv, zod, valibot) to apply the same rules.
fn rules_json() -> String {
    let mut tables: Vec<(&str, &[Field])> = OBJECTS.to_vec();
    tables.insert(2, ("Amount", AMOUNT));
    let currencies: Vec<String> = antom_checkout::known_currencies()
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
                // The amount's own rule (digits, zero) is the enclosing amount's.
                Rule::Minor => "\"type\":\"text\"".into(),
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

/// Checks (or rewrites) `file` between `<!-- name:start -->` and `<!-- name:end -->`.
fn check_doc_section(file: &str, name: &str, table: &str) {
    check_section(
        file,
        &format!("<!-- {name}:start -->\n"),
        &format!("<!-- {name}:end -->"),
        table,
    );
}

/// Checks (or rewrites) the text of the file `file` between the markers `start` and `end`.
fn check_section(file: &str, start: &str, end: &str, body: &str) {
    let path = root().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let whole = match (text.find(start), text.find(end)) {
        (Some(a), Some(b)) => format!("{}{start}{body}{}", &text[..a], &text[b..]),
        _ => panic!("{file} has no section {start}"),
    };
    check_or_update(path, &format!("{start}{body}{end}"), &whole);
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
    check_doc_section("docs/validation.md", "rules", &rules_table());
}

/// The code lists of the published types, from the Rust lists they mirror (each declared once
/// with `code_enum!`: its variants, the names JavaScript sees and its TypeScript name).
fn codes_ts() -> String {
    use antom_checkout::validate::IssueCode;
    use antom_checkout::{
        Action, EventType, Kind, NotificationKind, Reason, Refusal, ResolvedState, SendError,
        Verification,
    };
    let union = |items: Vec<String>| {
        items
            .iter()
            .map(|s| format!("\n  | \"{s}\""))
            .collect::<String>()
    };
    // Each enum's list, by the name serde writes (which must be the name the writer uses).
    fn names<T: serde::Serialize>(all: &[T], name: impl Fn(&T) -> &'static str) -> Vec<String> {
        all.iter()
            .map(|v| {
                let s = serde_json::to_value(v)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                assert_eq!(s, name(v));
                s
            })
            .collect()
    }
    let mut out =
        String::from("// Generated from the Rust code lists by tests/generated.rs. Do not edit.\n");
    let mut list = |doc: &str, ts: &str, items: Vec<String>| {
        let _ = write!(out, "\n/** {doc} */\nexport type {ts} ={};\n", union(items));
    };
    list(
        "Stable codes of an {@link Issue} (src/rules/validate.rs `IssueCode`).",
        IssueCode::TS_NAME,
        names(IssueCode::ALL, |c| c.name()),
    );
    list(
        "Stable codes of AntomCheckoutError (src/error.rs `Error::ALL_CODES`).",
        "ErrorCode",
        antom_checkout::Error::ALL_CODES
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    list(
        "What the merchant should do next (src/outcome.rs `Action`).",
        Action::TS_NAME,
        names(Action::ALL, |a| a.name()),
    );
    list(
        "What a call came to (src/outcome.rs `Kind`).",
        Kind::TS_NAME,
        names(Kind::ALL, |k| k.name()),
    );
    list(
        "Why an outcome is unknown (src/outcome.rs `Reason`).",
        Reason::TS_NAME,
        names(Reason::ALL, |r| r.name()),
    );
    list(
        "Why a notification was refused (src/notify.rs `Refusal`).",
        Refusal::TS_NAME,
        names(Refusal::ALL, |r| r.name()),
    );
    list(
        "What a notification says of the payment (src/notify.rs `NotificationKind`).",
        NotificationKind::TS_NAME,
        names(NotificationKind::ALL, |k| k.name()),
    );
    list(
        "Which event of a call it is (src/events.rs `EventType`).",
        EventType::TS_NAME,
        names(EventType::ALL, |k| k.name()),
    );
    list(
        "Why a send brought no answer the call could read (src/events.rs `SendError`).",
        SendError::TS_NAME,
        names(SendError::ALL, |k| k.name()),
    );
    list(
        "What became of an answer's signature (src/events.rs `Verification`).",
        Verification::TS_NAME,
        names(Verification::ALL, |k| k.name()),
    );
    list(
        "What a round of resolvePayment found (src/resolve.rs `ResolvedState`).",
        ResolvedState::TS_NAME,
        names(ResolvedState::ALL, |k| k.name()),
    );
    out
}

#[test]
fn typescript_code_lists_are_current() {
    let ts = codes_ts();
    check_or_update(root().join("pkg-template/codes.d.ts"), &ts, &ts);
}

/// One line of documentation from a Rust doc comment.
fn doc_line(doc: &str) -> String {
    doc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The TypeScript interface of a structure declared with `declared!` (src/declare.rs): a
/// flattened member (named `""`) becomes what the interface extends.
fn interface(name: &str, doc: &str, fields: &[(&str, &str, bool, &str)]) -> String {
    let mut out = String::new();
    if !doc.trim().is_empty() {
        let _ = writeln!(out, "/** {} */", doc_line(doc));
    }
    let extends: Vec<&str> = fields
        .iter()
        .filter(|f| f.0.is_empty())
        .map(|f| f.1)
        .collect();
    let _ = write!(out, "export interface {name} ");
    if !extends.is_empty() {
        let _ = write!(out, "extends {} ", extends.join(", "));
    }
    out.push_str("{\n");
    for (json, ts, optional, doc) in fields.iter().filter(|f| !f.0.is_empty()) {
        if !doc.trim().is_empty() {
            let _ = writeln!(out, "  /** {} */", doc_line(doc));
        }
        let _ = writeln!(out, "  {json}{}: {ts};", if *optional { "?" } else { "" });
    }
    out.push_str("}\n");
    out
}

/// index.d.ts's generated section: the outcomes, notifications and their parts, from their
/// declarations in src/outcome.rs and src/notify.rs.
fn structures_ts() -> String {
    use antom_checkout::*;
    let all = [
        (AmountOut::TS_NAME, AmountOut::TS_DOC, AmountOut::TS_FIELDS),
        (Redirect::TS_NAME, Redirect::TS_DOC, Redirect::TS_FIELDS),
        (Quote::TS_NAME, Quote::TS_DOC, Quote::TS_FIELDS),
        (
            PspCustomerInfo::TS_NAME,
            PspCustomerInfo::TS_DOC,
            PspCustomerInfo::TS_FIELDS,
        ),
        (
            ChallengeActionForm::TS_NAME,
            ChallengeActionForm::TS_DOC,
            ChallengeActionForm::TS_FIELDS,
        ),
        (
            PaymentDetails::TS_NAME,
            PaymentDetails::TS_DOC,
            PaymentDetails::TS_FIELDS,
        ),
        (
            Unverified::TS_NAME,
            Unverified::TS_DOC,
            Unverified::TS_FIELDS,
        ),
        (Outcome::TS_NAME, Outcome::TS_DOC, Outcome::TS_FIELDS),
        (
            Notification::TS_NAME,
            Notification::TS_DOC,
            Notification::TS_FIELDS,
        ),
        (
            RequestEvent::TS_NAME,
            RequestEvent::TS_DOC,
            RequestEvent::TS_FIELDS,
        ),
        (
            AnswerEvent::TS_NAME,
            AnswerEvent::TS_DOC,
            AnswerEvent::TS_FIELDS,
        ),
        (
            RetryEvent::TS_NAME,
            RetryEvent::TS_DOC,
            RetryEvent::TS_FIELDS,
        ),
        (
            OutcomeEvent::TS_NAME,
            OutcomeEvent::TS_DOC,
            OutcomeEvent::TS_FIELDS,
        ),
    ];
    let mut out = String::from(
        "// Generated from the Rust declarations (src/outcome.rs, src/notify.rs, src/events.rs) by tests/generated.rs. Do not edit.\n",
    );
    for (name, doc, fields) in all {
        out.push('\n');
        out.push_str(&interface(name, doc, fields));
    }
    out
}

#[test]
fn typescript_structures_are_current() {
    check_section(
        "pkg-template/index.d.ts",
        "// generated:structures:start\n",
        "// generated:structures:end",
        &structures_ts(),
    );
}

/// The members of `export interface name` in index.d.ts: name, optional, type.
fn declared_members(name: &str) -> Vec<(String, bool, String)> {
    let dts = std::fs::read_to_string(root().join("pkg-template/index.d.ts")).unwrap();
    let start = dts
        .find(&format!("\ninterface {name} "))
        .or_else(|| dts.find(&format!("export interface {name} ")))
        .unwrap_or_else(|| panic!("index.d.ts declares no interface {name}"));
    let body = &dts[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    let mut members = Vec::new();
    for line in body.lines().map(str::trim) {
        if line.starts_with("/*") || line.starts_with('*') || line.is_empty() {
            continue;
        }
        let line = line.trim_end_matches(';');
        let Some((key, ty)) = line.split_once(": ") else {
            continue;
        };
        let (key, optional) = match key.strip_suffix('?') {
            Some(k) => (k, true),
            None => (key, false),
        };
        members.push((key.to_string(), optional, ty.trim().to_string()));
    }
    members
}

/// Whether a JSON value is of the TypeScript type `ts` (the types hand-written interfaces use).
fn value_fits(v: &serde_json::Value, ts: &str) -> bool {
    use antom_checkout::validate::IssueCode;
    match ts {
        "string" => v.is_string(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "IssueCode" => IssueCode::ALL.iter().any(|c| v == c.name()),
        "ResolvedState" => antom_checkout::ResolvedState::ALL
            .iter()
            .any(|c| v == c.name()),
        // An outcome: its members are held by the generated OutcomeBase and the calls' kinds.
        "InquiryOutcome | CancelOutcome" | "CancelOutcome" => {
            v.get("kind").is_some_and(serde_json::Value::is_string)
        }
        "Record<string, string>" => v
            .as_object()
            .is_some_and(|m| m.values().all(serde_json::Value::is_string)),
        _ if ts.starts_with('"') => ts
            .split(" | ")
            .any(|lit| v.as_str().is_some_and(|s| format!("\"{s}\"") == lit)),
        _ => panic!("no check for the TypeScript type {ts}"),
    }
}

/// A hand-written interface of index.d.ts against what the core serializes: the same members,
/// each of the same type, optional exactly when the smallest value leaves it out. `renamed`
/// maps a Rust key to the key the JS glue publishes it under.
fn check_interface(
    name: &str,
    full: serde_json::Value,
    least: serde_json::Value,
    renamed: &[(&str, &str)],
) {
    let rename = |k: &str| {
        renamed
            .iter()
            .find(|(from, _)| *from == k)
            .map_or(k.to_string(), |(_, to)| to.to_string())
    };
    let full: Vec<(String, serde_json::Value)> = full
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (rename(k), v.clone()))
        .collect();
    let least: Vec<String> = least
        .as_object()
        .unwrap()
        .keys()
        .map(|k| rename(k))
        .collect();
    let declared = declared_members(name);
    for (key, value) in &full {
        let (_, optional, ty) = declared
            .iter()
            .find(|d| d.0 == *key)
            .unwrap_or_else(|| panic!("{name} in index.d.ts does not declare `{key}`"));
        assert!(value_fits(value, ty), "{name}.{key}: {value} is not a {ty}");
        assert_eq!(
            *optional,
            !least.contains(key),
            "{name}.{key}: optional in index.d.ts exactly when the core may leave it out"
        );
    }
    for (key, ..) in &declared {
        assert!(
            full.iter().any(|(k, _)| k == key),
            "{name}.{key} is declared in index.d.ts but the core never writes it"
        );
    }
}

/// The published structures the Rust declarations do not generate (issues, parsed Signature
/// headers, prepared requests) are held to what the core returns, member by member and type by
/// type; no `null` is ever sent where the types promise an optional field.
#[test]
fn hand_written_structures_match_what_the_core_returns() {
    let to = |v: &dyn erased::Ser| v.value();
    let issue = antom_checkout::validate_pay(
        &serde_json::json!({}),
        None,
        &antom_checkout::PayRules::default(),
    )
    .unwrap()
    .into_iter()
    .next()
    .expect("an empty request has issues");
    check_interface("Issue", to(&issue), to(&issue), &[]);
    let full =
        antom_checkout::parse_signature_header("algorithm=RSA256,keyVersion=1,signature=abcd")
            .unwrap();
    let least = antom_checkout::parse_signature_header("signature=abcd").unwrap();
    check_interface("ParsedSignature", to(&full), to(&least), &[]);
    let cfg = antom_checkout::PrepareConfig::from_json(
        r#"{"clientId":"C","gateway":"sg","requestTime":"1735700400123"}"#,
    )
    .unwrap();
    let p = antom_checkout::prepare_pay(&common::valid_request(), &cfg, 0).unwrap();
    // The glue publishes the content to sign whole (the prefix the core gives, then the body).
    check_interface(
        "PreparedRequest",
        to(&p),
        to(&p),
        &[("contentPrefix", "contentToSign")],
    );
    // The acknowledgement the boundary writes with a notification's result.
    let result = antom_checkout::NotifyResult(Err(antom_checkout::Refusal::Stale));
    let written: serde_json::Value =
        serde_json::from_str(&antom_checkout::to_json(&result)).unwrap();
    check_interface(
        "NotificationAck",
        written["ack"].clone(),
        written["ack"].clone(),
        &[],
    );
    // The generated ones hold no null either.
    let mut o = antom_checkout::interpret_pay(200, r#"{"result":{"resultStatus":"U"}}"#);
    o.attempts = Some(1);
    for v in [
        to(&o),
        to(&o.clone().refuse(antom_checkout::Reason::Timeout, "a")),
    ] {
        assert!(!v.to_string().contains("null"), "{v}");
    }
}

/// Serde values of anything serializable, behind one object-safe call.
mod erased {
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

/// The options index.d.ts declares are the options the core reads, by name and by type: each
/// declared option of its declared type is accepted, one of another type refused, and an
/// undeclared one refused with the list of what the core reads, which must be the declared list.
#[test]
fn published_options_are_the_options_the_core_reads() {
    use antom_checkout::{ClientConfig, PrepareConfig};
    let base = r#""clientId":"C","gateway":"sg""#;
    // The configuration with `key` set to the JSON `value`.
    let with = |key: &str, value: &str| {
        let mut m: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&format!("{{{base}}}")).unwrap();
        m.insert(key.to_string(), serde_json::from_str(value).unwrap());
        serde_json::Value::Object(m).to_string()
    };
    // The options the core reads, from its own refusal of an unknown one.
    let known = |err: antom_checkout::Error| -> Vec<String> {
        let m = err.to_string();
        let list = &m[m.find("expected ").expect("the refusal lists the options") + 9..];
        let mut v: Vec<String> = list.split(", ").map(str::to_string).collect();
        v.sort();
        v
    };
    let declared = |names: &[&str]| {
        let mut all: Vec<(String, bool, String)> = Vec::new();
        for n in names {
            all.extend(declared_members(n));
        }
        all
    };
    fn sample(ty: &str) -> (Vec<&str>, &'static str) {
        match ty {
            // A Request-Time, which every string option takes.
            "string" => (vec!["\"1735700400123\""], "true"),
            "boolean" => (vec!["true", "false"], "\"yes\""),
            "number" => (vec!["5"], "\"5\""),
            "string | number" => (vec!["\"2\"", "2"], "true"),
            "Gateway" => (
                vec!["\"sg\"", "\"https://open-sea-global.alipay.com\""],
                "1",
            ),
            "string[]" => (vec!["[\"myapp\"]"], "\"myapp\""),
            "{ maxAttempts?: number; delayMs?: number }" => {
                (vec!["{\"maxAttempts\":2,\"delayMs\":5}"], "3")
            }
            _ if ty.starts_with('"') => (ty.split(" | ").collect(), "\"other\""),
            _ => panic!("no sample for the option type {ty}"),
        }
    }
    // Prepare options: GatewayOptions and PrepareConfig.
    let prepare = declared(&["GatewayOptions", "PrepareConfig"]);
    let mut names: Vec<String> = prepare.iter().map(|d| d.0.clone()).collect();
    names.sort();
    let err = PrepareConfig::from_json(&format!("{{{base},\"nope\":1}}")).unwrap_err();
    assert_eq!(known(err), names, "PrepareConfig: declared options");
    for (key, optional, ty) in &prepare {
        let (good, bad) = sample(ty);
        for g in good {
            let text = with(key, g);
            let ok = PrepareConfig::from_json(&text);
            assert!(ok.is_ok(), "{key}: {g} is a {ty} and refused: {ok:?}");
        }
        let text = with(key, bad);
        assert!(
            PrepareConfig::from_json(&text).is_err(),
            "{key}: {bad} is no {ty}"
        );
        if !optional {
            let without = if key == "clientId" {
                r#"{"gateway":"sg"}"#
            } else {
                r#"{"clientId":"C"}"#
            };
            assert!(
                PrepareConfig::from_json(without).is_err(),
                "{key} is required"
            );
        }
    }
    // Client options: GatewayOptions and ClientOptionsBase, less the host's callbacks, and the
    // verification decision.
    let mut client = declared(&["GatewayOptions", "ClientOptionsBase"]);
    // Every host callback the core hints at is declared, and the rest are the core's options.
    for cb in antom_checkout::HOST_CALLBACKS {
        assert!(
            *cb == "verify" || client.iter().any(|d| d.0 == *cb),
            "the host callback {cb} is not declared in ClientOptionsBase"
        );
    }
    client.retain(|d| !antom_checkout::HOST_CALLBACKS.contains(&d.0.as_str()));
    client.push(("trustUnverifiedAnswers".into(), true, "boolean".into()));
    let mut names: Vec<String> = client.iter().map(|d| d.0.clone()).collect();
    names.sort();
    let err = ClientConfig::from_json(&format!("{{{base},\"nope\":1}}")).unwrap_err();
    assert_eq!(known(err), names, "AntomClientOptions: declared options");
    for (key, _, ty) in &client {
        let (good, bad) = sample(ty);
        for g in good {
            let text = with(key, g);
            let ok = ClientConfig::from_json(&text);
            assert!(ok.is_ok(), "{key}: {g} is a {ty} and refused: {ok:?}");
        }
        let text = with(key, bad);
        assert!(
            ClientConfig::from_json(&text).is_err(),
            "{key}: {bad} is no {ty}"
        );
    }
}

/// CallOptions in index.d.ts are the per-call options the core reads (and the signal JavaScript
/// keeps).
#[test]
fn published_call_options_are_the_ones_the_core_reads() {
    use antom_checkout::CallOptions;
    let mut declared: Vec<String> = declared_members("CallOptions")
        .into_iter()
        .map(|d| d.0)
        .filter(|n| n != antom_checkout::CALL_SIGNAL)
        .collect();
    declared.sort();
    let m = CallOptions::from_json(r#"{"nope":1}"#)
        .unwrap_err()
        .to_string();
    let mut known: Vec<String> = m[m.find("expected ").unwrap() + 9..]
        .split(", ")
        .map(str::to_string)
        .collect();
    known.sort();
    assert_eq!(known, declared);
    // A misspelt signal is hinted, and the values are checked.
    let m = CallOptions::from_json(r#"{"signl":"[function]"}"#)
        .unwrap_err()
        .to_string();
    assert!(m.contains("did you mean \"signal\""), "{m}");
    assert!(CallOptions::from_json(r#"{"timeoutMs":0}"#).is_err());
    assert!(CallOptions::from_json(r#"{"retry":{"maxAttempts":11}}"#).is_err());
    let o = CallOptions::from_json(r#"{"timeoutMs":2000,"retry":{"maxAttempts":1}}"#).unwrap();
    assert_eq!(
        (o.timeout_ms, o.max_attempts, o.delay_ms),
        (Some(2000), Some(1), None)
    );
}

/// The codes the JS glue throws are in the generated ErrorCode, and each code the core lists as
/// the glue's is thrown by it.
#[test]
fn the_glue_throws_only_published_codes() {
    let mut thrown: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(root().join("pkg-template")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "js") {
            let js = std::fs::read_to_string(&path).unwrap();
            for part in js.split("new AntomCheckoutError(\"").skip(1) {
                let code = &part[..part.find('"').unwrap()];
                assert!(
                    antom_checkout::Error::ALL_CODES.contains(&code),
                    "{} throws {code}, which ErrorCode does not list",
                    path.display()
                );
                thrown.push(code.to_string());
            }
        }
    }
    assert!(thrown.len() > 10, "the glue was not read");
    for code in antom_checkout::Error::GLUE_CODES {
        assert!(
            thrown.iter().any(|t| t == code),
            "src/error.rs lists {code} as the glue's, and no pkg-template/*.js throws it"
        );
    }
}

/// The acknowledgement the JavaScript API publishes is the core's, byte for byte.
#[test]
fn the_published_notification_ack_is_the_cores() {
    let core = std::fs::read_to_string(root().join("pkg-template/core.js")).unwrap();
    let line = core
        .lines()
        .find(|l| l.starts_with("export const NOTIFICATION_ACK = "))
        .expect("NOTIFICATION_ACK is published");
    let text = line
        .trim_start_matches("export const NOTIFICATION_ACK = '")
        .trim_end_matches("';");
    assert_eq!(text, antom_checkout::ACK_BODY);
}

/// What `resolvePayment` takes and answers, held to Rust: `PaymentToResolve` declares exactly the
/// members `PaymentToResolve::from_json` reads, each accepted in its declared type and refused in
/// another; `Resolution` is what Rust writes of a round (`Resolved`) with the outcomes the glue
/// adds (the round's last, and the cancel's when it cancelled); `CallOptions` declares the
/// options `CallOptions::from_json` reads, of their types, and the signal the glue keeps.
#[test]
fn resolve_payment_and_call_options_match_rust() {
    use antom_checkout::{CallOptions, PaymentToResolve, Resolved, ResolvedState};
    // PaymentToResolve, by the core's own refusal of an unknown member and by type.
    let declared = declared_members("PaymentToResolve");
    let err = PaymentToResolve::from_json(r#"{"paymentRequestId":"P","expiresAt":1,"nope":1}"#)
        .unwrap_err()
        .to_string();
    let listed = &err[err
        .find("expected ")
        .expect("the refusal lists the members")
        + 9..];
    let mut read: Vec<&str> = listed.split(", ").map(|k| k.trim_matches('"')).collect();
    read.sort_unstable();
    let mut names: Vec<&str> = declared.iter().map(|d| d.0.as_str()).collect();
    names.sort_unstable();
    assert_eq!(read, names, "PaymentToResolve: declared members");
    let samples = |ty: &str| -> (Vec<&'static str>, &'static str) {
        match ty {
            "string" => (vec!["\"PR_1\""], "1"),
            "number" => (vec!["2"], "\"2\""),
            "number | string" => (
                vec!["1735700400123", "\"2026-12-05T10:00:00+00:00\""],
                "true",
            ),
            _ => panic!("no sample for {ty}"),
        }
    };
    let base = |skip: &str| {
        let mut m = serde_json::Map::new();
        for (k, v) in [
            ("paymentRequestId", "\"PR_1\""),
            ("expiresAt", "1735700400123"),
        ] {
            if k != skip {
                m.insert(k.into(), serde_json::from_str(v).unwrap());
            }
        }
        m
    };
    for (key, optional, ty) in &declared {
        let (good, bad) = samples(ty);
        let with = |v: &str| {
            let mut m = base("");
            m.insert(key.clone(), serde_json::from_str(v).unwrap());
            serde_json::Value::Object(m).to_string()
        };
        for g in good {
            let r = PaymentToResolve::from_json(&with(g));
            assert!(
                r.is_ok(),
                "PaymentToResolve.{key}: {g} is a {ty} and refused: {r:?}"
            );
        }
        assert!(
            PaymentToResolve::from_json(&with(bad)).is_err(),
            "PaymentToResolve.{key}: {bad} is no {ty}"
        );
        let without = serde_json::Value::Object(base(key)).to_string();
        assert_eq!(
            PaymentToResolve::from_json(&without).is_ok(),
            *optional,
            "PaymentToResolve.{key}: optional in index.d.ts exactly when the core reads it without"
        );
    }
    // Resolution: the round as Rust writes it, and the outcomes the glue adds.
    let written = |r: &Resolved| -> serde_json::Value {
        serde_json::from_str(&antom_checkout::to_json(r)).unwrap()
    };
    let outcome = serde_json::to_value(antom_checkout::interpret_pay(
        200,
        r#"{"result":{"resultStatus":"U"}}"#,
    ))
    .unwrap();
    let mut full = written(&Resolved {
        state: ResolvedState::Pending,
        check_again_at: Some(1_735_700_400_123),
        round: 2,
    });
    full["outcome"] = outcome.clone();
    full["cancel"] = outcome.clone();
    let mut least = written(&Resolved {
        state: ResolvedState::Paid,
        check_again_at: None,
        round: 3,
    });
    least["outcome"] = outcome;
    check_interface("Resolution", full, least, &[]);
    // CallOptions: the core's options by name and type, and the glue's signal.
    let declared = declared_members("CallOptions");
    let err = CallOptions::from_json(r#"{"nope":1}"#)
        .unwrap_err()
        .to_string();
    for (key, optional, ty) in &declared {
        assert!(optional, "CallOptions.{key} is optional");
        if key == antom_checkout::CALL_SIGNAL {
            assert_eq!(ty, "AbortSignal", "the glue's signal");
            continue;
        }
        let listed = &err[err
            .find("expected ")
            .expect("the refusal lists the options")
            + 9..];
        assert!(
            listed.split(", ").any(|k| k == key),
            "CallOptions.{key} is not read by the core: {err}"
        );
        let (good, bad) = match ty.as_str() {
            "number" => ("5", "\"5\""),
            "{ maxAttempts?: number; delayMs?: number }" => {
                ("{\"maxAttempts\":2,\"delayMs\":5}", "3")
            }
            _ => panic!("no sample for the call option type {ty}"),
        };
        let r = CallOptions::from_json(&format!("{{\"{key}\":{good}}}"));
        assert!(
            r.is_ok(),
            "CallOptions.{key}: {good} is a {ty} and refused: {r:?}"
        );
        assert!(
            CallOptions::from_json(&format!("{{\"{key}\":{bad}}}")).is_err(),
            "CallOptions.{key}: {bad} is no {ty}"
        );
    }
    let listed = &err[err
        .find("expected ")
        .expect("the refusal lists the options")
        + 9..];
    for k in listed.split(", ") {
        assert!(
            declared.iter().any(|d| d.0 == k),
            "the call option {k} is not declared"
        );
    }
}

/// The `Gateway` type's region names are the regions the core knows (`REGIONS`), no more, no less.
#[test]
fn gateway_regions_match_rust() {
    let dts = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pkg-template/index.d.ts"
    ))
    .unwrap();
    let line = dts
        .lines()
        .find(|l| l.starts_with("export type Gateway = "))
        .expect("index.d.ts declares Gateway");
    let mut declared: Vec<&str> = line
        .split(" | ")
        .filter_map(|p| {
            p.trim_start_matches("export type Gateway = ")
                .strip_prefix('"')
        })
        .map(|p| p.trim_end_matches('"'))
        .collect();
    let mut known: Vec<&str> = antom_checkout::REGIONS.iter().map(|(n, _)| *n).collect();
    declared.sort_unstable();
    known.sort_unstable();
    assert_eq!(declared, known, "Gateway in index.d.ts against REGIONS");
}
