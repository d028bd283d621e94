//! The TypeScript request types and the README's rules table are generated from the rule tables;
#![cfg(not(target_arch = "wasm32"))]
//! this test fails when either drifts. `UPDATE_GENERATED=1 cargo test --test generated` rewrites them.
use antom_checkout::model::pay::OBJECTS;
use antom_checkout::model::schema::{Field, Presence, Rule, AMOUNT};
use antom_checkout::CALLS;
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
        Rule::DateTime => "ISO 8601 with a numeric offset, e.g. 2025-01-01T12:05:00+09:00.".into(),
        Rule::FutureDateTime => "ISO 8601 with a numeric offset; not in the past.".into(),
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
         import type { OutcomeBase, Amount, AmountValue, Redirect, ChallengeActionForm, PayRequest, PayOutcome, InquiryOutcome, CancelOutcome } from \"./index.js\";\n\n",
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
            let ty = match *name {
                n if n.ends_with("Amount") => "AmountValue",
                "redirect" => "Redirect",
                "challengeActionForm" => "ChallengeActionForm",
                _ => "string",
            };
            let _ = writeln!(out, "  {name}?: {ty};");
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
            "  /** {} (POST {}). @throws {{AntomCheckoutError}} INVALID_REQUEST (nothing sent) */\n  {}(input: {}): Promise<{}>;",
            d.name, d.request.endpoint, d.method, d.request.type_name, d.outcome_type
        );
    }
    out.push_str("}\n");
    out.replace(
        "{AntomCheckoutError}",
        "{import(\"./index.js\").AntomCheckoutError}",
    )
}

/// The README's table of calls and of each call's own code table (pay's is checked against the
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
    check_readme_section("calls", &calls_md());
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

