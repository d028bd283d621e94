//! Any bytes as a pay, inquiry or cancel answer: never a panic, and nothing ambiguous is ever
//! read as a redirect or a payment.
#![no_main]
use antom_checkout::{interpret_cancel, interpret_inquiry};
use antom_checkout::{interpret_pay, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&status_byte, rest)) = data.split_first() else { return };
    let status = if status_byte < 200 { 200 } else { 100 + u16::from(status_byte) };
    let body = String::from_utf8_lossy(rest);
    let pay = interpret_pay(status, &body);
    if pay.kind == Kind::Redirect {
        assert_eq!(status, 200);
        assert_eq!(pay.result_status.as_deref(), Some("S"));
        let url = &pay.redirect.as_ref().expect("a redirect has a target").redirect_url;
        assert!(!url.trim().is_empty() && url.contains(':'));
        assert!(!url.trim_start().to_ascii_lowercase().starts_with("javascript:"));
    }
    if pay.kind == Kind::Failed {
        assert_eq!(pay.result_status.as_deref(), Some("F"), "F only when Antom said F");
    }
    let inquiry = interpret_inquiry(status, &body);
    if inquiry.kind == Kind::Paid {
        assert_eq!(status, 200);
        assert_eq!(inquiry.result_status.as_deref(), Some("S"));
        assert!(inquiry.payment_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("SUCCESS")));
    }
    let cancel = interpret_cancel(status, &body);
    if cancel.kind == Kind::Cancelled {
        assert_eq!(cancel.result_status.as_deref(), Some("S"));
    }
});
