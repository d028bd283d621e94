//! Free functions (sans-IO). Called by `core.js`; see `pkg-template/index.d.ts` for the JS API.

use super::buffer::{with_config, with_input};
use super::failed;
use super::{header_pairs, json_answer, tagged};
use crate::boundary::{AnswerVerdict, Codec, NotificationVerdict, Tag};
use crate::calls::Request;
use crate::config::PrepareConfig;
use crate::error::Error;
use crate::keys::{private_key_pkcs8, public_key_spki};
use crate::notify::NotifyResult;
use crate::prepare::Ready;
use crate::signing::{content_to_verify, parse_signature_header, signature_header};
use antom_checkout_rules::json::push_str;
use antom_checkout_rules::text::push_uint;

/// A prepared request as NUL-separated fields (no field can hold a NUL: the body is JSON and
/// the rest is checked text): `P`, url, path, Request-Time, paymentRequestId, the content to
/// sign without the body, the number of headers, each header's name and value, and the body
/// last. `Q` instead of `P` and nothing after the last NUL: the body is the input, unchanged.
/// Or `E` and an error body. Written from the validated parts: the same fields as
/// [`PreparedRequest`], without assembling one; the client's fetch step writes its requests with
/// [`write_ready`] too.
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

/// The request of a call, by its number in [`crate::calls::CALLS`].
pub(crate) fn request_of(call: u8) -> Result<&'static Request, Error> {
    crate::calls::by_kind(call)
        .map(|d| d.request)
        .ok_or_else(|| Error::InvalidArgument("no such call".into()))
}

/// [`Tag::Text`] and the Signature header value, or the error. The input buffer holds the base64
/// signature and then the key version (when `has_key_version`).
pub fn signature_header_js(
    signature_len: usize,
    key_version_len: usize,
    has_key_version: bool,
) -> String {
    let r = with_input(signature_len, key_version_len, |sig, kv| {
        signature_header(sig, has_key_version.then_some(kv)).map_err(|e| match e {
            Error::SignerFailed(m) => Error::InvalidArgument(m),
            e => e,
        })
    });
    r.map(|h| tagged(Tag::Text, &h))
        .unwrap_or_else(|e| failed(&e))
}

/// A parsed Signature header (the header, `len` bytes, in the input buffer): [`Tag::Json`] and
/// `{"algorithm"?,"signature","keyVersion"?}`, or the error.
pub fn parse_signature_header_js(len: usize) -> String {
    match with_input(len, 0, |value, _| parse_signature_header(value)) {
        Ok(p) => {
            let mut out = String::with_capacity(p.signature.len() + 64);
            out.push(Tag::Json.char());
            out.push('{');
            if let Some(a) = &p.algorithm {
                out.push_str("\"algorithm\":");
                push_str(&mut out, a);
                out.push(',');
            }
            out.push_str("\"signature\":");
            push_str(&mut out, &p.signature);
            if let Some(v) = &p.key_version {
                out.push_str(",\"keyVersion\":");
                push_str(&mut out, v);
            }
            out.push('}');
            out
        }
        Err(e) => failed(&e),
    }
}

/// What an answer to `call` (its number in [`crate::calls::CALLS`]) means (the body,
/// `body_len` bytes, in the input buffer; `not_utf8`: the body's bytes were not UTF-8, and
/// nothing is in the buffer).
pub fn interpret(call: u8, status: f64, body_len: usize, not_utf8: bool) -> String {
    let Some(call) = crate::calls::by_kind(call) else {
        return failed(&Error::InvalidArgument("no such call".into()));
    };
    let read = |s: u16| match not_utf8 {
        true => Ok(crate::interpret::body_not_utf8()),
        false => with_input(body_len, 0, |body, _| Ok(call.interpret(s, body))),
    };
    match http_status(status).and_then(read) {
        Ok(mut outcome) => {
            let mut out = String::with_capacity(1024);
            super::outcome_text(&mut out, &mut outcome);
            out
        }
        Err(e) => failed(&e),
    }
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

/// The content an answer's (or notification's) signature covers: [`Tag::Text`] and the text, or
/// the error. The input buffer holds the path, the Client-Id and the time separated by NULs
/// (`head_len` bytes; none of them may hold a NUL), then the body (`body_len` bytes).
pub fn content_to_verify_js(head_len: usize, body_len: usize) -> String {
    let r = with_input(head_len, body_len, |head, body| {
        let mut parts = head.split('\0');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(path), Some(client_id), Some(time), None) => Ok(tagged(
                Tag::Text,
                &content_to_verify(path, client_id, time, body),
            )),
            _ => Err(Error::InvalidArgument(
                "path, clientId and time cannot hold NUL characters".into(),
            )),
        }
    });
    r.unwrap_or_else(|e| failed(&e))
}

