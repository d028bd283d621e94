//! Arbitrary notification headers and bodies: never a panic; what is handed to the verifier
//! always covers the exact body, path, client id and time; stale times are refused.
#![no_main]
use antom_checkout::{notification_to_verify, parse_header_time, parse_notification};
use antom_checkout::Headers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(4, '\u{1}');
    let (time, sig, body) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut headers = Headers::default();
    headers.set("client-id", "C".into());
    headers.set("request-time", time.into());
    headers.set("signature", sig.into());
    let now = 1_735_700_400_000;
    match notification_to_verify("/notify", &headers, body, "C", now, 600_000) {
        Ok(check) => {
            assert!(check.content.starts_with("POST /notify\nC."));
            assert!(check.content.ends_with(body));
            let at = parse_header_time(time).expect("accepted times parse");
            assert!((now - at).abs() <= 600_000);
        }
        Err(reason) => assert!(antom_checkout::Refusal::ALL.contains(&reason)),
    }
    if let Ok(n) = parse_notification(body) {
        assert!(!n.payment_request_id.is_empty());
        assert!(["paid", "failed", "pending"].contains(&n.kind.name()));
    }
});
