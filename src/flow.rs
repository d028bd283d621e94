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

    /// The first step: sign the request.
    pub fn start(&mut self) -> Step {
        self.attempt = 1;
        self.sign()
    }

    fn sign(&mut self) -> Step {
        self.expect = Expect::Signature;
        Step::Sign(self.req.content_to_sign())
    }

    /// The next step after `event`. An error means nothing was sent (the signer failed before
    /// the first send) or the host answered a step that was not asked for.
    pub fn resume(&mut self, event: Event) -> Result<Step, Error> {
        match (self.expect, event) {
            (Expect::Signature, Event::Signed(r)) => match self.signature(r) {
                Ok(header) => {
                    self.expect = Expect::Answer;
                    Ok(Step::Send(header))
                }
                // Nothing was sent yet: safe to throw.
                Err(e) if self.last.is_none() => {
                    self.expect = Expect::Nothing;
                    Err(e)
                }
                // Something was sent and its outcome is unknown: report that, not the signer.
                Err(_) => Ok(self.finish()),
            },
            (Expect::Answer, Event::Answered(r)) => Ok(match r {
                Ok(resp) => self.judge(resp),
                Err(SendFailure::Timeout) => self.settle(Outcome::unknown(
                    Reason::Timeout,
                    "No answer in time: the request may have reached Antom. Resend the same request, then inquire.",
                )),
                Err(SendFailure::Network(_)) => self.settle(Outcome::unknown(
                    Reason::NetworkError,
                    "The request may or may not have reached Antom. Resend the same request, then inquire.",
                )),
                Err(SendFailure::BodyNotUtf8) => self.settle(crate::interpret::body_not_utf8()),
            }),
            (Expect::Verification, Event::Verified(r)) => {
                let claimed = self.last.take().unwrap_or_default();
                Ok(self.settle(match r {
                    Ok(true) => claimed,
                    Ok(false) => claimed.refuse(Reason::SignatureInvalid, "The answer's signature does not verify with Antom's public key; it is not trusted."),
                    Err(_) => claimed.refuse(Reason::VerifierFailed, "The verify callback failed; the answer is not trusted."),
                }))
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
    fn judge(&mut self, resp: HttpResponse) -> Step {
        let outcome =
            self.call
                .interpret_with(resp.status, &resp.body, &self.config.redirect_schemes);
        if resp.status != 200 {
            return self.settle(outcome);
        }
        if let Some(advice) = self.foreign(&outcome) {
            return self.settle(outcome.refuse(Reason::MismatchedRequestId, &advice));
        }
        let answered_at = resp
            .headers
            .get("response-time")
            .and_then(parse_header_time);
        let sent_at = parse_header_time(&self.req.request_time);
        if let (Some(answered), Some(sent)) = (answered_at, sent_at) {
            if answered < sent.saturating_sub(STALE_AFTER_MS) {
                return self.settle(outcome.refuse(
                    Reason::StaleAnswer,
                    "Response-Time is over 5 minutes before the request was sent: a replayed answer, not trusted.",
                ));
            }
        }
        if !self.has_verifier {
            return self.settle(outcome);
        }
        let header = |name: &str| {
            resp.headers
                .get(name)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
        };
        let own = &self.config.prepare.client_id;
        let client_id = resp.headers.get("client-id").unwrap_or(own);
        match (header("signature"), header("response-time")) {
            (Some(sig), Some(time)) => {
                if client_id != own {
                    return self.settle(outcome.refuse(
                        Reason::SignatureInvalid,
                        "The answer is signed for another Client-Id.",
                    ));
                }
                let Ok(parsed) = parse_signature_header(&sig) else {
                    return self.settle(outcome.refuse(
                        Reason::SignatureInvalid,
                        "The answer's Signature header is malformed.",
                    ));
                };
                let content = content_to_verify(&self.req.path, client_id, &time, &resp.body);
                self.last = Some(outcome);
                self.expect = Expect::Verification;
                Step::Verify {
                    content,
                    signature: parsed.signature,
                }
            }
            (None, None) => {
                let unsigned_failure =
                    outcome.kind == Kind::Failed && self.config.accept_unsigned_failures;
                if outcome.kind == Kind::Unknown || unsigned_failure {
                    let mut outcome = outcome;
                    outcome.reason = outcome.reason.or(Some(Reason::SignatureMissing));
                    self.settle(outcome)
                } else {
                    self.settle(outcome.refuse(
                        Reason::SignatureMissing,
                        "The answer is unsigned; only a signed answer can say S or F.",
                    ))
                }
            }
            _ => self.settle(outcome.refuse(
                Reason::SignatureMissing,
                "The answer carries only one of Signature and Response-Time.",
            )),
        }
    }

    /// Why an answer is not this request's: it names another request id, or it is an `S` and
    /// names none although the request has one. Every call's `S` answer carries the id its
    /// request was made with (pay: `paymentRequestId` "on success", spec.md section 5;
    /// inquiryPayment and cancel: the payment's `paymentRequestId`; refund and inquiryRefund:
    /// `refundRequestId`, 1:1 with `refundId`, section 9). `F` and `U` answers often carry only
    /// `result` and are judged by the id only when they name one; a request by Antom's id alone
    /// (`paymentId`, `refundId`) has no id of ours to compare.
    fn foreign(&self, outcome: &Outcome) -> Option<String> {
        let own = &self.req.request_id;
        if own.is_empty() {
            return None;
        }
        let key = self.req.key;
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

    /// The attempt's outcome is decided: resend after a wait, or finish.
    fn settle(&mut self, mut outcome: Outcome) -> Step {
        outcome.attempts = Some(self.attempt);
        if !self.req.request_id.is_empty() {
            *outcome.id_mut(self.req.key) = Some(self.req.request_id.clone());
        }
        let max = self.config.retry.max_attempts.max(1);
        let again = outcome.kind == Kind::Unknown && outcome.retryable && self.attempt < max;
        self.last = Some(outcome);
        if again {
            self.expect = Expect::Wake;
            Step::Sleep(self.config.retry.delay_after(self.attempt))
        } else {
            self.finish()
        }
    }

    /// The last attempt's outcome, with what to do when it is still unknown.
    fn finish(&mut self) -> Step {
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
