//! Free functions (sans-IO). Called by `core.js`; see `pkg-template/index.d.ts` for the JS API.

use super::{envelope, parse};
use crate::config::PrepareConfig;
use crate::error::Error;
use crate::keys::{b64_encode, private_key_pkcs8, public_key_spki};
use crate::signing::{content_to_verify, parse_signature_header, signature_header};
use wasm_bindgen::prelude::*;

/// Issues of a pay request (JSON text); `now_ms` checks the expiry; `global_gateway` makes
/// `merchantRegion` required.
#[wasm_bindgen(js_name = validatePayRequest)]
pub fn validate_pay_request(input: &str, now_ms: f64, global_gateway: bool) -> String {
    let rules = crate::prepare::PayRules { global_gateway };
    envelope(
        parse(input, "the request")
            .map(|v| crate::prepare::validate_pay(&v, Some(now_ms as i64), &rules)),
    )
}

/// A prepared pay request, or every issue.
#[wasm_bindgen(js_name = preparePayRequest)]
pub fn prepare_pay_request(input: &str, config: &str, now_ms: f64) -> String {
    prepare_with(crate::prepare::prepare_pay, input, config, now_ms)
}

type Prepare = fn(&serde_json::Value, &PrepareConfig, i64) -> Result<crate::PreparedRequest, Error>;

/// Parses the configuration and the request (JSON text) and runs one of the prepare functions.
fn prepare_with(prepare: Prepare, input: &str, config: &str, now_ms: f64) -> String {
    envelope((|| {
        let cfg = PrepareConfig::from_json(&parse(config, "the configuration")?)?;
        prepare(&parse(input, "the request")?, &cfg, now_ms as i64)
    })())
}

/// The Signature header value.
#[wasm_bindgen(js_name = signatureHeader)]
pub fn signature_header_js(signature_b64: &str, key_version: Option<String>) -> String {
    envelope(
        signature_header(signature_b64, key_version.as_deref()).map_err(|e| match e {
            Error::SignerFailed(m) => Error::InvalidArgument(m),
            other => other,
        }),
    )
}

/// A parsed Signature header.
#[wasm_bindgen(js_name = parseSignatureHeader)]
pub fn parse_signature_header_js(value: &str) -> String {
    envelope(parse_signature_header(value))
}

/// What a pay answer means.
#[wasm_bindgen(js_name = interpretPayResponse)]
pub fn interpret_pay_response(status: f64, body: &str) -> String {
    envelope(http_status(status).map(|s| crate::outcome::interpret_pay(s, body)))
}

/// An HTTP status from JS: an integer from 100 to 599.
pub(crate) fn http_status(status: f64) -> Result<u16, Error> {
    if status.fract() == 0.0 && (100.0..=599.0).contains(&status) {
        Ok(status as u16)
    } else {
        Err(Error::InvalidArgument(
            "status must be an integer HTTP status (100-599)".into(),
        ))
    }
}

/// The content an answer's (or notification's) signature covers.
#[wasm_bindgen(js_name = contentToVerify)]
pub fn content_to_verify_js(path: &str, client_id: &str, time: &str, body: &str) -> String {
    envelope(Ok::<_, Error>(content_to_verify(
        path, client_id, time, body,
    )))
}

/// Decimal major units -> minor units.
#[wasm_bindgen(js_name = toMinorUnits)]
pub fn to_minor_units(amount: &str, currency: &str) -> String {
    envelope(crate::currency::to_minor_units(amount, currency))
}

/// Minor units -> decimal major units.
#[wasm_bindgen(js_name = fromMinorUnits)]
pub fn from_minor_units(value: &str, currency: &str) -> String {
    envelope(crate::currency::from_minor_units(value, currency))
}

/// A new paymentRequestId.
#[wasm_bindgen(js_name = newPaymentRequestId)]
pub fn new_payment_request_id() -> String {
    envelope(crate::id::new_request_id())
}

/// Any private key text -> PKCS#8 DER as base64.
#[wasm_bindgen(js_name = privateKeyPkcs8)]
pub fn private_key_pkcs8_js(text: &str) -> String {
    envelope(private_key_pkcs8(text).map(|d| b64_encode(&d)))
}

/// Any public key text -> SPKI DER as base64.
#[wasm_bindgen(js_name = publicKeySpki)]
pub fn public_key_spki_js(text: &str) -> String {
    envelope(public_key_spki(text).map(|d| b64_encode(&d)))
}

/// A prepared inquiryPayment request.
#[wasm_bindgen(js_name = prepareInquiry)]
pub fn prepare_inquiry(input: &str, config: &str, now_ms: f64) -> String {
    prepare_with(crate::prepare::prepare_inquiry, input, config, now_ms)
}

/// A prepared cancel request.
#[wasm_bindgen(js_name = prepareCancel)]
pub fn prepare_cancel(input: &str, config: &str, now_ms: f64) -> String {
    prepare_with(crate::prepare::prepare_cancel, input, config, now_ms)
}

/// What an inquiryPayment answer means.
#[wasm_bindgen(js_name = interpretInquiryResponse)]
pub fn interpret_inquiry_response(status: f64, body: &str) -> String {
    envelope(http_status(status).map(|s| crate::followup::interpret_inquiry(s, body)))
}

/// What a cancel answer means.
#[wasm_bindgen(js_name = interpretCancelResponse)]
pub fn interpret_cancel_response(status: f64, body: &str) -> String {
    envelope(http_status(status).map(|s| crate::followup::interpret_cancel(s, body)))
}

/// What to verify of a notification (`{"ok":{content,signature}}`), or `{"ok":{"refused":reason}}`.
#[wasm_bindgen(js_name = notificationToVerify)]
pub fn notification_to_verify(
    path: &str,
    headers: &str,
    body: &str,
    client_id: &str,
    now_ms: f64,
    tolerance_ms: f64,
) -> String {
    envelope(parse(headers, "the headers").map(|h| {
        let mut pairs = crate::prepare::Headers::default();
        for (k, v) in h.as_object().into_iter().flatten() {
            if let Some(v) = v.as_str() {
                pairs.0.push((k.clone(), v.to_string()));
            }
        }
        match crate::notify::notification_to_verify(
            path,
            &pairs,
            body,
            client_id,
            now_ms as i64,
            tolerance_ms as i64,
        ) {
            Ok(check) => {
                serde_json::json!({ "content": check.content, "signature": check.signature })
            }
            Err(reason) => serde_json::json!({ "refused": reason }),
        }
    }))
}

/// A verified notification's body, read leniently (`{"ok":{"refused":...}}` when unreadable).
#[wasm_bindgen(js_name = parseNotification)]
pub fn parse_notification(body: &str) -> String {
    envelope(Ok::<_, Error>(
        match crate::notify::parse_notification(body) {
            Ok(n) => serde_json::to_value(n).unwrap_or_default(),
            Err(reason) => serde_json::json!({ "refused": reason }),
        },
    ))
}
