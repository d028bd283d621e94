//! refund on its description: exact bytes signed and verified with the shared keys through
//! OpenSSL, validation with paths, and every code of its table read into an outcome.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::Error;
use antom_checkout::PrepareConfig;
use antom_checkout::{content_to_verify, parse_signature_header, signature_header};
use antom_checkout::{Action, Kind, Reason};
use antom_checkout::{REFUND, REFUND_CODES};
use common::*;
use serde_json::json;

const CLIENT_ID: &str = "SANDBOX_5YC3AB2ZXXXX01234";
const TIME: &str = "2025-06-01T12:00:00+08:00";

fn config() -> PrepareConfig {
    PrepareConfig::from_json(
        &json!({ "clientId": CLIENT_ID, "gateway": "asia", "keyVersion": "1", "requestTime": TIME })
            .to_string(),
    )
    .unwrap()
}

#[test]
fn a_refund_request_is_signed_and_verified_byte_for_byte_through_openssl() {
    // Keys in another order: the library writes the canonical body in the reference page's
    // order.
    let input = json!({
        "refundReason": "one coffee returned",
        "refundAmount": { "value": "450", "currency": "SGD" },
        "paymentId": "202506011200000001",
        "refundRequestId": "REFUND-2025-0001"
    });
    let prepared = REFUND.request.prepare(&input, &config(), 0).unwrap();
    let body = r#"{"refundRequestId":"REFUND-2025-0001","paymentId":"202506011200000001","refundAmount":{"currency":"SGD","value":"450"},"refundReason":"one coffee returned"}"#;
    assert_eq!(prepared.body, body);
    assert_eq!(prepared.path, "/ams/api/v1/payments/refund");
    assert_eq!(
        prepared.url,
        "https://open-sea-global.alipay.com/ams/api/v1/payments/refund"
    );
    assert_eq!(
        (prepared.key, prepared.request_id.as_str()),
        ("refundRequestId", "REFUND-2025-0001")
    );
    let content = format!("POST /ams/api/v1/payments/refund\n{CLIENT_ID}.{TIME}.{body}");
    assert_eq!(prepared.content_to_sign(), content);
    // PKCS#1 v1.5 is deterministic: both encodings of the merchant key sign the same bytes.
    let sig = openssl_sign("keys/merchant_private_pkcs8.pem", &content);
    assert_eq!(
        sig,
        openssl_sign("keys/merchant_private_pkcs1.pem", &content)
    );
    assert!(openssl_verify("keys/merchant_public.pem", &content, &sig));
    let header = signature_header(&sig, Some("1")).unwrap();
    assert_eq!(parse_signature_header(&header).unwrap().signature, sig);
    // One byte more and the signature no longer holds.
    assert!(!openssl_verify(
        "keys/merchant_public.pem",
        &format!("{content} "),
        &sig
    ));

    // Antom's answer, signed with the stand-in's key by OpenSSL, verifies over the library's
    // content to verify.
    let answer = r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"refundRequestId":"REFUND-2025-0001","refundId":"R1","paymentId":"202506011200000001","refundAmount":{"currency":"SGD","value":"450"},"refundTime":"2025-06-01T12:00:01+08:00"}"#;
    let to_verify = content_to_verify(
        &prepared.path,
        CLIENT_ID,
        "2025-06-01T12:00:01+08:00",
        answer,
    );
    assert_eq!(
        to_verify,
        format!("POST /ams/api/v1/payments/refund\n{CLIENT_ID}.2025-06-01T12:00:01+08:00.{answer}")
    );
    let antom_sig = openssl_sign("keys/antom_sim_private_pkcs8.pem", &to_verify);
    assert!(openssl_verify(
        "keys/antom_sim_public.pem",
        &to_verify,
        &antom_sig
    ));
    let o = REFUND.interpret(200, answer);
    assert_eq!((o.kind, o.action), (Kind::Refunded, Action::RecordRefund));
    assert_eq!(o.refund_id.as_deref(), Some("R1"));
    assert_eq!(o.refund_amount.map(|a| a.value).as_deref(), Some("450"));
}

