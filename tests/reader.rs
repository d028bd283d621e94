//! The library's own JSON reader and one-pass walk, held to `serde_json` and to a second walk
//! over `serde_json::Value` (tests/common/reference_walk.rs): the same text accepted and refused,
//! the same verdict on a request, the same body for a valid one. The `reader` fuzz target runs
//! the same comparison on arbitrary bytes.

mod common;

use antom_checkout::model::followup::PAYMENT_REFERENCE;
use antom_checkout::model::pay::PAY_REQUEST;
use antom_checkout::model::schema::Field;
use antom_checkout::validate::{codes, walk, WalkOptions};
use common::reference_walk::reference_walk;
use common::{valid_request, Rng, NOW};
use serde_json::Value;

/// Compares the two on one text; panics with the text on any disagreement.
fn agree(fields: &'static [Field], text: &str) {
    let opts = WalkOptions { now_ms: Some(NOW) };
    let mine = walk(fields, text, &opts);
    let reference = serde_json::from_str::<Value>(text);
    // A number beyond f64 is a syntax error to serde_json; to the walk it is always an issue.
    if reference
        .as_ref()
        .is_err_and(|e| e.to_string().starts_with("number out of range"))
    {
        assert!(
            mine.as_ref().map_or(true, |w| !w.issues.is_empty()),
            "a number out of range passed: {text:?}"
        );
        return;
    }
    assert_eq!(
        mine.is_ok(),
        reference.is_ok(),
        "accepted differently: {text:?}\nmine: {:?}\nserde_json: {:?}",
        mine.as_ref().err(),
        reference.as_ref().err()
    );
    let (Ok(mine), Ok(v)) = (mine, reference) else {
        return;
    };
    // serde_json keeps the last of two equal keys; the walk refuses the request instead.
    if mine.issues.iter().any(|i| i.code == codes::DUPLICATE_FIELD) {
        return;
    }
    let (body, issues) = reference_walk(fields, &v, Some(NOW));
    assert_eq!(
        mine.issues.is_empty(),
        issues == 0,
        "judged differently: {text:?}\nmine: {:?}",
        mine.issues
    );
    if issues == 0 {
        assert_eq!(mine.body, body, "different bodies for {text:?}");
    }
}

#[test]
fn tricky_texts_are_accepted_and_refused_as_serde_json_does() {
    let valid = valid_request().to_string();
    let texts: Vec<String> = vec![
        "".into(),
        " ".into(),
        "{}".into(),
        " {} ".into(),
        "{} x".into(),
        "{}{}".into(),
        "[]".into(),
        "null".into(),
        "nul".into(),
        "tru".into(),
        "\"x\"".into(),
        "{\"a\":1,}".into(),
        "{,}".into(),
        "{\"a\" 1}".into(),
        "{\"a\":}".into(),
        "{'a':1}".into(),
        "{\"a\":[1,]}".into(),
        "{\"a\":[,1]}".into(),
        "{\"a\":01}".into(),
        "{\"a\":-0}".into(),
        "{\"a\":-}".into(),
        "{\"a\":1.}".into(),
        "{\"a\":.5}".into(),
        "{\"a\":1e}".into(),
        "{\"a\":1e+5}".into(),
        "{\"a\":1E-5}".into(),
        "{\"a\":+1}".into(),
        "1e2222301722".into(),
        "{\"a\":-1e309}".into(),
        "{\"a\":1e308}".into(),
        "{\"a\":1e-400}".into(),
        format!("{{\"a\":{}}}", "9".repeat(400)),
        format!("{{\"a\":{}}}", "9".repeat(308)),
        "{\"a\":\"\\u00e9\\ud83d\\ude00\"}".into(),
        "{\"a\":\"\\ud83d\"}".into(),
        "{\"a\":\"\\ude00\"}".into(),
        "{\"a\":\"\\ud83dx\"}".into(),
        "{\"a\":\"\\ud83d\\u0041\"}".into(),
        "{\"a\":\"\\u12\"}".into(),
        "{\"a\":\"\\x41\"}".into(),
        "{\"a\":\"\\/\"}".into(),
        "{\"a\":\"tab\there\"}".into(),
        "{\"a\":\"nl\nhere\"}".into(),
        "{\"a\":\"unterminated}".into(),
        "{\"a\":\"\u{7f}\u{85}\"}".into(),
        "\u{feff}{}".into(),
        "{\"a\":1}\u{a0}".into(),
        "{\n\t\"a\"\r\n:\t1\n}".into(),
        valid.clone(),
        valid.replace("\"order\":", "\"order\" : "),
        valid.replace("PR2025", "PR\\u00322025"),
        valid.replace("Cafe", "Caf\\u00e9"),
        valid.replace("Cafe", "Ca\\\"fe"),
        valid.replace("Cafe", "Ca\\\\fe"),
        valid.replace("Cafe", "Ca\\nfe"),
        valid.replace("Cafe", "Ca\\u0001fe"),
        valid.replace("\"1400\"", "1400"),
        valid.replace("\"WAP\"", "\"WAP\" "),
        valid.replace(
            "{\"paymentRequestId\"",
            "{\"paymentRequestId\":\"x\",\"paymentRequestId\"",
        ),
        // Numbers where an integer field takes one: only what serde_json reads as an integer.
        valid.replace("\"env\":{", "\"env\":{\"timeZoneOffset\":-0,"),
        valid.replace("\"env\":{", "\"env\":{\"colorDepth\":24,"),
        valid.replace("\"env\":{", "\"env\":{\"colorDepth\":2.4e1,"),
        valid.replace("\"env\":{", "\"env\":{\"timeZoneOffset\":-540,"),
        valid.replace(
            "\"env\":{",
            "\"env\":{\"timeZoneOffset\":-9223372036854775809,",
        ),
        valid.replace(
            "\"env\":{",
            "\"env\":{\"screenWidth\":18446744073709551616,",
        ),
        valid.replace(
            "\"env\":{",
            "\"env\":{\"screenWidth\":18446744073709551615,",
        ),
        format!("{valid} "),
        format!("{valid},"),
    ];
    for t in &texts {
        agree(PAY_REQUEST, t);
        agree(PAYMENT_REFERENCE, t);
    }
}

