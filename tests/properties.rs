//! Seeded property tests: arbitrary JSON and strings into every parser and the validator find no
#![cfg(not(target_arch = "wasm32"))]
//! panic, and the canonical body is a fixpoint (every scalar a string, re-validation gives the
//! same bytes).
mod common;
use antom_checkout::model::pay::PAY_REQUEST;
use antom_checkout::validate::{walk, WalkOptions};
use antom_checkout::{from_minor_units, to_minor_units};
use antom_checkout::{interpret_pay, Kind, Reason};
use antom_checkout::{parse_signature_header, signature_header};
use antom_checkout::{prepare_pay, validate_pay, PayRules};
use antom_checkout::{ClientConfig, PrepareConfig};
use common::{valid_request, Rng, NOW};
use serde_json::{json, Map, Value};

const KEYS: &[&str] = &[
    "order",
    "result",
    "resultStatus",
    "resultCode",
    "paymentAmount",
    "value",
    "currency",
    "goods",
    "merchant",
    "store",
    "env",
    "redirectActionForm",
    "redirectUrl",
    "x",
    "__proto__",
    "storeMCC",
];

fn any_string(r: &mut Rng) -> String {
    let pool = [
        "",
        "S",
        "F",
        "U",
        "SUCCESS",
        "0",
        "12.5",
        "JPY",
        "https://a.b",
        "\u{0}",
        "é",
        "😀",
        "\"",
        "\\",
        "%2B",
        "=",
        ",",
        "signature=",
        "2025-01-01T12:00:00+09:00",
    ];
    let n = r.below(4);
    (0..n)
        .map(|_| pool[r.below(pool.len() as u64) as usize])
        .collect()
}

fn any_json(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 4 { 5 } else { 8 }) {
        0 => Value::Null,
        1 => json!(r.below(2) == 0),
        2 => json!(r.next() as i64),
        3 => json!((r.next() % 1000) as f64 / 7.0),
        4 => json!(any_string(r)),
        5 | 6 => {
            let mut m = Map::new();
            for _ in 0..r.below(5) {
                m.insert(
                    KEYS[r.below(KEYS.len() as u64) as usize].to_string(),
                    any_json(r, depth + 1),
                );
            }
            Value::Object(m)
        }
        _ => Value::Array((0..r.below(4)).map(|_| any_json(r, depth + 1)).collect()),
    }
}

/// Replaces a random node of `v` with arbitrary JSON.
fn mutate(r: &mut Rng, v: &mut Value) {
    match v {
        Value::Object(m) if !m.is_empty() && r.below(3) != 0 => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[r.below(keys.len() as u64) as usize];
            mutate(r, m.get_mut(k).unwrap());
        }
        Value::Array(a) if !a.is_empty() && r.below(3) != 0 => {
            let i = r.below(a.len() as u64) as usize;
            mutate(r, &mut a[i]);
        }
        _ => *v = any_json(r, 2),
    }
}

fn all_scalars_are_strings(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(m) => m.values().all(all_scalars_are_strings),
        Value::Array(a) => a.iter().all(all_scalars_are_strings),
        _ => false,
    }
}

