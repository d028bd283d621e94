//! `AntomClientCore` and `ClientCall`: the client's decisions, driven from `core.js` through
//! handles (numbers) to the ones this module keeps.
//!
//! A call is the core's [`Flow`]: JavaScript starts it, does what each step asks (sign with the
//! host's callback, fetch, verify, wait) and reports what came of it, until the step is `D`
//! (the outcome). JavaScript decides nothing: which answer is trusted, whether to resend and
//! what the merchant does next all come from here.
//!
//! A step is one string, its first character saying what it is:
//! - `S` content: sign the content (the UTF-8 bytes after `S`);
//! - `F` signature NUL prepared: fetch the prepared request (the fields of `prepare`'s answer
//!   after its `P`) with this `Signature` header, within `timeoutMs`;
//! - `V` signature NUL content: verify Antom's signature (base64) of the content;
//! - `W` ms: wait that long;
//! - `D` outcome: the outcome (`R` or `O` and its JSON, as `interpretPayResponse` answers it:
//!   `R` when its `raw` is the last answer's body); the call is over;
//! - `E` error: the error body; nothing was sent, the call is over.

use super::api::write_ready;
use super::buffer::with_input;
use super::failed;

use crate::boundary::{ClientFlag, HandleKind, NoAnswer, Tag, Verdict};
use crate::config::{CallOptions, ClientConfig};
use crate::error::Error;
use crate::flow::{Event, Flow, Step};
use crate::flow::{HostFailure, HttpResponse, SendFailure};
use crate::outcome::Outcome;
use crate::prepare::Ready;
use crate::resolve::{PaymentToResolve, ResolveStep, Resolver};
use antom_checkout_rules::text::push_uint;
use std::cell::RefCell;

/// Holds a validated configuration.
pub struct AntomClientCore {
    config: ClientConfig,
    has_verifier: bool,
    observed: bool,
}

impl AntomClientCore {
    /// Validates the configuration (JSON text) and the choice about verification: a verify
    /// callback ([`ClientFlag::Verifies`] in `flags`) or `trustUnverifiedAnswers`, exactly one.
    /// [`ClientFlag::Observes`]: the host observes the calls' events.
    pub fn new(config: &str, flags: u8) -> Result<AntomClientCore, Error> {
        let has_verifier = flags & ClientFlag::Verifies.value() != 0;
        let config = ClientConfig::from_json(config)?;
        config.check_verification(has_verifier)?;
        Ok(AntomClientCore {
            config,
            has_verifier,
            observed: flags & ClientFlag::Observes.value() != 0,
        })
    }

    /// The timeout for one send, in ms.
    pub fn timeout_ms(&self) -> u32 {
        self.config.timeout_ms
    }

    /// Prepares the request in the input buffer (`input_len` bytes, then `options_len` bytes of
    /// the call's options, [`CallOptions`]) for `call` (its number in
    /// [`crate::calls::CALLS`]). The call's first step is [`ClientCall::start`]; an invalid
    /// request or option is an error (nothing is sent).
    pub fn call(
        &self,
        call: u8,
        input_len: usize,
        options_len: usize,
        now_ms: f64,
    ) -> Result<ClientCall, Error> {
        let call = crate::calls::by_kind(call)
            .ok_or_else(|| Error::InvalidArgument("no such call".into()))?;
        with_input(input_len, options_len, |input, options| {
            let options = if options.is_empty() {
                CallOptions::default()
            } else {
                CallOptions::from_json(options)?
            };
            let req = call
                .request
                .prepare(input, &self.config.prepare, now_ms as i64)?;
            Ok((req, options))
        })
        .map(|(req, options)| {
            let mut flow = Flow::new(req, call, options.over(&self.config), self.has_verifier);
            if self.observed {
                flow.observe();
            }
            ClientCall { flow, done: None }
        })
    }
}

/// One call in progress.
pub struct ClientCall {
    flow: Flow,
    /// Its outcome, once it is over (a resolvePayment round reads it).
    done: Option<Outcome>,
}

