//! The one wasm-bindgen-test suite, included by `tests/wasm_node.rs` and `tests/wasm_browser.rs`
//! so the same tests run in Node and in headless Chromium. It drives the exports exactly as
//! `core.js` does: requests and answers written into the module's input buffer through a
//! `Uint8Array` over its memory, envelopes or compact answers out.

use antom_checkout::wasm::api::*;
use antom_checkout::wasm::client::AntomClientCore;
use antom_checkout::wasm::lean::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
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

fn ok(envelope: &str) -> Value {
    let v: Value = serde_json::from_str(envelope).expect("envelope is JSON");
    v.get("ok")
        .cloned()
        .unwrap_or_else(|| panic!("expected ok, got {envelope}"))
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

fn err_code(envelope: &str) -> String {
    let v: Value = serde_json::from_str(envelope).expect("envelope is JSON");
    v["err"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("expected err, got {envelope}"))
        .to_string()
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
        let out = prepare_pay(n[0], n[1], 0.0);
        let parts: Vec<&str> = out.split('\0').collect();
        assert_eq!(parts[0], "P", "{out}");
        let headers: usize = parts[6].parse().unwrap();
        let sent = parts[7 + 2 * headers];
        assert_eq!(sent, body);
        assert_eq!(format!("{}{}", parts[5], sent), content);
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(parts[4], v["paymentRequestId"], "the id of the body");
        assert_eq!(
            parts[1],
            "https://open-sea-global.alipay.com/ams/api/v1/payments/pay"
        );
    }
    assert_eq!(signature_header_js(SIG_01, Some("1".into())), HEADER_01);
    assert_eq!(
        ok(&parse_signature_header_js(&format!("signature={LOWER_01}")))["signature"],
        SIG_01
    );
}

#[wasm_bindgen_test]
fn response_content_and_interpretation() {
    let n = put(&[BODY_03]);
    let c = content_to_verify_js(
        "/ams/api/v1/payments/pay",
        "TEST_5X00000000000000",
        "2025-01-01T12:00:00+09:00",
        n[0],
    );
    assert_eq!(c, CONTENT_03);
    let n = put(&[BODY_03]);
    let o = ok(&interpret_pay_response(200.0, n[0]));
    assert_eq!(o["kind"], "redirect");
    let raw: Value = serde_json::from_str(BODY_03).unwrap();
    assert_eq!(o["raw"], raw, "the answer as parsed is carried");
    let n = put(&[""]);
    assert_eq!(ok(&interpret_pay_response(503.0, n[0]))["kind"], "unknown");
    assert_eq!(
        err_code(&interpret_pay_response(70_000.0, 0)),
        "INVALID_ARGUMENT"
    );
    assert_eq!(
        err_code(&interpret_pay_response(f64::NAN, 0)),
        "INVALID_ARGUMENT"
    );
    // A length past the buffer is refused, never read.
    assert_eq!(
        err_code(&interpret_pay_response(200.0, 1 << 30)),
        "INVALID_ARGUMENT"
    );
}

#[wasm_bindgen_test]
fn validation_money_ids_and_keys() {
    let n = put(&[r#"{"order":{"goods":[{}]}}"#]);
    let issues: Value = serde_json::from_str(&validate_pay(n[0], 0.0, false)).unwrap();
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
        "",
        "a valid request has no issues"
    );
    assert_eq!(ok(&to_minor_units("12.34", "USD")), "1234");
    assert_eq!(err_code(&to_minor_units("12.5", "JPY")), "INVALID_AMOUNT");
    assert_eq!(ok(&from_minor_units("1234", "BHD")), "1.234");
    let a = ok(&new_payment_request_id());
    let b = ok(&new_payment_request_id());
    assert_ne!(a, b, "getrandom works in this engine");
    assert_eq!(a.as_str().unwrap().len(), 22);
    assert_eq!(ok(&private_key_pkcs8_js(PKCS1)), PKCS8_B64);
    assert_eq!(err_code(&public_key_spki_js(PKCS1)), "INVALID_KEY");
}

/// The shared vector's request: valid.
fn crate_valid() -> &'static str {
    BODY_01
}