#[test]
fn an_invalid_refund_reports_every_issue_with_its_path() {
    let input = json!({
        "paymentId": "P",
        "refundAmount": { "currency": "SGD", "value": "0" },
        "refundReason": "x".repeat(257),
        "refundNote": "?"
    });
    let Err(Error::InvalidRequest(issues)) = REFUND.request.prepare(&input, &config(), 0) else {
        panic!("refused")
    };
    let mut paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "refundAmount.value",
            "refundNote",
            "refundReason",
            "refundRequestId"
        ]
    );
}

fn answer(status: &str, code: &str) -> String {
    json!({ "result": { "resultStatus": status, "resultCode": code, "resultMessage": "m" } })
        .to_string()
}

#[test]
fn every_refund_code_is_read_as_its_table_says() {
    for info in REFUND_CODES {
        let o = REFUND.interpret(200, &answer(&info.status.to_string(), info.code));
        let want = match (info.status, info.processing) {
            ('S', _) => Kind::Refunded,
            ('F', _) => Kind::Failed,
            ('U', true) => Kind::Processing,
            _ => Kind::Unknown,
        };
        assert_eq!(o.kind, want, "{}", info.code);
        assert_eq!(o.action, info.action, "{}", info.code);
        assert!(REFUND.kinds.contains(&o.kind), "{}", info.code);
        if want == Kind::Unknown {
            assert!(
                o.retryable && o.reason == Some(Reason::ResultUnknown),
                "{}",
                info.code
            );
        }
    }
    // Gateway codes the payment tables know keep their meaning; payment-only wording is
    // replaced by the refund's.
    let o = REFUND.interpret(200, &answer("F", "INVALID_SIGNATURE"));
    assert_eq!(o.action, Action::FixConfiguration);
    let o = REFUND.interpret(200, &answer("F", "REPEAT_REQ_INCONSISTENT"));
    assert!(o.advice.contains("refundRequestId"), "{}", o.advice);
    // Ambiguity is never failure.
    for (status, body) in [(200, "not json"), (502, "{}"), (200, "{}")] {
        let o = REFUND.interpret(status, body);
        assert_eq!((o.kind, o.retryable), (Kind::Unknown, true), "{body}");
        assert!(o.advice.contains("refundRequestId"), "{}", o.advice);
    }
}

