//! Defaults that fail closed: an https gateway, an allow-list of redirect schemes, answers bound
//! to their request (its id, its time) and verified over the bytes received, and notifications
//! that are never accepted unverified. Signatures come from OpenSSL with the vector keys.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::{
    content_to_verify, notification_to_verify, parse_header_time, signature_header, to_json,
    Client, ClientConfig, Error, Gateway, Headers, HostFailure, HttpResponse, Kind, NotifyResult,
    PrepareConfig, PreparedRequest, Reason, Refusal, SendFailure, Signer, Transport, Verifier,
    REFUND,
};
use common::*;
use serde_json::{json, Value};

const CLIENT: &str = "TEST_5X00000000000000";

fn client_config(extra: Value) -> Result<ClientConfig, Error> {
    let mut c =
        json!({"clientId": CLIENT, "gateway": "https://antom.test", "retry": {"maxAttempts": 1}});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    ClientConfig::from_json(&c)
}

fn config_error(extra: Value) -> String {
    match client_config(extra) {
        Err(Error::InvalidConfig(m)) => m,
        other => panic!("expected INVALID_CONFIG, got {other:?}"),
    }
}

#[test]
fn the_gateway_is_https_unless_loopback_or_said_insecure() {
    for ok in [
        "https://antom.test",
        "HTTPS://Antom.Test:8443",
        "Https://antom.test/",
        "http://127.0.0.1:8788",
        "http://127.9.0.1",
        "HTTP://localhost:9",
        "http://[::1]:8080",
        "asia",
    ] {
        assert!(Gateway::resolve(ok, false, false).is_ok(), "{ok}");
    }
    // The scheme is read case-insensitively and written in lower case.
    assert_eq!(
        Gateway::resolve("HTTPS://Antom.Test:8443", false, false)
            .unwrap()
            .base_url,
        "https://Antom.Test:8443"
    );
    for refused in [
        "http://antom.test",
        "http://10.0.0.1:8788",
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example",
        "http://[::2]:80",
        "http://0x7f.0.0.1",
        "http://127.1",
        "http://127.0.0.1:port",
    ] {
        let m = config_error(json!({ "gateway": refused }));
        assert!(
            m.contains("https") && m.contains("allowInsecureGateway: true"),
            "{refused}: {m}"
        );
    }
    for wrong in [
        "ftp://antom.test",
        "wss://antom.test",
        "antom.test",
        "//antom.test",
    ] {
        assert!(config_error(json!({ "gateway": wrong })).contains("region"));
    }
    // The option whose name says what it does, for the client and for prepare alike.
    let c = client_config(json!({"gateway": "http://antom.test", "allowInsecureGateway": true}));
    assert_eq!(c.unwrap().prepare.gateway.base_url, "http://antom.test");
    let p = PrepareConfig::from_json(
        &json!({"clientId": CLIENT, "gateway": "http://antom.test", "allowInsecureGateway": true}),
    );
    assert!(p.is_ok());
    assert!(
        PrepareConfig::from_json(&json!({"clientId": CLIENT, "gateway": "http://antom.test"}))
            .is_err()
    );
    let m = config_error(json!({"allowInsecureGateways": true}));
    assert!(m.contains("did you mean \"allowInsecureGateway\"?"), "{m}");
    assert!(config_error(json!({"allowInsecureGateway": "yes"})).contains("boolean"));
}

#[test]
fn redirect_schemes_extend_the_wallet_list_never_the_browser_rules() {
    let c = client_config(json!({"redirectSchemes": ["MyApp", "shop+pay"]})).unwrap();
    assert_eq!(c.redirect_schemes, ["myapp", "shop+pay"]);
    for (schemes, what) in [
        (json!(["javascript"]), "javascript"),
        (json!(["Data"]), "data"),
        (json!(["http"]), "http"),
        (json!(["intent"]), "intent"),
    ] {
        let m = config_error(json!({ "redirectSchemes": schemes }));
        assert!(m.contains(&format!("\"{what}\"")), "{m}");
    }
    for bad in [
        json!("myapp"),
        json!([1]),
        json!(["1app"]),
        json!(["my app"]),
        json!([""]),
    ] {
        assert!(
            config_error(json!({ "redirectSchemes": bad })).contains("redirectSchemes must be"),
            "{bad}"
        );
    }
    assert!(
        config_error(json!({"redirectScheme": []})).contains("did you mean \"redirectSchemes\"?")
    );
}

