//! Signing support without RSA: the exact content to sign or verify, the `Signature` header, and
//! `Request-Time`. The RSA operation itself belongs to the host (WebCrypto, a KMS, a backend).
//! Layout: <https://docs.antom.com/ac/ams/digital_signature>.

use crate::error::Error;

/// The content a request signature covers:
/// `POST <path>\n<clientId>.<requestTime>.<body>` (one LF, no trailing newline).
pub fn content_to_sign(
    method: &str,
    path: &str,
    client_id: &str,
    time: &str,
    body: &str,
) -> String {
    let mut s = String::with_capacity(
        method.len() + path.len() + client_id.len() + time.len() + body.len() + 4,
    );
    s.push_str(method);
    s.push(' ');
    s.push_str(path);
    s.push('\n');
    s.push_str(client_id);
    s.push('.');
    s.push_str(time);
    s.push('.');
    s.push_str(body);
    s
}

/// The content a response signature covers: the *request* path, the response's `client-id` and
/// `response-time` headers and the raw response body. A notification uses the same layout with
/// the path of the notify endpoint and its `request-time` header.
pub fn content_to_verify(path: &str, client_id: &str, time: &str, body: &str) -> String {
    content_to_sign("POST", path, client_id, time, body)
}

/// The longest base64 signature accepted (a 8192-bit RSA signature is 1368 characters).
const MAX_SIGNATURE_B64: usize = 1368;

/// Checks that `b64` is padded standard base64 of a plausible signature length.
pub fn check_base64(b64: &str) -> Result<(), &'static str> {
    let b = b64.as_bytes();
    if b.is_empty() || b.len() > MAX_SIGNATURE_B64 {
        return Err("expected a base64 signature of 4 to 1368 characters");
    }
    if b.len() % 4 != 0 {
        return Err("expected padded standard base64 (length a multiple of 4)");
    }
    if !crate::base64::is_padded(b) {
        return Err("expected standard base64 (A-Z, a-z, 0-9, +, /, = padding)");
    }
    Ok(())
}

/// Checks a `keyVersion`: 1 to 8 digits.
pub fn check_key_version(v: &str) -> Result<(), Error> {
    if v.is_empty() || v.len() > 8 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::InvalidConfig(
            "keyVersion must be 1 to 8 digits".into(),
        ));
    }
    Ok(())
}

/// Builds the `Signature` header value: `algorithm=RSA256,keyVersion=<n>,signature=<enc>`, the
/// base64 signature percent-encoded (`+` `/` `=` as `%2B` `%2F` `%3D`). Without a key version
/// the pair is left out and Antom uses the latest key bound to the client id.
pub fn signature_header(signature_b64: &str, key_version: Option<&str>) -> Result<String, Error> {
    check_base64(signature_b64).map_err(|m| Error::SignerFailed(m.into()))?;
    if let Some(v) = key_version {
        check_key_version(v)?;
    }
    let mut out = String::with_capacity(signature_b64.len() * 3 / 2 + 40);
    out.push_str("algorithm=RSA256,");
    if let Some(v) = key_version {
        out.push_str("keyVersion=");
        out.push_str(v);
        out.push(',');
    }
    out.push_str("signature=");
    // Checked base64 above: only `+`, `/` and `=` need escaping; runs between are copied whole.
    let b = signature_b64.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        let esc = match c {
            b'+' => "%2B",
            b'/' => "%2F",
            b'=' => "%3D",
            _ => continue,
        };
        out.push_str(signature_b64.get(run..i).unwrap_or_default());
        out.push_str(esc);
        run = i + 1;
    }
    out.push_str(signature_b64.get(run..).unwrap_or_default());
    Ok(out)
}

/// A parsed `Signature` header.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParsedSignature {
    /// `RSA256` in every Antom answer seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    /// The key version, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_version: Option<String>,
    /// The signature as standard base64 (percent-decoded).
    pub signature: String,
}

/// The longest header accepted: every form this library writes, with room for spaces.
const MAX_HEADER: usize = 4 * MAX_SIGNATURE_B64;

/// Parses a `Signature` header: pairs split on `,` (spaces around them ignored), keys compared
/// case-insensitively, the signature percent-decoded with upper- or lower-case hex and `+` kept
/// as `+` (never read as a space), so a raw base64 value passes through unchanged.
pub fn parse_signature_header(value: &str) -> Result<ParsedSignature, Error> {
    let err = |m: &str| Error::InvalidSignatureHeader(m.into());
    if value.len() > MAX_HEADER {
        return Err(err("too long"));
    }
    let (mut algorithm, mut key_version, mut signature) = (None, None, None);
    for pair in value.split(',') {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| err("expected key=value pairs"))?;
        let (k, v) = (k.trim(), v.trim());
        let slot = match k.to_ascii_lowercase().as_str() {
            "algorithm" => &mut algorithm,
            "keyversion" => &mut key_version,
            "signature" => &mut signature,
            _ => continue,
        };
        if slot.replace(v.to_string()).is_some() {
            return Err(err("a key appears twice"));
        }
    }
    let raw = signature.ok_or_else(|| err("no signature= pair"))?;
    let decoded =
        percent_decode(&raw).ok_or_else(|| err("bad percent-encoding in the signature"))?;
    check_base64(&decoded).map_err(err)?;
    if let Some(a) = &algorithm {
        if !a.eq_ignore_ascii_case("RSA256") {
            return Err(err("only algorithm=RSA256 is supported"));
        }
    }
    Ok(ParsedSignature {
        algorithm,
        key_version,
        signature: decoded,
    })
}

fn percent_decode(s: &str) -> Option<String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// How `Request-Time` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// Epoch milliseconds (`1735700400123`), as the current docs and the Java and Go SDKs send.
    #[default]
    EpochMillis,
    /// ISO 8601 in UTC with milliseconds (`2025-01-01T03:00:00.123+00:00`).
    Iso8601,
}

/// Formats "now" as a `Request-Time` value.
pub fn request_time(now_ms: i64, format: TimeFormat) -> String {
    match format {
        TimeFormat::EpochMillis => {
            let mut s = String::with_capacity(16);
            if now_ms < 0 {
                s.push('-');
            }
            antom_checkout_rules::text::push_uint(&mut s, now_ms.unsigned_abs());
            s
        }
        TimeFormat::Iso8601 => antom_checkout_rules::datetime::format_utc_millis(now_ms),
    }
}

/// Checks a caller-given `Request-Time`: epoch milliseconds or an ISO 8601 date-time with offset.
pub fn check_request_time(t: &str) -> Result<(), Error> {
    let epoch = !t.is_empty() && t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit());
    if epoch || antom_checkout_rules::datetime::parse_offset_datetime(t).is_ok() {
        Ok(())
    } else {
        Err(Error::InvalidConfig(
            "requestTime must be epoch milliseconds or an ISO 8601 date-time with offset".into(),
        ))
    }
}