/// Bytes in and out of the input buffer, so that JavaScript needs no codec of its own (`codec`):
/// a private (PKCS#8 or PKCS#1) or public (SPKI or PKCS#1) key's text, PEM or base64, to the DER
/// WebCrypto imports, left in the buffer; the `len` bytes in the buffer base64-encoded; the
/// base64 text there decoded into the buffer. Answers [`Tag::Bytes`] and the
/// number of bytes left in the buffer, [`Tag::Text`] and a text, or the error.
pub fn bytes(codec: Codec, len: usize) -> String {
    let out = super::buffer::with_input_bytes(len, |input| {
        let text = || {
            std::str::from_utf8(input)
                .map_err(|_| Error::InvalidArgument("the input is not UTF-8".into()))
        };
        Ok(match codec {
            Codec::PrivateKeyDer => Some(private_key_pkcs8(text()?)?),
            Codec::PublicKeyDer => Some(public_key_spki(text()?)?),
            Codec::ToBase64 => None,
            Codec::FromBase64 => Some(
                crate::base64::decode(text()?)
                    .ok_or_else(|| Error::InvalidArgument("not base64".into()))?,
            ),
        }
        .ok_or_else(|| crate::base64::encode(input, crate::base64::STANDARD, true)))
    });
    match out {
        Ok(Ok(bytes)) => {
            let n = bytes.len();
            super::buffer::set_input(bytes, len);
            let mut t = String::from(Tag::Bytes.char());
            push_uint(&mut t, n as u64);
            t
        }
        Ok(Err(text)) => tagged(Tag::Text, &text),
        Err(e) => failed(&e),
    }
}

/// What to verify of a notification (`{content,signature}`), or, when it is refused before any
/// verification, the whole result (`{"accepted":false,reason,ack}`), after [`Tag::Json`].
pub fn notification_to_verify(
    path: &str,
    headers: &crate::headers::Headers,
    body: &str,
    client_id: &str,
    now_ms: f64,
    tolerance_ms: f64,
) -> String {
    let tolerance = match window(tolerance_ms) {
        Ok(ms) => ms,
        Err(e) => return failed(&e),
    };
    match crate::notify::notification_to_verify(
        path,
        headers,
        body,
        client_id,
        now_ms as i64,
        tolerance,
    ) {
        Ok(check) => json_answer(Ok(&check)),
        Err(reason) => json_answer(Ok(&NotifyResult(Err(reason)))),
    }
}

/// The notification window the host asked for: a negative number for the default
/// ([`crate::notify::NOTIFICATION_WINDOW_MS`]), otherwise whole milliseconds in
/// [`crate::notify::NOTIFICATION_WINDOW_RANGE_MS`].
fn window(ms: f64) -> Result<i64, Error> {
    use crate::notify::{NOTIFICATION_WINDOW_MS, NOTIFICATION_WINDOW_RANGE_MS as RANGE};
    if ms < 0.0 {
        return Ok(NOTIFICATION_WINDOW_MS);
    }
    if ms.fract() == 0.0 && ms >= RANGE.0 as f64 && ms <= RANGE.1 as f64 {
        return Ok(ms as i64);
    }
    let mut m = String::from("toleranceMs must be an integer from ");
    push_uint(&mut m, RANGE.0 as u64);
    m.push_str(" to ");
    push_uint(&mut m, RANGE.1 as u64);
    m.push_str(" (default ");
    push_uint(&mut m, NOTIFICATION_WINDOW_MS as u64);
    m.push_str(": Antom's 24-hour resend schedule and clock skew)");
    Err(Error::InvalidConfig(m))
}

/// [`notification_to_verify`] with its texts in the input buffer: the path NUL the Client-Id NUL
/// the headers (`name NUL value NUL ...`, `head_len` bytes in all), then the body (`body_len`
/// bytes).
pub fn notification_to_verify_in(
    head_len: usize,
    body_len: usize,
    now_ms: f64,
    tolerance_ms: f64,
) -> String {
    let r = with_input(head_len, body_len, |head, body| {
        let mut parts = head.splitn(3, '\0');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(path), Some(client_id), headers) => Ok(notification_to_verify(
                path,
                &header_pairs(headers.unwrap_or_default()),
                body,
                client_id,
                now_ms,
                tolerance_ms,
            )),
            _ => Err(Error::InvalidArgument(
                "path and clientId cannot hold NUL characters".into(),
            )),
        }
    });
    r.unwrap_or_else(|e| failed(&e))
}