fn ms(now_ms: f64) -> i64 {
    now_ms as i64
}

impl ClientCall {
    /// The first step.
    pub fn start(&mut self, now_ms: f64) -> String {
        let step = self.flow.start(ms(now_ms));
        self.text(Ok(step))
    }

    /// After `S`: the signature (`ok`) or why the sign callback failed.
    pub fn signed(&mut self, ok: bool, text: String, now_ms: f64) -> String {
        let r = if ok { Ok(text) } else { Err(HostFailure(text)) };
        self.next(Event::Signed(r), now_ms)
    }

    /// After `F`: Antom's answer. The input buffer holds the body (`body_len` bytes) and then
    /// the headers (`headers_len` bytes: name NUL value NUL ..., names in lower case). A status
    /// that is not an HTTP status is an answer that cannot be read.
    pub fn answered(
        &mut self,
        status: f64,
        body_len: usize,
        headers_len: usize,
        now_ms: f64,
    ) -> String {
        let r = super::api::http_status(status).and_then(|status| {
            with_input(body_len, headers_len, |body, headers| {
                Ok(HttpResponse {
                    status,
                    headers: super::header_pairs(headers),
                    body: body.to_string(),
                })
            })
        });
        match r {
            Ok(resp) => self.next(Event::Answered(Ok(resp)), now_ms),
            Err(_) => self.next(
                Event::Answered(Err(SendFailure::Network("unreadable answer".into()))),
                now_ms,
            ),
        }
    }

    /// After `F`: no answer the call can read: why ([`NoAnswer`]; a failed fetch's `message`).
    pub fn unanswered(&mut self, why: NoAnswer, message: String, now_ms: f64) -> String {
        let failure = match why {
            NoAnswer::TimedOut => SendFailure::Timeout,
            NoAnswer::BodyNotUtf8 => SendFailure::BodyNotUtf8,
            NoAnswer::FetchFailed => SendFailure::Network(message),
        };
        self.next(Event::Answered(Err(failure)), now_ms)
    }

    /// After `V`: what the verify callback said.
    pub fn verified(&mut self, result: Verdict, now_ms: f64) -> String {
        let r = match result {
            Verdict::NotVerified => Ok(false),
            Verdict::Verified => Ok(true),
            Verdict::VerifyFailed => Err(HostFailure("the verify callback failed".into())),
        };
        self.next(Event::Verified(r), now_ms)
    }

    /// After `W`: the time now, epoch milliseconds.
    pub fn slept(&mut self, now_ms: f64) -> String {
        self.next(Event::Slept(ms(now_ms)), now_ms)
    }

    /// The caller aborted the call; `request_out`: its request was out (the fetch was cut short).
    pub fn aborted(&mut self, request_out: bool, now_ms: f64) -> String {
        self.next(Event::Aborted { request_out }, now_ms)
    }

    /// The events since the last time: [`Tag::Json`] and an array.
    pub fn events(&mut self) -> String {
        let mut out = String::from(Tag::Json.char());
        out.push('[');
        for (i, e) in self.flow.take_events().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::write::WriteJson::write_json(e, &mut out);
        }
        out.push(']');
        out
    }
}

impl ClientCall {
    fn next(&mut self, event: Event, now_ms: f64) -> String {
        let step = self.flow.resume(event, ms(now_ms));
        self.text(step)
    }

