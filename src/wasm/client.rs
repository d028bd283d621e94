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

use super::buffer::with_input;
use super::failed;
use super::lean::write_ready;

use crate::boundary::Tag;
use crate::config::ClientConfig;
use crate::error::Error;
use crate::flow::{Event, Flow, Step};
use crate::flow::{HostFailure, HttpResponse, SendFailure};
use crate::prepare::Ready;
use antom_checkout_rules::text::push_uint;
use std::cell::RefCell;

/// Holds a validated configuration.
pub struct AntomClientCore {
    config: ClientConfig,
    has_verifier: bool,
}

impl AntomClientCore {
    /// Validates the configuration (JSON text) and the choice about verification: a verify
    /// callback (`has_verifier`) or `trustUnverifiedAnswers`, exactly one.
    pub fn new(config: &str, has_verifier: bool) -> Result<AntomClientCore, Error> {
        let config = ClientConfig::from_json(config)?;
        config.check_verification(has_verifier)?;
        Ok(AntomClientCore {
            config,
            has_verifier,
        })
    }

    /// The timeout for one send, in ms.
    pub fn timeout_ms(&self) -> u32 {
        self.config.timeout_ms
    }

    /// Prepares the request in the input buffer (`input_len` bytes) for `call` (its number in
    /// [`crate::calls::CALLS`]). The call's first step is [`ClientCall::start`]; an invalid
    /// request is an error (nothing is sent).
    pub fn call(&self, call: u8, input_len: usize, now_ms: f64) -> Result<ClientCall, Error> {
        let call = crate::calls::by_kind(call)
            .ok_or_else(|| Error::InvalidArgument("no such call".into()))?;
        with_input(input_len, 0, |input, _| {
            call.request
                .prepare(input, &self.config.prepare, now_ms as i64)
        })
        .map(|req| ClientCall {
            flow: Flow::new(req, call, self.config.clone(), self.has_verifier),
        })
    }
}

/// One call in progress.
pub struct ClientCall {
    flow: Flow,
}

impl ClientCall {
    /// The first step.
    pub fn start(&mut self) -> String {
        let step = self.flow.start();
        self.text(Ok(step))
    }

    /// After `S`: the signature (`ok`) or why the sign callback failed.
    pub fn signed(&mut self, ok: bool, text: String) -> String {
        let r = if ok { Ok(text) } else { Err(HostFailure(text)) };
        self.next(Event::Signed(r))
    }

    /// After `F`: Antom's answer. The input buffer holds the body (`body_len` bytes) and then
    /// the headers (`headers_len` bytes: name NUL value NUL ..., names in lower case). A status
    /// that is not an HTTP status is an answer that cannot be read.
    pub fn answered(&mut self, status: f64, body_len: usize, headers_len: usize) -> String {
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
            Ok(resp) => self.next(Event::Answered(Ok(resp))),
            Err(_) => self.next(Event::Answered(Err(SendFailure::Network(
                "unreadable answer".into(),
            )))),
        }
    }

    /// After `F`: no answer the call can read: `why` 1 the timeout passed, 2 an answer came whose
    /// body's bytes are not UTF-8, anything else the fetch failed (`message`).
    pub fn unanswered(&mut self, why: u8, message: String) -> String {
        let failure = match why {
            1 => SendFailure::Timeout,
            2 => SendFailure::BodyNotUtf8,
            _ => SendFailure::Network(message),
        };
        self.next(Event::Answered(Err(failure)))
    }

    /// After `V`: 1 verified, 0 not verified, anything else: the verify callback failed.
    pub fn verified(&mut self, result: u8) -> String {
        let r = match result {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(HostFailure("the verify callback failed".into())),
        };
        self.next(Event::Verified(r))
    }

    /// After `W`: the time now, epoch milliseconds.
    pub fn slept(&mut self, now_ms: f64) -> String {
        self.next(Event::Slept(now_ms as i64))
    }
}

impl ClientCall {
    fn next(&mut self, event: Event) -> String {
        let step = self.flow.resume(event);
        self.text(step)
    }

    fn text(&self, step: Result<Step, Error>) -> String {
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
                super::outcome_text(&mut out, *outcome);
            }
            Err(e) => out = failed(&e),
        }
        out
    }
}

thread_local! {
    /// The clients JavaScript holds, by handle (index + 1); freed ones are `None`.
    static CLIENTS: RefCell<Vec<Option<AntomClientCore>>> = const { RefCell::new(Vec::new()) };
    /// The calls in progress, likewise.
    static CALLS: RefCell<Vec<Option<ClientCall>>> = const { RefCell::new(Vec::new()) };
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
pub fn client_new(config_len: usize, has_verifier: bool) -> String {
    match with_input(config_len, 0, |config, _| {
        AntomClientCore::new(config, has_verifier)
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

/// A call of the client `h` (see [`AntomClientCore::call`]): `H` and its handle, or `E`.
pub fn client_call(h: f64, call: u8, input_len: usize, now_ms: f64) -> String {
    let made = CLIENTS.with(|c| {
        c.borrow()
            .get(handle(h))
            .and_then(Option::as_ref)
            .map(|core| core.call(call, input_len, now_ms))
    });
    match made {
        None => no_handle(),
        Some(Err(e)) => failed(&e),
        Some(Ok(call)) => {
            let h = CALLS.with(|c| keep(&mut c.borrow_mut(), call));
            let mut out = String::from(Tag::Handle.char());
            push_uint(&mut out, h as u64);
            out
        }
    }
}

/// Frees the client (`calls` false) or the call `h`; freeing twice does nothing.
pub fn free(calls: bool, h: f64) -> String {
    let i = handle(h);
    if calls {
        CALLS.with(|c| c.borrow_mut().get_mut(i).map(Option::take));
    } else {
        CLIENTS.with(|c| c.borrow_mut().get_mut(i).map(Option::take));
    }
    super::tagged(Tag::Nothing, "")
}

/// Runs `f` on the call `h`: its next step, or `E` when there is no such call.
pub fn with_call(h: f64, f: impl FnOnce(&mut ClientCall) -> String) -> String {
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
