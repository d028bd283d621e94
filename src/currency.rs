//! ISO 4217 minor units and exact decimal <-> minor-unit conversion (no floats anywhere).
//!
//! Antom sends every amount as an integer string in the currency's smallest unit
//! (<https://docs.antom.com/ac/ref/cc>): USD 12.34 is `"1234"`, JPY 1200 is `"1200"`.

use crate::error::Error;
use antom_checkout_rules::validate::{Issue, IssueCode};

pub use antom_checkout_rules::currency::{known_currencies, minor_units, MAX_VALUE_DIGITS};

fn digits_for(currency: &str) -> Result<u32, Error> {
    minor_units(currency).ok_or_else(|| Error::UnknownCurrency(truncate(currency)))
}

fn truncate(s: &str) -> String {
    s.chars().take(16).collect()
}

/// Converts a decimal amount in major units (`"12.34"`) to the minor-unit integer string Antom
/// expects (`"1234"` for USD). Extra fraction digits are accepted only when they are zeros;
/// anything that would need rounding is an error, never rounded.
pub fn to_minor_units(amount: &str, currency: &str) -> Result<String, Error> {
    convert(amount, currency).map_err(|(code, why)| match code {
        IssueCode::UnsupportedCurrency => Error::UnknownCurrency(truncate(currency)),
        _ => Error::InvalidAmount(why),
    })
}

/// Every problem of a decimal amount in major units in `currency`, each at `path` with the code a
/// pay request's validation would give it: empty when the amount converts. A page shows these at
/// its amount field, as it shows `validatePayRequest`'s issues, with no error to catch.
pub fn validate_amount(amount: &str, currency: &str, path: &str) -> Vec<Issue> {
    match convert(amount, currency) {
        Ok(_) => Vec::new(),
        Err((code, message)) => vec![Issue {
            path: path.to_string(),
            code,
            message,
        }],
    }
}

/// The conversion of [`to_minor_units`], or why it fails: the issue's code and its message.
fn convert(amount: &str, currency: &str) -> Result<String, (IssueCode, String)> {
    let Some(digits) = minor_units(currency) else {
        let why = format!(
            "unknown currency {}: not an ISO 4217 code",
            truncate(currency)
        );
        return Err((IssueCode::UnsupportedCurrency, why));
    };
    let digits = digits as usize;
    let bad = |why: &str| format!("\"{}\" {}: {why}", truncate(amount), currency);
    if amount.is_empty() {
        let why =
            bad("expected a plain decimal such as \"12.34\" (digits, at most one '.', no sign)");
        return Err((IssueCode::Required, why));
    }
    let (int_part, frac_part) = match amount.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (amount, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !all_digits(int_part) {
        let why =
            bad("expected a plain decimal such as \"12.34\" (digits, at most one '.', no sign)");
        return Err((IssueCode::InvalidFormat, why));
    }
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && (frac.is_empty() || !all_digits(frac)) {
        return Err((
            IssueCode::InvalidFormat,
            bad("expected digits after the decimal point"),
        ));
    }
    let (kept, extra) = frac
        .split_at_checked(frac.len().min(digits))
        .unwrap_or((frac, ""));
    if extra.bytes().any(|b| b != b'0') {
        let why = bad(&format!(
            "{currency} has {digits} decimal digit(s); this amount would need rounding"
        ));
        return Err((IssueCode::InvalidValue, why));
    }
    let mut out = String::with_capacity(int_part.len() + digits);
    out.push_str(int_part);
    out.push_str(kept);
    for _ in kept.len()..digits {
        out.push('0');
    }
    let trimmed = out.trim_start_matches('0');
    let value = if trimmed.is_empty() { "0" } else { trimmed };
    if value.len() > MAX_VALUE_DIGITS {
        return Err((
            IssueCode::OutOfRange,
            bad("more than 16 digits in minor units"),
        ));
    }
    Ok(value.to_string())
}

/// Converts a minor-unit integer string (`"1234"`) back to a decimal in major units
/// (`"12.34"` for USD, `"1234"` for JPY, `"1.234"` for BHD).
pub fn from_minor_units(value: &str, currency: &str) -> Result<String, Error> {
    let digits = digits_for(currency)? as usize;
    if value.is_empty()
        || value.len() > MAX_VALUE_DIGITS
        || !value.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(Error::InvalidAmount(format!(
            "\"{}\": expected 1 to 16 digits in minor units",
            truncate(value)
        )));
    }
    let v = value.trim_start_matches('0');
    let v = if v.is_empty() { "0" } else { v };
    if digits == 0 {
        return Ok(v.to_string());
    }
    // At least one digit before the point: "5" in USD is "0.05".
    let mut padded = String::with_capacity(digits + v.len() + 2);
    for _ in v.len()..=digits {
        padded.push('0');
    }
    padded.push_str(v);
    let (i, f) = padded
        .split_at_checked(padded.len() - digits)
        .unwrap_or((&padded, ""));
    let mut out = String::with_capacity(padded.len() + 1);
    out.push_str(i);
    out.push('.');
    out.push_str(f);
    Ok(out)
}