#[test]
fn arbitrary_json_never_panics_anywhere() {
    let cfg = PrepareConfig::from_json(&json!({"clientId": "C", "gateway": "sg"})).unwrap();
    for seed in 1..=4000u64 {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let v = any_json(&mut r, 0);
        // Validation and preparation agree: prepared exactly when there is no issue, and the
        // error carries exactly those issues, each with a path and a message.
        let issues = validate_pay(&v, Some(NOW), &PayRules::default()).unwrap();
        match prepare_pay(&v, &cfg, NOW) {
            Ok(p) => {
                assert!(issues.is_empty(), "{v}");
                assert!(all_scalars_are_strings(
                    &serde_json::from_str(&p.body).unwrap()
                ));
            }
            Err(e) => {
                assert_eq!(e.issues(), issues.as_slice(), "{v}");
                assert!(issues
                    .iter()
                    .all(|i| !i.path.is_empty() && !i.message.is_empty()));
            }
        }
        // Arbitrary JSON is never a usable configuration: it has no clientId and gateway.
        if v.get("clientId").is_none() {
            assert_eq!(
                PrepareConfig::from_json(&v).unwrap_err().code(),
                "INVALID_CONFIG"
            );
            assert_eq!(
                ClientConfig::from_json(&v).unwrap_err().code(),
                "INVALID_CONFIG"
            );
        }
        let text = v.to_string();
        let o = interpret_pay(200, &text);
        // Nothing arbitrary is ever read as a redirect unless it says S with a URL.
        if o.kind == Kind::Redirect {
            assert!(text.contains("\"S\"") && o.redirect.is_some());
        }
        let s = any_string(&mut r);
        // What parses writes back: a parsed header's signature makes a header that parses to it.
        if let Ok(p) = parse_signature_header(&s) {
            let again = signature_header(&p.signature, None).expect("a parsed signature is base64");
            assert_eq!(
                parse_signature_header(&again).unwrap().signature,
                p.signature,
                "{s:?}"
            );
        }
        // Conversions round-trip exactly, whatever text was accepted.
        if let Ok(minor) = to_minor_units(&s, "USD") {
            assert!(
                minor.bytes().all(|b| b.is_ascii_digit()),
                "{s:?} -> {minor}"
            );
            let major = from_minor_units(&minor, "USD").unwrap();
            assert_eq!(to_minor_units(&major, "USD").unwrap(), minor, "{s:?}");
        }
        if let Ok(major) = from_minor_units(&s, "BHD") {
            let back = to_minor_units(&major, "BHD").unwrap();
            let trimmed = s.trim_start_matches('0');
            assert_eq!(
                back,
                if trimmed.is_empty() { "0" } else { trimmed },
                "{s:?}"
            );
        }
        // Text that is not JSON is unknown, for that reason, and never a redirect.
        let o = interpret_pay(200, &s);
        if serde_json::from_str::<Value>(&s).is_err() {
            assert_eq!(o.kind, Kind::Unknown, "{s:?}");
            assert_eq!(o.reason, Some(Reason::UnparsableBody), "{s:?}");
        }
    }
}

#[test]
fn mutated_requests_never_panic_and_valid_bodies_are_canonical() {
    let cfg = PrepareConfig::from_json(
        &json!({"clientId": "C", "gateway": "sg", "requestTime": "1735700400123"}),
    )
    .unwrap();
    let mut valid_seen = 0;
    for seed in 1..=3000u64 {
        let mut r = Rng(seed.wrapping_mul(0xD134_2543_DE82_EF95) | 1);
        let mut input = valid_request();
        for _ in 0..=r.below(2) {
            mutate(&mut r, &mut input);
        }
        let issues = validate_pay(&input, Some(NOW), &PayRules::default()).unwrap();
        match prepare_pay(&input, &cfg, NOW) {
            Ok(p) => {
                valid_seen += 1;
                assert!(issues.is_empty());
                let body: Value = serde_json::from_str(&p.body).expect("the body is JSON");
                assert!(all_scalars_are_strings(&body), "{}", p.body);
                let again = walk(PAY_REQUEST, &p.body, &WalkOptions { now_ms: Some(NOW) }).unwrap();
                assert!(again.issues.is_empty());
                assert_eq!(again.body, p.body, "canonical body is a fixpoint");
            }
            Err(e) => {
                assert_eq!(e.code(), "INVALID_REQUEST");
                assert_eq!(e.issues(), issues.as_slice());
                assert!(!issues.is_empty());
            }
        }
    }
    assert!(
        valid_seen > 50,
        "too few valid mutants to mean anything: {valid_seen}"
    );
}

#[test]
fn deep_nesting_and_huge_strings_are_typed_issues() {
    // 100 levels of nesting inside an otherwise valid request: the issue is the nesting itself
    // (an unknown field deep down, reported with its path), not a missing required field.
    let mut deep = json!("x");
    for _ in 0..100 {
        deep = json!({ "deeper": deep });
    }
    let mut input = valid_request();
    input["order"]["merchant"]["store"]["deeper"] = deep;
    let issues = validate_pay(&input, None, &PayRules::default()).unwrap();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(
        (issues[0].path.as_str(), issues[0].code.name()),
        ("order.merchant.store.deeper", "UNKNOWN_FIELD")
    );
    // Input from JavaScript arrives as text; the parser refuses nesting beyond 128 levels.
    let text = format!("{}{}", "{\"order\":".repeat(100_000), "}".repeat(100_000));
    assert!(serde_json::from_str::<Value>(&text).is_err());
    let mut input = valid_request();
    input["order"]["orderDescription"] = json!("😀".repeat(1_000_000));
    let issues = validate_pay(&input, Some(NOW), &PayRules::default()).unwrap();
    assert_eq!(issues[0].code, "TOO_LONG");
}

