//! What an answer means: Antom's `result` first (`S`, `F`, `U`; anything else is unknown), then
//! the call's code tables ([`crate::calls`]), then the call's reading of an `S`. Anything
//! ambiguous is "unknown", and an `F` is reported only when Antom said `F`.

use crate::answer::{self, Answer};
use crate::calls::{Description, Success};
use crate::outcome::{Action::*, Kind, Outcome, RawJson, Reason, Redirect, PAY_CODES};

impl Description {
    /// What an answer to this call means (verification is the client's).
    pub fn interpret(&self, status: u16, body: &str) -> Outcome {
        interpret_with(self, status, body, &[])
    }

    /// [`Description::interpret`], a redirect allowed also to the app schemes `redirect_schemes`
    /// (lower case; the client's `redirectSchemes`).
    pub fn interpret_with(&self, status: u16, body: &str, redirect_schemes: &[String]) -> Outcome {
        interpret_with(self, status, body, redirect_schemes)
    }
}

/// The outcome of an answer whose body is not UTF-8: a signature covers the bytes as received,
/// and text decoded with replacement characters is not those bytes, so it is never trusted.
pub fn body_not_utf8() -> Outcome {
    Outcome::unknown(
        Reason::UnparsableBody,
        "The body is not UTF-8: it cannot be verified over the bytes received. Resend the same request, then inquire.",
    )
}

/// What an answer to the call `d` means (verification is the caller's: the client does it).
/// Antom's `result` decides first (`S`, `F`, `U`; anything else is unknown), the call's code
/// table refines it, and an `S` is read as the description says.
pub fn interpret(d: &Description, status: u16, body: &str) -> Outcome {
    interpret_with(d, status, body, &[])
}

fn interpret_with(d: &Description, status: u16, body: &str, schemes: &[String]) -> Outcome {
    if status != 200 {
        return Outcome::unknown(Reason::HttpStatus, d.unknown_advice);
    }
    let Some(mut a) = answer::read(body) else {
        return Outcome::unknown(Reason::UnparsableBody, d.unknown_advice);
    };
    let mut o = interpret_result(d, &mut a);
    match (o.result_status.as_deref(), &d.success) {
        (Some("S"), Success::Redirect) => match redirect_of(&mut a, schemes) {
            Ok(r) => o.redirect = Some(r),
            Err(reason) => {
                o.kind = Kind::Unknown;
                o.action = InquirePayment;
                o.retryable = true;
                o.reason = Some(reason);
                o.advice = "Antom answered S without a usable redirect; inquire with the same paymentRequestId.".into();
            }
        },
        (Some("S"), Success::Final(kind, action, advice)) => {
            o.kind = *kind;
            o.action = *action;
            o.advice = (*advice).into();
        }
        (Some("S"), Success::Status(reading)) => {
            let value = (reading.value)(&o).unwrap_or("");
            let found = reading
                .values
                .iter()
                .find(|(v, ..)| v.eq_ignore_ascii_case(value));
            let (kind, action, advice) = match found {
                Some((_, k, a, advice)) => (*k, *a, *advice),
                None => (
                    Kind::Unknown,
                    d.still_unknown.0,
                    "The inquiry answered no known status; inquire again.",
                ),
            };
            o.kind = kind;
            o.action = action;
            o.retryable = kind == Kind::Unknown || kind == Kind::Processing;
            o.advice = advice.into();
            if kind == Kind::Unknown {
                o.reason = Some(Reason::MissingResult);
            }
        }
        (Some("F"), Success::Status(reading)) => {
            let known = o.result_code.as_deref().and_then(|c| d.lookup(c));
            if o.result_code.as_deref() == Some(reading.not_found) {
                o.kind = Kind::NotFound;
                o.retryable = true;
            } else {
                // Asking again will not resolve it.
                let (action, advice) = reading.failed;
                o.kind = Kind::Unknown;
                o.action = action;
                o.retryable = false;
                o.reason = Some(Reason::InquiryFailed);
                o.advice = advice.into();
                if let Some(k) = known {
                    o.advice.push_str(" The code says: ");
                    o.advice.push_str(k.advice);
                }
            }
        }
        _ => {}
    }
    o.raw = Some(RawJson(body.to_string()));
    o
}

/// Interprets a raw pay answer. Signature verification is the caller's (the client does it);
/// this only reads what the answer says.
pub fn interpret_pay(status: u16, body: &str) -> Outcome {
    interpret(&crate::calls::PAY, status, body)
}

fn redirect_of(a: &mut Answer, schemes: &[String]) -> Result<Redirect, Reason> {
    let r = std::mem::take(&mut a.redirect);
    let url = r
        .redirect_url
        .filter(|u| !u.trim().is_empty())
        .ok_or(Reason::MissingRedirect)?;
    if !safe_redirect_with(&url, schemes) {
        return Err(Reason::UnsafeRedirect);
    }
    Ok(Redirect {
        method: r.method,
        redirect_url: url,
        parameters: r.parameters,
        action_form_type: r.action_form_type,
    })
}

