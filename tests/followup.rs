//! inquiryPayment, cancel and notifyPayment.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::PrepareConfig;
use antom_checkout::{interpret_cancel, interpret_inquiry, Reason};
use antom_checkout::{
    notification_to_verify, parse_header_time, parse_notification, Refusal, ACK_BODY,
};
use antom_checkout::{prepare_cancel, prepare_inquiry, Headers};
use antom_checkout::{Action, Kind};
use common::*;
use serde_json::json;

fn cfg() -> PrepareConfig {
    PrepareConfig::from_json(&json!({"clientId": "TEST_5X00000000000000", "gateway": "asia", "requestTime": "1735700400123"})).unwrap()
}

#[test]
fn inquiry_and_cancel_requests() {
    let p = prepare_inquiry(&json!({"paymentRequestId": "PR1"}), &cfg(), 0).unwrap();
    assert_eq!(p.path, "/ams/api/v1/payments/inquiryPayment");
    assert_eq!(p.body, r#"{"paymentRequestId":"PR1"}"#);
    assert_eq!(p.content_to_sign(), "POST /ams/api/v1/payments/inquiryPayment\nTEST_5X00000000000000.1735700400123.{\"paymentRequestId\":\"PR1\"}");
    let c = prepare_cancel(
        &json!({"paymentId": "2025X", "paymentRequestId": "PR1"}),
        &cfg(),
        0,
    )
    .unwrap();
    assert_eq!(c.path, "/ams/api/v1/payments/cancel");
    assert_eq!(c.body, r#"{"paymentRequestId":"PR1","paymentId":"2025X"}"#);
    for bad in [
        json!({}),
        json!({"paymentRequestId": ""}),
        json!({"paymentId": 5}),
        json!({"x": "1"}),
        json!("PR1"),
    ] {
        let e = prepare_inquiry(&bad, &cfg(), 0).unwrap_err();
        assert_eq!(e.code(), "INVALID_REQUEST", "{bad}");
    }
}

fn inquiry(status: &str) -> String {
    format!(
        r#"{{"result":{{"resultStatus":"S","resultCode":"SUCCESS"}},"paymentStatus":"{status}","paymentRequestId":"PR1","paymentResultCode":"X"}}"#
    )
}

#[test]
fn inquiry_outcomes() {
    let cases = [
        ("SUCCESS", Kind::Paid, Action::FulfilOrder),
        ("Success", Kind::Paid, Action::FulfilOrder),
        ("FAIL", Kind::Failed, Action::ShowDeclined),
        ("PROCESSING", Kind::Processing, Action::InquirePayment),
        ("CANCELLED", Kind::Cancelled, Action::NewPaymentRequest),
        ("WHATEVER", Kind::Unknown, Action::InquirePayment),
    ];
    for (status, kind, action) in cases {
        let o = interpret_inquiry(200, &inquiry(status));
        assert_eq!((o.kind, o.action), (kind, action), "{status}");
        assert_eq!(o.payment_status.as_deref(), Some(status));
    }
    let nf = interpret_inquiry(
        200,
        r#"{"result":{"resultStatus":"F","resultCode":"ORDER_NOT_EXIST"}}"#,
    );
    assert_eq!(nf.kind, Kind::NotFound);
    // An inquiry Antom answered F (other than ORDER_NOT_EXIST): asking again will not resolve
    // it; spec.md section 7 ("other F -> cancel", as the legacy in-store SDK does).
    for code in ["INVALID_SIGNATURE", "PROCESS_FAIL", "SOMETHING_NEW"] {
        let f = interpret_inquiry(
            200,
            &format!(r#"{{"result":{{"resultStatus":"F","resultCode":"{code}"}}}}"#),
        );
        assert_eq!(
            (f.kind, f.action, f.retryable),
            (Kind::Unknown, Action::CancelPayment, false),
            "{code}"
        );
        assert_eq!(f.reason, Some(Reason::InquiryFailed));
    }
    assert_eq!(interpret_inquiry(504, "").kind, Kind::Unknown);
}

#[test]
fn cancel_outcomes() {
    let s = interpret_cancel(
        200,
        r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"cancelTime":"2025-01-01T12:10:00+09:00"}"#,
    );
    assert_eq!(s.kind, Kind::Cancelled);
    assert_eq!(s.cancel_time.as_deref(), Some("2025-01-01T12:10:00+09:00"));
    let raw: serde_json::Value = serde_json::from_str(&s.raw.as_ref().unwrap().0).unwrap();
    assert_eq!(raw["cancelTime"], "2025-01-01T12:10:00+09:00");
    let f = interpret_cancel(
        200,
        r#"{"result":{"resultStatus":"F","resultCode":"CANCEL_WINDOW_EXCEED"}}"#,
    );
    assert_eq!((f.kind, f.retryable), (Kind::Failed, false));
    assert_eq!(
        interpret_cancel(
            200,
            r#"{"result":{"resultStatus":"U","resultCode":"UNKNOWN_EXCEPTION"}}"#
        )
        .kind,
        Kind::Unknown
    );
}

fn vector_04_headers() -> Headers {
    let mut h = Headers::default();
    for line in read("04_notify_payment/http_request_head.txt")
        .split("\r\n")
        .skip(1)
    {
        if let Some((k, v)) = line.split_once(": ") {
            h.0.push((k.to_string(), v.to_string()));
        }
    }
    h
}

#[test]
fn vector_04_notification_is_verified_and_read() {
    let body = read("04_notify_payment/body.json");
    let at = parse_header_time("2025-01-01T12:01:30+09:00").unwrap();
    let check = notification_to_verify(
        "/antom/notify",
        &vector_04_headers(),
        &body,
        "TEST_5X00000000000000",
        at + 60_000,
        600_000,
    )
    .unwrap();
    assert_eq!(check.content, read("04_notify_payment/content.txt"));
    assert!(openssl_verify(
        "keys/antom_sim_public.pem",
        &check.content,
        &check.signature
    ));
    let n = parse_notification(&body).unwrap();
    assert_eq!(
        (n.kind.name(), n.payment_request_id.as_str()),
        ("paid", "PR20250101120000JP0001")
    );
    assert_eq!(n.payment_amount.unwrap().value, "1200");
    assert_eq!(ACK_BODY, read("04_notify_payment/ack_body.json"));
}

#[test]
fn notifications_refused() {
    let body = read("04_notify_payment/body.json");
    let at = parse_header_time("2025-01-01T12:01:30+09:00").unwrap();
    let h = vector_04_headers();
    let r = |h: &Headers, cid: &str, now: i64| {
        notification_to_verify("/antom/notify", h, &body, cid, now, 600_000).unwrap_err()
    };
    assert_eq!(r(&h, "TEST_5X00000000000000", at + 600_001), Refusal::Stale);
    assert_eq!(r(&h, "TEST_5X00000000000000", at - 600_001), Refusal::Stale);
    assert_eq!(r(&h, "OTHER", at), Refusal::WrongClientId);
    let mut unsigned = h.clone();
    unsigned.0.retain(|(k, _)| k != "Signature");
    assert_eq!(r(&unsigned, "TEST_5X00000000000000", at), Refusal::Unsigned);
    let mut bad = h.clone();
    bad.set("Signature", "algorithm=RSA256,keyVersion=1".into());
    assert_eq!(
        r(&bad, "TEST_5X00000000000000", at),
        Refusal::BadSignatureHeader
    );
    assert_eq!(parse_header_time("1735700490000"), Some(1_735_700_490_000));
    assert_eq!(
        parse_header_time("2025-01-01T03:01:30Z"),
        parse_header_time("2025-01-01T12:01:30+09:00")
    );
    assert_eq!(parse_notification("[]").unwrap_err(), Refusal::Unreadable);
    assert_eq!(parse_notification(r#"{"notifyType":"PAYMENT_PENDING","paymentRequestId":"x","result":{"resultStatus":"S"}}"#).unwrap().kind, "pending");
}
