//! The operations of the browser module: validation, preparation, amounts and ids. A checkout
//! page needs no more (it never signs: the key must not be in a browser). The Worker and Node
//! module has these and the rest.

use super::buffer::{with_config, with_input, with_input_bytes};
use super::failed;
use crate::boundary::Tag;
use crate::calls::Request;
use crate::config::PayRules;
use crate::config::PrepareConfig;
use crate::error::Error;
use crate::prepare::Ready;
use antom_checkout_rules::text::push_uint;

/// Issues of the pay request in the input buffer (`input_len` bytes of JSON text):
/// [`Tag::Nothing`] when it is valid, [`Tag::Json`] and the array of issues, or the error.
pub fn validate_pay(input_len: usize, now_ms: f64, global_gateway: bool) -> String {
    let rules = PayRules { global_gateway };
    match with_input(input_len, 0, |input, _| {
        crate::prepare::validate_pay(input, Some(now_ms as i64), &rules)
    }) {
        Ok(issues) if issues.is_empty() => super::tagged(Tag::Nothing, ""),
        Ok(issues) => super::tagged(
            Tag::Json,
            &antom_checkout_rules::validate::issues_json(&issues),
        ),
        Err(e) => failed(&e),
    }
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
            let same = antom_checkout_rules::text::same_bytes(r.body.as_bytes(), input.as_bytes());
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
    let id = with_input_bytes(len, |b| {
        <[u8; 16]>::try_from(b)
            .map(|bytes| crate::id::encode_id(&bytes))
            .map_err(|_| Error::InvalidArgument("an id takes 16 random bytes".into()))
    });
    match id {
        Ok(id) => super::tagged(Tag::Text, &id),
        Err(e) => failed(&e),
    }
}

/// The issues of the amount and then the currency NUL the path in the input buffer:
/// [`Tag::Nothing`] when it converts, [`Tag::Json`] and the issues, or the error.
pub fn validate_amount_in(amount_len: usize, rest_len: usize) -> String {
    with_input(amount_len, rest_len, |amount, rest| {
        let (currency, path) = rest.split_once('\0').unwrap_or((rest, ""));
        let issues = crate::currency::validate_amount(amount, currency, path);
        Ok(match issues.is_empty() {
            true => super::tagged(Tag::Nothing, ""),
            false => super::tagged(
                Tag::Json,
                &antom_checkout_rules::validate::issues_json(&issues),
            ),
        })
    })
    .unwrap_or_else(|e| failed(&e))
}
