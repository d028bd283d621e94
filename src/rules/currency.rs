//! ISO 4217 minor units: how many digits each active currency has after the decimal point.
//! The conversions that use them are in the main crate (`currency`).

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
    // Each list is sorted, so a binary search finds a code in at most eight comparisons; codes
    // are compared as packed integers.
    let key = pack(currency.as_bytes())?;
    let groups: [(&[&str], u32); 4] = [(TWO, 2), (ZERO, 0), (THREE, 3), (FOUR, 4)];
    groups
        .iter()
        .find(|(list, _)| {
            list.binary_search_by_key(&key, |c| pack(c.as_bytes()).unwrap_or(0))
                .is_ok()
        })
        .map(|(_, digits)| *digits)
}

/// Three bytes as one integer in the order of the bytes (so sorted codes stay sorted).
fn pack(b: &[u8]) -> Option<u32> {
    match b {
        [x, y, z] => Some(u32::from(*x) << 16 | u32::from(*y) << 8 | u32::from(*z)),
        _ => None,
    }
}

/// Every currency code the library knows, sorted.
pub fn known_currencies() -> Vec<&'static str> {
    let mut all: Vec<&str> = [ZERO, TWO, THREE, FOUR].concat();
    all.sort_unstable();
    all
}
