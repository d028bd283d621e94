//! One call to Antom as a state machine without I/O: from a prepared request to its outcome.
//!
//! The machine answers what the host must do next ([`Step`]: sign these bytes, send the request
//! with this `Signature`, verify this answer, wait) and is told what came of it ([`Event`]). Every
//! decision is here: when an outcome is unknown, when to resend (the same request id, the
//! byte-identical body, a fresh Request-Time and signature), whether an answer is trusted, and
//! what to do when the attempts are used up. The async [`crate::Client`] drives it with Rust
//! callbacks; the JavaScript client drives it with `fetch` and WebCrypto, doing only the I/O.

use crate::calls::Call;
use crate::config::ClientConfig;
use crate::error::Error;
use crate::events::{
    AnswerEvent, ClientEvent, EventType, OutcomeEvent, RequestEvent, RetryEvent, SendError,
    Verification,
};
use crate::headers::Headers;
use crate::notify::parse_header_time;
use crate::outcome::{Kind, Outcome, Reason};
use crate::prepare::PreparedRequest;
use crate::signing::{
    check_base64, content_to_verify, parse_signature_header, request_time, signature_header,
};

/// A host callback failed; the message is for people, the host keeps the original error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFailure(pub String);

/// Why a send produced no answer the flow can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// No answer within the timeout (the host aborted the fetch).
    Timeout,
    /// The host's fetch failed.
    Network(String),
    /// An answer arrived whose body is not UTF-8 ([`HttpResponse::from_bytes`]): it cannot be
    /// verified over the bytes received, so it is never trusted.
    BodyNotUtf8,
}

/// How long before the request's Request-Time an answer's Response-Time may be (clock skew
/// between the host and Antom); an answer older than that is a replay.
pub const STALE_AFTER_MS: i64 = 5 * 60 * 1000;

/// An HTTP answer as the host received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: Headers,
    /// The raw body.
    pub body: String,
}

impl HttpResponse {
    /// An answer from the bytes received: the body is decoded as strict UTF-8 (a byte-order
    /// mark is kept), since the signature covers those exact bytes; a body that is not UTF-8 is
    /// [`SendFailure::BodyNotUtf8`].
    pub fn from_bytes(
        status: u16,
        headers: Headers,
        body: Vec<u8>,
    ) -> Result<HttpResponse, SendFailure> {
        match String::from_utf8(body) {
            Ok(body) => Ok(HttpResponse {
                status,
                headers,
                body,
            }),
            Err(_) => Err(SendFailure::BodyNotUtf8),
        }
    }
}

/// What the host must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Sign these bytes (UTF-8) with the merchant's private key; answer [`Event::Signed`].
    Sign(String),
    /// Send [`Flow::request`] with this `Signature` header, within the client's timeout; answer
    /// [`Event::Answered`].
    Send(String),
    /// Verify Antom's signature (base64) of these bytes; answer [`Event::Verified`].
    Verify {
        /// The bytes the signature covers.
        content: String,
        /// The signature, base64.
        signature: String,
    },
    /// Wait this many milliseconds; answer [`Event::Slept`] with the time after waiting.
    Sleep(u32),
    /// The call is over.
    Done(Box<Outcome>),
}

/// What came of a [`Step`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The signature (base64), or why signing failed.
    Signed(Result<String, HostFailure>),
    /// Antom's answer, or why there was none.
    Answered(Result<HttpResponse, SendFailure>),
    /// Whether the signature verified, or why verifying failed.
    Verified(Result<bool, HostFailure>),
    /// The wait is over; the time now, epoch milliseconds.
    Slept(i64),
    /// The caller gave up (an `AbortSignal`, a cancelled token): nothing more is sent.
    /// `request_out`: a request was out (the abort cut its fetch short); otherwise the step asked
    /// for was not carried out (a `Send` step: nothing left). Before any request left, the call
    /// ends in [`Error::Aborted`]; after one did, in an unknown outcome (it may have reached
    /// Antom: resend the same request, then inquire).
    Aborted {
        /// Whether a request was out when the call was aborted.
        request_out: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Signature,
    Answer,
    Verification,
    Wake,
    Nothing,
}

