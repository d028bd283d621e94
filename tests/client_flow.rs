//! The pay flow through fake hosts: resends keep the id and the body, unknowns stay unknown,
#![cfg(not(target_arch = "wasm32"))]
//! unverifiable answers are never trusted. Signatures come from OpenSSL with the vector keys.
mod common;
use antom_checkout::ClientConfig;
use antom_checkout::Error;
use antom_checkout::{Action, Kind, Reason};
use antom_checkout::{
    Client, Clock, HostFailure, HttpResponse, SendFailure, Signer, Transport, Verifier,
};
use antom_checkout::{Headers, PreparedRequest};
use common::*;
use serde_json::json;
use std::cell::RefCell;

struct OpensslSigner;
impl Signer for OpensslSigner {
    async fn sign(&self, content: &str) -> Result<String, HostFailure> {
        Ok(openssl_sign("keys/merchant_private_pkcs8.pem", content))
    }
}

struct FailingSigner(RefCell<u32>);
impl Signer for FailingSigner {
    async fn sign(&self, content: &str) -> Result<String, HostFailure> {
        let mut n = self.0.borrow_mut();
        *n += 1;
        if *n >= 2 {
            Err(HostFailure("kms down".into()))
        } else {
            Ok(openssl_sign("keys/merchant_private_pkcs8.pem", content))
        }
    }
}

struct OpensslVerifier;
impl Verifier for OpensslVerifier {
    async fn verify(&self, content: &str, sig: &str) -> Result<bool, HostFailure> {
        Ok(openssl_verify("keys/antom_sim_public.pem", content, sig))
    }
}

#[derive(Clone, Copy)]
enum Step {
    Answer(&'static str, &'static str), // status, code
    Timeout,
    Network,
    Http500,
    Unsigned(&'static str, &'static str),
    Tampered,
}

/// A scripted gateway that signs its answers like Antom (with the simulated Antom key) and
/// records what it received.
struct FakeGateway {
    script: Vec<Step>,
    seen: RefCell<Vec<(String, String, String)>>, // body, request-time, signature
}

impl FakeGateway {
    fn new(script: Vec<Step>) -> Self {
        FakeGateway {
            script,
            seen: RefCell::new(vec![]),
        }
    }
}

fn body_for(req: &PreparedRequest, status: &str, code: &str) -> String {
    let redirect = if status == "S" {
        r#","redirectActionForm":{"method":"GET","redirectUrl":"https://wallet.example/pay?t=1"}"#
    } else {
        ""
    };
    format!(
        r#"{{"result":{{"resultStatus":"{status}","resultCode":"{code}","resultMessage":"m"}},"paymentRequestId":"{}","paymentId":"P1"{redirect}}}"#,
        req.request_id
    )
}

fn signed(req: &PreparedRequest, body: String) -> HttpResponse {
    common::antom_signed(
        &req.path,
        "TEST_5X00000000000000",
        "2025-01-01T12:00:01+09:00",
        body,
    )
}

impl Transport for FakeGateway {
    async fn send(
        &self,
        req: &PreparedRequest,
        signature: &str,
        _timeout: u32,
    ) -> Result<HttpResponse, SendFailure> {
        let n = self.seen.borrow().len();
        // The gateway checks the merchant signature over what it received, like Antom.
        assert_merchant_signed(req, signature);
        self.seen.borrow_mut().push((
            req.body.clone(),
            req.request_time.clone(),
            signature.to_string(),
        ));
        match self.script[n.min(self.script.len() - 1)] {
            Step::Answer(s, c) => Ok(signed(req, body_for(req, s, c))),
            Step::Timeout => Err(SendFailure::Timeout),
            Step::Network => Err(SendFailure::Network("reset".into())),
            Step::Http500 => Ok(HttpResponse {
                status: 500,
                headers: Headers::default(),
                body: "oops".into(),
            }),
            Step::Unsigned(s, c) => Ok(HttpResponse {
                status: 200,
                headers: Headers::default(),
                body: body_for(req, s, c),
            }),
            Step::Tampered => {
                let mut r = signed(req, body_for(req, "S", "SUCCESS"));
                r.body = r.body.replace("wallet.example", "evil.example");
                Ok(r)
            }
        }
    }
}

struct FakeClock {
    now: RefCell<i64>,
    slept: RefCell<Vec<u32>>,
}
impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        *self.now.borrow()
    }
    async fn sleep(&self, ms: u32) {
        self.slept.borrow_mut().push(ms);
        *self.now.borrow_mut() += i64::from(ms);
    }
}

fn clock() -> FakeClock {
    FakeClock {
        now: RefCell::new(NOW),
        slept: RefCell::new(vec![]),
    }
}

