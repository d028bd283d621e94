//! The Entry Code resolution rule (src/resolve.rs), row by row, and the native client's parity
//! with JavaScript's: resolve_payment, per-call options, a cancellation token, events.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::{
    CallOptions, CancelToken, Client, ClientConfig, ClientEvent, Clock, HostFailure, HttpResponse,
    Kind, NoVerifier, Outcome, PaymentToResolve, PreparedRequest, Reason, ResolveStep,
    ResolvedState, Resolver, SendFailure, Signer, Transport, CANCEL_BACKOFF_MS, INQUIRY_BACKOFF_MS,
    LATER_MS, NOT_FOUND_GRACE_MS,
};
use common::block_on;
use std::cell::RefCell;
use std::rc::Rc;

const ID: &str = "PR-RESOLVE-1";
const NOW: i64 = 1_767_225_600_000;

fn payment(expires_in: i64, sent_ago: Option<i64>, round: u32) -> PaymentToResolve {
    PaymentToResolve {
        payment_request_id: ID.into(),
        expires_at: NOW + expires_in,
        sent_at: sent_ago.map(|a| NOW - a),
        round,
    }
}

fn outcome(kind: Kind) -> Outcome {
    Outcome {
        kind,
        ..Outcome::default()
    }
}

/// Runs a round with these outcomes for its calls, in order: the calls it made, what it found.
fn round(p: PaymentToResolve, outcomes: &[Outcome]) -> (Vec<&'static str>, ResolveStep) {
    let (mut r, mut step) = Resolver::new(p);
    let mut calls = Vec::new();
    for o in outcomes {
        calls.push(match step {
            ResolveStep::Inquire(ref input) => {
                assert_eq!(input, &format!("{{\"paymentRequestId\":\"{ID}\"}}"));
                "inquire"
            }
            ResolveStep::Cancel(_) => "cancel",
            ResolveStep::Done(_) => panic!("the round ended before {o:?}"),
        });
        step = r.next(o, NOW).unwrap();
    }
    assert!(
        r.next(&outcome(Kind::Paid), NOW).is_err() || !matches!(step, ResolveStep::Done(_)),
        "a round that is over takes no more outcomes"
    );
    (calls, step)
}

fn done(step: &ResolveStep) -> (ResolvedState, Option<i64>, u32) {
    match step {
        ResolveStep::Done(r) => (r.state, r.check_again_at, r.round),
        other => panic!("not over: {other:?}"),
    }
}

#[test]
fn final_answers_of_the_inquiry_are_final() {
    for (kind, state) in [
        (Kind::Paid, ResolvedState::Paid),
        (Kind::Failed, ResolvedState::Failed),
        (Kind::Cancelled, ResolvedState::Cancelled),
    ] {
        for expires_in in [60_000, -60_000] {
            let (calls, step) = round(payment(expires_in, None, 0), &[outcome(kind)]);
            assert_eq!(calls, ["inquire"]);
            assert_eq!(done(&step), (state, None, 1));
        }
    }
}

#[test]
fn processing_before_the_expiry_waits_by_the_back_off_never_past_the_expiry() {
    for (r, wait) in INQUIRY_BACKOFF_MS.iter().enumerate() {
        let (_, step) = round(
            payment(600_000, None, r as u32),
            &[outcome(Kind::Processing)],
        );
        assert_eq!(
            done(&step),
            (ResolvedState::Pending, Some(NOW + wait), r as u32 + 1)
        );
    }
    let (_, step) = round(payment(600_000, None, 40), &[outcome(Kind::Processing)]);
    assert_eq!(done(&step).1, Some(NOW + LATER_MS));
    let (_, step) = round(payment(1_500, None, 5), &[outcome(Kind::Processing)]);
    assert_eq!(done(&step).1, Some(NOW + 1_500), "capped at the expiry");
    // The inquiry unknown: pending as well, before and after the expiry; never a cancel.
    let unknown = Outcome::unknown(Reason::Timeout, "");
    let (calls, step) = round(payment(600_000, None, 0), std::slice::from_ref(&unknown));
    assert_eq!(
        (calls, done(&step).0),
        (vec!["inquire"], ResolvedState::Pending)
    );
    let (calls, step) = round(payment(-1, None, 0), &[unknown]);
    assert_eq!(calls, ["inquire"]);
    assert_eq!(
        done(&step),
        (ResolvedState::Pending, Some(NOW + CANCEL_BACKOFF_MS[0]), 1)
    );
}