/// The app schemes of the wallets Entry Code reaches (Alipay+ wallets, which a pay answer's
/// redirect may open directly), lower case: the one list of them. `alipays` is the only one an
/// Antom document shows (the legacy Entry Code fixture's `alipays://` redirect, spec.md section
/// 5); the others are [INFER]: the wallets of Antom's Alipay+ list, with the schemes their
/// apps register as public integrations use them. Others are added per client with
/// `redirectSchemes`.
pub const WALLET_SCHEMES: &[&str] = &[
    "alipays",     // Alipay [DOC legacy fixture]
    "alipay",      // Alipay [INFER]
    "alipayhk",    // AlipayHK [INFER]
    "gcash",       // GCash [INFER]
    "dana",        // DANA [INFER]
    "tngdwallet",  // Touch 'n Go eWallet [INFER]
    "kakaotalk",   // Kakao Pay, inside KakaoTalk [INFER]
    "ascendmoney", // TrueMoney Wallet [INFER]
];

/// Schemes a shopper's browser must never be sent to from a payment answer, not even when a
/// client names them in `redirectSchemes`: script, inline content, local files,
/// browser-internal pages, and `http` (allowed only for a loopback host).
const NEVER: &[&str] = &[
    "javascript",
    "vbscript",
    "data",
    "blob",
    "file",
    "filesystem",
    "about",
    "view-source",
    "chrome",
    "chrome-extension",
    "intent",
    "http",
];

/// Whether `scheme` (lower case) is one no option may allow.
pub fn never_redirect(scheme: &str) -> bool {
    NEVER.contains(&scheme)
}

/// Whether `scheme` is a URL scheme: an ASCII letter, then letters, digits, `+`, `-`, `.`.
pub fn well_formed_scheme(scheme: &str) -> bool {
    let sb = scheme.as_bytes();
    sb.first().is_some_and(u8::is_ascii_alphabetic)
        && sb
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

/// [`safe_redirect_with`] and no scheme beyond the wallets'.
pub fn safe_redirect(url: &str) -> bool {
    safe_redirect_with(url, &[])
}

/// Whether `url` may be handed to `location.assign`, judged the way a browser reads it (WHATWG
/// URL): browsers drop leading and trailing C0 controls and spaces and remove tabs and newlines
/// anywhere before reading the scheme, so any control character or surrounding space is refused
/// outright, which leaves the scheme as written equal to the scheme a browser sees. An
/// allow-list, the scheme read case-insensitively: `https` with a host; `http` only to a
/// loopback host (a local stand-in's wallet page); a wallet's app scheme ([`WALLET_SCHEMES`]);
/// or one of `extra` (lower case) that is not in the never-list.
pub fn safe_redirect_with(url: &str, extra: &[String]) -> bool {
    // Printable ASCII (the usual case) is decided without decoding characters.
    let plain = url.bytes().all(|b| (0x21..0x7f).contains(&b));
    if !plain && (url.chars().any(|c| c.is_control()) || url.trim() != url) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    if !well_formed_scheme(scheme) {
        return false;
    }
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "https" => authority(rest).is_some(),
        "http" => authority(rest).is_some_and(crate::gateway::is_loopback),
        s => WALLET_SCHEMES.contains(&s) || (extra.iter().any(|e| e == s) && !never_redirect(s)),
    }
}

/// The host and port of a special (http, https) URL after its scheme, as a browser reads them:
/// slashes of either kind, then the authority before the first / \ ? #, without its user
/// information; `None` when there is no host.
fn authority(rest: &str) -> Option<&str> {
    let after = rest.trim_start_matches(['/', '\\']);
    let end = after
        .bytes()
        .position(|b| matches!(b, b'/' | b'\\' | b'?' | b'#'))
        .unwrap_or(after.len());
    let authority = after.get(..end).unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    (!host.is_empty() && !host.starts_with(':')).then_some(host)
}

/// Decides on `result.resultStatus` first, then refines by `resultCode` in the call's tables.
fn interpret_result(d: &Description, a: &mut Answer) -> Outcome {
    let status = a.result.status.take();
    let code = a.result.code.take();
    let message = a.result.message.take();
    let known = code.as_deref().and_then(|c| d.lookup(c));
    let unknown = d.unknown_advice;
    let (kind, action, retryable, advice, reason) = match status.as_deref() {
        // Refined by the call's reading of S.
        Some("S") => (
            Kind::Redirect,
            RedirectShopper,
            false,
            PAY_CODES[0].advice,
            None,
        ),
        Some("F") => match known.filter(|k| k.status == 'F') {
            Some(k) => (Kind::Failed, k.action, false, k.advice, None),
            None => (
                Kind::Failed,
                ContactSupport,
                false,
                "Antom declined with a code this library does not know; read resultMessage.",
                None,
            ),
        },
        Some("U") => match known.filter(|k| k.status == 'U') {
            Some(k) if k.processing => (Kind::Processing, k.action, false, k.advice, None),
            Some(k) => (
                Kind::Unknown,
                k.action,
                true,
                k.advice,
                Some(Reason::ResultUnknown),
            ),
            None => (
                Kind::Unknown,
                RetrySameRequest,
                true,
                unknown,
                Some(Reason::ResultUnknown),
            ),
        },
        _ => (
            Kind::Unknown,
            RetrySameRequest,
            true,
            unknown,
            Some(Reason::MissingResult),
        ),
    };
    let mut o = std::mem::take(&mut a.out);
    o.kind = kind;
    o.action = action;
    o.retryable = retryable;
    o.advice = advice.into();
    o.reason = reason;
    o.result_status = status;
    o.result_code = code;
    o.result_message = message;
    o
}
