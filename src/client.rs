//! Antom's calls over host callbacks: prepare -> sign -> send -> verify -> interpret, resending
//! unknown outcomes with the same request id and the byte-identical body.

use crate::calls::{Call, CANCEL, INQUIRY_PAYMENT, INQUIRY_REFUND, PAY, REFUND};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::flow::{Event, Flow, HostFailure, HttpResponse, SendFailure, Step};
use crate::input::JsonInput;
use crate::outcome::Outcome;
use crate::prepare::PreparedRequest;

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

    /// Prepares (an invalid request is an error, nothing sent) and sends a request of `call`
    /// until its outcome is known or the attempts are used up. Declines and unknowns are
    /// outcomes, not errors.
    pub async fn call(
        &self,
        call: Call,
        input: &(impl JsonInput + ?Sized),
    ) -> Result<Outcome, Error> {
        let mut prepared =
            call.request
                .prepare(input, &self.config.prepare, self.clock.now_ms())?;
        self.send_prepared(&mut prepared, call).await
    }

    /// Pays: redirect, failed or unknown.
    pub async fn pay(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        self.call(&PAY, input).await
    }

    /// Asks for a payment's state (`{ paymentRequestId }` or `{ paymentId }`).
    pub async fn inquire(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        self.call(&INQUIRY_PAYMENT, input).await
    }

    /// Cancels a payment (`{ paymentRequestId }` or `{ paymentId }`).
    pub async fn cancel(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        self.call(&CANCEL, input).await
    }

    /// Refunds part or all of a paid payment: refunded, failed, processing or unknown (then
    /// resend the same refund and inquire; never a new refundRequestId while unknown).
    pub async fn refund(&self, input: &(impl JsonInput + ?Sized)) -> Result<Outcome, Error> {
        self.call(&REFUND, input).await
    }

    /// Asks for a refund's state (`{ refundRequestId }` or `{ refundId }`): refunded, failed,
    /// processing, notFound (send the same refund again) or unknown.
    pub async fn inquire_refund(
        &self,
        input: &(impl JsonInput + ?Sized),
    ) -> Result<Outcome, Error> {
        self.call(&INQUIRY_REFUND, input).await
    }

    /// Sends an already prepared request (e.g. one stored before a crash) with the same policy:
    /// unknown outcomes are resent with the byte-identical body and a fresh signature.
    pub async fn send_prepared(
        &self,
        req: &mut PreparedRequest,
        call: Call,
    ) -> Result<Outcome, Error> {
        let mut flow = Flow::new(
            req.clone(),
            call,
            self.config.clone(),
            self.verifier.is_some(),
        );
        let mut step = flow.start();
        let outcome = loop {
            let event = match step {
                Step::Sign(content) => Event::Signed(self.signer.sign(&content).await),
                Step::Send(header) => Event::Answered(
                    self.transport
                        .send(flow.request(), &header, self.config.timeout_ms)
                        .await,
                ),
                Step::Verify { content, signature } => Event::Verified(match &self.verifier {
                    Some(v) => v.verify(&content, &signature).await,
                    None => Ok(false),
                }),
                Step::Sleep(ms) => {
                    self.clock.sleep(ms).await;
                    Event::Slept(self.clock.now_ms())
                }
                Step::Done(outcome) => break Ok(*outcome),
            };
            match flow.resume(event) {
                Ok(next) => step = next,
                Err(e) => break Err(e),
            }
        };
        *req = flow.into_request();
        outcome
    }
}
