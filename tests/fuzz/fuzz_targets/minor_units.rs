//! Any amount text in any currency: never a panic, never a rounding: a converted value converts
//! back to the same number.
#![no_main]
use antom_checkout::{from_minor_units, known_currencies, to_minor_units};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let currencies = known_currencies();
    let currency = currencies[usize::from(pick) % currencies.len()];
    let amount = String::from_utf8_lossy(rest);
    if let Ok(minor) = to_minor_units(&amount, currency) {
        assert!(!minor.is_empty() && minor.len() <= 16 && minor.bytes().all(|b| b.is_ascii_digit()));
        let major = from_minor_units(&minor, currency).expect("valid minor units convert back");
        assert_eq!(to_minor_units(&major, currency).expect("and forth"), minor);
    }
    let _ = from_minor_units(&amount, currency);
});
