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
/// last. Or `E` and an error body.
fn prepare_with(prepare: Prepare, input_len: usize, config_len: usize, now_ms: f64) -> String {
    let r = with_input(input_len, config_len, |input, config| {
        with_config(config, |cfg| prepare(input, cfg, now_ms as i64))
    });
    match r {
        Ok(p) => {
            let mut out =
                String::with_capacity(p.body.len() + p.content_prefix.len() + p.url.len() + 256);
            out.push('P');
            write_prepared(&mut out, &p);
            out
        }
        Err(e) => failed(&e),
    }
}

/// The fields of a prepared request after its tag: each NUL-led, the body last.
pub(crate) fn write_prepared(out: &mut String, p: &PreparedRequest) {
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
    out.push('\0');
    out.push_str(&p.body);
}

/// A prepared pay request (the request, then the configuration, in the input buffer).
#[wasm_bindgen(js_name = preparePay)]
pub fn prepare_pay(input_len: usize, config_len: usize, now_ms: f64) -> String {
    prepare_with(crate::prepare::prepare_pay, input_len, config_len, now_ms)
}

/// A prepared inquiryPayment request.
#[wasm_bindgen(js_name = prepareInquiry)]
pub fn prepare_inquiry(input_len: usize, config_len: usize, now_ms: f64) -> String {
    prepare_with(
        crate::prepare::prepare_inquiry,
        input_len,
        config_len,
        now_ms,
    )
}

/// A prepared cancel request.
#[wasm_bindgen(js_name = prepareCancel)]
pub fn prepare_cancel(input_len: usize, config_len: usize, now_ms: f64) -> String {
    prepare_with(
        crate::prepare::prepare_cancel,
        input_len,
        config_len,
        now_ms,
    )
}

/// Decimal major units -> minor units.
#[wasm_bindgen(js_name = toMinorUnits)]
pub fn to_minor_units(amount: &str, currency: &str) -> String {
    text_envelope(crate::currency::to_minor_units(amount, currency))
}

/// Minor units -> decimal major units.
#[wasm_bindgen(js_name = fromMinorUnits)]
pub fn from_minor_units(value: &str, currency: &str) -> String {
    text_envelope(crate::currency::from_minor_units(value, currency))
}

/// A new paymentRequestId.
#[wasm_bindgen(js_name = newPaymentRequestId)]
pub fn new_payment_request_id() -> String {
    text_envelope(crate::id::new_request_id())
}