#[test]
fn inquiry_refund_reads_refund_status_and_its_own_codes() {
    use antom_checkout::INQUIRY_REFUND;
    let ok = |status: &str| {
        json!({ "result": { "resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success" },
                "refundRequestId": "RF1", "refundId": "R1", "refundStatus": status,
                "refundAmount": { "currency": "JPY", "value": "200" } })
        .to_string()
    };
    for (status, kind, action) in [
        ("SUCCESS", Kind::Refunded, Action::RecordRefund),
        ("FAIL", Kind::Failed, Action::NewRefundRequest),
        ("PROCESSING", Kind::Processing, Action::InquireRefund),
        ("processing", Kind::Processing, Action::InquireRefund),
        ("SOMETHING", Kind::Unknown, Action::InquireRefund),
    ] {
        let o = INQUIRY_REFUND.interpret(200, &ok(status));
        assert_eq!((o.kind, o.action), (kind, action), "{status}");
        assert_eq!(o.refund_status.as_deref(), Some(status));
        assert!(INQUIRY_REFUND.kinds.contains(&o.kind));
    }
    let o = INQUIRY_REFUND.interpret(200, &answer("F", "REFUND_NOT_EXIST"));
    assert_eq!((o.kind, o.action), (Kind::NotFound, Action::ResendRefund));
    let o = INQUIRY_REFUND.interpret(200, &answer("F", "ACCESS_DENIED"));
    assert_eq!(
        (o.kind, o.action, o.retryable),
        (Kind::Unknown, Action::ContactSupport, false)
    );
    assert_eq!(o.reason, Some(Reason::InquiryFailed));
    let o = INQUIRY_REFUND.interpret(200, &answer("U", "UNKNOWN_EXCEPTION"));
    assert_eq!((o.kind, o.retryable), (Kind::Unknown, true));
    // At least one id.
    let Err(Error::InvalidRequest(issues)) =
        INQUIRY_REFUND.request.prepare(&json!({}), &config(), 0)
    else {
        panic!("refused")
    };
    assert_eq!(issues[0].path, "refundRequestId");
    let p = INQUIRY_REFUND
        .request
        .prepare(&json!({ "refundId": "R1" }), &config(), 0)
        .unwrap();
    assert_eq!(
        (p.body.as_str(), p.request_id.as_str()),
        (r#"{"refundId":"R1"}"#, "")
    );
}

/// A gateway answering refunds, signing like Antom (OpenSSL, the simulated Antom key), after
/// checking the merchant's signature over what it received.
struct RefundGateway {
    /// Per attempt: `None` times out, `Some(id)` answers S for the refund `id`.
    script: Vec<Option<&'static str>>,
    bodies: std::cell::RefCell<Vec<String>>,
}

impl antom_checkout::Transport for RefundGateway {
    async fn send(
        &self,
        req: &antom_checkout::PreparedRequest,
        signature: &str,
        _timeout: u32,
    ) -> Result<antom_checkout::HttpResponse, antom_checkout::SendFailure> {
        assert_merchant_signed(req, signature);
        let n = self.bodies.borrow().len();
        self.bodies.borrow_mut().push(req.body.clone());
        let Some(id) = self.script[n] else {
            return Err(antom_checkout::SendFailure::Timeout);
        };
        let body = format!(
            r#"{{"result":{{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"}},"refundRequestId":"{id}","refundId":"R9","paymentId":"P1","refundAmount":{{"currency":"SGD","value":"450"}}}}"#
        );
        Ok(common::antom_signed(
            &req.path,
            CLIENT_ID,
            "2025-06-01T12:00:02+08:00",
            body,
        ))
    }
}

struct Keys;
impl antom_checkout::Signer for Keys {
    async fn sign(&self, content: &str) -> Result<String, antom_checkout::HostFailure> {
        Ok(openssl_sign("keys/merchant_private_pkcs8.pem", content))
    }
}
impl antom_checkout::Verifier for Keys {
    async fn verify(&self, content: &str, sig: &str) -> Result<bool, antom_checkout::HostFailure> {
        Ok(openssl_verify("keys/antom_sim_public.pem", content, sig))
    }
}
struct Instant;
impl antom_checkout::Clock for Instant {
    fn now_ms(&self) -> i64 {
        1_748_750_400_000
    }
    async fn sleep(&self, _ms: u32) {}
}

#[test]
fn the_client_resends_a_refund_with_the_same_bytes_and_refuses_another_refunds_answer() {
    let config = antom_checkout::ClientConfig::from_json(
        &json!({ "clientId": CLIENT_ID, "gateway": "https://antom.test" }).to_string(),
    )
    .unwrap();
    let input = json!({ "refundRequestId": "RF-1", "paymentId": "P1",
                        "refundAmount": { "currency": "SGD", "value": "450" } });
    let gateway = RefundGateway {
        script: vec![None, Some("RF-1")],
        bodies: Default::default(),
    };
    let client =
        antom_checkout::Client::new(config.clone(), Keys, &gateway, Instant, Some(Keys)).unwrap();
    let o = block_on(client.refund(&input)).unwrap();
    assert_eq!(
        (o.kind, o.attempts, o.refund_request_id.as_deref()),
        (Kind::Refunded, Some(2), Some("RF-1"))
    );
    let bodies = gateway.bodies.borrow();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], bodies[1], "the resend carries the same bytes");
    // An answer about another refund is not this refund's: unknown, and never "refunded".
    let stranger = RefundGateway {
        script: vec![Some("RF-OTHER"), Some("RF-OTHER"), Some("RF-OTHER")],
        bodies: Default::default(),
    };
    let client = antom_checkout::Client::new(config, Keys, &stranger, Instant, Some(Keys)).unwrap();
    let o = block_on(client.refund(&input)).unwrap();
    assert_eq!(
        (o.kind, o.reason, o.action),
        (
            Kind::Unknown,
            Some(antom_checkout::Reason::MismatchedRequestId),
            Action::InquireRefund
        )
    );
    assert_eq!(o.refund_request_id.as_deref(), Some("RF-1"));
}