struct OpensslSigner;
impl Signer for OpensslSigner {
    async fn sign(&self, content: &str) -> Result<String, HostFailure> {
        Ok(openssl_sign("keys/merchant_private_pkcs8.pem", content))
    }
}

struct OpensslVerifier;
impl Verifier for OpensslVerifier {
    async fn verify(&self, content: &str, sig: &str) -> Result<bool, HostFailure> {
        Ok(openssl_verify("keys/antom_sim_public.pem", content, sig))
    }
}

struct Clock0;
impl antom_checkout::Clock for Clock0 {
    fn now_ms(&self) -> i64 {
        NOW
    }
    async fn sleep(&self, _: u32) {}
}

/// A gateway that answers every request with `answer(request)`: its body and Response-Time,
/// signed like Antom (the simulated Antom key) over that body's text.
struct Answers<F>(F);
impl<F: Fn(&PreparedRequest) -> (String, String)> Transport for Answers<F> {
    async fn send(
        &self,
        req: &PreparedRequest,
        signature: &str,
        _: u32,
    ) -> Result<HttpResponse, SendFailure> {
        assert_merchant_signed(req, signature);
        let (body, time) = (self.0)(req);
        Ok(signed(&req.path, body, &time))
    }
}

fn signed(path: &str, body: String, time: &str) -> HttpResponse {
    common::antom_signed(path, CLIENT, time, body)
}

fn pay_with<F: Fn(&PreparedRequest) -> (String, String)>(
    extra: Value,
    f: F,
) -> antom_checkout::Outcome {
    let client = Client::new(
        client_config(extra).unwrap(),
        OpensslSigner,
        Answers(f),
        Clock0,
        Some(OpensslVerifier),
    )
    .unwrap();
    block_on(client.pay(&valid_request())).unwrap()
}