/// One call in progress.
#[derive(Debug, Clone)]
pub struct Flow {
    req: PreparedRequest,
    call: Call,
    config: ClientConfig,
    has_verifier: bool,
    attempt: u32,
    expect: Expect,
    /// The latest attempt's outcome: while verifying, the outcome the answer claims.
    last: Option<Outcome>,
    /// Whether the host observes events ([`Flow::observe`]); kept until [`Flow::take_events`].
    observed: bool,
    events: Vec<ClientEvent>,
    /// When the call started and when the latest request was sent, epoch ms.
    started_at: i64,
    sent_at: i64,
    /// When the latest send's answer (or its absence) came.
    answered_at: Option<i64>,
    /// Sends made.
    sent: u32,
    /// What came of the latest send: its HTTP status or why there was none, and its signature.
    http_status: Option<u32>,
    send_error: Option<SendError>,
    verification: Verification,
}

impl Flow {
    /// A call of `req` (prepared for `call`); `has_verifier` says whether the host verifies
    /// answers (the configuration was checked against it when the client was made).
    pub fn new(req: PreparedRequest, call: Call, config: ClientConfig, has_verifier: bool) -> Flow {
        Flow {
            req,
            call,
            config,
            has_verifier,
            attempt: 0,
            expect: Expect::Nothing,
            last: None,
            observed: false,
            events: Vec::new(),
            started_at: 0,
            sent_at: 0,
            answered_at: None,
            sent: 0,
            http_status: None,
            send_error: None,
            verification: Verification::NotChecked,
        }
    }

    /// Keeps the call's events for [`Flow::take_events`] (they are not made otherwise).
    pub fn observe(&mut self) {
        self.observed = true;
    }

    /// The events since the last call, in order.
    pub fn take_events(&mut self) -> Vec<ClientEvent> {
        std::mem::take(&mut self.events)
    }

    fn emit(&mut self, event: impl FnOnce(&Flow) -> ClientEvent) {
        if self.observed {
            let e = event(self);
            self.events.push(e);
        }
    }

    /// The request as it is to be sent now (its Request-Time changes between attempts).
    pub fn request(&self) -> &PreparedRequest {
        &self.req
    }

    /// The call this flow makes.
    pub fn call(&self) -> Call {
        self.call
    }

    /// The configuration it was made with.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The request as it was last sent (with its last Request-Time).
    pub fn into_request(self) -> PreparedRequest {
        self.req
    }

    /// The first step: sign the request. `now_ms` is the time now, epoch ms.
    pub fn start(&mut self, now_ms: i64) -> Step {
        self.attempt = 1;
        self.started_at = now_ms;
        self.sign()
    }

    fn sign(&mut self) -> Step {
        self.expect = Expect::Signature;
        Step::Sign(self.req.content_to_sign())
    }

