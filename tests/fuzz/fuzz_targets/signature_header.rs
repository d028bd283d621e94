//! Any Signature header: never a panic; whatever parses writes back and parses to the same
//! signature (the writer never produces what the parser refuses).
#![no_main]
use antom_checkout::{parse_signature_header, signature_header};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = parse_signature_header(&text) {
        let kv = parsed.key_version.as_deref().filter(|v| !v.is_empty() && v.len() <= 8 && v.bytes().all(|b| b.is_ascii_digit()));
        let written = signature_header(&parsed.signature, kv).expect("a parsed signature can be written");
        let again = parse_signature_header(&written).expect("the writer's output parses");
        assert_eq!(again.signature, parsed.signature);
    }
    // And base64 the writer accepts always round-trips.
    if let Ok(h) = signature_header(&text, Some("1")) {
        assert_eq!(parse_signature_header(&h).expect("round trip").signature, text);
    }
});
