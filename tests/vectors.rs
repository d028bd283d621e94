//! The shared signing vectors, byte for byte, with OpenSSL as the independent RSA implementation.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::prepare_pay;
use antom_checkout::PrepareConfig;
use antom_checkout::{content_to_verify, parse_signature_header, signature_header};
use common::*;
use serde_json::{json, Value};

fn config_for(dir: &str) -> PrepareConfig {
    let p = params(dir);
    PrepareConfig::from_json(&json!({
        "clientId": p["client_id"], "gateway": "asia", "keyVersion": p["key_version"], "requestTime": p["request_time"]
    }))
    .unwrap()
}

fn reproduce_request(dir: &str) {
    let body = read(&format!("{dir}/body.json"));
    let input: Value = serde_json::from_str(&body).unwrap();
    let prepared = prepare_pay(&input, &config_for(dir), 0).unwrap();
    assert_eq!(prepared.body, body, "{dir}: body bytes");
    assert_eq!(
        prepared.content_to_sign(),
        read(&format!("{dir}/content.txt")),
        "{dir}: content bytes"
    );
    assert_eq!(prepared.path, params(dir)["path"]);
    // OpenSSL signing the library's content reproduces the vector's signature (PKCS#1 v1.5 is deterministic).
    let sig = openssl_sign(
        "keys/merchant_private_pkcs8.pem",
        &prepared.content_to_sign(),
    );
    assert_eq!(sig, read(&format!("{dir}/signature.b64.txt")));
    let header = signature_header(&sig, prepared.key_version.as_deref()).unwrap();
    assert_eq!(header, read(&format!("{dir}/signature_header_value.txt")));
    assert!(openssl_verify(
        "keys/merchant_public.pem",
        &prepared.content_to_sign(),
        &sig
    ));
    // The head on the wire carries the same Request-Time and Client-Id.
    let head = read(&format!("{dir}/http_request_head.txt"));
    for (k, v) in &prepared.headers.0 {
        assert!(
            head.contains(&format!("{k}: {v}\r\n")),
            "{dir}: header {k} not in the wire head"
        );
    }
}

#[test]
fn vector_01_pay_request() {
    reproduce_request("01_pay_request");
}

#[test]
fn vector_02_utf8_pay_request() {
    reproduce_request("02_pay_request_utf8");
}

#[test]
fn the_top_level_copy_is_vector_01() {
    assert_eq!(read("body.json"), read("01_pay_request/body.json"));
    assert_eq!(read("content.txt"), read("01_pay_request/content.txt"));
}

#[test]
fn a_caller_request_without_constants_gives_vector_01_bytes() {
    let mut input = valid_request();
    input["order"].as_object_mut().unwrap().remove("goods");
    input["order"]["env"] = json!({"userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.5.30.6000 Language/ja"});
    let prepared = prepare_pay(&input, &config_for("01_pay_request"), 0).unwrap();
    assert_eq!(prepared.body, read("01_pay_request/body.json"));
}

fn head_headers(text: &str) -> Vec<(String, String)> {
    text.split("\r\n")
        .skip(1)
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        })
        .collect()
}

fn verify_vector(dir: &str, head_file: &str, time_header: &str) {
    let p = params(dir);
    let headers = head_headers(&read(&format!("{dir}/{head_file}")));
    let get = |k: &str| {
        headers
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    let body = read(&format!("{dir}/body.json"));
    let content = content_to_verify(&p["path"], &get("client-id"), &get(time_header), &body);
    assert_eq!(
        content,
        read(&format!("{dir}/content.txt")),
        "{dir}: verification content"
    );
    let parsed = parse_signature_header(&get("signature")).unwrap();
    assert_eq!(parsed.signature, read(&format!("{dir}/signature.b64.txt")));
    assert_eq!(parsed.key_version.as_deref(), Some("1"));
    assert!(openssl_verify(
        "keys/antom_sim_public.pem",
        &content,
        &parsed.signature
    ));
    // Any changed byte of path, client id, time or body fails.
    let tampered = [
        content_to_verify(
            &format!("{}x", p["path"]),
            &get("client-id"),
            &get(time_header),
            &body,
        ),
        content_to_verify(
            &p["path"],
            "TEST_5X00000000000001",
            &get(time_header),
            &body,
        ),
        content_to_verify(
            &p["path"],
            &get("client-id"),
            &get(time_header).replacen("2025", "2026", 1),
            &body,
        ),
        content_to_verify(
            &p["path"],
            &get("client-id"),
            &get(time_header),
            &body.replace("1200", "1201"),
        ),
    ];
    for t in tampered {
        assert!(!openssl_verify(
            "keys/antom_sim_public.pem",
            &t,
            &parsed.signature
        ));
    }
}

#[test]
fn vector_03_pay_response_verification() {
    verify_vector("03_pay_response", "http_response_head.txt", "response-time");
}

#[test]
fn vector_04_notification_verification() {
    verify_vector("04_notify_payment", "http_request_head.txt", "request-time");
    assert_eq!(
        read("04_notify_payment/ack_body.json"),
        r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#
    );
}

#[test]
fn vector_05_tampered_body_fails() {
    let mut input: Value = serde_json::from_str(&read("01_pay_request/body.json")).unwrap();
    input["paymentAmount"]["value"] = json!("1201");
    let prepared = prepare_pay(&input, &config_for("05_negative_tampered"), 0).unwrap();
    assert_eq!(
        prepared.content_to_sign(),
        read("05_negative_tampered/content.txt")
    );
    let sig = parse_signature_header(&format!(
        "signature={}",
        read("05_negative_tampered/signature.txt")
    ))
    .unwrap();
    assert_eq!(sig.signature, read("01_pay_request/signature.b64.txt"));
    assert!(!openssl_verify(
        "keys/merchant_public.pem",
        &prepared.content_to_sign(),
        &sig.signature
    ));
}

#[test]
fn lower_case_percent_escapes_parse_to_the_same_signature() {
    let lower = parse_signature_header(&format!(
        "algorithm=RSA256, keyVersion=1, signature={}",
        read("01_pay_request/signature.lowerhex.txt")
    ))
    .unwrap();
    let upper = parse_signature_header(&read("01_pay_request/signature_header_value.txt")).unwrap();
    assert_eq!(lower.signature, upper.signature);
    assert_eq!(upper.signature, read("01_pay_request/signature.b64.txt"));
    // A raw (not percent-encoded) base64 value passes unchanged: '+' is never a space.
    let raw = parse_signature_header(&format!("signature={}", upper.signature)).unwrap();
    assert_eq!(raw.signature, upper.signature);
}

#[test]
fn signature_header_without_key_version_omits_the_pair() {
    let h = signature_header("YWJj", None).unwrap();
    assert_eq!(h, "algorithm=RSA256,signature=YWJj");
    assert!(signature_header("not base64!", Some("1")).is_err());
    assert!(signature_header("YWJj", Some("x")).is_err());
}