    /// The next step after `event`, which happened at `now_ms` (epoch ms). An error means
    /// nothing was sent (the signer failed, or the caller aborted, before the first send) or the
    /// host answered a step that was not asked for.
    pub fn resume(&mut self, event: Event, now_ms: i64) -> Result<Step, Error> {
        if let Event::Aborted { request_out } = event {
            return self.abort(request_out, now_ms);
        }
        match (self.expect, event) {
            (Expect::Signature, Event::Signed(r)) => match self.signature(r) {
                Ok(header) => {
                    self.expect = Expect::Answer;
                    self.sent += 1;
                    self.sent_at = now_ms;
                    self.answered_at = None;
                    self.http_status = None;
                    self.send_error = None;
                    self.verification = Verification::NotChecked;
                    self.emit(|f| {
                        ClientEvent::Request(RequestEvent {
                            kind: EventType::Request,
                            call: f.call.method.to_string(),
                            key: f.req.key.to_string(),
                            id: f.req.request_id.clone(),
                            attempt: f.attempt,
                            request_time: f.req.request_time.clone(),
                            timeout_ms: f.config.timeout_ms,
                        })
                    });
                    Ok(Step::Send(header))
                }
                // Nothing was sent yet: safe to throw.
                Err(e) if self.last.is_none() => {
                    self.expect = Expect::Nothing;
                    Err(e)
                }
                // Something was sent and its outcome is unknown: report that, not the signer.
                Err(_) => Ok(self.finish(now_ms)),
            },
            (Expect::Answer, Event::Answered(r)) => Ok({
                self.answered_at = Some(now_ms);
                match r {
                    Ok(resp) => {
                        self.http_status = Some(u32::from(resp.status));
                        if !self.has_verifier {
                            self.verification = Verification::NotConfigured;
                        }
                        self.judge(resp, now_ms)
                    }
                    Err(failure) => {
                        self.send_error = Some(match failure {
                            SendFailure::Timeout => SendError::Timeout,
                            SendFailure::Network(_) => SendError::Network,
                            SendFailure::BodyNotUtf8 => SendError::NotUtf8,
                        });
                        self.unanswered(failure, now_ms)
                    }
                }
            }),
            (Expect::Verification, Event::Verified(r)) => {
                let claimed = self.last.take().unwrap_or_default();
                self.verification = match r {
                    Ok(true) => Verification::Verified,
                    Ok(false) => Verification::NotVerified,
                    Err(_) => Verification::VerifierFailed,
                };
                Ok(self.settle(after_verification(claimed, r), now_ms))
            }
            (Expect::Wake, Event::Slept(now)) => {
                self.attempt += 1;
                self.req
                    .retime(request_time(now, self.config.prepare.time_format));
                Ok(self.sign())
            }
            _ => Err(Error::InvalidArgument(
                "the host answered a step the call did not ask for".into(),
            )),
        }
    }

    /// The caller gave up. Before the first send: an error, nothing was sent. While a request is
    /// out: its outcome is unknown (aborted) and nothing more is sent. Otherwise (waiting before a
    /// resend, signing or verifying): the outcome so far, unknown, ends the call.
    fn abort(&mut self, request_out: bool, now_ms: i64) -> Result<Step, Error> {
        if self.expect == Expect::Answer && !request_out {
            // The send was asked for and never made: as if aborted before it.
            self.sent = self.sent.saturating_sub(1);
            self.expect = Expect::Signature;
        }
        match self.expect {
            Expect::Nothing => Err(Error::InvalidArgument(
                "the host answered a step the call did not ask for".into(),
            )),
            _ if self.sent == 0 => {
                self.expect = Expect::Nothing;
                Err(Error::Aborted("nothing was sent".into()))
            }
            Expect::Answer | Expect::Verification => {
                if self.expect == Expect::Answer {
                    self.send_error = Some(SendError::Aborted);
                }
                let advice = "The call was aborted after the request was sent: it may have reached Antom. Resend the same request, then inquire.";
                let mut outcome = match (self.expect, self.last.take()) {
                    (Expect::Verification, Some(claimed)) => {
                        claimed.refuse(Reason::Aborted, advice)
                    }
                    _ => Outcome::unknown(Reason::Aborted, advice),
                };
                self.stamp(&mut outcome);
                self.answered_event(&outcome, now_ms);
                self.last = Some(outcome);
                Ok(self.finish(now_ms))
            }
            Expect::Signature | Expect::Wake => {
                if let Some(last) = self.last.as_mut() {
                    last.reason = Some(Reason::Aborted);
                    last.advice
                        .push_str(" The call was aborted before the next resend.");
                }
                Ok(self.finish(now_ms))
            }
        }
    }

