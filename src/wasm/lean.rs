//! The exports of the browser module: validation, preparation, amounts and ids. A checkout page
//! needs no more (it never signs: the key must not be in a browser). The Worker and Node module
//! has these and the rest.

use super::err_body;
use crate::boundary::Tag;
use crate::calls::Request;
use crate::config::PayRules;
use crate::config::PrepareConfig;
use crate::error::Error;
use crate::json::push_uint;
use crate::prepare::Ready;
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

/// Runs `f` on the first `len` bytes of the input buffer, whatever they are.
#[cfg(feature = "full")]
pub(crate) fn with_input_bytes<T>(
    len: usize,
    f: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    INPUT.with(|buf| {
        let buf = buf.borrow();
        let input = buf
            .get(..len)
            .ok_or_else(|| Error::InvalidArgument("the input is longer than its buffer".into()))?;
        f(input)
    })
}

/// Leaves `bytes` at the start of the input buffer for JavaScript to read (where
/// `inputBuffer(0)` says it starts), over the `input_len` bytes it was made from: what is left
/// of those is wiped (a key's text), and so is the copy made here.
#[cfg(feature = "full")]
pub(crate) fn set_input(mut bytes: Vec<u8>, input_len: usize) {
    INPUT.with(|buf| {
        let mut buf = buf.borrow_mut();
        if buf.len() < bytes.len() {
            buf.resize(bytes.len(), 0);
        }
        buf[..bytes.len()].copy_from_slice(&bytes);
        let end = input_len.min(buf.len());
        if let Some(rest) = buf.get_mut(bytes.len()..end) {
            rest.fill(0);
        }
    });
    bytes.fill(0);
}

fn utf8(r: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(r).map_err(|_| Error::InvalidArgument("the input is not UTF-8".into()))
}