#[test]
fn generated_ids_are_unique_url_safe_and_short() {
    let mut seen = std::collections::HashSet::new();
    for _ in 0..2000 {
        let id = antom_checkout::new_request_id().unwrap();
        assert_eq!(id.len(), 22);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert!(seen.insert(id));
    }
}

#[test]
fn the_json_string_writer_matches_serde_json() {
    // serde_json is the independent reference for escaping.
    let pool = [
        "a", "é", "😀", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}", "/", "\u{2028}",
        "<", "\u{8}", "\u{c}",
    ];
    for seed in 1..=5000u64 {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let s: String = (0..r.below(12))
            .map(|_| pool[r.below(pool.len() as u64) as usize])
            .collect();
        let mut out = String::new();
        antom_checkout::json::push_str(&mut out, &s);
        assert_eq!(out, serde_json::to_string(&s).unwrap(), "{s:?}");
    }
}

#[test]
fn a_missing_or_blank_request_id_is_required_never_made_up() {
    let cfg = PrepareConfig::from_json(&json!({"clientId": "C", "gateway": "sg"})).unwrap();
    for blank in [json!(""), json!("   "), json!(null), json!("\t")] {
        let mut input = valid_request();
        input["paymentRequestId"] = blank.clone();
        let e = prepare_pay(&input, &cfg, NOW).unwrap_err();
        assert_eq!(e.code(), "INVALID_REQUEST");
        let i = &e.issues()[0];
        assert_eq!(
            (i.path.as_str(), i.code.name()),
            ("paymentRequestId", "REQUIRED"),
            "{blank}"
        );
        assert!(i.message.contains("newPaymentRequestId()"), "{}", i.message);
    }
}

