//! The operations of the browser module: validation, amounts and ids. A checkout page needs no
//! more: it never signs (the key must not be in a browser), and the request the merchant's
//! server signs is the one that server prepares itself, never one a page prepared. The Worker
//! and Node module has these and the rest.

use super::buffer::{with_input, with_input_bytes};
use super::failed;
use crate::boundary::Tag;
use crate::config::PayRules;
use crate::error::Error;

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