/// An ISO 8601 time `ms` from NOW.
fn at(ms: i64) -> String {
    let t = NOW + ms;
    let (secs, milli) = (t.div_euclid(1000), t.rem_euclid(1000));
    let (day, s) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // NOW is 2025-01-01T03:00:00.123Z; every offset used here stays on that day.
    assert_eq!(day, 20_089, "stays on 2025-01-01");
    format!(
        "2025-01-01T{:02}:{:02}:{:02}.{milli:03}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn pay_answer(id: Option<&str>, status: &str, url: &str) -> String {
    let id = id
        .map(|i| format!(r#","paymentRequestId":"{i}""#))
        .unwrap_or_default();
    let code = if status == "S" {
        "SUCCESS"
    } else {
        "RISK_REJECT"
    };
    format!(
        r#"{{"result":{{"resultStatus":"{status}","resultCode":"{code}","resultMessage":"m"}}{id},"paymentId":"P1","redirectActionForm":{{"method":"GET","redirectUrl":"{url}"}}}}"#
    )
}

const OWN: &str = "PR20250101120000JP0001";

#[test]
fn a_signed_answer_is_bound_to_its_request_id() {
    let o = pay_with(json!({}), |_| {
        (
            pay_answer(Some(OWN), "S", "https://wallet.example/p"),
            at(1000),
        )
    });
    assert_eq!(o.kind, Kind::Redirect, "{o:?}");
    // Another id, and an S that names none: neither can be bound to this request.
    for id in [Some("SOMEONE_ELSE"), None] {
        let o = pay_with(json!({}), move |_| {
            (pay_answer(id, "S", "https://wallet.example/p"), at(1000))
        });
        assert_eq!(
            (o.kind, o.reason, o.redirect.is_some()),
            (Kind::Unknown, Some(Reason::MismatchedRequestId), false),
            "{id:?}"
        );
        assert_eq!(o.unverified.unwrap().result_status.as_deref(), Some("S"));
        assert_eq!(o.payment_request_id.as_deref(), Some(OWN));
    }
    // An F often carries only its result: it is Antom's word for this request.
    let o = pay_with(json!({}), |_| {
        (pay_answer(None, "F", "https://wallet.example/p"), at(1000))
    });
    assert_eq!(o.kind, Kind::Failed);
    // ...but an F naming another request is not.
    let o = pay_with(json!({}), |_| {
        (
            pay_answer(Some("X"), "F", "https://wallet.example/p"),
            at(1000),
        )
    });
    assert_eq!(o.reason, Some(Reason::MismatchedRequestId));
}

#[test]
fn a_refund_answer_is_bound_to_its_refund_request_id() {
    let refund = json!({"refundRequestId": "RF-1", "paymentId": "P1", "refundAmount": {"currency": "JPY", "value": "100"}});
    let answer = |id: Option<&str>| {
        let id = id
            .map(|i| format!(r#","refundRequestId":"{i}""#))
            .unwrap_or_default();
        format!(
            r#"{{"result":{{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"ok"}}{id},"refundId":"R1","paymentId":"P1"}}"#
        )
    };
    let run = |id: Option<&'static str>| {
        let client = Client::new(
            client_config(json!({})).unwrap(),
            OpensslSigner,
            Answers(move |_: &PreparedRequest| (answer(id), at(0))),
            Clock0,
            Some(OpensslVerifier),
        )
        .unwrap();
        block_on(client.refund(&refund)).unwrap()
    };
    assert_eq!(run(Some("RF-1")).kind, Kind::Refunded);
    for id in [Some("RF-2"), None] {
        let o = run(id);
        assert_eq!(
            (o.kind, o.reason, o.refund_request_id.as_deref()),
            (
                Kind::Unknown,
                Some(Reason::MismatchedRequestId),
                Some("RF-1")
            ),
            "{id:?}"
        );
    }
}

#[test]
fn an_answer_timed_before_its_request_is_a_replay() {
    let ok = |o: &antom_checkout::Outcome| o.kind == Kind::Redirect;
    let answer = pay_answer(Some(OWN), "S", "https://wallet.example/p");
    // Clock skew up to 5 minutes is allowed, in either spelling of the time.
    for time in [
        at(0),
        at(-4 * 60_000),
        at(-5 * 60_000),
        (NOW - 299_000).to_string(),
        at(3_600_000),
    ] {
        let a = answer.clone();
        assert!(ok(&pay_with(json!({}), move |_| (a.clone(), time.clone()))));
    }
    for time in [
        at(-5 * 60_000 - 1),
        at(-3_600_000),
        (NOW - 300_001).to_string(),
    ] {
        let a = answer.clone();
        let o = pay_with(json!({}), move |_| (a.clone(), time.clone()));
        assert_eq!(
            (o.kind, o.reason),
            (Kind::Unknown, Some(Reason::StaleAnswer))
        );
    }
    assert_eq!(parse_header_time(&at(-1)), Some(NOW - 1));
}

#[test]
fn a_redirect_is_followed_only_to_allowed_schemes() {
    let to = |url: &'static str, extra: Value| {
        pay_with(extra, move |_| (pay_answer(Some(OWN), "S", url), at(0)))
    };
    for url in [
        "alipays://platformapi/startapp?x=1",
        "GCASH://pay",
        "https://w.example/",
    ] {
        assert_eq!(to(url, json!({})).kind, Kind::Redirect, "{url}");
    }
    for url in [
        "myapp://pay",
        "ms-msdt:/id x",
        "search-ms:query=x",
        "ftp://w.example/",
        "http://w.example/",
    ] {
        let o = to(url, json!({}));
        assert_eq!(
            (o.kind, o.reason),
            (Kind::Unknown, Some(Reason::UnsafeRedirect)),
            "{url}"
        );
    }
    assert_eq!(
        to("MYAPP://pay", json!({"redirectSchemes": ["myapp"]})).kind,
        Kind::Redirect
    );
    assert_eq!(
        to("http://127.0.0.1:8788/wallet/1", json!({})).kind,
        Kind::Redirect
    );
}

/// The text of an answer that holds U+FFFD (EF BF BD in UTF-8), signed over its bytes, and the
/// bytes received with one byte of that character changed (EF -> F2): no longer UTF-8. A decoder
/// with replacement would read both as the same text, so the original signature would verify.
fn replaced_bytes() -> (String, Vec<u8>) {
    let text =
        pay_answer(Some(OWN), "S", "https://wallet.example/p").replace("\"m\"", "\"m\u{FFFD}\"");
    let mut bytes = text.clone().into_bytes();
    let i = bytes
        .windows(3)
        .position(|w| w == [0xEF, 0xBF, 0xBD])
        .unwrap();
    bytes[i] = 0xF2;
    assert_eq!(
        String::from_utf8_lossy(&bytes),
        text,
        "a lossy decoder hides the change"
    );
    (text, bytes)
}

#[test]
fn an_answer_is_verified_over_the_bytes_received() {
    let (text, bytes) = replaced_bytes();
    assert!(matches!(
        HttpResponse::from_bytes(200, Headers::default(), bytes.clone()),
        Err(SendFailure::BodyNotUtf8)
    ));
    struct Raw(String, Vec<u8>);
    impl Transport for Raw {
        async fn send(
            &self,
            req: &PreparedRequest,
            _: &str,
            _: u32,
        ) -> Result<HttpResponse, SendFailure> {
            // Signed over the original text; the body received differs in one byte.
            let good = signed(&req.path, self.0.clone(), &at(0));
            HttpResponse::from_bytes(good.status, good.headers, self.1.clone())
        }
    }
    let client = Client::new(
        client_config(json!({})).unwrap(),
        OpensslSigner,
        Raw(text.clone(), bytes),
        Clock0,
        Some(OpensslVerifier),
    )
    .unwrap();
    let o = block_on(client.pay(&valid_request())).unwrap();
    assert_eq!(
        (o.kind, o.reason),
        (Kind::Unknown, Some(Reason::UnparsableBody))
    );
    // The same answer as sent is believed: the change alone makes it unknown.
    let client = Client::new(
        client_config(json!({})).unwrap(),
        OpensslSigner,
        Raw(text.clone(), text.into_bytes()),
        Clock0,
        Some(OpensslVerifier),
    )
    .unwrap();
    assert_eq!(
        block_on(client.pay(&valid_request())).unwrap().kind,
        Kind::Redirect
    );
}

#[test]
fn the_http_status_is_not_part_of_an_outcome() {
    let o = antom_checkout::interpret_pay(503, "oops");
    assert_eq!(o.reason, Some(Reason::HttpStatus));
    let text = to_json(&o);
    assert!(!text.contains("httpStatus"), "{text}");
    assert!(!serde_json::to_string(&o).unwrap().contains("http"));
}

#[test]
fn a_refund_of_zero_is_refused_at_validation() {
    let cfg = PrepareConfig::from_json(&json!({"clientId": CLIENT, "gateway": "asia"})).unwrap();
    let zero = json!({"refundRequestId": "RF-1", "paymentId": "P1", "refundAmount": {"currency": "JPY", "value": "0"}});
    match REFUND.request.prepare(&zero, &cfg, NOW) {
        Err(e) => {
            let issues: Vec<(String, &str)> = e
                .issues()
                .iter()
                .map(|i| (i.path.clone(), i.code.name()))
                .collect();
            assert_eq!(issues, [("refundAmount.value".to_string(), "OUT_OF_RANGE")]);
            assert_eq!(e.code(), "INVALID_REQUEST");
        }
        Ok(_) => panic!("a refund of zero was prepared"),
    }
}

/// A notification as a Rust host handles it with the core's pieces: the headers say what to
/// verify, OpenSSL verifies it with Antom's key, and the core decides on the verdict.
fn handle(body: &str, signature_key: &str) -> NotifyResult {
    let time = "2025-01-01T12:01:30+09:00";
    let signed_body = read("04_notify_payment/body.json");
    let sig = openssl_sign(
        signature_key,
        &content_to_verify("/antom/notify", CLIENT, time, &signed_body),
    );
    let mut h = Headers::default();
    h.set("client-id", CLIENT.into());
    h.set("request-time", time.into());
    h.set("signature", signature_header(&sig, Some("1")).unwrap());
    let now = parse_header_time(time).unwrap() + 1000;
    let check = notification_to_verify("/antom/notify", &h, body, CLIENT, now, 600_000).unwrap();
    let verified = openssl_verify(
        "keys/antom_sim_public.pem",
        &check.content,
        &check.signature,
    );
    NotifyResult::after_verification(Some(verified), body)
}

#[test]
fn a_notification_is_accepted_only_when_its_signature_verifies() {
    let body = read("04_notify_payment/body.json");
    let good = handle(&body, "keys/antom_sim_private_pkcs8.pem");
    assert_eq!(good.0.as_ref().unwrap().payment_request_id, OWN);
    assert_eq!(good.ack().0, 200);
    // Signed by another key (the merchant's), or the body changed after signing: refused,
    // and Antom is asked to send it again.
    let forged = handle(&body, "keys/merchant_private_pkcs8.pem");
    assert_eq!(forged.0, Err(Refusal::SignatureInvalid));
    assert_eq!(forged.ack().0, 400);
    let tampered = body.replace("1200", "1");
    assert_ne!(tampered, body);
    assert_eq!(
        handle(&tampered, "keys/antom_sim_private_pkcs8.pem").0,
        Err(Refusal::SignatureInvalid)
    );
    assert_eq!(
        NotifyResult::after_verification(None, &body).0,
        Err(Refusal::VerifierFailed)
    );
}
