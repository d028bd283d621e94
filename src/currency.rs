//! ISO 4217 minor units and exact decimal <-> minor-unit conversion (no floats anywhere).
//!
//! Antom sends every amount as an integer string in the currency's smallest unit
//! (<https://docs.antom.com/ac/ref/cc>): USD 12.34 is `"1234"`, JPY 1200 is `"1200"`.

use crate::error::Error;

/// Active ISO 4217 codes grouped by their number of minor-unit digits. Every currency of
/// Antom's amount page is here with the digits that page gives.
const ZERO: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
const FOUR: &[&str] = &["CLF", "UYW"];
const TWO: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF",
    "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD",
    "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT",
    "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
    "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR",
    "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU",
    "UZS", "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
];

/// The longest amount value Antom accepts (`Amount.value` is String(16)).
pub const MAX_VALUE_DIGITS: usize = 16;

/// Number of minor-unit digits of an ISO 4217 code, or `None` when the code is unknown.
/// The code must be upper case, as Antom requires.
pub fn minor_units(currency: &str) -> Option<u32> {
    // Each list is sorted, so a binary search finds a code in at most eight comparisons.
    let groups: [(&[&str], u32); 4] = [(TWO, 2), (ZERO, 0), (THREE, 3), (FOUR, 4)];
    groups
        .iter()
        .find(|(list, _)| list.binary_search(&currency).is_ok())
        .map(|(_, digits)| *digits)
}

/// Every currency code the library knows, sorted.
pub fn known_currencies() -> Vec<&'static str> {
    let mut all: Vec<&str> = [ZERO, TWO, THREE, FOUR].concat();
    all.sort_unstable();
    all
}

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
    let digits = digits_for(currency)? as usize;
    let bad =
        |why: &str| Error::InvalidAmount(format!("\"{}\" {}: {why}", truncate(amount), currency));
    let (int_part, frac_part) = match amount.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (amount, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty() || !all_digits(int_part) {
        return Err(bad(
            "expected a plain decimal such as \"12.34\" (digits, at most one '.', no sign)",
        ));
    }
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && (frac.is_empty() || !all_digits(frac)) {
        return Err(bad("expected digits after the decimal point"));
    }
    let (kept, extra) = frac.split_at(frac.len().min(digits));
    if extra.bytes().any(|b| b != b'0') {
        return Err(bad(&format!(
            "{currency} has {digits} decimal digit(s); this amount would need rounding"
        )));
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
        return Err(bad("more than 16 digits in minor units"));
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
    let padded = format!("{v:0>width$}", width = digits + 1);
    let (i, f) = padded.split_at(padded.len() - digits);
    Ok(format!("{i}.{f}"))
}
