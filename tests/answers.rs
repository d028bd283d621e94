//! Answers are read by the library's own reader into typed fields (src/answer.rs). Held here to
//! a reference built on serde_json: every field the outcome carries equals what a lenient read of
//! `serde_json::Value` at its path gives (a string as it is, an integer or a boolean as its text,
//! anything else absent), for answers whose fields come in every JSON type.

mod common;

use antom_checkout::interpret_inquiry;
use antom_checkout::interpret_pay;
use antom_checkout::parse_notification;
use common::Rng;
use serde_json::{json, Map, Value};

/// The lenient read of the reference: strings, integers and booleans as text.
fn lenient(v: &Value, path: &str) -> Option<String> {
    let mut cur = v;
    for k in path.split('.') {
        cur = cur.as_object()?.get(k)?;
    }
    match cur {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn any_scalar(r: &mut Rng, text: &str) -> Value {
    match r.below(8) {
        0 => Value::Null,
        1 => json!(r.below(100_000)),
        2 => json!(r.below(2) == 1),
        3 => json!({"x": text}),
        4 => json!([text]),
        5 => json!(""),
        _ => json!(text),
    }
}

const TOP: &[&str] = &[
    "paymentRequestId",
    "paymentId",
    "paymentCreateTime",
    "paymentTime",
    "paymentStatus",
    "paymentResultCode",
    "paymentResultMessage",
    "authExpiryTime",
    "extendInfo",
];

fn any_answer(r: &mut Rng) -> Value {
    let mut m = Map::new();
    let mut result = Map::new();
    for (k, text) in [
        ("resultStatus", "S"),
        ("resultCode", "SUCCESS"),
        ("resultMessage", "ok"),
    ] {
        if r.below(5) > 0 {
            result.insert(
                k.into(),
                if r.below(4) > 0 {
                    json!(text)
                } else {
                    any_scalar(r, text)
                },
            );
        }
    }
    m.insert("result".into(), Value::Object(result));
    for k in TOP {
        if r.below(3) > 0 {
            m.insert((*k).into(), any_scalar(r, &format!("{k}-é\"\\\n")));
        }
    }
    for k in [
        "paymentAmount",
        "actualPaymentAmount",
        "grossSettlementAmount",
    ] {
        if r.below(3) > 0 {
            let mut a = Map::new();
            a.insert("currency".into(), any_scalar(r, "JPY"));
            a.insert("value".into(), any_scalar(r, "1200"));
            m.insert(k.into(), Value::Object(a));
        }
    }
    for k in ["paymentQuote", "settlementQuote"] {
        if r.below(3) > 0 {
            m.insert(k.into(), json!({"quoteId": any_scalar(r, "Q1"), "quotePrice": any_scalar(r, "1.25"), "exchangeAmount": {"currency": "USD", "value": any_scalar(r, "8")}, "future": {"deep": [1, {"x": 2}]}}));
        }
    }
    if r.below(2) > 0 {
        m.insert(
            "pspCustomerInfo".into(),
            json!({"pspName": any_scalar(r, "ALIPAY_CN"), "customer2088Id": any_scalar(r, "2088")}),
        );
    }
    if r.below(2) > 0 {
        m.insert(
            "unknownObject".into(),
            json!({"paymentId": "not this one", "result": {"resultStatus": "F"}}),
        );
    }
    Value::Object(m)
}

#[test]
fn typed_fields_equal_a_lenient_read_of_the_same_answer() {
    let mut r = Rng(0xA45E);
    for _ in 0..5_000 {
        let v = any_answer(&mut r);
        let text = v.to_string();
        let o = interpret_inquiry(200, &text);
        let field = |path: &str| lenient(&v, path);
        assert_eq!(o.result_status, field("result.resultStatus"), "{text}");
        assert_eq!(o.result_code, field("result.resultCode"), "{text}");
        assert_eq!(o.result_message, field("result.resultMessage"), "{text}");
        assert_eq!(o.payment_request_id, field("paymentRequestId"), "{text}");
        assert_eq!(o.payment_id, field("paymentId"), "{text}");
        assert_eq!(o.payment_create_time, field("paymentCreateTime"), "{text}");
        assert_eq!(o.payment_time, field("paymentTime"), "{text}");
        assert_eq!(o.payment_status, field("paymentStatus"), "{text}");
        assert_eq!(o.payment_result_code, field("paymentResultCode"), "{text}");
        assert_eq!(
            o.payment_result_message,
            field("paymentResultMessage"),
            "{text}"
        );
        assert_eq!(o.auth_expiry_time, field("authExpiryTime"), "{text}");
        assert_eq!(o.extend_info, field("extendInfo"), "{text}");
        let amount = |p: &str| match (
            field(&format!("{p}.currency")),
            field(&format!("{p}.value")),
        ) {
            (Some(c), Some(v)) => Some((c, v)),
            _ => None,
        };
        let got = |a: &Option<antom_checkout::AmountOut>| {
            a.as_ref().map(|a| (a.currency.clone(), a.value.clone()))
        };
        assert_eq!(got(&o.payment_amount), amount("paymentAmount"), "{text}");
        assert_eq!(
            got(&o.details.actual_payment_amount),
            amount("actualPaymentAmount"),
            "{text}"
        );
        assert_eq!(
            got(&o.details.gross_settlement_amount),
            amount("grossSettlementAmount"),
            "{text}"
        );
        let quote_id = o
            .details
            .payment_quote
            .as_ref()
            .and_then(|q| q.quote_id.clone());
        assert_eq!(quote_id, field("paymentQuote.quoteId"), "{text}");
        let exchanged = o
            .details
            .payment_quote
            .as_ref()
            .and_then(|q| got(&q.exchange_amount));
        assert_eq!(exchanged, amount("paymentQuote.exchangeAmount"), "{text}");
        let psp = o
            .details
            .psp_customer_info
            .as_ref()
            .and_then(|p| p.psp_name.clone());
        assert_eq!(psp, field("pspCustomerInfo.pspName"), "{text}");
        // The answer as it came.
        let raw: Value = serde_json::from_str(&o.raw.as_ref().unwrap().0).unwrap();
        assert_eq!(raw, v);
        // A notification reads the same fields the same way.
        if let Ok(n) = parse_notification(&text) {
            assert_eq!(
                Some(n.payment_request_id),
                field("paymentRequestId").filter(|s| !s.is_empty())
            );
            assert_eq!(n.result_code, field("result.resultCode"), "{text}");
            assert_eq!(got(&n.payment_amount), amount("paymentAmount"), "{text}");
        } else {
            assert!(
                field("paymentRequestId")
                    .filter(|s| !s.is_empty())
                    .is_none(),
                "{text}"
            );
        }
    }
}

#[test]
fn a_redirect_is_read_from_its_form_only() {
    for (form, url) in [
        (
            json!({"redirectUrl": "https://w.example/p", "method": "GET"}),
            Some("https://w.example/p"),
        ),
        (json!({"redirectUrl": ""}), None),
        (json!({"redirectUrl": {"x": 1}}), None),
        (json!("https://w.example/p"), None),
        (json!({"method": "GET"}), None),
    ] {
        let v = json!({"result": {"resultStatus": "S", "resultCode": "SUCCESS"}, "redirectActionForm": form, "other": {"redirectUrl": "https://evil.example"}});
        let o = interpret_pay(200, &v.to_string());
        assert_eq!(
            o.redirect.as_ref().map(|r| r.redirect_url.as_str()),
            url,
            "{v}"
        );
    }
}

/// The JSON the JS side receives (outcomes, notifications, what to verify) is written without serde; serde_json, writing the same values
/// through their `Serialize` impls, is the reference it must equal byte for byte.
#[test]
fn outcomes_and_notifications_are_written_as_serde_json_writes_them() {
    use antom_checkout::to_json;
    use antom_checkout::{Action, Kind};
    for k in Kind::ALL {
        assert_eq!(
            serde_json::to_string(k).unwrap(),
            format!("\"{}\"", k.name())
        );
    }
    for a in Action::ALL {
        assert_eq!(
            serde_json::to_string(a).unwrap(),
            format!("\"{}\"", a.name())
        );
    }
    let mut r = Rng(0x5E2D);
    for i in 0..5_000 {
        let v = any_answer(&mut r);
        let mut text = v.to_string();
        if i % 7 == 0 {
            text = format!(" {text}\n"); // the raw answer is written trimmed
        }
        for mut o in [
            interpret_inquiry(200, &text),
            interpret_pay(200, &text),
            antom_checkout::interpret_cancel(200, &text),
            interpret_pay(503, &text),
        ] {
            assert_eq!(to_json(&o), serde_json::to_string(&o).unwrap(), "{text}");
            o.attempts = Some(3);
            o.unverified = Some(antom_checkout::Unverified {
                result_status: o.result_status.clone(),
                result_code: Some("C\u{1}\"".into()),
                result_message: None,
            });
            o.reason = Some(antom_checkout::Reason::SignatureInvalid);
            assert_eq!(to_json(&o), serde_json::to_string(&o).unwrap(), "{text}");
        }
        if let Ok(n) = parse_notification(&text) {
            assert_eq!(to_json(&n), serde_json::to_string(&n).unwrap(), "{text}");
        }
    }
    for alternative in [None, Some("POST /n\nC.1.{}".to_string())] {
        let check = antom_checkout::NotifyCheck {
            content: "POST /n?x=\"1\"\nC.1.{\"a\":\"\u{1}\"}".into(),
            signature: "c2ln".into(),
            alternative,
        };
        assert_eq!(to_json(&check), serde_json::to_string(&check).unwrap());
    }
    let event = antom_checkout::ClientEvent::Answer(antom_checkout::AnswerEvent {
        kind: antom_checkout::EventType::Answer,
        call: "pay".into(),
        id: "P\"1".into(),
        attempt: 2,
        http_status: None,
        error: Some(antom_checkout::SendError::Timeout),
        elapsed_ms: 15_000,
        result_status: None,
        result_code: Some("X".into()),
        verified: antom_checkout::Verification::NotChecked,
        outcome: antom_checkout::Kind::Unknown,
        reason: Some(antom_checkout::Reason::Timeout),
    });
    assert_eq!(to_json(&event), serde_json::to_string(&event).unwrap());
}