/// A host object like the one core.js builds, answering S without a signature check.
fn host(answer: &str, fail_sign: bool) -> JsValue {
    let make = js_sys::Function::new_with_args(
        "answer, failSign",
        r#"return {
            hasVerifier: false,
            sent: [],
            signed: [],
            sign: async function (content) { if (failSign) throw new Error("hsm offline"); this.signed.push(content); return "c2lnbmF0dXJl"; },
            verify: async () => false,
            send: async function (req, sig, timeout) { this.sent.push([req, sig, timeout]); return answer; },
            sleep: async () => {},
            now: () => 1735700400123,
        };"#,
    );
    make.call2(
        &JsValue::NULL,
        &JsValue::from_str(answer),
        &JsValue::from_bool(fail_sign),
    )
    .unwrap()
}

#[wasm_bindgen_test]
async fn client_pays_through_js_callbacks() {
    let client = AntomClientCore::new(r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test","retry":{"maxAttempts":2,"delayMs":0},"trustUnverifiedAnswers":true}"#, false).unwrap();
    let answer = format!(
        r#"{{"status":200,"headers":[],"body":{}}}"#,
        serde_json::to_string(BODY_03).unwrap()
    );
    let h = host(&answer, false);
    let out = JsFuture::from(client.pay(BODY_01.to_string(), h.clone().unchecked_into()))
        .await
        .unwrap();
    let o = ok(&out.as_string().unwrap());
    assert_eq!(o["kind"], "redirect");
    let sent = js_sys::Reflect::get(&h, &"sent".into()).unwrap();
    let first = js_sys::Array::from(&js_sys::Array::from(&sent).get(0));
    let req: Value = serde_json::from_str(&first.get(0).as_string().unwrap()).unwrap();
    assert_eq!(req["body"], BODY_01);
    assert_eq!(
        first.get(1).as_string().unwrap(),
        "algorithm=RSA256,keyVersion=1,signature=c2lnbmF0dXJl"
    );

    // Timeouts resend the identical body, then say "inquire". The bytes are compared as they
    // left: each sent body is the request's body, and what was signed is rebuilt from the sent
    // URL path, Client-Id and Request-Time headers and body (never the library's own content).
    let h = host(r#"{"failure":"timeout"}"#, false);
    let o = ok(
        &JsFuture::from(client.pay(BODY_01.to_string(), h.clone().unchecked_into()))
            .await
            .unwrap()
            .as_string()
            .unwrap(),
    );
    assert_eq!(
        (
            o["kind"].as_str(),
            o["action"].as_str(),
            o["attempts"].as_u64()
        ),
        (Some("unknown"), Some("inquirePayment"), Some(2))
    );
    let sent = js_sys::Array::from(&js_sys::Reflect::get(&h, &"sent".into()).unwrap());
    let signed = js_sys::Array::from(&js_sys::Reflect::get(&h, &"signed".into()).unwrap());
    assert_eq!((sent.length(), signed.length()), (2, 2));
    for i in 0..2 {
        let req: Value = serde_json::from_str(
            &js_sys::Array::from(&sent.get(i))
                .get(0)
                .as_string()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            req["body"], BODY_01,
            "attempt {i} sent the byte-identical body"
        );
        let url = req["url"].as_str().unwrap();
        let path = &url[url.find("/ams/").unwrap()..];
        let rebuilt = format!(
            "POST {path}\n{}.{}.{}",
            req["headers"]["Client-Id"].as_str().unwrap(),
            req["headers"]["Request-Time"].as_str().unwrap(),
            req["body"].as_str().unwrap()
        );
        assert_eq!(signed.get(i).as_string().unwrap(), rebuilt, "attempt {i}");
    }

    // A failing signer before anything was sent is an error, not an outcome.
    let o = JsFuture::from(client.pay(BODY_01.to_string(), host("{}", true).unchecked_into()))
        .await
        .unwrap();
    assert_eq!(err_code(&o.as_string().unwrap()), "SIGNER_FAILED");

    assert!(AntomClientCore::new(r#"{"clientId":"x"}"#, false).is_err());
    // Verification is a decision: no verifier and no trustUnverifiedAnswers is refused.
    assert!(AntomClientCore::new(
        r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test"}"#,
        false
    )
    .is_err());
}