    fn text(&mut self, step: Result<Step, Error>) -> String {
        let mut out = String::new();
        match step {
            Ok(Step::Sign(content)) => {
                out.reserve(content.len() + 1);
                out.push(Tag::Sign.char());
                out.push_str(&content);
            }
            Ok(Step::Send(header)) => {
                let req = self.flow.request();
                out.reserve(req.body.len() + req.content_prefix.len() + header.len() + 256);
                out.push(Tag::Fetch.char());
                out.push_str(&header);
                // Written like `prepare`'s answer, from the parts the request was made of.
                let ready = Ready {
                    endpoint: self.flow.call().request.endpoint,
                    body: String::new(),
                    time: req.request_time.clone(),
                    id: req.request_id.clone(),
                    key: req.key,
                };
                write_ready(&mut out, &ready, &self.flow.config().prepare, &req.body);
            }
            Ok(Step::Verify { content, signature }) => {
                out.push(Tag::Verify.char());
                out.push_str(&signature);
                out.push('\0');
                out.push_str(&content);
            }
            Ok(Step::Sleep(ms)) => {
                out.push(Tag::Wait.char());
                antom_checkout_rules::text::push_uint(&mut out, u64::from(ms));
            }
            Ok(Step::Done(outcome)) => {
                out.push(Tag::Done.char());
                let mut outcome = *outcome;
                super::outcome_text(&mut out, &mut outcome);
                self.done = Some(outcome);
            }
            Err(e) => out = failed(&e),
        }
        out
    }
}

/// A resolvePayment round, and its first step until it is read.
type Round = (Resolver, Option<ResolveStep>);