/// How a notification ends once the host verified its signature (or found its body's bytes not
/// UTF-8, nothing verified): `{accepted, notification | reason, ack}`, the answer for Antom
/// included.
pub fn notification_result(verdict: NotificationVerdict, body: &str) -> String {
    let verified = match verdict {
        NotificationVerdict::NotVerified => Some(false),
        NotificationVerdict::Verified => Some(true),
        NotificationVerdict::NotUtf8 => {
            return json_answer(Ok(&NotifyResult(Err(crate::notify::Refusal::Unreadable))))
        }
        NotificationVerdict::VerifyFailed => None,
    };
    json_answer(Ok(&NotifyResult::after_verification(verified, body)))
}

/// [`notification_result`] with the body (`body_len` bytes) in the input buffer.
pub fn notification_result_in(verdict: NotificationVerdict, body_len: usize) -> String {
    with_input(body_len, 0, |body, _| {
        Ok(notification_result(verdict, body))
    })
    .unwrap_or_else(|e| failed(&e))
}

/// An answer to `call` judged as the client judges it, for a host that sent the request itself.
/// The input buffer holds the body (`body_len` bytes), then the path NUL the Client-Id NUL the
/// request's id (or nothing) NUL its Request-Time (or nothing) NUL the headers (`name NUL value
/// NUL ...`, `head_len` bytes in all); an empty path is the call's path under `/ams/api`. The
/// redirect allow-list is the default one. `verdict` [`AnswerVerdict::First`]: the first look,
/// which answers [`Tag::Verify`] (the signature NUL the content to verify) or the outcome; the
/// verify callback's verdict: the outcome.
pub fn interpret_verified(
    call: u8,
    status: f64,
    body_len: usize,
    head_len: usize,
    verdict: AnswerVerdict,
) -> String {
    use crate::flow::{after_verification, check_answer, AnswerCheck, Expected, HostFailure};
    let Some(call) = crate::calls::by_kind(call) else {
        return failed(&Error::InvalidArgument("no such call".into()));
    };
    let r = http_status(status).and_then(|status| {
        with_input(body_len, head_len, |body, head| {
            let mut parts = head.splitn(5, '\0');
            let (Some(path), Some(client_id), Some(request_id), Some(request_time)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(Error::InvalidArgument(
                    "path, clientId, requestId and requestTime cannot hold NUL characters".into(),
                ));
            };
            let resp = crate::flow::HttpResponse {
                status,
                headers: header_pairs(parts.next().unwrap_or_default()),
                body: body.to_string(),
            };
            let mut default_path = String::new();
            if path.is_empty() {
                default_path.push_str("/ams/api");
                default_path.push_str(call.request.endpoint);
            }
            let expected = Expected {
                path: if path.is_empty() { &default_path } else { path },
                client_id,
                key: call.request.key,
                request_id,
                request_time: Some(request_time).filter(|t| !t.is_empty()),
                verifies: true,
                accept_unsigned_failures: false,
            };
            Ok(match check_answer(call, &resp, &[], &expected) {
                AnswerCheck::Judged(outcome) => outcome,
                AnswerCheck::Verify {
                    content, signature, ..
                } if verdict == AnswerVerdict::First => {
                    let mut out = String::from(Tag::Verify.char());
                    out.push_str(&signature);
                    out.push('\0');
                    out.push_str(&content);
                    return Ok(out);
                }
                AnswerCheck::Verify { claimed, .. } => after_verification(
                    claimed,
                    match verdict {
                        AnswerVerdict::Verified => Ok(true),
                        AnswerVerdict::NotVerified => Ok(false),
                        AnswerVerdict::VerifyFailed | AnswerVerdict::First => {
                            Err(HostFailure("the verify callback failed".into()))
                        }
                    },
                ),
            })
            .map(|mut outcome| {
                let mut out = String::with_capacity(1024);
                super::outcome_text(&mut out, &mut outcome);
                out
            })
        })
    });
    r.unwrap_or_else(|e| failed(&e))
}