/// Checks (or rewrites) the README between `<!-- name:start -->` and `<!-- name:end -->`.
fn check_readme_section(name: &str, table: &str) {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = (
        format!("<!-- {name}:start -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let whole = match (readme.find(&start), readme.find(&end)) {
        (Some(a), Some(b)) => format!("{}{start}{table}{}", &readme[..a], &readme[b..]),
        _ => readme.clone(),
    };
    check_or_update(path, table, &whole);
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
    check_readme_section("rules", &rules_table());
}

/// The code lists of the published types, from the Rust lists they mirror.
fn codes_ts() -> String {
    use antom_checkout::{Action, Kind, Reason};
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
    let actions = names(Action::ALL, |a| a.name());
    let kinds = names(Kind::ALL, |k| k.name());
    let issue_codes = names(antom_checkout::validate::IssueCode::ALL, |c| c.name());
    let reasons = names(Reason::ALL, |r| r.name());
    let refusals = names(antom_checkout::Refusal::ALL, |r| r.name());
    let strs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    format!(
        "// Generated from the Rust code lists by tests/generated.rs. Do not edit.\n\n\
         /** Stable codes of an {{@link Issue}} (src/rules/validate.rs `IssueCode`). */\n\
         export type IssueCode ={};\n\n\
         /** Stable codes of AntomCheckoutError (src/error.rs `Error::ALL_CODES`). */\n\
         export type ErrorCode ={};\n\n\
         /** What the merchant should do next (src/outcome.rs `Action`). */\n\
         export type Action ={};\n\n\
         /** What a call came to (src/outcome.rs `Kind`). */\n\
         export type OutcomeKind ={};\n\n\
         /** Why an outcome is unknown (src/outcome.rs `Reason`). */\n\
         export type UnknownReason ={};\n\n\
         /** Why a notification was refused (src/notify.rs `Refusal`). */\n\
         export type NotificationRefusal ={};\n",
        union(issue_codes),
        union(strs(antom_checkout::Error::ALL_CODES)),
        union(actions),
        union(kinds),
        union(reasons),
        union(refusals),
    )
}

#[test]
fn typescript_code_lists_are_current() {
    let ts = codes_ts();
    check_or_update(root().join("pkg-template/codes.d.ts"), &ts, &ts);
}

/// Every key a fully populated Rust structure serializes to is declared in index.d.ts, and no
/// `null` is ever sent where the types promise an optional field.
#[test]
fn published_structures_match_what_the_core_returns() {
    use antom_checkout::{interpret_pay, Kind, Outcome};
    let dts = std::fs::read_to_string(root().join("pkg-template/index.d.ts")).unwrap();
    let declared =
        |key: &str| dts.contains(&format!("  {key}?:")) || dts.contains(&format!("  {key}:"));
    fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
        if let Some(m) = v.as_object() {
            for (k, v) in m {
                assert!(
                    !v.is_null(),
                    "{k} is null: the types promise an optional field"
                );
                out.push(k.clone());
                if k != "raw" {
                    keys(v, out);
                }
            }
        }
    }
    let full_answer = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"m"},
        "paymentRequestId":"P","paymentId":"I","paymentAmount":{"currency":"SGD","value":"1"},
        "paymentCreateTime":"t","paymentTime":"t","authExpiryTime":"t","extendInfo":"{}",
        "actualPaymentAmount":{"currency":"SGD","value":"1"},"grossSettlementAmount":{"currency":"SGD","value":"1"},
        "paymentQuote":{"quoteId":"q","quoteCurrencyPair":"A/B","quotePrice":"1","quoteStartTime":"t","quoteExpiryTime":"t","guaranteed":"true","exchangeAmount":{"currency":"SGD","value":"1"}},
        "settlementQuote":{"quoteId":"q"},
        "pspCustomerInfo":{"pspName":"a","pspCustomerId":"b","displayCustomerId":"c","displayCustomerName":"d","customer2088Id":"e","extendInfo":"f"},
        "challengeActionForm":{"challengeType":"a","challengeRenderValue":"b","triggerSource":"c","extendInfo":"d"},
        "redirectActionForm":{"method":"GET","redirectUrl":"https://w.example/","parameters":"p","actionFormType":"RedirectActionForm"}}"#;
    let mut o: Outcome = interpret_pay(200, full_answer);
    assert_eq!(o.kind, Kind::Redirect);
    o.reason = Some(antom_checkout::Reason::Timeout);
    o.attempts = Some(1);
    o.payment_status = Some("S".into());
    o.payment_result_code = Some("S".into());
    o.payment_result_message = Some("S".into());
    o.cancel_time = Some("t".into());
    let refused = o.clone().refuse(antom_checkout::Reason::Timeout, "a");
    let mut all = vec![];
    keys(&serde_json::to_value(&o).unwrap(), &mut all);
    keys(&serde_json::to_value(&refused).unwrap(), &mut all);
    let n = antom_checkout::parse_notification(
        &full_answer.replace("\"result\"", "\"notifyType\":\"PAYMENT_RESULT\",\"result\""),
    )
    .unwrap();
    keys(&serde_json::to_value(&n).unwrap(), &mut all);
    keys(
        &serde_json::to_value(
            antom_checkout::parse_signature_header("algorithm=RSA256,keyVersion=1,signature=abcd")
                .unwrap(),
        )
        .unwrap(),
        &mut all,
    );
    for k in &all {
        assert!(declared(k), "index.d.ts does not declare `{k}`");
    }
}

/// The codes the JS glue throws are in the generated ErrorCode.
#[test]
fn the_glue_throws_only_published_codes() {
    let core = std::fs::read_to_string(root().join("pkg-template/core.js")).unwrap();
    let mut found = 0;
    for part in core.split("new AntomCheckoutError(\"").skip(1) {
        let code = &part[..part.find('"').unwrap()];
        assert!(
            antom_checkout::Error::ALL_CODES.contains(&code),
            "core.js throws {code}, which ErrorCode does not list"
        );
        found += 1;
    }
    assert!(found > 10, "core.js was not read");
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