    fn unanswered(&mut self, failure: SendFailure, now_ms: i64) -> Step {
        match failure {
            SendFailure::Timeout => self.settle(Outcome::unknown(
                    Reason::Timeout,
                    "No answer in time: the request may have reached Antom. Resend the same request, then inquire.",
                ), now_ms),
            SendFailure::Network(_) => self.settle(Outcome::unknown(
                Reason::NetworkError,
                "The request may or may not have reached Antom. Resend the same request, then inquire.",
            ), now_ms),
            SendFailure::BodyNotUtf8 => self.settle(crate::interpret::body_not_utf8(), now_ms),
        }
    }

    fn signature(&self, r: Result<String, HostFailure>) -> Result<String, Error> {
        let b64 = r.map_err(|e| Error::SignerFailed(e.0))?;
        check_base64(&b64).map_err(|m| {
            let mut text = String::from("the sign callback returned no base64 signature: ");
            text.push_str(m);
            Error::SignerFailed(text)
        })?;
        signature_header(&b64, self.req.key_version.as_deref())
    }

    /// Interprets one answer and decides whether it must be verified first.
    fn judge(&mut self, resp: HttpResponse, now_ms: i64) -> Step {
        let expected = Expected {
            path: &self.req.path,
            client_id: &self.config.prepare.client_id,
            key: self.req.key,
            request_id: &self.req.request_id,
            request_time: Some(&self.req.request_time),
            verifies: self.has_verifier,
            accept_unsigned_failures: self.config.accept_unsigned_failures,
        };
        match check_answer(self.call, &resp, &self.config.redirect_schemes, &expected) {
            AnswerCheck::Judged(outcome) => self.settle(outcome, now_ms),
            AnswerCheck::Verify {
                content,
                signature,
                claimed,
            } => {
                self.last = Some(claimed);
                self.expect = Expect::Verification;
                Step::Verify { content, signature }
            }
        }
    }

    /// The attempt's outcome is decided: resend after a wait, or finish.
    fn settle(&mut self, mut outcome: Outcome, now_ms: i64) -> Step {
        self.stamp(&mut outcome);
        self.answered_event(&outcome, now_ms);
        let max = self.config.retry.max_attempts.max(1);
        let again = outcome.kind == Kind::Unknown && outcome.retryable && self.attempt < max;
        self.last = Some(outcome);
        if again {
            let delay = self.config.retry.delay_after(self.attempt);
            self.emit(|f| {
                ClientEvent::Retry(RetryEvent {
                    kind: EventType::Retry,
                    call: f.call.method.to_string(),
                    id: f.req.request_id.clone(),
                    attempt: f.attempt + 1,
                    delay_ms: delay,
                    reason: f.last.as_ref().and_then(|o| o.reason),
                })
            });
            self.expect = Expect::Wake;
            Step::Sleep(delay)
        } else {
            self.finish(now_ms)
        }
    }

    /// The attempt's number and the request's id on its outcome.
    fn stamp(&self, outcome: &mut Outcome) {
        outcome.attempts = Some(self.attempt);
        if !self.req.request_id.is_empty() {
            *outcome.id_mut(self.req.key) = Some(self.req.request_id.clone());
        }
    }

    /// The event of the latest send's answer (or its absence), once its outcome is decided.
    fn answered_event(&mut self, outcome: &Outcome, now_ms: i64) {
        self.emit(|f| {
            let (status, code) = match &outcome.unverified {
                Some(u) => (u.result_status.clone(), u.result_code.clone()),
                None => (outcome.result_status.clone(), outcome.result_code.clone()),
            };
            ClientEvent::Answer(AnswerEvent {
                kind: EventType::Answer,
                call: f.call.method.to_string(),
                id: f.req.request_id.clone(),
                attempt: f.attempt,
                http_status: f.http_status,
                error: f.send_error,
                elapsed_ms: span(f.sent_at, f.answered_at.unwrap_or(now_ms)),
                result_status: status.filter(|s| matches!(s.as_str(), "S" | "F" | "U")),
                result_code: code_like(code),
                verified: f.verification,
                outcome: outcome.kind,
                reason: outcome.reason,
            })
        });
    }

