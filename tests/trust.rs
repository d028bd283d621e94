//! What merchants rely on: what Antom accepts is accepted, what Antom sends is read, and a
//! redirect is judged the way a browser reads it. Each check is against the reference page
//! (tests/vectors/reference_pay_entry_code.txt) or spec.md, never against the code's own output.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::interpret_inquiry;
use antom_checkout::parse_notification;
use antom_checkout::PrepareConfig;
use antom_checkout::{interpret_pay, safe_redirect, Kind, Reason};
use antom_checkout::{prepare_pay, validate_pay, PayRules};
use common::*;
use serde_json::{json, Value};

fn cfg(extra: Value) -> PrepareConfig {
    let mut c = json!({"clientId": "TEST_5X00000000000000", "gateway": "asia", "requestTime": "1735700400123"});
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    PrepareConfig::from_json(&c).unwrap()
}

#[test]
fn what_antom_accepts_is_accepted() {
    // The page gives paymentRequestId only "Maximum length: 64 characters".
    for id in [
        "order.2025/11:30#7",
        "shop:SG/0042.1",
        "注文-1",
        &"x".repeat(64),
    ] {
        let mut input = valid_request();
        input["paymentRequestId"] = json!(id);
        let p = prepare_pay(&input, &cfg(json!({})), NOW).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(p.request_id, id);
        let body: Value = serde_json::from_str(&p.body).unwrap();
        assert_eq!(body["paymentRequestId"], json!(id));
    }
    // A single-page app's redirect URL has a fragment.
    let mut input = valid_request();
    input["paymentRedirectUrl"] = json!("https://shop.example/#/paid");
    // CRLF line ends in free text.
    input["order"]["orderDescription"] = json!("2 coffees\r\n1 cake");
    // An address without a region: neither the page nor the spec requires it.
    input["order"]["merchant"]["merchantAddress"] = json!({"city": "Tokyo"});
    let p = prepare_pay(&input, &cfg(json!({})), NOW).unwrap();
    // serde_json is the independent reference for the written bytes.
    assert!(p
        .body
        .contains(&serde_json::to_string("2 coffees\r\n1 cake").unwrap()));
    assert!(p
        .body
        .contains(r#""paymentRedirectUrl":"https://shop.example/#/paid""#));
    assert!(p.body.contains(r#""merchantAddress":{"city":"Tokyo"}"#));
    // What cannot be sent is still refused: control characters and more than 64 characters.
    for (bad, code) in [
        ("a\u{1}b", "INVALID_FORMAT"),
        (&*"x".repeat(65), "TOO_LONG"),
    ] {
        let mut input = valid_request();
        input["paymentRequestId"] = json!(bad);
        let e = prepare_pay(&input, &cfg(json!({})), NOW).unwrap_err();
        assert_eq!(e.issues()[0].code, code, "{bad:?}");
    }
}

#[test]
fn global_gateway_requires_merchant_region() {
    // The page: "This field is required when you use Antom Global Gateway (GGW) product."
    let page = read("reference_pay_entry_code.txt");
    assert!(page.contains("required when you use Antom Global Gateway"));
    let ggw = cfg(json!({"globalGateway": true}));
    let e = prepare_pay(&valid_request(), &ggw, NOW).unwrap_err();
    assert_eq!(
        (e.issues()[0].path.as_str(), e.issues()[0].code.name()),
        ("merchantRegion", "REQUIRED")
    );
    let rules = PayRules {
        global_gateway: true,
    };
    assert_eq!(
        validate_pay(&valid_request(), Some(NOW), &rules)
            .unwrap()
            .len(),
        1
    );
    let mut input = valid_request();
    input["merchantRegion"] = json!("SG");
    assert!(prepare_pay(&input, &ggw, NOW).is_ok());
    assert!(validate_pay(&input, Some(NOW), &rules).unwrap().is_empty());
    // Without the option the field stays optional.
    assert!(prepare_pay(&valid_request(), &cfg(json!({})), NOW).is_ok());
}

/// Disguised spellings and what a browser's URL parser reads as their scheme (WHATWG URL:
/// leading C0 controls and spaces stripped, tabs and newlines removed anywhere). The JS suites
/// check this very list against Node's and Chromium's own `new URL(u).protocol`
/// (tests/js/redirects.json).
fn spellings() -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/js/redirects.json"
    ))
    .unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["url"].as_str().unwrap().to_string(),
                r["protocol"].as_str().unwrap().to_string(),
                r["safe"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_redirect_is_judged_the_way_a_browser_reads_it() {
    let list = spellings();
    assert!(list.len() >= 20);
    for (url, protocol, safe) in &list {
        assert_eq!(
            safe_redirect(url),
            *safe,
            "{url:?} (a browser reads {protocol})"
        );
        // Never a script, whatever the spelling.
        if protocol == "javascript:" || protocol == "data:" || protocol == "vbscript:" {
            assert!(!safe, "{url:?}");
        }
        let body = json!({
            "result": {"resultStatus": "S", "resultCode": "SUCCESS"},
            "redirectActionForm": {"redirectUrl": url}
        })
        .to_string();
        let o = interpret_pay(200, &body);
        if *safe {
            assert_eq!(o.kind, Kind::Redirect, "{url:?}");
        } else {
            assert_eq!(
                (o.kind, o.reason),
                (Kind::Unknown, Some(Reason::UnsafeRedirect)),
                "{url:?}"
            );
        }
    }
}

/// `name Type` lines of the reference page between two headings.
fn page_fields(from: &str, to: &str) -> Vec<String> {
    let page = read("reference_pay_entry_code.txt");
    let start = page.find(from).unwrap() + from.len();
    let end = start + page[start..].find(to).unwrap();
    page[start..end]
        .lines()
        .filter_map(|l| {
            let mut words = l.split(' ');
            let name = words.next()?;
            let ty = words.next()?;
            let is_field = name.chars().next()?.is_ascii_lowercase()
                && name.chars().all(|c| c.is_ascii_alphanumeric())
                && ty.chars().next()?.is_ascii_uppercase();
            is_field.then(|| name.to_string())
        })
        .collect()
}

fn sample(field: &str) -> Value {
    let amount = json!({"currency": "SGD", "value": "1200"});
    let quote = json!({"quoteId": "Q1", "quoteCurrencyPair": "SGD/USD", "quotePrice": 0.74, "quoteStartTime": "2025-01-01T12:00:00+08:00", "quoteExpiryTime": "2025-01-02T12:00:00+08:00", "guaranteed": true});
    match field {
        "result" => {
            json!({"resultStatus": "S", "resultCode": "SUCCESS", "resultMessage": "success"})
        }
        "paymentAmount" | "grossSettlementAmount" | "actualPaymentAmount" => amount,
        "paymentQuote" | "settlementQuote" => quote,
        "pspCustomerInfo" => {
            json!({"pspName": "ALIPAY_CN", "pspCustomerId": "C1", "displayCustomerId": "138****0000", "displayCustomerName": "L*", "customer2088Id": "2088000000000001", "extendInfo": "{}"})
        }
        "challengeActionForm" => {
            json!({"challengeType": "SMS_OTP", "challengeRenderValue": "6", "triggerSource": "AMS", "extendInfo": "{}"})
        }
        "redirectActionForm" => {
            json!({"method": "GET", "redirectUrl": "https://wallet.example/p", "actionFormType": "RedirectActionForm"})
        }
        "paymentTime" | "paymentCreateTime" | "authExpiryTime" => {
            json!("2025-01-01T12:01:01+08:00")
        }
        "notifyType" => json!("PAYMENT_RESULT"),
        _ => json!(format!("{field}-value")),
    }
}

/// Every key of `want` (an object) is in `got`, recursively, with the same scalar text.
fn carries(got: &Value, want: &Value, path: &str) {
    match want {
        Value::Object(m) => {
            for (k, v) in m {
                let g = got
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} was dropped"));
                carries(g, v, &format!("{path}.{k}"));
            }
        }
        Value::String(s) => assert_eq!(got.as_str(), Some(s.as_str()), "{path}"),
        // Numbers and booleans Antom may send unquoted are read as their text.
        other => assert_eq!(got.as_str(), Some(other.to_string().as_str()), "{path}"),
    }
}

#[test]
fn every_response_field_of_the_page_is_read_and_typed() {
    let fields = page_fields("Response parameters", "\nRequest\nResponse");
    for f in [
        "result",
        "paymentRequestId",
        "paymentId",
        "pspCustomerInfo",
        "challengeActionForm",
        "grossSettlementAmount",
        "settlementQuote",
    ] {
        assert!(
            fields.iter().any(|x| x == f),
            "the page was not read: {f} in {fields:?}"
        );
    }
    let mut answer = serde_json::Map::new();
    for f in &fields {
        answer.insert(f.clone(), sample(f));
    }
    answer.insert("futureField".into(), json!({"x": "1"}));
    let body = Value::Object(answer.clone()).to_string();
    let o = serde_json::to_value(interpret_pay(200, &body)).unwrap();
    for f in fields
        .iter()
        .filter(|f| *f != "result" && *f != "redirectActionForm")
    {
        carries(&o[f.as_str()], &answer[f.as_str()], f);
    }
    assert_eq!(o["redirect"]["redirectUrl"], "https://wallet.example/p");
    // The answer as it came, for fields Antom adds later.
    assert_eq!(o["raw"]["futureField"]["x"], "1");
    assert_eq!(o["raw"], Value::Object(answer));
}

#[test]
fn every_notification_and_inquiry_field_of_the_spec_is_read() {
    // spec.md section 6 (notifyPayment, in-store) and section 7 (inquiryPayment).
    let notify = [
        "notifyType",
        "result",
        "paymentRequestId",
        "paymentId",
        "paymentAmount",
        "actualPaymentAmount",
        "paymentQuote",
        "paymentCreateTime",
        "paymentTime",
        "pspCustomerInfo",
        "grossSettlementAmount",
        "settlementQuote",
    ];
    let mut n = serde_json::Map::new();
    for f in notify {
        n.insert(f.into(), sample(f));
    }
    let parsed =
        serde_json::to_value(parse_notification(&Value::Object(n.clone()).to_string()).unwrap())
            .unwrap();
    for f in notify.iter().filter(|f| **f != "result") {
        carries(&parsed[*f], &n[*f], f);
    }
    assert_eq!(parsed["resultCode"], "SUCCESS");
    assert_eq!(parsed["raw"], Value::Object(n));

    let inquiry = [
        "paymentRequestId",
        "paymentId",
        "paymentAmount",
        "actualPaymentAmount",
        "paymentQuote",
        "authExpiryTime",
        "paymentCreateTime",
        "paymentTime",
        "pspCustomerInfo",
        "grossSettlementAmount",
        "settlementQuote",
    ];
    let mut q = serde_json::Map::new();
    for f in inquiry {
        q.insert(f.into(), sample(f));
    }
    q.insert("result".into(), sample("result"));
    q.insert("paymentStatus".into(), json!("SUCCESS"));
    q.insert("paymentResultCode".into(), json!("SUCCESS"));
    q.insert("paymentResultMessage".into(), json!("success"));
    let o = serde_json::to_value(interpret_inquiry(
        200,
        &Value::Object(q.clone()).to_string(),
    ))
    .unwrap();
    for f in inquiry {
        carries(&o[f], &q[f], f);
    }
    assert_eq!(o["kind"], "paid");
    assert_eq!(o["raw"], Value::Object(q));
}