fn config(extra: serde_json::Value) -> ClientConfig {
    let mut c = json!({"clientId": "TEST_5X00000000000000", "gateway": "http://127.0.0.1:9", "retry": {"maxAttempts": 3, "delayMs": 100}});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    ClientConfig::from_json(&c).unwrap()
}

fn run(
    script: Vec<Step>,
    extra: serde_json::Value,
) -> (
    Result<antom_checkout::PayOutcome, Error>,
    FakeGateway,
    FakeClock,
) {
    let gw = FakeGateway::new(script);
    let clk = clock();
    let client = Client::new(
        config(extra),
        OpensslSigner,
        &gw,
        &clk,
        Some(OpensslVerifier),
    )
    .expect("a client with a verifier");
    let out = block_on(client.pay(&valid_request()));
    drop(client);
    (out, gw, clk)
}

fn assert_same_body_fresh_signatures(gw: &FakeGateway) {
    let seen = gw.seen.borrow();
    for w in seen.windows(2) {
        assert_eq!(w[0].0, w[1].0, "resends must carry the byte-identical body");
        assert_ne!(w[0].1, w[1].1, "each send gets a fresh Request-Time");
    }
    for (body, ..) in seen.iter() {
        assert!(body.contains(r#""paymentRequestId":"PR20250101120000JP0001""#));
    }
}

#[test]
fn success_redirects() {
    let (out, gw, _) = run(vec![Step::Answer("S", "SUCCESS")], json!({}));
    let o = out.unwrap();
    assert_eq!(o.kind, Kind::Redirect);
    assert_eq!(
        o.redirect.unwrap().redirect_url,
        "https://wallet.example/pay?t=1"
    );
    assert_eq!(o.attempts, Some(1));
    assert_eq!(gw.seen.borrow().len(), 1);
}

#[test]
fn failure_is_final_and_not_resent() {
    let (out, gw, _) = run(vec![Step::Answer("F", "RISK_REJECT")], json!({}));
    let o = out.unwrap();
    assert_eq!(
        (o.kind, o.action, o.retryable),
        (Kind::Failed, Action::ShowDeclined, false)
    );
    assert_eq!(gw.seen.borrow().len(), 1);
}

#[test]
fn unknown_then_success_resends_the_identical_body() {
    let (out, gw, clk) = run(
        vec![
            Step::Answer("U", "UNKNOWN_EXCEPTION"),
            Step::Timeout,
            Step::Answer("S", "SUCCESS"),
        ],
        json!({}),
    );
    assert_eq!(out.unwrap().kind, Kind::Redirect);
    assert_eq!(gw.seen.borrow().len(), 3);
    assert_same_body_fresh_signatures(&gw);
    assert_eq!(*clk.slept.borrow(), vec![100, 200]);
}

#[test]
fn unknown_after_all_attempts_says_inquire() {
    let (out, gw, _) = run(vec![Step::Network, Step::Http500, Step::Timeout], json!({}));
    let o = out.unwrap();
    assert_eq!(
        (o.kind, o.action, o.reason),
        (Kind::Unknown, Action::InquirePayment, Some(Reason::Timeout))
    );
    assert_eq!(
        o.payment_request_id.as_deref(),
        Some("PR20250101120000JP0001")
    );
    assert_eq!(o.attempts, Some(3));
    assert_same_body_fresh_signatures(&gw);
}

#[test]
fn tampered_answer_is_not_trusted() {
    let (out, _, _) = run(vec![Step::Tampered], json!({"retry": {"maxAttempts": 1}}));
    let o = out.unwrap();
    assert_eq!(
        (o.kind, o.reason),
        (Kind::Unknown, Some(Reason::SignatureInvalid))
    );
    assert!(o.redirect.is_none());
}

#[test]
fn unsigned_success_or_failure_is_not_trusted_by_default() {
    for step in [
        Step::Unsigned("S", "SUCCESS"),
        Step::Unsigned("F", "PROCESS_FAIL"),
    ] {
        let (out, _, _) = run(vec![step], json!({"retry": {"maxAttempts": 1}}));
        let o = out.unwrap();
        assert_eq!(
            (o.kind, o.reason),
            (Kind::Unknown, Some(Reason::SignatureMissing))
        );
        assert!(o.unverified.is_some());
    }
    let (out, _, _) = run(
        vec![Step::Unsigned("F", "INVALID_SIGNATURE")],
        json!({"acceptUnsignedFailures": true}),
    );
    let o = out.unwrap();
    assert_eq!((o.kind, o.action), (Kind::Failed, Action::FixConfiguration));
    // Even then, an unsigned S is never a redirect.
    let (out, _, _) = run(
        vec![Step::Unsigned("S", "SUCCESS")],
        json!({"acceptUnsignedFailures": true, "retry": {"maxAttempts": 1}}),
    );
    assert_eq!(out.unwrap().kind, Kind::Unknown);
}

#[test]
fn invalid_input_throws_before_anything_is_sent() {
    let gw = FakeGateway::new(vec![Step::Answer("S", "SUCCESS")]);
    let clk = clock();
    let client = Client::new(
        config(json!({})),
        OpensslSigner,
        &gw,
        &clk,
        Some(OpensslVerifier),
    )
    .expect("a client with a verifier");
    let err = block_on(client.pay(&json!({"order": 1}))).unwrap_err();
    assert_eq!(err.code(), "INVALID_REQUEST");
    assert!(err.issues().len() > 2);
    assert!(gw.seen.borrow().is_empty());
}

#[test]
fn signer_failure_throws_only_when_nothing_was_sent() {
    let gw = FakeGateway::new(vec![Step::Timeout]);
    let clk = clock();
    let client = Client::new(
        config(json!({})),
        FailingSigner(RefCell::new(1)),
        &gw,
        &clk,
        Some(OpensslVerifier),
    )
    .expect("a client with a verifier");
    assert_eq!(
        block_on(client.pay(&valid_request())).unwrap_err().code(),
        "SIGNER_FAILED"
    );
    // First send went out and timed out; the second signing fails: the outcome stays unknown.
    let gw = FakeGateway::new(vec![Step::Timeout]);
    let client = Client::new(
        config(json!({})),
        FailingSigner(RefCell::new(0)),
        &gw,
        &clk,
        Some(OpensslVerifier),
    )
    .expect("a client with a verifier");
    let o = block_on(client.pay(&valid_request())).unwrap();
    assert_eq!((o.kind, o.action), (Kind::Unknown, Action::InquirePayment));
    assert_eq!(gw.seen.borrow().len(), 1);
}

#[test]
fn an_answer_for_another_request_id_is_refused() {
    struct Other;
    impl Transport for Other {
        async fn send(
            &self,
            req: &PreparedRequest,
            _: &str,
            _: u32,
        ) -> Result<HttpResponse, SendFailure> {
            Ok(signed(
                req,
                body_for(req, "S", "SUCCESS").replace("PR20250101120000JP0001", "SOMEONE_ELSE"),
            ))
        }
    }
    let clk = clock();
    let client = Client::new(
        config(json!({"retry": {"maxAttempts": 1}})),
        OpensslSigner,
        Other,
        &clk,
        Some(OpensslVerifier),
    )
    .expect("a client with a verifier");
    let o = block_on(client.pay(&valid_request())).unwrap();
    assert_eq!(o.reason, Some(Reason::MismatchedRequestId));
}

#[test]
fn verification_is_a_decision_never_a_default() {
    let gw = FakeGateway::new(vec![Step::Unsigned("S", "SUCCESS")]);
    let clk = clock();
    // No verifier and no opt-out: refused, with a message that says where the key comes from.
    let e =
        Client::<_, _, _, OpensslVerifier>::new(config(json!({})), OpensslSigner, &gw, &clk, None)
            .err()
            .expect("a client without a verifier is refused");
    assert_eq!(e.code(), "INVALID_CONFIG");
    assert!(
        e.to_string().contains("webCryptoVerifier") && e.to_string().contains("Antom Dashboard")
    );
    // Both at once: refused.
    let both = Client::new(
        config(json!({"trustUnverifiedAnswers": true})),
        OpensslSigner,
        &gw,
        &clk,
        Some(OpensslVerifier),
    );
    assert_eq!(both.err().unwrap().code(), "INVALID_CONFIG");
    // The explicit opt-out: the unsigned answer is believed, as the option's name says.
    let trusting = Client::<_, _, _, OpensslVerifier>::new(
        config(json!({"trustUnverifiedAnswers": true})),
        OpensslSigner,
        &gw,
        &clk,
        None,
    )
    .unwrap();
    let o = block_on(trusting.pay(&valid_request())).unwrap();
    assert_eq!(o.kind, Kind::Redirect);
}

#[test]
fn an_inquiry_answered_f_is_not_asked_again_but_cancelled() {
    let gw = FakeGateway::new(vec![Step::Answer("F", "PROCESS_FAIL")]);
    let clk = clock();
    let client = Client::new(
        config(json!({})),
        OpensslSigner,
        &gw,
        &clk,
        Some(OpensslVerifier),
    )
    .unwrap();
    let o =
        block_on(client.inquire(&json!({"paymentRequestId": "PR20250101120000JP0001"}))).unwrap();
    assert_eq!(
        (o.kind, o.action, o.retryable),
        (Kind::Unknown, Action::CancelPayment, false)
    );
    assert_eq!(o.attempts, Some(1));
    assert_eq!(
        gw.seen.borrow().len(),
        1,
        "asking again would not resolve it"
    );
}
