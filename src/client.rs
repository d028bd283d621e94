//! Antom's calls over host callbacks: prepare -> sign -> send -> verify -> interpret, resending
//! unknown outcomes with the same request id and the byte-identical body.

use crate::calls::{Call, CANCEL, INQUIRY_PAYMENT, INQUIRY_REFUND, PAY, REFUND};
use crate::config::{CallOptions, CancelToken, ClientConfig};
use crate::error::Error;
use crate::events::ClientEvent;
use crate::flow::{Event, Flow, HostFailure, HttpResponse, SendFailure, Step};
use crate::input::JsonInput;
use crate::outcome::Outcome;
use crate::prepare::PreparedRequest;
use crate::resolve::{PaymentToResolve, ResolveStep, Resolved, Resolver};

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

/// What a round of [`Client::resolve_payment`] found, with the outcomes it is based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The state, when to ask again, the next round.
    pub resolved: Resolved,
    /// The outcome of the round's last call (an inquiry, or the cancel).
    pub outcome: Outcome,
    /// The cancel's outcome, when the round cancelled (its code, e.g. `CANCEL_WINDOW_EXCEED`).
    pub cancel: Option<Outcome>,
}

/// Receives a call's events ([`ClientEvent`]) as they happen. It must not panic; what it does
/// never changes the call.
pub type Observer = Box<dyn Fn(&ClientEvent)>;

/// The Entry Code client.
pub struct Client<S, T, C, V = NoVerifier> {
    /// Options.
    pub config: ClientConfig,
    signer: S,
    transport: T,
    clock: C,
    verifier: Option<V>,
    observer: Option<Observer>,
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
            observer: None,
        })
    }

    /// The host's transport (e.g. to read what a test double recorded).
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The client with `observer` receiving every call's events, in order.
    pub fn observed(mut self, observer: impl Fn(&ClientEvent) + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Prepares (an invalid request is an error, nothing sent) and sends a request of `call`
    /// until its outcome is known or the attempts are used up. Declines and unknowns are
    /// outcomes, not errors.
    pub async fn call(
        &self,
        call: Call,
        input: &(impl JsonInput + ?Sized),
    ) -> Result<Outcome, Error> {
        self.call_with(call, input, &CallOptions::default()).await
    }

    /// [`Client::call`] with this call's options over the client's (timeout, resends, a
    /// cancellation token).
    pub async fn call_with(
        &self,
        call: Call,
        input: &(impl JsonInput + ?Sized),
        options: &CallOptions,
    ) -> Result<Outcome, Error> {
        let mut prepared =
            call.request
                .prepare(input, &self.config.prepare, self.clock.now_ms())?;
        self.send_prepared_with(&mut prepared, call, options).await
    }

    /// One round of the Entry Code resolution rule for a payment whose result is not known yet
    /// (`{ paymentRequestId, expiresAt, sentAt?, round? }`): inquire, and cancel what is open
    /// past its expiry or what an inquiry answered `F`; see [`crate::resolve`]. Never waits
    /// between rounds: a `pending` result says when to run the next one.
    pub async fn resolve_payment(
        &self,
        input: &(impl JsonInput + ?Sized),
        options: &CallOptions,
    ) -> Result<Resolution, Error> {
        let (mut round, mut step) = Resolver::new(PaymentToResolve::from_json(input)?);
        let mut last = None;
        let mut cancel = None;
        loop {
            let (call, input) = match step {
                ResolveStep::Inquire(input) => (&INQUIRY_PAYMENT, input),
                ResolveStep::Cancel(input) => (&CANCEL, input),
                ResolveStep::Done(resolved) => {
                    return Ok(Resolution {
                        resolved,
                        outcome: last.unwrap_or_default(),
                        cancel,
                    })
                }
            };
            let outcome = self.call_with(call, input.as_str(), options).await?;
            step = round.next(&outcome, self.clock.now_ms())?;
            if std::ptr::eq(call, &CANCEL) {
                cancel = Some(outcome.clone());
            }
            last = Some(outcome);
        }
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
        self.send_prepared_with(req, call, &CallOptions::default())
            .await
    }

    /// [`Client::send_prepared`] with this call's options. A cancelled token stops the call at
    /// its next step: before the first send it is [`Error::Aborted`] (nothing sent); after it,
    /// the outcome is unknown (`ABORTED`), to be resolved with the same request. A send already
    /// out is awaited (the transport's timeout bounds it).
    pub async fn send_prepared_with(
        &self,
        req: &mut PreparedRequest,
        call: Call,
        options: &CallOptions,
    ) -> Result<Outcome, Error> {
        let cancelled = || {
            options
                .cancel
                .as_ref()
                .is_some_and(CancelToken::is_cancelled)
        };
        if cancelled() {
            return Err(Error::Aborted("nothing was sent".into()));
        }
        let config = options.over(&self.config);
        let timeout_ms = config.timeout_ms;
        let mut flow = Flow::new(req.clone(), call, config, self.verifier.is_some());
        if self.observer.is_some() {
            flow.observe();
        }
        let mut step = flow.start(self.clock.now_ms());
        let outcome = loop {
            if let Some(observer) = &self.observer {
                for e in flow.take_events() {
                    observer(&e);
                }
            }
            if cancelled() && !matches!(step, Step::Done(_)) {
                match flow.resume(Event::Aborted { request_out: false }, self.clock.now_ms()) {
                    Ok(next) => {
                        step = next;
                        continue;
                    }
                    Err(e) => break Err(e),
                }
            }
            let event = match step {
                Step::Sign(content) => Event::Signed(self.signer.sign(&content).await),
                Step::Send(header) => Event::Answered(
                    self.transport
                        .send(flow.request(), &header, timeout_ms)
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
            match flow.resume(event, self.clock.now_ms()) {
                Ok(next) => step = next,
                Err(e) => break Err(e),
            }
        };
        if let Some(observer) = &self.observer {
            for e in flow.take_events() {
                observer(&e);
            }
        }
        *req = flow.into_request();
        outcome
    }
}
