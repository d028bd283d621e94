//! The one wasm-bindgen-test suite, included by `tests/wasm_node.rs` and `tests/wasm_browser.rs`
//! so the same tests run in Node and in headless Chromium. It drives the exports exactly as
//! `core.js` does: requests and answers written into the module's input buffer through a
//! `Uint8Array` over its memory, tagged answers out (src/boundary.rs).

use antom_checkout::wasm::api::*;
use antom_checkout::wasm::buffer::input_buffer;
use antom_checkout::wasm::client::{AntomClientCore, ClientCall};
use antom_checkout::wasm::lean::*;
use antom_checkout::wasm::prepare;
use antom_checkout::{ClientFlag, Codec, NoAnswer, Verdict};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const BODY_01: &str = include_str!("../vectors/01_pay_request/body.json");
const CONTENT_01: &str = include_str!("../vectors/01_pay_request/content.txt");
const HEADER_01: &str = include_str!("../vectors/01_pay_request/signature_header_value.txt");
const SIG_01: &str = include_str!("../vectors/01_pay_request/signature.b64.txt");
const LOWER_01: &str = include_str!("../vectors/01_pay_request/signature.lowerhex.txt");
const BODY_02: &str = include_str!("../vectors/02_pay_request_utf8/body.json");
const CONTENT_02: &str = include_str!("../vectors/02_pay_request_utf8/content.txt");
const BODY_03: &str = include_str!("../vectors/03_pay_response/body.json");
const CONTENT_03: &str = include_str!("../vectors/03_pay_response/content.txt");
const PKCS1: &str = include_str!("../vectors/keys/merchant_private_pkcs1.pem");
const PKCS8_B64: &str = include_str!("../vectors/keys/merchant_private_pkcs8.b64");

/// The text of a `T` answer.
fn ok(answer: &str) -> &str {
    answer
        .strip_prefix('T')
        .unwrap_or_else(|| panic!("expected T, got {answer}"))
}

/// Writes texts back to back into the input buffer, as core.js does with `encodeInto`, and
/// answers their lengths in bytes.
fn put(parts: &[&str]) -> Vec<usize> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let ptr = input_buffer(total);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let view = js_sys::Uint8Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        ptr as u32,
        total as u32,
    );
    let mut at = 0u32;
    for p in parts {
        view.subarray(at, at + p.len() as u32)
            .copy_from(p.as_bytes());
        at += p.len() as u32;
    }
    parts.iter().map(|p| p.len()).collect()
}

/// The code of a compact failure (`E` and an error body).
fn failed_code(answer: &str) -> String {
    let body = answer
        .strip_prefix('E')
        .unwrap_or_else(|| panic!("expected a failure, got {answer}"));
    let v: Value = serde_json::from_str(body).expect("error body is JSON");
    v["code"].as_str().unwrap_or_default().to_string()
}

