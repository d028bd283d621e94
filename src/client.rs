//! The pay flow over host callbacks: prepare -> sign -> send -> verify -> interpret, resending
//! unknown outcomes with the same paymentRequestId and the byte-identical body.

use crate::config::ClientConfig;
use crate::error::Error;
use crate::followup::{interpret_cancel, interpret_inquiry};
use crate::outcome::{interpret_pay, reasons, Action, Kind, Outcome};
use crate::prepare::{
    prepare_cancel, prepare_inquiry, prepare_pay, Headers, JsonInput, PreparedRequest,
};
use crate::signing::{
    check_base64, content_to_verify, parse_signature_header, request_time, signature_header,
};

/// A host callback failed; the message is for people, the host keeps the original error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFailure(pub String);

/// Why a send produced no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// No answer within the timeout (the host aborted the fetch).
    Timeout,
    /// The host's fetch failed.
    Network(String),
}

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

/// Signs content with the merchant's private key (RSASSA-PKCS1-v1_5 / SHA-256), returning base64.
#[allow(async_fn_in_trait)]
pub trait Signer {
    /// Signs the UTF-8 bytes of `content`.
    async fn sign(&self, content: &str) -> Result<String, HostFailure>;
}

/// Verifies Antom's signatures with Antom's public key.
#[allow(async_fn_in_trait)]
pub trait Verifier {
    /// `true` when `signature_b64` is a valid signature of `content`.
    async fn verify(&self, content: &str, signature_b64: &str) -> Result<bool, HostFailure>;
}

/// Sends one signed request.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends `req` with the extra `Signature` header; the host enforces `timeout_ms`.
    async fn send(
        &self,
        req: &PreparedRequest,
        signature: &str,
        timeout_ms: u32,
    ) -> Result<HttpResponse, SendFailure>;
}

/// The time, and a way to wait.
#[allow(async_fn_in_trait)]
pub trait Clock {
    /// Epoch milliseconds.
    fn now_ms(&self) -> i64;
    /// Waits `ms` milliseconds.
    async fn sleep(&self, ms: u32);
}

impl<T: Signer + ?Sized> Signer for &T {
    async fn sign(&self, content: &str) -> Result<String, HostFailure> {
        (**self).sign(content).await
    }
}

impl<T: Verifier + ?Sized> Verifier for &T {
    async fn verify(&self, content: &str, signature_b64: &str) -> Result<bool, HostFailure> {
        (**self).verify(content, signature_b64).await
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    async fn send(
        &self,
        req: &PreparedRequest,
        signature: &str,
        timeout_ms: u32,
    ) -> Result<HttpResponse, SendFailure> {
        (**self).send(req, signature, timeout_ms).await
    }
}

impl<T: Clock + ?Sized> Clock for &T {
    fn now_ms(&self) -> i64 {
        (**self).now_ms()
    }
    async fn sleep(&self, ms: u32) {
        (**self).sleep(ms).await
    }
}

/// Which call a request is, to read its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// pay (Entry Code Payment).
    Pay,
    /// inquiryPayment.
    Inquiry,
    /// cancel.
    Cancel,
}

/// A verifier that is never configured.
pub struct NoVerifier;

impl Verifier for NoVerifier {
    async fn verify(&self, _: &str, _: &str) -> Result<bool, HostFailure> {
        Ok(false)
    }
}

/// The Entry Code client.
pub struct Client<S, T, C, V = NoVerifier> {
    /// Options.
    pub config: ClientConfig,
    signer: S,
    transport: T,
    clock: C,
    verifier: Option<V>,
}

impl<S: Signer, T: Transport, C: Clock, V: Verifier> Client<S, T, C, V> {
    /// A client with its host callbacks. Without a verifier the configuration must say
    /// `trust_unverified_answers` (see [`ClientConfig::check_verification`]).
    pub fn new(
        config: ClientConfig,
        signer: S,
        transport: T,
        clock: C,
        verifier: Option<V>,
    ) -> Result<Self, Error> {
        config.check_verification(verifier.is_some())?;
        Ok(Client {
            config,
            signer,
            transport,
            clock,
            verifier,
        })
    }

    /// Prepares (throws on invalid input) and sends a pay request until its outcome is known or
    /// the attempts are used up. Declines and unknowns are outcomes, not errors.
    pub async fn pay(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        let mut prepared = prepare_pay(input, &self.config.prepare, self.clock.now_ms())?;
        self.send_prepared(&mut prepared, Call::Pay).await
    }

    /// Asks for a payment's state (`{ paymentRequestId }` or `{ paymentId }`).
    pub async fn inquire(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        let mut prepared = prepare_inquiry(input, &self.config.prepare, self.clock.now_ms())?;
        self.send_prepared(&mut prepared, Call::Inquiry).await
    }

    /// Cancels a payment (`{ paymentRequestId }` or `{ paymentId }`).
    pub async fn cancel(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        let mut prepared = prepare_cancel(input, &self.config.prepare, self.clock.now_ms())?;
        self.send_prepared(&mut prepared, Call::Cancel).await
    }