    /// The last attempt's outcome, with what to do when it is still unknown.
    fn finish(&mut self, now_ms: i64) -> Step {
        let step = self.outcome();
        if let Step::Done(out) = &step {
            self.emit(|f| {
                ClientEvent::Outcome(OutcomeEvent {
                    kind: EventType::Outcome,
                    call: f.call.method.to_string(),
                    id: f.req.request_id.clone(),
                    outcome: out.kind,
                    action: out.action,
                    attempts: out.attempts.unwrap_or(0),
                    total_ms: span(f.started_at, now_ms),
                    reason: out.reason,
                    result_code: code_like(out.result_code.clone()),
                })
            });
        }
        step
    }

    fn outcome(&mut self) -> Step {
        self.expect = Expect::Nothing;
        let mut out = self
            .last
            .take()
            .unwrap_or_else(|| Outcome::unknown(Reason::SignerFailed, ""));
        if out.kind == Kind::Unknown && out.retryable {
            let (action, next) = self.call.still_unknown;
            out.action = action;
            out.advice.push_str(" Still unknown after ");
            antom_checkout_rules::text::push_uint(
                &mut out.advice,
                u64::from(out.attempts.unwrap_or(0)),
            );
            out.advice.push_str(" attempt(s): ");
            out.advice.push_str(next);
            out.advice.push('.');
        }
        Step::Done(Box::new(out))
    }
}

/// A result code as events carry it: only what reads as one (capital letters, digits and `_`, at
/// most 64), since an unverified answer's text reaches the host's logs.
fn code_like(code: Option<String>) -> Option<String> {
    code.filter(|c| {
        !c.is_empty()
            && c.len() <= 64
            && c.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// Milliseconds from `from` to `to`, never negative (a clock set back).
fn span(from: i64, to: i64) -> u32 {
    u32::try_from(to.saturating_sub(from).max(0)).unwrap_or(u32::MAX)
}

/// What an answer is checked against: the request it answers and the client's choices.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The request's path (the signature covers it).
    pub path: &'a str,
    /// The merchant's Client-Id.
    pub client_id: &'a str,
    /// The request's idempotency key (`paymentRequestId`, `refundRequestId`).
    pub key: &'static str,
    /// Its value; empty when the request named only Antom's id (nothing to compare).
    pub request_id: &'a str,
    /// The request's Request-Time, when known: an answer timed well before it is a replay.
    pub request_time: Option<&'a str>,
    /// Whether the answer's signature is checked (a verifier is configured).
    pub verifies: bool,
    /// Whether an unsigned `F` is accepted as final.
    pub accept_unsigned_failures: bool,
}

impl Expected<'_> {
    /// Why an answer is not this request's: it names another request id, or it is an `S` and
    /// names none although the request has one. Every call's `S` answer carries the id its
    /// request was made with (pay: `paymentRequestId` "on success", spec.md section 5;
    /// inquiryPayment and cancel: the payment's `paymentRequestId`; refund and inquiryRefund:
    /// `refundRequestId`, 1:1 with `refundId`, section 9). `F` and `U` answers often carry only
    /// `result` and are judged by the id only when they name one; a request by Antom's id alone
    /// (`paymentId`, `refundId`) has no id of ours to compare.
    fn foreign(&self, outcome: &Outcome) -> Option<String> {
        let own = self.request_id;
        if own.is_empty() {
            return None;
        }
        let key = self.key;
        let mut advice = String::from("The answer ");
        match outcome.id(key) {
            Some(echo) if echo == own => return None,
            Some(_) => advice.push_str("belongs to another "),
            None if outcome.result_status.as_deref() == Some("S") => {
                advice.push_str("is an S that names no ")
            }
            None => return None,
        }
        advice.push_str(key);
        advice.push_str(": it cannot be bound to this request and is not trusted.");
        Some(advice)
    }
}

/// An answer, judged before its signature is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerCheck {
    /// Its outcome is decided (not HTTP 200, another request's, a replay, unsigned, or no
    /// verifier is configured).
    Judged(Outcome),
    /// Verify Antom's signature (base64) of `content`; then [`after_verification`] of `claimed`.
    Verify {
        /// The bytes the signature covers.
        content: String,
        /// The signature, base64.
        signature: String,
        /// The outcome the answer claims.
        claimed: Outcome,
    },
}