#[wasm_bindgen_test]
fn vectors_01_and_02_byte_for_byte() {
    for (body, content, time) in [
        (BODY_01, CONTENT_01, "1735700400123"),
        (BODY_02, CONTENT_02, "2025-01-01T12:00:00.123+08:00"),
    ] {
        let cfg = format!(
            r#"{{"clientId":"TEST_5X00000000000000","gateway":"asia","keyVersion":"1","requestTime":"{time}"}}"#
        );
        let n = put(&[body, &cfg]);
        let out = prepare(0, n[0], n[1], 0.0);
        let parts: Vec<&str> = out.split('\0').collect();
        // The vectors are canonical already: `Q`, the body is the input and does not cross back.
        assert_eq!(parts[0], "Q", "{out}");
        let headers: usize = parts[6].parse().unwrap();
        assert_eq!(parts[7 + 2 * headers], "", "no body after Q");
        let sent = body;
        // A request whose keys are out of order comes back as `P` with the canonical body.
        let v: Value = serde_json::from_str(body).unwrap();
        let mut fields: Vec<(&String, &Value)> = v.as_object().unwrap().iter().collect();
        fields.reverse();
        let reordered = format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), v))
                .collect::<Vec<_>>()
                .join(",")
        );
        let n = put(&[&reordered, &cfg]);
        let again = prepare(0, n[0], n[1], 0.0);
        let parts2: Vec<&str> = again.split('\0').collect();
        assert_eq!(parts2[0], "P");
        assert_eq!(
            parts2[7 + 2 * headers],
            body,
            "the canonical body, byte for byte"
        );
        assert_eq!(format!("{}{}", parts[5], sent), content);
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(parts[4], v["paymentRequestId"], "the id of the body");
        assert_eq!(
            parts[1],
            "https://open-sea-global.alipay.com/ams/api/v1/payments/pay"
        );
    }
    let n = put(&[SIG_01, "1"]);
    assert_eq!(ok(&signature_header_js(n[0], n[1], true)), HEADER_01);
    let n = put(&[SIG_01, ""]);
    assert_eq!(
        ok(&signature_header_js(n[0], n[1], false)),
        HEADER_01.replace("keyVersion=1,", "")
    );
    let n = put(&[SIG_01, "v1"]);
    assert_eq!(
        failed_code(&signature_header_js(n[0], n[1], true)),
        "INVALID_CONFIG"
    );
    let header = format!("signature={LOWER_01}, keyVersion=7");
    let n = put(&[&header]);
    let answer = parse_signature_header_js(n[0]);
    let parsed: Value = serde_json::from_str(answer.strip_prefix('J').unwrap()).unwrap();
    assert_eq!(
        parsed,
        serde_json::json!({ "signature": SIG_01, "keyVersion": "7" })
    );
    let n = put(&["algorithm=RSA256,signature=x"]);
    assert_eq!(
        failed_code(&parse_signature_header_js(n[0])),
        "INVALID_SIGNATURE_HEADER"
    );
}

#[wasm_bindgen_test]
fn response_content_and_interpretation() {
    let head = "/ams/api/v1/payments/pay\0TEST_5X00000000000000\02025-01-01T12:00:00+09:00";
    let n = put(&[head, BODY_03]);
    assert_eq!(ok(&content_to_verify_js(n[0], n[1])), CONTENT_03);
    let n = put(&["/p\0C\0t\0extra", BODY_03]);
    assert_eq!(
        failed_code(&content_to_verify_js(n[0], n[1])),
        "INVALID_ARGUMENT"
    );
    let n = put(&[BODY_03]);
    // `R`: the outcome, whose raw answer is the body JavaScript passed (not sent back).
    let text = interpret(0, 200.0, n[0], false);
    let o: Value =
        serde_json::from_str(text.strip_prefix('R').expect("R: raw is the body")).unwrap();
    assert_eq!(o["kind"], "redirect");
    assert_eq!(o.get("raw"), None, "the body does not cross back");
    let n = put(&[""]);
    let text = interpret(0, 503.0, n[0], false);
    let o: Value = serde_json::from_str(text.strip_prefix('O').expect("O: no raw")).unwrap();
    assert_eq!(o["kind"], "unknown");
    assert_eq!(
        failed_code(&interpret(0, 70_000.0, 0, false)),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        failed_code(&interpret(0, f64::NAN, 0, false)),
        "INVALID_ARGUMENT"
    );
    // A length past the buffer is refused, never read.
    assert_eq!(
        failed_code(&interpret(0, 200.0, 1 << 30, false)),
        "INVALID_ARGUMENT"
    );
    // Bytes that were not UTF-8 (JavaScript's strict decoder said so): unknown, never read.
    let text = interpret(0, 200.0, 0, true);
    let o: Value = serde_json::from_str(text.strip_prefix('O').expect("O: no raw")).unwrap();
    assert_eq!(
        (o["kind"].as_str(), o["reason"].as_str()),
        (Some("unknown"), Some("UNPARSABLE_BODY"))
    );
    assert_eq!(o.get("httpStatus"), None);
}