#[test]
fn open_at_or_after_the_expiry_is_cancelled() {
    for expires_in in [0, -1, -3_600_000] {
        let (calls, step) = round(
            payment(expires_in, None, 0),
            &[outcome(Kind::Processing), outcome(Kind::Cancelled)],
        );
        assert_eq!(calls, ["inquire", "cancel"]);
        assert_eq!(done(&step).0, ResolvedState::Cancelled);
    }
}

#[test]
fn an_inquiry_answered_f_is_cancelled() {
    let mut f = Outcome::unknown(Reason::InquiryFailed, "");
    f.action = antom_checkout::Action::CancelPayment;
    let (calls, step) = round(payment(600_000, None, 0), &[f, outcome(Kind::Cancelled)]);
    assert_eq!(calls, ["inquire", "cancel"]);
    assert_eq!(done(&step).0, ResolvedState::Cancelled);
}

#[test]
fn a_cancel_still_unknown_is_pending_by_the_cancel_back_off() {
    // After the expiry, by the time since it: each round at the time the last one asked for.
    let mut since = 0;
    for (r, wait) in CANCEL_BACKOFF_MS.iter().enumerate() {
        let (calls, step) = round(
            payment(-since, None, 40 + r as u32),
            &[
                outcome(Kind::Processing),
                Outcome::unknown(Reason::NetworkError, ""),
            ],
        );
        assert_eq!(calls, ["inquire", "cancel"]);
        assert_eq!(
            done(&step),
            (ResolvedState::Pending, Some(NOW + wait), 41 + r as u32)
        );
        since += wait;
    }
    let (_, step) = round(
        payment(-since, None, 0),
        &[
            outcome(Kind::Processing),
            Outcome::unknown(Reason::NetworkError, ""),
        ],
    );
    assert_eq!(done(&step).1, Some(NOW + LATER_MS));
    // Before the expiry (an inquiry answered F, its cancel unknown), by round.
    let mut f = Outcome::unknown(Reason::InquiryFailed, "");
    f.action = antom_checkout::Action::CancelPayment;
    for (r, wait) in CANCEL_BACKOFF_MS.iter().enumerate() {
        let (_, step) = round(
            payment(600_000, None, r as u32),
            &[f.clone(), Outcome::unknown(Reason::NetworkError, "")],
        );
        assert_eq!(done(&step).1, Some(NOW + wait));
    }
}

#[test]
fn a_refused_cancel_is_settled_by_inquiring_never_by_assuming() {
    for (then, state) in [
        (Kind::Paid, ResolvedState::Paid),
        (Kind::Failed, ResolvedState::Failed),
        (Kind::Cancelled, ResolvedState::Cancelled),
        (Kind::Processing, ResolvedState::Pending),
    ] {
        let (calls, step) = round(
            payment(-1, None, 0),
            &[
                outcome(Kind::Processing),
                outcome(Kind::Failed),
                outcome(then),
            ],
        );
        assert_eq!(calls, ["inquire", "cancel", "inquire"]);
        assert_eq!(done(&step).0, state);
    }
}

#[test]
fn order_not_exist_within_the_grace_is_pending_after_it_not_found() {
    let nf = || outcome(Kind::NotFound);
    let (_, step) = round(payment(600_000, Some(10_000), 0), &[nf()]);
    assert_eq!(done(&step).0, ResolvedState::Pending);
    let (_, step) = round(payment(600_000, Some(NOT_FOUND_GRACE_MS), 0), &[nf()]);
    assert_eq!(done(&step), (ResolvedState::NotFound, None, 1));
    // Without sentAt, from the expiry.
    let (_, step) = round(payment(-1_000, None, 0), &[nf()]);
    assert_eq!(done(&step).0, ResolvedState::Pending);
    let (_, step) = round(payment(-NOT_FOUND_GRACE_MS, None, 0), &[nf()]);
    assert_eq!(done(&step).0, ResolvedState::NotFound);
}

