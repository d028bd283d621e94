//! The library's JSON reader and one-pass walk against serde_json and a second walk over
//! `serde_json::Value` (tests/common/reference_walk.rs), on arbitrary bytes: the same text
//! accepted and refused (a number beyond f64, refused by serde_json, must be an issue), the same
//! verdict on the request, the same body when it is valid.
#![no_main]
use antom_checkout::model::followup::PAYMENT_REFERENCE;
use antom_checkout::model::pay::PAY_REQUEST;
use antom_checkout::validate::{codes, walk, WalkOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "../../common/reference_walk.rs"]
mod reference_walk;

const NOW: i64 = 1_735_700_000_000;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for fields in [PAY_REQUEST, PAYMENT_REFERENCE] {
        let mine = walk(fields, text, &WalkOptions { now_ms: Some(NOW) });
        let reference = serde_json::from_str::<Value>(text);
        // A number beyond f64 is a syntax error to serde_json; to the walk it is always an issue.
        if reference.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")) {
            assert!(mine.as_ref().map_or(true, |w| !w.issues.is_empty()), "{text:?}");
            continue;
        }
        assert_eq!(mine.is_ok(), reference.is_ok(), "accepted differently: {text:?}");
        let (Ok(mine), Ok(v)) = (mine, reference) else { continue };
        if mine.issues.iter().any(|i| i.code == codes::DUPLICATE_FIELD) {
            continue; // serde_json keeps the last of two equal keys; the walk refuses
        }
        let (body, issues) = reference_walk::reference_walk(fields, &v, Some(NOW));
        assert_eq!(mine.issues.is_empty(), issues == 0, "judged differently: {text:?}");
        if issues == 0 {
            assert_eq!(mine.body, body, "different bodies: {text:?}");
        }
        assert!(mine.issues.iter().all(|i| !i.path.is_empty() && !i.message.is_empty()));
    }
});