#[wasm_bindgen_test]
fn validation_money_ids_and_keys() {
    let n = put(&[r#"{"order":{"goods":[{}]}}"#]);
    let answer = validate_pay(n[0], 0.0, false);
    assert!(answer.starts_with('J'), "issues are JSON: {answer}");
    let issues: Value = serde_json::from_str(&answer[1..]).unwrap();
    let paths: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"order.goods[0].goodsName") && paths.contains(&"paymentNotifyUrl"));
    let n = put(&["{not json"]);
    assert_eq!(
        failed_code(&validate_pay(n[0], 0.0, false)),
        "INVALID_ARGUMENT"
    );
    let deep = "[".repeat(100_000);
    let n = put(&[&deep]);
    assert_eq!(
        failed_code(&validate_pay(n[0], 0.0, false)),
        "INVALID_ARGUMENT"
    );
    let n = put(&[crate_valid()]);
    assert_eq!(
        validate_pay(n[0], 0.0, false),
        "N",
        "a valid request has no issues"
    );
    assert_eq!(ok(&minor_units(true, "12.34", "USD")), "1234");
    assert_eq!(
        failed_code(&minor_units(true, "12.5", "JPY")),
        "INVALID_AMOUNT"
    );
    assert_eq!(ok(&minor_units(false, "1234", "BHD")), "1.234");
    // The host's 16 random bytes, as URL-safe base64 without padding (RFC 4648 section 5).
    let random: Vec<u8> = (0u8..16).collect();
    let ptr = input_buffer(16);
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), ptr as u32, 16)
        .copy_from(&random);
    assert_eq!(ok(&new_payment_request_id(16)), "AAECAwQFBgcICQoLDA0ODw");
    assert_eq!(failed_code(&new_payment_request_id(15)), "INVALID_ARGUMENT");
    // A PKCS#1 private key's text becomes the shared vector's PKCS#8 DER in the buffer; the
    // codec's base64 of those bytes is the vector's text.
    let n = put(&[PKCS1])[0];
    let out = bytes(Codec::PrivateKeyDer, n);
    let len: usize = out.strip_prefix('B').expect(&out).parse().unwrap();
    let encoded = bytes(Codec::ToBase64, len);
    assert_eq!(encoded.strip_prefix('T'), Some(PKCS8_B64));
    let n = put(&[PKCS8_B64])[0];
    assert_eq!(bytes(Codec::FromBase64, n), format!("B{len}"));
    assert_eq!(
        bytes(Codec::ToBase64, len).strip_prefix('T'),
        Some(PKCS8_B64)
    );
    let n = put(&[PKCS1])[0];
    assert_eq!(failed_code(&bytes(Codec::PublicKeyDer, n)), "INVALID_KEY");
    let n = put(&["not base64!"])[0];
    assert_eq!(
        failed_code(&bytes(Codec::FromBase64, n)),
        "INVALID_ARGUMENT"
    );
}

/// The shared vector's request: valid.
fn crate_valid() -> &'static str {
    BODY_01
}