thread_local! {
    /// The clients JavaScript holds, by handle (index + 1); freed ones are `None`.
    static CLIENTS: RefCell<Vec<Option<AntomClientCore>>> = const { RefCell::new(Vec::new()) };
    /// The calls in progress, likewise.
    static CALLS: RefCell<Vec<Option<ClientCall>>> = const { RefCell::new(Vec::new()) };
    /// The resolvePayment rounds in progress, likewise, each with its first step until read.
    static ROUNDS: RefCell<Vec<Option<Round>>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `v` in `slab` (a free slot first) and answers its handle.
fn keep<T>(slab: &mut Vec<Option<T>>, v: T) -> usize {
    match slab.iter().position(Option::is_none) {
        Some(i) => {
            slab[i] = Some(v);
            i + 1
        }
        None => {
            slab.push(Some(v));
            slab.len()
        }
    }
}

fn handle(h: f64) -> usize {
    if h.fract() == 0.0 && (1.0..=4_294_967_295.0).contains(&h) {
        h as usize - 1
    } else {
        usize::MAX
    }
}

fn no_handle() -> String {
    super::failed(&Error::InvalidArgument(
        "this client or call was freed".into(),
    ))
}

/// A new client from the configuration (`config_len` bytes in the input buffer): `H` and its
/// handle, NUL, its timeout in ms; or `E` and an error body.
pub fn client_new(config_len: usize, flags: u8) -> String {
    match with_input(config_len, 0, |config, _| {
        AntomClientCore::new(config, flags)
    }) {
        Ok(core) => {
            let timeout = core.timeout_ms();
            let h = CLIENTS.with(|c| keep(&mut c.borrow_mut(), core));
            let mut out = String::from(Tag::Handle.char());
            push_uint(&mut out, h as u64);
            out.push('\0');
            push_uint(&mut out, u64::from(timeout));
            out
        }
        Err(e) => failed(&e),
    }
}

/// A call of the client `h` (see [`AntomClientCore::call`]): `H` and its handle, NUL, the
/// timeout of one send in ms; or `E`.
pub fn client_call(h: f64, call: u8, input_len: usize, options_len: usize, now_ms: f64) -> String {
    let made = CLIENTS.with(|c| {
        c.borrow()
            .get(handle(h))
            .and_then(Option::as_ref)
            .map(|core| core.call(call, input_len, options_len, now_ms))
    });
    match made {
        None => no_handle(),
        Some(Err(e)) => failed(&e),
        Some(Ok(call)) => {
            let timeout = call.flow.config().timeout_ms;
            let h = CALLS.with(|c| keep(&mut c.borrow_mut(), call));
            let mut out = String::from(Tag::Handle.char());
            push_uint(&mut out, h as u64);
            out.push('\0');
            push_uint(&mut out, u64::from(timeout));
            out
        }
    }
}

/// A resolvePayment round for the client `h` (which must exist), its payment in the input
/// buffer: `H` and its handle, or `E`.
pub fn resolve(h: f64, input_len: usize) -> String {
    let known = CLIENTS.with(|c| c.borrow().get(handle(h)).is_some_and(Option::is_some));
    if !known {
        return no_handle();
    }
    match with_input(input_len, 0, |input, _| PaymentToResolve::from_json(input)) {
        Ok(payment) => {
            let (round, first) = Resolver::new(payment);
            let h = ROUNDS.with(|r| keep(&mut r.borrow_mut(), (round, Some(first))));
            let mut out = String::from(Tag::Handle.char());
            push_uint(&mut out, h as u64);
            out
        }
        Err(e) => failed(&e),
    }
}

/// The round `h`'s next step: its first (no `finished` call), or the one after the finished
/// call `finished`.
pub fn resolve_next(h: f64, finished: Option<f64>, now_ms: f64) -> String {
    let outcome = if let Some(call) = finished {
        // Taken, not copied: a round reads a call's outcome once.
        let done = CALLS.with(|c| {
            c.borrow_mut()
                .get_mut(handle(call))
                .and_then(Option::as_mut)
                .and_then(|c| c.done.take())
        });
        match done {
            Some(o) => Some(o),
            None => return failed(&Error::InvalidArgument("that call is not over".into())),
        }
    } else {
        None
    };
    let step = ROUNDS.with(|r| {
        let mut rounds = r.borrow_mut();
        let (round, first) = rounds.get_mut(handle(h)).and_then(Option::as_mut)?;
        Some(match outcome {
            None => first.take().ok_or_else(|| {
                Error::InvalidArgument("the round's first step was read already".into())
            }),
            Some(o) => round.next(&o, ms(now_ms)),
        })
    });
    match step {
        None => no_handle(),
        Some(Err(e)) => failed(&e),
        Some(Ok(ResolveStep::Done(resolved))) => super::json_answer(Ok(&resolved)),
        Some(Ok(ResolveStep::Inquire(input))) => round_call(&crate::calls::INQUIRY_PAYMENT, &input),
        Some(Ok(ResolveStep::Cancel(input))) => round_call(&crate::calls::CANCEL, &input),
    }
}

/// [`Tag::Call`]: the call's number, NUL, its request.
fn round_call(call: crate::calls::Call, input: &str) -> String {
    let kind = crate::calls::CALLS
        .iter()
        .position(|c| std::ptr::eq(*c, call))
        .unwrap_or(0);
    let mut out = String::from(Tag::Call.char());
    push_uint(&mut out, kind as u64);
    out.push('\0');
    out.push_str(input);
    out
}

/// Frees the client, the call or the resolvePayment round `h`; freeing twice does nothing.
pub fn free(kind: HandleKind, h: f64) -> String {
    let i = handle(h);
    match kind {
        HandleKind::Client => {
            CLIENTS.with(|c| c.borrow_mut().get_mut(i).map(Option::take));
        }
        HandleKind::Call => {
            CALLS.with(|c| c.borrow_mut().get_mut(i).map(Option::take));
        }
        HandleKind::Round => {
            ROUNDS.with(|r| r.borrow_mut().get_mut(i).map(Option::take));
        }
    }
    super::tagged(Tag::Nothing, "")
}

/// Runs `f` on the call `h`: its next step, or `E` when there is no such call. One function for
/// every step (`f` through `dyn`), not a copy per step.
pub fn with_call(h: f64, f: &mut dyn FnMut(&mut ClientCall) -> String) -> String {
    // The call is taken out while it runs: a step reads the input buffer, never the slab.
    let i = handle(h);
    let taken = CALLS.with(|c| c.borrow_mut().get_mut(i).and_then(Option::take));
    match taken {
        Some(mut call) => {
            let out = f(&mut call);
            CALLS.with(|c| {
                if let Some(slot) = c.borrow_mut().get_mut(i) {
                    *slot = Some(call);
                }
            });
            out
        }
        None => no_handle(),
    }
}