#[test]
fn nesting_is_limited_where_serde_json_limits_it() {
    for depth in 120..=132 {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for inner in [&arrays, &objects] {
            agree(PAY_REQUEST, inner);
            // Inside an unknown field of an otherwise ordinary request.
            agree(PAY_REQUEST, &format!("{{\"extra\":{inner}}}"));
            agree(
                PAYMENT_REFERENCE,
                &format!("{{\"paymentId\":\"P\",\"x\":{inner}}}"),
            );
        }
    }
}

/// The JSON text of `v` with every object's keys in an order drawn from `r`.
fn shuffled_text(r: &mut Rng, v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut pairs: Vec<(&String, &Value)> = m.iter().collect();
            for i in (1..pairs.len()).rev() {
                pairs.swap(i, r.below(i as u64 + 1) as usize);
            }
            let members: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), shuffled_text(r, v)))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|x| shuffled_text(r, x)).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

#[test]
fn key_order_never_changes_the_body() {
    let valid = valid_request();
    let canonical = walk(
        PAY_REQUEST,
        &valid.to_string(),
        &WalkOptions { now_ms: Some(NOW) },
    )
    .unwrap();
    assert!(canonical.issues.is_empty(), "{:?}", canonical.issues);
    for seed in 1..200u64 {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let text = shuffled_text(&mut r, &valid);
        let again: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again, valid, "the shuffled text is the same request");
        let w = walk(PAY_REQUEST, &text, &WalkOptions { now_ms: Some(NOW) }).unwrap();
        assert!(w.issues.is_empty(), "{text}: {:?}", w.issues);
        assert_eq!(w.body, canonical.body, "{text}");
        agree(PAY_REQUEST, &text);
    }
}

const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "false", "0", "-0",
    "1e3", "1.5", " ", "\n", "\u{1}", "é", "\"x\"", "\"\"", "\"  \"", "{}", "[]",
];

#[test]
fn mutated_request_texts_get_the_same_verdict_and_body() {
    let base = valid_request().to_string();
    let mut r = Rng(0x00C0_FFEE);
    for _ in 0..20_000 {
        let mut t = base.clone();
        for _ in 0..=r.below(3) {
            let mut at = r.below(t.len() as u64 + 1) as usize;
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            match r.below(3) {
                0 => {
                    let tok = TOKENS[r.below(TOKENS.len() as u64) as usize];
                    t.insert_str(at, tok);
                }
                1 => {
                    let mut end = (at + 1 + r.below(8) as usize).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    t.replace_range(at..end, "");
                }
                _ => {
                    let tok = TOKENS[r.below(TOKENS.len() as u64) as usize];
                    let mut end = (at + tok.len()).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    t.replace_range(at..end, tok);
                }
            }
        }
        agree(PAY_REQUEST, &t);
    }
}