#[test]
fn the_payment_is_read_strictly() {
    let ok = PaymentToResolve::from_json(
        r#"{"paymentRequestId":"P","expiresAt":"2026-01-01T08:00:00+08:00","sentAt":1767225000000,"round":2}"#,
    )
    .unwrap();
    assert_eq!(
        (ok.expires_at, ok.sent_at, ok.round),
        (NOW, Some(1_767_225_000_000), 2)
    );
    for bad in [
        "{}",
        "[]",
        r#"{"paymentRequestId":"P"}"#,
        r#"{"paymentRequestId":"","expiresAt":1}"#,
        r#"{"paymentRequestId":"P","expiresAt":"tomorrow"}"#,
        r#"{"paymentRequestId":"P","expiresAt":1.5}"#,
        r#"{"paymentRequestId":"P","expiresAt":1,"round":-1}"#,
        r#"{"paymentRequestId":"P","expiresAt":1,"expiry":1}"#,
    ] {
        assert!(PaymentToResolve::from_json(bad).is_err(), "{bad}");
    }
}

// ---- The native client: resolve_payment, per-call options, cancellation, events ------------

struct Sign;
impl Signer for Sign {
    async fn sign(&self, _: &str) -> Result<String, HostFailure> {
        Ok("c2ln".into())
    }
}

/// A clock whose sleeps advance it, and which can cancel a token at a chosen sleep.
struct FakeClock(RefCell<i64>, Option<CancelToken>);
impl Clock for FakeClock {
    fn now_ms(&self) -> i64 {
        *self.0.borrow()
    }
    async fn sleep(&self, ms: u32) {
        *self.0.borrow_mut() += i64::from(ms);
        if let Some(t) = &self.1 {
            t.cancel();
        }
    }
}

/// Answers by call: each API's answers in turn (the last repeats); records what it received.
struct Gateway {
    answers: Vec<(&'static str, Vec<Result<&'static str, SendFailure>>)>,
    seen: RefCell<Vec<(String, String, u32)>>,
}

impl Transport for Gateway {
    async fn send(
        &self,
        req: &PreparedRequest,
        _: &str,
        timeout_ms: u32,
    ) -> Result<HttpResponse, SendFailure> {
        let api = req.path.rsplit('/').next().unwrap_or("").to_string();
        let n = self.seen.borrow().iter().filter(|s| s.0 == api).count();
        self.seen
            .borrow_mut()
            .push((api.clone(), req.body.clone(), timeout_ms));
        let list = &self
            .answers
            .iter()
            .find(|(a, _)| *a == api)
            .unwrap_or_else(|| panic!("no answers for {api}"))
            .1;
        let body = list[n.min(list.len() - 1)].clone()?;
        Ok(HttpResponse {
            status: 200,
            headers: antom_checkout::Headers::default(),
            body: body.replace("{id}", &req.request_id),
        })
    }
}

const PROCESSING: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"{id}","paymentStatus":"PROCESSING"}"#;
const PAID: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"{id}","paymentId":"P1","paymentStatus":"SUCCESS"}"#;
const CANCELLED: &str = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentRequestId":"{id}","paymentId":"P1"}"#;
const REFUSED: &str = r#"{"result":{"resultStatus":"F","resultCode":"CANCEL_WINDOW_EXCEED"}}"#;
const UNKNOWN: &str = r#"{"result":{"resultStatus":"U","resultCode":"UNKNOWN_EXCEPTION"}}"#;

fn client(
    answers: Vec<(&'static str, Vec<Result<&'static str, SendFailure>>)>,
    cancel_at_sleep: Option<CancelToken>,
) -> Client<Sign, Gateway, FakeClock, NoVerifier> {
    let config = ClientConfig::from_json(
        r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test","trustUnverifiedAnswers":true,"retry":{"maxAttempts":3,"delayMs":10}}"#,
    )
    .unwrap();
    let gateway = Gateway {
        answers,
        seen: RefCell::new(Vec::new()),
    };
    Client::new(
        config,
        Sign,
        gateway,
        FakeClock(RefCell::new(NOW), cancel_at_sleep),
        None,
    )
    .unwrap()
}