/// Arbitrary event sequences into a call's state machine (`src/flow.rs`), in and out of turn:
/// no panic; an error or `Done` ends the call (every later event is refused); every send is the
/// same request id with the byte-identical body; at most `maxAttempts` sends; an outcome that is
/// not from a verified or unsigned-but-allowed answer is never a success.
#[test]
fn call_state_machine_survives_any_host() {
    use antom_checkout::Headers;
    use antom_checkout::{Event, Flow, Step};
    use antom_checkout::{HostFailure, HttpResponse, SendFailure};
    let cfg = ClientConfig::from_json(
        r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test","retry":{"maxAttempts":3,"delayMs":0}}"#,
    )
    .unwrap();
    let body = serde_json::to_string(&valid_request()).unwrap();
    let mut r = Rng(0x5eed_f10e);
    let id_of_request = valid_request()["paymentRequestId"]
        .as_str()
        .unwrap()
        .to_string();
    let success = format!(
        r#"{{"result":{{"resultStatus":"S","resultCode":"SUCCESS"}},"paymentRequestId":"{id_of_request}","redirectActionForm":{{"redirectUrl":"https://wallet.example/x"}}}}"#
    );
    let to_wallet = format!(
        r#"{{"result":{{"resultStatus":"S","resultCode":"SUCCESS"}},"paymentRequestId":"{id_of_request}","redirectActionForm":{{"redirectUrl":"alipays://platformapi/startapp?x=1"}}}}"#
    );
    let answers = [
        success.as_str(),
        to_wallet.as_str(),
        // An S naming no paymentRequestId cannot be bound to the request: never a redirect.
        r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"redirectActionForm":{"redirectUrl":"https://wallet.example/y"}}"#,
        r#"{"result":{"resultStatus":"U","resultCode":"UNKNOWN_EXCEPTION"}}"#,
        r#"{"result":{"resultStatus":"F","resultCode":"RISK_REJECT"}}"#,
        r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"OTHER","redirectActionForm":{"redirectUrl":"https://wallet.example/z"}}"#,
        "<html>",
        "",
    ];
    let mut redirects = 0;
    for round in 0..20_000u32 {
        let req = prepare_pay(body.as_str(), &cfg.prepare, NOW).unwrap();
        let id = req.request_id.clone();
        let sent_body = req.body.clone();
        let verifies = r.below(2) == 0;
        let mut flow = Flow::new(req, &antom_checkout::PAY, cfg.clone(), verifies);
        let observed = r.below(2) == 0;
        if observed {
            flow.observe();
        }
        let mut step = Ok(flow.start(NOW));
        let mut sends = 0;
        let mut over = false;
        // Whether the latest answer's signature was verified (by the host answering true).
        let mut verified = false;
        for _ in 0..12 {
            let event = if r.below(40) == 0 {
                Event::Aborted {
                    request_out: r.below(2) == 0,
                }
            } else {
                match r.below(6) {
                    0 => Event::Signed(if r.below(4) == 0 {
                        Err(HostFailure("hsm".into()))
                    } else {
                        Ok(["c2lnbmF0dXJl", "not base64!", ""][r.below(3) as usize].into())
                    }),
                    1 | 2 => Event::Answered(match r.below(4) {
                        0 => Err(SendFailure::Timeout),
                        1 => Err(SendFailure::Network("reset".into())),
                        _ => {
                            let mut headers = Headers::default();
                            if r.below(2) == 0 {
                                headers
                                    .0
                                    .push(("signature".into(), "signature=c2lnbmF0dXJl".into()));
                                headers.0.push((
                                    "response-time".into(),
                                    "2025-01-01T11:00:01+08:00".into(),
                                ));
                            }
                            Ok(HttpResponse {
                                status: [200, 200, 500, 404, 429][r.below(5) as usize],
                                headers,
                                body: answers[r.below(answers.len() as u64) as usize].into(),
                            })
                        }
                    }),
                    3 => Event::Verified(match r.below(3) {
                        0 => Ok(true),
                        1 => Ok(false),
                        _ => Err(HostFailure("verifier".into())),
                    }),
                    _ => Event::Slept(NOW + r.below(10_000) as i64),
                }
            };
            // Follow the machine most of the time, feed it nonsense otherwise.
            let in_turn = matches!(
                (&step, &event),
                (Ok(Step::Sign(_)), Event::Signed(_))
                    | (Ok(Step::Send(_)), Event::Answered(_))
                    | (Ok(Step::Verify { .. }), Event::Verified(_))
                    | (Ok(Step::Sleep(_)), Event::Slept(_))
            );
            if !in_turn && r.below(4) != 0 {
                continue;
            }
            if in_turn {
                match (&step, &event) {
                    (Ok(Step::Send(_)), _) => verified = false,
                    (Ok(Step::Verify { .. }), Event::Verified(Ok(true))) => verified = true,
                    _ => {}
                }
            }
            if let Ok(Step::Send(_)) = &step {
                if in_turn {
                    sends += 1;
                    assert_eq!(flow.request().request_id, id, "round {round}");
                    assert_eq!(
                        flow.request().body,
                        sent_body,
                        "round {round}: byte-identical"
                    );
                }
            }
            let next = flow.resume(event, NOW + 5);
            // Events name the call, the id, numbers and codes: never the body or a signature.
            for e in flow.take_events() {
                assert!(observed, "round {round}: events made while nobody observes");
                let text = antom_checkout::to_json(&e);
                assert!(
                    !text.contains("c2lnbmF0dXJl")
                        && !text.contains("wallet.example")
                        && !text.contains("alipays:"),
                    "round {round}: an event holds a signature or a body: {text}"
                );
            }
            if over {
                assert!(
                    next.is_err(),
                    "round {round}: a finished call took another event"
                );
            }
            if let Ok(Step::Done(o)) = &next {
                over = true;
                assert!(o.attempts.unwrap_or(0) <= 3, "round {round}");
                assert_eq!(
                    o.payment_request_id.as_deref(),
                    Some(id.as_str()),
                    "round {round}"
                );
                if o.kind == Kind::Unknown {
                    assert!(o.retryable || o.reason.is_some(), "round {round}");
                }
                if verifies && o.kind == Kind::Redirect {
                    assert!(
                        verified,
                        "round {round}: a redirect from an unverified answer"
                    );
                }
                if o.kind == Kind::Redirect {
                    redirects += 1;
                }
            }
            if next.is_err() && !in_turn {
                // Refused out of turn: the machine's own state is unchanged; keep following it.
                continue;
            }
            if next.is_err() {
                over = true;
            }
            step = next;
        }
        assert!(sends <= 3, "round {round}: {sends} sends");
    }
    assert!(
        redirects > 100,
        "the sequences reach a redirect often enough: {redirects}"
    );
}
