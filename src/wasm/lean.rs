//! The exports of the browser module: validation, preparation, amounts and ids. A checkout page
//! needs no more (it never signs: the key must not be in a browser). The Worker and Node module
//! has these and the rest.

use super::{err_body, text_envelope};
use crate::config::PrepareConfig;
use crate::error::Error;
use crate::json::push_uint;
use crate::prepare::{PayRules, PreparedRequest};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The text JavaScript writes requests into (`inputBuffer`, then `TextEncoder.encodeInto`).
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The last configuration read, by its text: a page or Worker passes the same one each time.
    static CONFIG: RefCell<Option<(String, PrepareConfig)>> = const { RefCell::new(None) };
}

/// Makes the input buffer at least `len` bytes long and answers where it starts in the module's
/// memory. The next call that reads input reads it from there.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(len: usize) -> usize {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < len {
            b.resize(len, 0);
        }
        b.as_ptr() as usize
    })
}

/// Runs `f` on the two texts JavaScript wrote back to back into the input buffer.
pub(crate) fn with_input<T>(
    a: usize,
    b: usize,
    f: impl FnOnce(&str, &str) -> Result<T, Error>,
) -> Result<T, Error> {
    INPUT.with(|buf| {
        let buf = buf.borrow();
        let end = a.checked_add(b).filter(|&e| e <= buf.len());
        let Some(end) = end else {
            return Err(Error::InvalidArgument(
                "the input is longer than its buffer".into(),
            ));
        };
        f(utf8(&buf[..a])?, utf8(&buf[a..end])?)
    })
}

fn utf8(r: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(r).map_err(|_| Error::InvalidArgument("the input is not UTF-8".into()))
}

/// Runs `f` with the configuration read from `text` (kept while the text stays the same).
fn with_config<T>(
    text: &str,
    f: impl FnOnce(&PrepareConfig) -> Result<T, Error>,
) -> Result<T, Error> {
    CONFIG.with(|c| {
        let fresh = c.borrow().as_ref().is_none_or(|(t, _)| t != text);
        if fresh {
            let cfg = PrepareConfig::from_json(text)?;
            *c.borrow_mut() = Some((text.to_string(), cfg));
        }
        let c = c.borrow();
        match c.as_ref() {
            Some((_, cfg)) => f(cfg),
            None => Err(Error::InvalidConfig("no configuration".into())),
        }
    })
}

/// Issues of the pay request in the input buffer (`input_len` bytes of JSON text): `""` when
/// it is valid, a JSON array of issues, or `E` and an error body.
#[wasm_bindgen(js_name = validatePay)]
pub fn validate_pay(input_len: usize, now_ms: f64, global_gateway: bool) -> String {
    let rules = PayRules { global_gateway };
    match with_input(input_len, 0, |input, _| {
        crate::prepare::validate_pay(input, Some(now_ms as i64), &rules)
    }) {
        Ok(issues) if issues.is_empty() => String::new(),
        Ok(issues) => crate::validate::issues_json(&issues),
        Err(e) => failed(&e),
    }
}

/// `E` and an error body: the failure form of the compact answers.
pub(crate) fn failed(e: &Error) -> String {
    let mut out = String::from("E");
    out.push_str(&err_body(e));
    out
}

pub(crate) type Prepare = fn(&str, &PrepareConfig, i64) -> Result<PreparedRequest, Error>;

/// A prepared request as NUL-separated fields (no field can hold a NUL: the body is JSON and
/// the rest is checked text): `P`, url, path, Request-Time, paymentRequestId, the content to
/// sign without the body, the number of headers, each header's name and value, and the body
/// last. `Q` instead of `P` and nothing after the last NUL: the body is the input, unchanged.
/// Or `E` and an error body.
fn prepare_with(prepare: Prepare, input_len: usize, config_len: usize, now_ms: f64) -> String {
    let r = with_input(input_len, config_len, |input, config| {
        let p = with_config(config, |cfg| prepare(input, cfg, now_ms as i64))?;
        Ok((
            crate::json::same_bytes(p.body.as_bytes(), input.as_bytes()),
            p,
        ))
    });
    match r {
        Ok((same, p)) => {
            let mut out = String::with_capacity(p.content_prefix.len() + p.url.len() + 256);
            if same {
                // The body is the input byte for byte (keys already in the canonical order, no
                // blanks): JavaScript has it, so it does not cross back.
                out.push('Q');
                write_fields(&mut out, &p);
                out.push('\0');
            } else {
                out.reserve(p.body.len());
                out.push('P');
                write_prepared(&mut out, &p);
            }
            out
        }
        Err(e) => failed(&e),
    }
}

/// The fields of a prepared request after its tag: each NUL-led, the body last.
pub(crate) fn write_prepared(out: &mut String, p: &PreparedRequest) {
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
        &p.payment_request_id,
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

/// The request of `call` (0 pay, 1 inquiryPayment, 2 cancel), prepared (the request, then the
/// configuration, in the input buffer).
#[wasm_bindgen]
pub fn prepare(call: u8, input_len: usize, config_len: usize, now_ms: f64) -> String {
    prepare_with(preparer(call), input_len, config_len, now_ms)
}

/// How the request of a call (0 pay, 1 inquiryPayment, anything else cancel) is prepared.
pub(crate) fn preparer(call: u8) -> Prepare {
    match call {
        0 => crate::prepare::prepare_pay,
        1 => crate::prepare::prepare_inquiry,
        _ => crate::prepare::prepare_cancel,
    }
}

/// Decimal major units -> minor units (`to_minor`), or minor units -> decimal major units.
#[wasm_bindgen(js_name = minorUnits)]
pub fn minor_units(to_minor: bool, amount: &str, currency: &str) -> String {
    text_envelope(if to_minor {
        crate::currency::to_minor_units(amount, currency)
    } else {
        crate::currency::from_minor_units(amount, currency)
    })
}

/// A new paymentRequestId.
///
/// JavaScript writes 16 bytes from `crypto.getRandomValues` into the input buffer (`len` is 16);
/// the id is their URL-safe base64 (22 characters), or `E` and an error body.
#[wasm_bindgen(js_name = newPaymentRequestId)]
pub fn new_payment_request_id(len: usize) -> String {
    let bytes = INPUT.with(|b| {
        let b = b.borrow();
        <[u8; 16]>::try_from(b.get(..len)?).ok()
    });
    match bytes {
        Some(bytes) => crate::id::encode_id(&bytes),
        None => failed(&Error::InvalidArgument(
            "an id takes 16 random bytes".into(),
        )),
    }
}
