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
    // One sorted table of packed codes: a binary search finds a code in at most eight steps.
    let key = pack(currency.as_bytes())?;
    let i = PACKED.binary_search_by_key(&key, |e| e >> 3).ok()?;
    PACKED.get(i).map(|e| e & 7)
}

/// Three bytes as one integer in the order of the bytes (so sorted codes stay sorted).
fn pack(b: &[u8]) -> Option<u32> {
    match b {
        [x, y, z] => Some(u32::from(*x) << 16 | u32::from(*y) << 8 | u32::from(*z)),
        _ => None,
    }
}

/// Every code as `pack(code) << 3 | digits`, sorted; built at compile time from the lists.
const PACKED: [u32; ZERO.len() + TWO.len() + THREE.len() + FOUR.len()] = {
    let groups: [(&[&str], u32); 4] = [(ZERO, 0), (TWO, 2), (THREE, 3), (FOUR, 4)];
    let mut out = [0u32; ZERO.len() + TWO.len() + THREE.len() + FOUR.len()];
    let mut n = 0;
    let mut g = 0;
    while g < groups.len() {
        let (list, digits) = groups[g];
        let mut i = 0;
        while i < list.len() {
            let b = list[i].as_bytes();
            let v = ((b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32) << 3 | digits;
            // Insertion sort: a few hundred entries, once, at compile time.
            let mut j = n;
            while j > 0 && out[j - 1] > v {
                out[j] = out[j - 1];
                j -= 1;
            }
            out[j] = v;
            n += 1;
            i += 1;
        }
        g += 1;
    }
    out
};

/// Every currency code the library knows, sorted.
pub fn known_currencies() -> Vec<&'static str> {
    let mut all: Vec<&str> = [ZERO, TWO, THREE, FOUR].concat();
    all.sort_unstable();
    all
}