fn input(expires_in: i64, round: u32) -> String {
    format!(
        r#"{{"paymentRequestId":"{ID}","expiresAt":{},"round":{round}}}"#,
        NOW + expires_in
    )
}

#[test]
fn native_resolve_payment_walks_the_rule_with_real_calls() {
    let c = client(vec![("inquiryPayment", vec![Ok(PAID)])], None);
    let r =
        block_on(c.resolve_payment(input(60_000, 0).as_str(), &CallOptions::default())).unwrap();
    assert_eq!(
        (r.resolved.state, r.outcome.kind, r.cancel),
        (ResolvedState::Paid, Kind::Paid, None)
    );
    // Expired and open: cancelled; a refused cancel, then an inquiry.
    let c = client(
        vec![
            ("inquiryPayment", vec![Ok(PROCESSING), Ok(PAID)]),
            ("cancel", vec![Ok(REFUSED)]),
        ],
        None,
    );
    let r = block_on(c.resolve_payment(input(-1, 0).as_str(), &CallOptions::default())).unwrap();
    assert_eq!(r.resolved.state, ResolvedState::Paid);
    assert_eq!(
        r.cancel.as_ref().and_then(|o| o.result_code.as_deref()),
        Some("CANCEL_WINDOW_EXCEED")
    );
    let apis: Vec<String> = c_apis(&c);
    assert_eq!(apis, ["inquiryPayment", "cancel", "inquiryPayment"]);
    // A cancel still unknown after its sends: pending; the next round's cancel is the same.
    let c = client(
        vec![
            ("inquiryPayment", vec![Ok(PROCESSING)]),
            (
                "cancel",
                vec![Ok(UNKNOWN), Ok(UNKNOWN), Ok(UNKNOWN), Ok(CANCELLED)],
            ),
        ],
        None,
    );
    let one = CallOptions {
        max_attempts: Some(1),
        ..CallOptions::default()
    };
    let r = block_on(c.resolve_payment(input(-1, 0).as_str(), &one)).unwrap();
    assert_eq!(r.resolved.state, ResolvedState::Pending);
    let r2 = block_on(c.resolve_payment(
        input(-1, r.resolved.round).as_str(),
        &CallOptions::default(),
    ))
    .unwrap();
    assert_eq!(r2.resolved.state, ResolvedState::Cancelled);
    let seen = c_seen(&c);
    let cancels: Vec<&String> = seen
        .iter()
        .filter(|s| s.0 == "cancel")
        .map(|s| &s.1)
        .collect();
    assert!(
        cancels.windows(2).all(|w| w[0] == w[1]),
        "the same cancel every time"
    );
}

fn c_seen(c: &Client<Sign, Gateway, FakeClock, NoVerifier>) -> Vec<(String, String, u32)> {
    c.transport().seen.borrow().clone()
}

fn c_apis(c: &Client<Sign, Gateway, FakeClock, NoVerifier>) -> Vec<String> {
    c_seen(c).into_iter().map(|s| s.0).collect()
}