    /// Sends an already prepared request (e.g. one stored before a crash) with the same policy:
    /// unknown outcomes are resent with the byte-identical body and a fresh signature.
    pub async fn send_prepared(
        &self,
        req: &mut PreparedRequest,
        call: Call,
    ) -> Result<Outcome, Error> {
        let max = self.config.retry.max_attempts.max(1);
        let mut last: Option<Outcome> = None;
        for attempt in 1..=max {
            if attempt > 1 {
                req.retime(request_time(
                    self.clock.now_ms(),
                    self.config.prepare.time_format,
                ));
            }
            let header = match self.signature(req).await {
                Ok(h) => h,
                // Nothing was sent yet: safe to throw.
                Err(e) if last.is_none() => return Err(e),
                // Something was sent and its outcome is unknown: report that, not the signer.
                Err(_) => break,
            };
            let mut outcome = match self.transport.send(req, &header, self.config.timeout_ms).await {
                Ok(resp) => self.judge(req, &resp, call).await,
                Err(SendFailure::Timeout) => Outcome::unknown(
                    reasons::TIMEOUT,
                    "No answer in time: the request may have reached Antom. Resend the same request, then inquire.",
                ),
                Err(SendFailure::Network(_)) => Outcome::unknown(
                    reasons::NETWORK_ERROR,
                    "The request may or may not have reached Antom. Resend the same request, then inquire.",
                ),
            };
            outcome.attempts = Some(attempt);
            if !req.payment_request_id.is_empty() {
                outcome.payment_request_id = Some(req.payment_request_id.clone());
            }
            let again = outcome.kind == Kind::Unknown && outcome.retryable && attempt < max;
            last = Some(outcome);
            if !again {
                break;
            }
            self.clock
                .sleep(self.config.retry.delay_after(attempt))
                .await;
        }
        let mut out = last.unwrap_or_else(|| Outcome::unknown(reasons::SIGNER_FAILED, ""));
        if out.kind == Kind::Unknown && out.retryable {
            let (action, next) = match call {
                Call::Cancel => (Action::RetrySameRequest, "resend the same cancel"),
                _ => (
                    Action::InquirePayment,
                    "inquire with the same paymentRequestId (never a new id while unknown)",
                ),
            };
            out.action = action;
            out.advice = format!(
                "{} Still unknown after {} attempt(s): {next}.",
                out.advice,
                out.attempts.unwrap_or(0)
            );
        }
        Ok(out)
    }

    async fn signature(&self, req: &PreparedRequest) -> Result<String, Error> {
        let b64 = self
            .signer
            .sign(&req.content_to_sign())
            .await
            .map_err(|e| Error::SignerFailed(e.0))?;
        check_base64(&b64).map_err(|m| {
            Error::SignerFailed(format!(
                "the sign callback returned no base64 signature: {m}"
            ))
        })?;
        signature_header(&b64, req.key_version.as_deref())
    }

    /// Verifies (when a verifier is configured) and interprets one answer.
    async fn judge(&self, req: &PreparedRequest, resp: &HttpResponse, call: Call) -> Outcome {
        let interpret = match call {
            Call::Pay => interpret_pay,
            Call::Inquiry => interpret_inquiry,
            Call::Cancel => interpret_cancel,
        };
        let mut outcome = interpret(resp.status, &resp.body);
        if resp.status != 200 {
            return outcome;
        }
        if let Some(echo) = &outcome.payment_request_id {
            if !req.payment_request_id.is_empty() && *echo != req.payment_request_id {
                return outcome.refuse(
                    reasons::MISMATCHED_REQUEST_ID,
                    "The answer belongs to another paymentRequestId.",
                );
            }
        }
        let Some(verifier) = &self.verifier else {
            return outcome;
        };
        let sig = resp
            .headers
            .get("signature")
            .filter(|s| !s.trim().is_empty());
        let time = resp
            .headers
            .get("response-time")
            .filter(|s| !s.trim().is_empty());
        let client_id = resp
            .headers
            .get("client-id")
            .unwrap_or(&self.config.prepare.client_id);
        match (sig, time) {
            (Some(sig), Some(time)) => {
                if client_id != self.config.prepare.client_id {
                    return outcome.refuse(
                        reasons::SIGNATURE_INVALID,
                        "The answer is signed for another Client-Id.",
                    );
                }
                let Ok(parsed) = parse_signature_header(sig) else {
                    return outcome.refuse(
                        reasons::SIGNATURE_INVALID,
                        "The answer's Signature header is malformed.",
                    );
                };
                let content = content_to_verify(&req.path, client_id, time, &resp.body);
                match verifier.verify(&content, &parsed.signature).await {
                    Ok(true) => outcome,
                    Ok(false) => outcome.refuse(reasons::SIGNATURE_INVALID, "The answer's signature does not verify with Antom's public key; it is not trusted."),
                    Err(_) => outcome.refuse(reasons::VERIFIER_FAILED, "The verify callback failed; the answer is not trusted."),
                }
            }
            (None, None) => {
                let unsigned_failure =
                    outcome.kind == Kind::Failed && self.config.accept_unsigned_failures;
                if outcome.kind == Kind::Unknown || unsigned_failure {
                    outcome.reason = outcome.reason.or(Some(reasons::SIGNATURE_MISSING));
                    outcome
                } else {
                    outcome.refuse(
                        reasons::SIGNATURE_MISSING,
                        "The answer is unsigned; only a signed answer can say S or F.",
                    )
                }
            }
            _ => outcome.refuse(
                reasons::SIGNATURE_MISSING,
                "The answer carries only one of Signature and Response-Time.",
            ),
        }
    }
}