/// Interprets an answer to `call` as the client does and says whether its signature must be
/// checked before it is believed.
pub fn check_answer(
    call: Call,
    resp: &HttpResponse,
    redirect_schemes: &[String],
    expected: &Expected<'_>,
) -> AnswerCheck {
    let outcome = call.interpret_with(resp.status, &resp.body, redirect_schemes);
    if resp.status != 200 {
        return AnswerCheck::Judged(outcome);
    }
    if let Some(advice) = expected.foreign(&outcome) {
        return AnswerCheck::Judged(outcome.refuse(Reason::MismatchedRequestId, &advice));
    }
    let answered_at = resp
        .headers
        .get("response-time")
        .and_then(parse_header_time);
    let sent_at = expected.request_time.and_then(parse_header_time);
    if let (Some(answered), Some(sent)) = (answered_at, sent_at) {
        if answered < sent.saturating_sub(STALE_AFTER_MS) {
            return AnswerCheck::Judged(outcome.refuse(
                    Reason::StaleAnswer,
                    "Response-Time is over 5 minutes before the request was sent: a replayed answer, not trusted.",
                ));
        }
    }
    if !expected.verifies {
        return AnswerCheck::Judged(outcome);
    }
    let header = |name: &str| {
        resp.headers
            .get(name)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
    };
    let own = expected.client_id;
    let client_id = resp.headers.get("client-id").unwrap_or(own);
    match (header("signature"), header("response-time")) {
        (Some(sig), Some(time)) => {
            if client_id != own {
                return AnswerCheck::Judged(outcome.refuse(
                    Reason::SignatureInvalid,
                    "The answer is signed for another Client-Id.",
                ));
            }
            let Ok(parsed) = parse_signature_header(&sig) else {
                return AnswerCheck::Judged(outcome.refuse(
                    Reason::SignatureInvalid,
                    "The answer's Signature header is malformed.",
                ));
            };
            AnswerCheck::Verify {
                content: content_to_verify(expected.path, client_id, &time, &resp.body),
                signature: parsed.signature,
                claimed: outcome,
            }
        }
        (None, None) => {
            // An unsigned answer is believed only where it says nothing: a `U`, an unreadable
            // answer. One that claims `F` (a decline, or an inquiry `F` that would lead to a
            // cancel) is believed only with `acceptUnsignedFailures`.
            let claims_f = outcome.result_status.as_deref() == Some("F");
            let believed = if claims_f {
                expected.accept_unsigned_failures
                    && matches!(outcome.kind, Kind::Failed | Kind::Unknown)
            } else {
                outcome.kind == Kind::Unknown
            };
            if believed {
                let mut outcome = outcome;
                outcome.reason = outcome.reason.or(Some(Reason::SignatureMissing));
                AnswerCheck::Judged(outcome)
            } else {
                AnswerCheck::Judged(outcome.refuse(
                    Reason::SignatureMissing,
                    "The answer is unsigned; only a signed answer can say S or F.",
                ))
            }
        }
        _ => AnswerCheck::Judged(outcome.refuse(
            Reason::SignatureMissing,
            "The answer carries only one of Signature and Response-Time.",
        )),
    }
}

/// The outcome an answer claims, once its signature was checked: believed only when it verified.
pub fn after_verification(claimed: Outcome, verified: Result<bool, HostFailure>) -> Outcome {
    match verified {
        Ok(true) => claimed,
        Ok(false) => claimed.refuse(
            Reason::SignatureInvalid,
            "The answer's signature does not verify with Antom's public key; it is not trusted.",
        ),
        Err(_) => claimed.refuse(
            Reason::VerifierFailed,
            "The verify callback failed; the answer is not trusted.",
        ),
    }
}
