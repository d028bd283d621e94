//! Arbitrary JSON into the pay validator: never a panic; a request without issues gives a body
//! whose scalars are all strings and which validates again to the same bytes.
#![no_main]
use antom_checkout::model::pay::PAY_REQUEST;
use antom_checkout::validate::{walk, WalkOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn strings_only(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Array(a) => a.iter().all(strings_only),
        Value::Object(m) => m.values().all(strings_only),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(v) = serde_json::from_slice::<Value>(data) else { return };
    let opts = WalkOptions { now_ms: Some(0) };
    let w = walk(PAY_REQUEST, &v.to_string(), &opts).expect("serde_json's text is JSON");
    if w.issues.is_empty() {
        let body: Value = serde_json::from_str(&w.body).expect("the body is JSON");
        assert!(strings_only(&body), "{}", w.body);
        let again = walk(PAY_REQUEST, &w.body, &opts).expect("the body is JSON");
        assert!(again.issues.is_empty());
        assert_eq!(again.body, w.body);
    } else {
        assert!(w.issues.iter().all(|i| !i.path.is_empty() && !i.message.is_empty()));
    }
});
