//! `AntomClientCore` and `ClientCall`: the client's decisions, driven from `core.js`.
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

use super::lean::{failed, with_input};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::flow::{Event, Flow, Step};
use crate::flow::{HostFailure, HttpResponse, SendFailure};
use crate::headers::Headers;
use crate::json::push_uint;
use crate::prepare::PreparedRequest;
use wasm_bindgen::prelude::*;

/// Holds a validated configuration.
#[wasm_bindgen]
pub struct AntomClientCore {
    config: ClientConfig,
    has_verifier: bool,
}

#[wasm_bindgen]
impl AntomClientCore {
    /// Validates the configuration (JSON text) and the choice about verification: a verify
    /// callback (`has_verifier`) or `trustUnverifiedAnswers`, exactly one. Throws an error
    /// envelope.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, has_verifier: bool) -> Result<AntomClientCore, JsValue> {
        ClientConfig::from_json(config)
            .and_then(|config| {
                config.check_verification(has_verifier)?;
                Ok(AntomClientCore {
                    config,
                    has_verifier,
                })
            })
            .map_err(|e| JsValue::from_str(&super::err(&e)))
    }

    /// The timeout for one send, in ms.
    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> u32 {
        self.config.timeout_ms
    }

    /// Prepares the request in the input buffer (`input_len` bytes) for `call` (its number in
    /// [`crate::calls::CALLS`]). The call's first step is [`ClientCall::start`]; an invalid
    /// request throws an error envelope.
    pub fn call(&self, call: u8, input_len: usize, now_ms: f64) -> Result<ClientCall, JsValue> {
        let Some(call) = crate::calls::by_kind(call) else {
            let e = Error::InvalidArgument("no such call".into());
            return Err(JsValue::from_str(&super::err(&e)));
        };
        with_input(input_len, 0, |input, _| {
            call.request
                .prepare(input, &self.config.prepare, now_ms as i64)
        })
        .map(|req| ClientCall {
            flow: Flow::new(req, call, self.config.clone(), self.has_verifier),
        })
        .map_err(|e| JsValue::from_str(&super::err(&e)))
    }
}

/// One call in progress.
#[wasm_bindgen]
pub struct ClientCall {
    flow: Flow,
}

#[wasm_bindgen]
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
    /// the headers (`headers_len` bytes: name NUL value NUL ..., names in lower case).
    pub fn answered(&mut self, status: u16, body_len: usize, headers_len: usize) -> String {
        let r = with_input(body_len, headers_len, |body, headers| {
            let mut h = Headers::default();
            let mut parts = headers.split('\0');
            while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
                h.0.push((k.to_string(), v.to_string()));
            }
            Ok(HttpResponse {
                status,
                headers: h,
                body: body.to_string(),
            })
        });
        match r {
            Ok(resp) if (100..=599).contains(&status) => self.next(Event::Answered(Ok(resp))),
            _ => self.next(Event::Answered(Err(SendFailure::Network(
                "unreadable answer".into(),
            )))),
        }
    }

    /// After `F`: no answer, because the timeout passed (`timeout`) or the fetch failed.
    pub fn unanswered(&mut self, timeout: bool, message: String) -> String {
        let failure = if timeout {
            SendFailure::Timeout
        } else {
            SendFailure::Network(message)
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
                out.push('S');
                out.push_str(&content);
            }
            Ok(Step::Send(header)) => {
                let req = self.flow.request();
                out.reserve(req.body.len() + req.content_prefix.len() + header.len() + 256);
                out.push('F');
                out.push_str(&header);
                write_prepared(&mut out, req);
            }
            Ok(Step::Verify { content, signature }) => {
                out.push('V');
                out.push_str(&signature);
                out.push('\0');
                out.push_str(&content);
            }
            Ok(Step::Sleep(ms)) => {
                out.push('W');
                crate::json::push_uint(&mut out, u64::from(ms));
            }
            Ok(Step::Done(outcome)) => {
                out.push('D');
                super::outcome_text(&mut out, *outcome);
            }
            Err(e) => out = failed(&e),
        }
        out
    }
}

/// The fields of a prepared request after its tag: each NUL-led, the body last.
fn write_prepared(out: &mut String, p: &PreparedRequest) {
    write_fields(out, p);
    out.push('\0');
    out.push_str(&p.body);
}

/// The fields of a prepared request before its body, each NUL-led.
fn write_fields(out: &mut String, p: &PreparedRequest) {
    for part in [
        &p.url,
        &p.path,
        &p.request_time,
        &p.request_id,
        &p.content_prefix,
    ] {
        out.push('\0');
        out.push_str(part);
    }
    out.push('\0');
    push_uint(out, p.headers.0.len() as u64);
    for (k, v) in &p.headers.0 {
        out.push('\0');
        out.push_str(k);
        out.push('\0');
        out.push_str(v);
    }
}