/// What a fetch step asked for: the Signature header and the request's fields.
struct Sent {
    signature: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn fetch_step(step: &str) -> Sent {
    let rest = step.strip_prefix('F').expect("a fetch step");
    let mut f = rest.split('\0');
    let signature = f.next().unwrap().to_string();
    let url = f.next().unwrap().to_string();
    let _path = f.next().unwrap();
    let _time = f.next().unwrap();
    let _id = f.next().unwrap();
    let _prefix = f.next().unwrap();
    let n: usize = f.next().unwrap().parse().unwrap();
    let headers = (0..n)
        .map(|_| (f.next().unwrap().to_string(), f.next().unwrap().to_string()))
        .collect();
    let body = f.collect::<Vec<_>>().join("\0");
    Sent {
        signature,
        url,
        headers,
        body,
    }
}

/// Drives one call as core.js does: signs with a fixed signature (or fails), answers every
/// fetch with `answer` (`None`: the timeout passed), waits no time. Returns the final step, what
/// was signed and what was sent.
fn drive(
    call: &mut ClientCall,
    answer: Option<&str>,
    fail_sign: bool,
) -> (String, Vec<String>, Vec<Sent>) {
    let (mut signed, mut sent) = (Vec::new(), Vec::new());
    let mut step = call.start(1735700400123.0);
    loop {
        step = match step.as_bytes()[0] {
            b'S' if fail_sign => call.signed(false, "hsm offline".into(), 1735700400123.0),
            b'S' => {
                signed.push(step[1..].to_string());
                call.signed(true, "c2lnbmF0dXJl".into(), 1735700400123.0)
            }
            b'F' => {
                sent.push(fetch_step(&step));
                match answer {
                    Some(body) => {
                        let n = put(&[body, ""]);
                        call.answered(200.0, n[0], 0, 1735700400123.0)
                    }
                    None => call.unanswered(NoAnswer::TimedOut, String::new(), 1735700400123.0),
                }
            }
            b'W' => call.slept(1735700400123.0),
            _ => return (step, signed, sent),
        };
    }
}

const CLIENT: &str = r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test","retry":{"maxAttempts":2,"delayMs":0},"trustUnverifiedAnswers":true}"#;

fn pay_call(client: &AntomClientCore) -> ClientCall {
    let n = put(&[BODY_01]);
    client
        .call(0, n[0], 0, 1735700400123.0)
        .unwrap_or_else(|_| panic!("the vector's request is valid"))
}

#[wasm_bindgen_test]
fn client_pays_through_js_steps() {
    let client = AntomClientCore::new(CLIENT, ClientFlag::None.value()).unwrap();
    let (last, _, sent) = drive(&mut pay_call(&client), Some(BODY_03), false);
    let o: Value = serde_json::from_str(&last[2..]).expect("D, R or O, and an outcome");
    assert_eq!(o["kind"], "redirect");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].body, BODY_01);
    assert_eq!(
        sent[0].signature,
        "algorithm=RSA256,keyVersion=1,signature=c2lnbmF0dXJl"
    );

    // Timeouts resend the identical body, then say "inquire". The bytes are compared as they
    // left: each sent body is the request's body, and what was signed is rebuilt from the sent
    // URL path, Client-Id and Request-Time headers and body (never the library's own content).
    let (last, signed, sent) = drive(&mut pay_call(&client), None, false);
    let o: Value = serde_json::from_str(&last[2..]).expect("D, R or O, and an outcome");
    assert_eq!(
        (
            o["kind"].as_str(),
            o["action"].as_str(),
            o["attempts"].as_u64()
        ),
        (Some("unknown"), Some("inquirePayment"), Some(2))
    );
    assert_eq!((sent.len(), signed.len()), (2, 2));
    for (i, req) in sent.iter().enumerate() {
        assert_eq!(
            req.body, BODY_01,
            "attempt {i} sent the byte-identical body"
        );
        let header = |name: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .unwrap()
        };
        let path = &req.url[req.url.find("/ams/").unwrap()..];
        let rebuilt = format!(
            "POST {path}\n{}.{}.{}",
            header("Client-Id"),
            header("Request-Time"),
            req.body
        );
        assert_eq!(signed[i], rebuilt, "attempt {i}");
    }

    // A failing signer before anything was sent is an error, not an outcome.
    let (last, _, sent) = drive(&mut pay_call(&client), Some(BODY_03), true);
    assert_eq!(failed_code(&last), "SIGNER_FAILED");
    assert!(sent.is_empty());

    // An answer whose bytes were not UTF-8 is unknown and resent, never read.
    let mut call = pay_call(&client);
    assert!(call.start(1735700400123.0).starts_with('S'));
    for attempt in 1..=2 {
        assert!(call
            .signed(true, "c2lnbmF0dXJl".into(), 1735700400123.0)
            .starts_with('F'));
        let step = call.unanswered(NoAnswer::BodyNotUtf8, String::new(), 1735700400123.0);
        if attempt == 1 {
            assert!(step.starts_with('W'), "{step}");
            assert!(call.slept(1735700400123.0).starts_with('S'));
        } else {
            let o: Value = serde_json::from_str(&step[2..]).expect("D and an outcome");
            assert_eq!(
                (o["kind"].as_str(), o["reason"].as_str()),
                (Some("unknown"), Some("UNPARSABLE_BODY"))
            );
        }
    }

    // A step answered out of turn is an error, not a trap.
    let mut call = pay_call(&client);
    assert_eq!(
        failed_code(&call.verified(Verdict::Verified, 1735700400123.0)),
        "INVALID_ARGUMENT"
    );

    // An invalid request is refused before any step.
    let n = put(&["{}"]);
    assert!(client.call(0, n[0], 0, 0.0).is_err());

    assert!(AntomClientCore::new(r#"{"clientId":"x"}"#, ClientFlag::None.value()).is_err());
    // Verification is a decision: no verifier and no trustUnverifiedAnswers is refused.
    assert!(AntomClientCore::new(
        r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test"}"#,
        ClientFlag::None.value()
    )
    .is_err());
}

/// The compact prepared request is written from the validated parts without assembling a
/// `PreparedRequest`: every field must be the assembled request's, for every configuration
/// shape (agent token, sandbox path, ISO times, each call, canonical or not).
#[wasm_bindgen_test]
fn compact_prepared_requests_match_assembled_ones() {
    use antom_checkout::PrepareConfig;
    let configs = [
        r#"{"clientId":"TEST_5X00000000000000","gateway":"asia","keyVersion":"1","requestTime":"1735700400123"}"#,
        r#"{"clientId":"C-2","gateway":"https://stand-in.test:8443","sandbox":true,"agentToken":"AGENT-TOKEN-1"}"#,
        r#"{"clientId":"C-3","gateway":"sg","requestTimeFormat":"iso8601"}"#,
    ];
    let reordered = {
        let v: Value = serde_json::from_str(BODY_01).unwrap();
        serde_json::to_string(&v).unwrap() // serde_json's own key order
    };
    let cases: [(u8, &str); 5] = [
        (0, BODY_01),
        (0, &reordered),
        (1, r#"{"paymentRequestId":"PR-1"}"#),
        (2, r#"{"paymentId":"P-9"}"#),
        (1, r#"{ "paymentRequestId" : "PR-2" }"#),
    ];
    let now = 1735700400123.0;
    for cfg_text in configs {
        let cfg = PrepareConfig::from_json(cfg_text).unwrap();
        for (call, input) in cases {
            let n = put(&[input, cfg_text]);
            let out = prepare(call, n[0], n[1], now);
            let parts: Vec<&str> = out.split('\0').collect();
            let p = match call {
                0 => antom_checkout::prepare_pay(input, &cfg, now as i64),
                1 => antom_checkout::prepare_inquiry(input, &cfg, now as i64),
                _ => antom_checkout::prepare_cancel(input, &cfg, now as i64),
            }
            .unwrap();
            let headers: usize = parts[6].parse().unwrap();
            let body = if parts[0] == "Q" {
                input
            } else {
                parts[7 + 2 * headers]
            };
            assert_eq!(
                parts[0],
                if p.body == input { "Q" } else { "P" },
                "{cfg_text} {input}"
            );
            assert_eq!(
                (parts[1], parts[2], parts[3], parts[4], parts[5], body),
                (
                    p.url.as_str(),
                    p.path.as_str(),
                    p.request_time.as_str(),
                    p.request_id.as_str(),
                    p.content_prefix.as_str(),
                    p.body.as_str()
                ),
                "{cfg_text} {input}"
            );
            let got: Vec<(&str, &str)> = (0..headers)
                .map(|i| (parts[7 + 2 * i], parts[8 + 2 * i]))
                .collect();
            let want: Vec<(&str, &str)> = p
                .headers
                .0
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(got, want, "{cfg_text} {input}");
        }
    }
}