#[test]
fn native_per_call_options_cancellation_and_events() {
    let events = Rc::new(RefCell::new(Vec::<ClientEvent>::new()));
    let sink = events.clone();
    let c = client(vec![("inquiryPayment", vec![Ok(UNKNOWN), Ok(PAID)])], None)
        .observed(move |e| sink.borrow_mut().push(e.clone()));
    let o = block_on(c.inquire(r#"{"paymentRequestId":"PR-1"}"#)).unwrap();
    assert_eq!((o.kind, o.attempts), (Kind::Paid, Some(2)));
    let kinds: Vec<&str> = events
        .borrow()
        .iter()
        .map(|e| match e {
            ClientEvent::Request(_) => "request",
            ClientEvent::Answer(_) => "answer",
            ClientEvent::Retry(_) => "retry",
            ClientEvent::Outcome(_) => "outcome",
        })
        .collect();
    assert_eq!(
        kinds,
        ["request", "answer", "retry", "request", "answer", "outcome"]
    );
    if let ClientEvent::Answer(a) = &events.borrow()[1] {
        assert_eq!(
            (a.http_status, a.result_code.as_deref(), a.verified.name()),
            (Some(200), Some("UNKNOWN_EXCEPTION"), "notConfigured")
        );
    } else {
        panic!("the second event is the answer");
    }
    // Per call: one send within 2 s.
    let c = client(
        vec![("inquiryPayment", vec![Err(SendFailure::Timeout)])],
        None,
    );
    let once = CallOptions::from_json(r#"{"timeoutMs":2000,"retry":{"maxAttempts":1}}"#).unwrap();
    let o = block_on(c.call_with(
        &antom_checkout::INQUIRY_PAYMENT,
        r#"{"paymentRequestId":"PR-1"}"#,
        &once,
    ))
    .unwrap();
    assert_eq!((o.kind, o.attempts), (Kind::Unknown, Some(1)));
    assert_eq!(c_seen(&c).iter().map(|s| s.2).collect::<Vec<_>>(), [2000]);
    // A token cancelled before the call: nothing sent.
    let token = CancelToken::new();
    token.cancel();
    let stop = CallOptions {
        cancel: Some(token),
        ..CallOptions::default()
    };
    let e = block_on(c.call_with(
        &antom_checkout::INQUIRY_PAYMENT,
        r#"{"paymentRequestId":"PR-1"}"#,
        &stop,
    ))
    .unwrap_err();
    assert_eq!(e.code(), "ABORTED");
    assert_eq!(c_seen(&c).len(), 1);
    // Cancelled during the wait before a resend: the unknown outcome, ABORTED, no more sends.
    let token = CancelToken::new();
    let c = client(
        vec![("inquiryPayment", vec![Ok(UNKNOWN), Ok(PAID)])],
        Some(token.clone()),
    );
    let o = block_on(c.call_with(
        &antom_checkout::INQUIRY_PAYMENT,
        r#"{"paymentRequestId":"PR-1"}"#,
        &CallOptions {
            cancel: Some(token),
            ..CallOptions::default()
        },
    ))
    .unwrap();
    assert_eq!(
        (o.kind, o.reason, c_seen(&c).len()),
        (Kind::Unknown, Some(Reason::Aborted), 1)
    );
}

/// A verifier that would believe anything: unsigned answers never reach it.
struct Believer;
impl antom_checkout::Verifier for Believer {
    async fn verify(&self, _: &str, _: &str) -> Result<bool, HostFailure> {
        Ok(true)
    }
}

#[test]
fn an_unsigned_inquiry_f_never_leads_to_a_cancel() {
    let config = ClientConfig::from_json(
        r#"{"clientId":"TEST_5X00000000000000","gateway":"https://antom.test","retry":{"maxAttempts":1}}"#,
    )
    .unwrap();
    let gateway = Gateway {
        answers: vec![
            (
                "inquiryPayment",
                vec![Ok(
                    r#"{"result":{"resultStatus":"F","resultCode":"PARAM_ILLEGAL"}}"#,
                )],
            ),
            ("cancel", vec![Ok(CANCELLED)]),
        ],
        seen: RefCell::new(Vec::new()),
    };
    let c = Client::new(
        config,
        Sign,
        gateway,
        FakeClock(RefCell::new(NOW), None),
        Some(Believer),
    )
    .unwrap();
    let r =
        block_on(c.resolve_payment(input(600_000, 0).as_str(), &CallOptions::default())).unwrap();
    assert_eq!(r.resolved.state, ResolvedState::Pending);
    assert_eq!(r.outcome.reason, Some(Reason::SignatureMissing));
    let apis: Vec<String> = c
        .transport()
        .seen
        .borrow()
        .iter()
        .map(|s| s.0.clone())
        .collect();
    assert_eq!(apis, ["inquiryPayment"], "no cancel on an unsigned F");
}