/// Runs `f` with the configuration read from `text` (kept while the text stays the same).
pub(crate) fn with_config<T>(
    text: &str,
    f: impl FnOnce(&PrepareConfig) -> Result<T, Error>,
) -> Result<T, Error> {
    CONFIG.with(|c| {
        let fresh = c
            .borrow()
            .as_ref()
            .is_none_or(|(t, _)| !crate::json::same_bytes(t.as_bytes(), text.as_bytes()));
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

/// Issues of the pay request in the input buffer (`input_len` bytes of JSON text):
/// [`Tag::Nothing`] when it is valid, [`Tag::Json`] and the array of issues, or the error.
pub fn validate_pay(input_len: usize, now_ms: f64, global_gateway: bool) -> String {
    let rules = PayRules { global_gateway };
    match with_input(input_len, 0, |input, _| {
        crate::prepare::validate_pay(input, Some(now_ms as i64), &rules)
    }) {
        Ok(issues) if issues.is_empty() => super::tagged(Tag::Nothing, ""),
        Ok(issues) => super::tagged(Tag::Json, &crate::validate::issues_json(&issues)),
        Err(e) => failed(&e),
    }
}

/// [`Tag::Error`] and an error body: the failure form of every answer.
pub(crate) fn failed(e: &Error) -> String {
    super::tagged(Tag::Error, &err_body(e))
}

/// A prepared request as NUL-separated fields (no field can hold a NUL: the body is JSON and
/// the rest is checked text): `P`, url, path, Request-Time, paymentRequestId, the content to
/// sign without the body, the number of headers, each header's name and value, and the body
/// last. `Q` instead of `P` and nothing after the last NUL: the body is the input, unchanged.
/// Or `E` and an error body. Written from the validated parts: the same fields as
/// [`PreparedRequest`], without assembling one. (The full module writes the client's prepared
/// requests anyway, and answers `prepare` with that writer instead: one writer per module.)
pub(crate) fn prepare_with(
    call: &Request,
    input_len: usize,
    config_len: usize,
    now_ms: f64,
) -> String {
    let r = with_input(input_len, config_len, |input, config| {
        with_config(config, |cfg| {
            let r = call.ready(input, cfg, now_ms as i64)?;
            let same = crate::json::same_bytes(r.body.as_bytes(), input.as_bytes());
            let mut out = String::with_capacity(
                if same { 0 } else { r.body.len() } + 2 * (cfg.gateway.base_url.len() + 64) + 256,
            );
            out.push(
                if same {
                    Tag::PreparedAsInput
                } else {
                    Tag::Prepared
                }
                .char(),
            );
            write_ready(&mut out, &r, cfg, if same { "" } else { &r.body });
            Ok(out)
        })
    });
    r.unwrap_or_else(|e| failed(&e))
}

/// The fields of a prepared request after its tag, each NUL-led, then `body`: the one writer of
/// the compact form, for `prepare` and for the client's fetch step.
pub(crate) fn write_ready(out: &mut String, r: &Ready, cfg: &PrepareConfig, body: &str) {
    let g = &cfg.gateway;
    // The URL, then the path.
    for part in [
        "\0",
        &g.base_url,
        g.prefix,
        r.endpoint,
        "\0",
        g.prefix,
        r.endpoint,
    ] {
        out.push_str(part);
    }
    for part in [&r.time, &r.id] {
        out.push('\0');
        out.push_str(part);
    }
    // The content to sign without the body: `POST <path>\n<clientId>.<time>.`.
    for part in [
        "\0POST ",
        g.prefix,
        r.endpoint,
        "\n",
        &cfg.client_id,
        ".",
        &r.time,
        ".",
    ] {
        out.push_str(part);
    }
    // The number of headers, then each name and value.
    out.push('\0');
    let headers = r.headers(cfg);
    push_uint(out, headers.pairs().len() as u64);
    for (name, value) in headers.pairs() {
        for part in ["\0", name, "\0", value] {
            out.push_str(part);
        }
    }
    out.push('\0');
    out.push_str(body);
}

/// The request of a call, by its number in [`crate::calls::CALLS`]. A checkout page's module
/// knows the payment calls only (0 pay, 1 inquiryPayment, 2 cancel): refunds are the
/// merchant's server's, and their tables stay out of the page.
pub(crate) fn request_of(call: u8) -> Result<&'static Request, Error> {
    #[cfg(feature = "full")]
    let found = crate::calls::by_kind(call).map(|d| d.request);
    #[cfg(not(feature = "full"))]
    let found = [
        &crate::calls::PAY_REQ,
        &crate::calls::INQUIRY_PAYMENT_REQ,
        &crate::calls::CANCEL_REQ,
    ]
    .get(usize::from(call))
    .copied();
    found.ok_or_else(|| Error::InvalidArgument("no such call".into()))
}

/// Decimal major units -> minor units (`to_minor`), or minor units -> decimal major units: `T`
/// and the amount, or `E` and an error body.
pub fn minor_units(to_minor: bool, amount: &str, currency: &str) -> String {
    let r = if to_minor {
        crate::currency::to_minor_units(amount, currency)
    } else {
        crate::currency::from_minor_units(amount, currency)
    };
    match r {
        Ok(v) => super::tagged(Tag::Text, &v),
        Err(e) => failed(&e),
    }
}

/// [`minor_units`] with the amount and the currency in the input buffer, back to back.
pub fn minor_units_in(to_minor: bool, amount_len: usize, currency_len: usize) -> String {
    with_input(amount_len, currency_len, |a, c| {
        Ok(minor_units(to_minor, a, c))
    })
    .unwrap_or_else(|e| failed(&e))
}

/// A new paymentRequestId.
///
/// JavaScript writes 16 bytes from `crypto.getRandomValues` into the input buffer (`len` is 16);
/// the id is their URL-safe base64 (22 characters) after [`Tag::Text`], or the error.
pub fn new_payment_request_id(len: usize) -> String {
    let bytes = INPUT.with(|b| {
        let b = b.borrow();
        <[u8; 16]>::try_from(b.get(..len)?).ok()
    });
    match bytes {
        Some(bytes) => super::tagged(Tag::Text, &crate::id::encode_id(&bytes)),
        None => failed(&Error::InvalidArgument(
            "an id takes 16 random bytes".into(),
        )),
    }
}
