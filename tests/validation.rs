//! Every rule, by path and code; every issue reported at once; money conversion; date-times.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::datetime::{format_utc_millis, parse_offset_datetime};
use antom_checkout::{from_minor_units, minor_units, to_minor_units};
use antom_checkout::{validate_pay, PayRules};
use common::{valid_request, NOW};
use serde_json::{json, Value};

fn set(v: &mut Value, path: &str, new: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[*p],
        };
    }
    let last = parts[parts.len() - 1];
    if new == json!("<remove>") {
        cur.as_object_mut().unwrap().remove(last);
    } else if let Ok(i) = last.parse::<usize>() {
        cur[i] = new;
    } else {
        cur[last] = new;
    }
}

#[test]
fn the_valid_request_is_valid() {
    assert_eq!(
        validate_pay(&valid_request(), Some(NOW), &PayRules::default()).unwrap(),
        vec![]
    );
}

#[test]
fn invalid_input_table() {
    let r = "<remove>";
    // (field to change, new value, expected issue path, expected code)
    let rows: Vec<(&str, Value, &str, &str)> = vec![
        (
            "productCode",
            json!("CASHIER_PAYMENT"),
            "productCode",
            "NOT_ALLOWED",
        ),
        (
            "paymentMethod",
            json!({"paymentMethodType": "ALIPAY_CN"}),
            "paymentMethod.paymentMethodType",
            "NOT_ALLOWED",
        ),
        (
            "paymentMethod",
            json!({"paymentMethodId": "x"}),
            "paymentMethod.paymentMethodId",
            "UNKNOWN_FIELD",
        ),
        (
            "paymentFactor",
            json!({"inStorePaymentScenario": "ENTRYCODE"}),
            "paymentFactor.inStorePaymentScenario",
            "NOT_ALLOWED",
        ),
        (
            "paymentRequestId",
            json!("a".repeat(65)),
            "paymentRequestId",
            "TOO_LONG",
        ),
        (
            "paymentRequestId",
            json!("PR\u{0}1"),
            "paymentRequestId",
            "INVALID_FORMAT",
        ),
        (
            "paymentRequestId",
            json!(" PR1"),
            "paymentRequestId",
            "INVALID_FORMAT",
        ),
        (
            "paymentRequestId",
            json!(""),
            "paymentRequestId",
            "REQUIRED",
        ),
        ("paymentRequestId", json!(r), "paymentRequestId", "REQUIRED"),
        (
            "paymentRequestId",
            json!(12),
            "paymentRequestId",
            "INVALID_TYPE",
        ),
        ("order", json!(r), "order", "REQUIRED"),
        ("order", json!("x"), "order", "INVALID_TYPE"),
        (
            "order.orderDescription",
            json!(""),
            "order.orderDescription",
            "REQUIRED",
        ),
        (
            "order.orderDescription",
            json!("   "),
            "order.orderDescription",
            "REQUIRED",
        ),
        (
            "order.orderDescription",
            json!("d".repeat(257)),
            "order.orderDescription",
            "TOO_LONG",
        ),
        (
            "order.orderDescription",
            json!("a\u{0}b"),
            "order.orderDescription",
            "INVALID_FORMAT",
        ),
        (
            "order.referenceOrderId",
            json!("o".repeat(65)),
            "order.referenceOrderId",
            "TOO_LONG",
        ),
        (
            "order.orderAmount",
            json!(r),
            "order.orderAmount",
            "REQUIRED",
        ),
        (
            "order.orderAmount.currency",
            json!("usd"),
            "order.orderAmount.currency",
            "INVALID_FORMAT",
        ),
        (
            "order.orderAmount.currency",
            json!("XYZ"),
            "order.orderAmount.currency",
            "UNSUPPORTED_CURRENCY",
        ),
        (
            "order.orderAmount.value",
            json!("12.34"),
            "order.orderAmount.value",
            "INVALID_FORMAT",
        ),
        (
            "order.orderAmount.value",
            json!("-5"),
            "order.orderAmount.value",
            "INVALID_FORMAT",
        ),
        (
            "order.orderAmount.value",
            json!("0012"),
            "order.orderAmount.value",
            "INVALID_FORMAT",
        ),
        (
            "order.orderAmount.value",
            json!("0"),
            "order.orderAmount.value",
            "OUT_OF_RANGE",
        ),
        (
            "order.orderAmount.value",
            json!("12345678901234567"),
            "order.orderAmount.value",
            "TOO_LONG",
        ),
        (
            "order.orderAmount.value",
            json!(1200),
            "order.orderAmount.value",
            "INVALID_TYPE",
        ),
        (
            "order.orderAmount.cents",
            json!("1"),
            "order.orderAmount.cents",
            "UNKNOWN_FIELD",
        ),
        ("order.merchant", json!(r), "order.merchant", "REQUIRED"),
        (
            "order.merchant.referenceMerchantId",
            json!(r),
            "order.merchant.referenceMerchantId",
            "REQUIRED",
        ),
        (
            "order.merchant.merchantMCC",
            json!("58144"),
            "order.merchant.merchantMCC",
            "TOO_LONG",
        ),
        (
            "order.merchant.merchantMCC",
            json!("58a4"),
            "order.merchant.merchantMCC",
            "INVALID_FORMAT",
        ),
        (
            "order.merchant.merchantName",
            json!(null),
            "order.merchant.merchantName",
            "REQUIRED",
        ),
        (
            "order.merchant.merchantRegisterDate",
            json!("2020-01-01"),
            "order.merchant.merchantRegisterDate",
            "INVALID_FORMAT",
        ),
        (
            "order.merchant.merchantAddress",
            json!({"region": "jp"}),
            "order.merchant.merchantAddress.region",
            "INVALID_FORMAT",
        ),
        (
            "order.merchant.store",
            json!(r),
            "order.merchant.store",
            "REQUIRED",
        ),
        (
            "order.merchant.store.storeMCC",
            json!(r),
            "order.merchant.store.storeMCC",
            "REQUIRED",
        ),
        (
            "order.merchant.store.storeMcc",
            json!("5814"),
            "order.merchant.store.storeMcc",
            "UNKNOWN_FIELD",
        ),
        (
            "order.merchant.store.referenceStoreId",
            json!("s".repeat(65)),
            "order.merchant.store.referenceStoreId",
            "TOO_LONG",
        ),
        (
            "order.merchant.store.storeName",
            json!(["x"]),
            "order.merchant.store.storeName",
            "INVALID_TYPE",
        ),
        ("order.goods", json!({}), "order.goods", "INVALID_TYPE"),
        (
            "order.goods",
            json!(vec![
                json!({"referenceGoodsId": "g", "goodsName": "n"});
                101
            ]),
            "order.goods",
            "TOO_MANY",
        ),
        (
            "order.goods.2.goodsName",
            json!(r),
            "order.goods[2].goodsName",
            "REQUIRED",
        ),
        (
            "order.goods.1",
            json!("latte"),
            "order.goods[1]",
            "INVALID_TYPE",
        ),
        (
            "order.goods.0.goodsQuantity",
            json!(0),
            "order.goods[0].goodsQuantity",
            "OUT_OF_RANGE",
        ),
        (
            "order.goods.0.goodsQuantity",
            json!("two"),
            "order.goods[0].goodsQuantity",
            "INVALID_FORMAT",
        ),
        (
            "order.goods.0.goodsQuantity",
            json!(1.5),
            "order.goods[0].goodsQuantity",
            "INVALID_TYPE",
        ),
        (
            "order.goods.0.goodsUrl",
            json!("ftp://x.example"),
            "order.goods[0].goodsUrl",
            "INVALID_FORMAT",
        ),
        (
            "order.goods.0.deliveryMethodType",
            json!("physical"),
            "order.goods[0].deliveryMethodType",
            "INVALID_VALUE",
        ),
        (
            "order.goods.0.goodsUnitAmount",
            json!({"currency": "JPY"}),
            "order.goods[0].goodsUnitAmount.value",
            "REQUIRED",
        ),
        (
            "order.goods.0.goodsEndsOnTime",
            json!("2025-02-30T00:00:00+09:00"),
            "order.goods[0].goodsEndsOnTime",
            "INVALID_FORMAT",
        ),
        (
            "order.buyer",
            json!({"buyerEmail": "not-an-email"}),
            "order.buyer.buyerEmail",
            "INVALID_FORMAT",
        ),
        (
            "order.buyer",
            json!({"isAccountVerified": "yes"}),
            "order.buyer.isAccountVerified",
            "INVALID_FORMAT",
        ),
        (
            "order.buyer",
            json!({"buyerName": {"firstName": "f".repeat(33)}}),
            "order.buyer.buyerName.firstName",
            "TOO_LONG",
        ),
        (
            "order.shipping",
            json!({"deliveryEstimate": {"minimum": {"unit": "WEEK", "value": "1"}}}),
            "order.shipping.deliveryEstimate.minimum.unit",
            "INVALID_VALUE",
        ),
        ("order.env", json!(r), "order.env", "REQUIRED"),
        (
            "order.env.userAgent",
            json!(r),
            "order.env.userAgent",
            "REQUIRED",
        ),
        (
            "order.env.terminalType",
            json!("PC"),
            "order.env.terminalType",
            "INVALID_VALUE",
        ),
        (
            "order.env.timeZoneOffset",
            json!(721),
            "order.env.timeZoneOffset",
            "OUT_OF_RANGE",
        ),
        (
            "order.env.timeZoneOffset",
            json!("-01"),
            "order.env.timeZoneOffset",
            "INVALID_FORMAT",
        ),
        (
            "order.env.browserInfo",
            json!({"javaEnabled": 1}),
            "order.env.browserInfo.javaEnabled",
            "INVALID_TYPE",
        ),
        ("paymentAmount", json!(r), "paymentAmount", "REQUIRED"),
        (
            "paymentAmount",
            json!("1200"),
            "paymentAmount",
            "INVALID_TYPE",
        ),
        (
            "paymentAmount.value",
            json!("0"),
            "paymentAmount.value",
            "OUT_OF_RANGE",
        ),
        (
            "paymentExpiryTime",
            json!("2025-01-01T12:05:00Z"),
            "paymentExpiryTime",
            "INVALID_FORMAT",
        ),
        (
            "paymentExpiryTime",
            json!("2025-01-01 12:05:00+09:00"),
            "paymentExpiryTime",
            "INVALID_FORMAT",
        ),
        (
            "paymentExpiryTime",
            json!("2025-01-01T11:59:00+09:00"),
            "paymentExpiryTime",
            "IN_THE_PAST",
        ),
        (
            "paymentExpiryTime",
            json!("2025-13-01T11:59:00+09:00"),
            "paymentExpiryTime",
            "INVALID_FORMAT",
        ),
        ("paymentNotifyUrl", json!(r), "paymentNotifyUrl", "REQUIRED"),
        (
            "paymentNotifyUrl",
            json!("/antom/notify"),
            "paymentNotifyUrl",
            "INVALID_FORMAT",
        ),
        (
            "paymentNotifyUrl",
            json!("https://"),
            "paymentNotifyUrl",
            "INVALID_FORMAT",
        ),
        (
            "paymentNotifyUrl",
            json!("https://m.example/a b"),
            "paymentNotifyUrl",
            "INVALID_FORMAT",
        ),
        (
            "paymentNotifyUrl",
            json!(format!("https://m.example/{}", "a".repeat(2040))),
            "paymentNotifyUrl",
            "TOO_LONG",
        ),
        (
            "paymentRedirectUrl",
            json!("javascript:alert(1)"),
            "paymentRedirectUrl",
            "INVALID_FORMAT",
        ),
        (
            "settlementStrategy",
            json!(r),
            "settlementStrategy",
            "REQUIRED",
        ),
        (
            "settlementStrategy",
            json!({"settlementCurrency": "JPYY"}),
            "settlementStrategy.settlementCurrency",
            "TOO_LONG",
        ),
        (
            "merchantRegion",
            json!("HK"),
            "merchantRegion",
            "INVALID_VALUE",
        ),
        ("merchantRegion", json!("USA"), "merchantRegion", "TOO_LONG"),
        ("extra", json!("x"), "extra", "UNKNOWN_FIELD"),
        ("__proto__", json!({"x": 1}), "__proto__", "UNKNOWN_FIELD"),
    ];
    for (field, value, path, code) in rows {
        let mut input = valid_request();
        set(&mut input, field, value.clone());
        let issues = validate_pay(&input, Some(NOW), &PayRules::default()).unwrap();
        assert!(
            issues.iter().any(|i| i.path == path && i.code == code),
            "{field} = {value}: expected {path} {code}, got {issues:?}"
        );
        for i in &issues {
            assert!(!i.message.is_empty());
        }
    }
}

#[test]
fn every_issue_is_reported_not_just_the_first() {
    let mut input = valid_request();
    set(&mut input, "order.merchant.store.storeMCC", json!("abc"));
    set(&mut input, "order.goods.2.goodsName", json!("<remove>"));
    set(&mut input, "paymentAmount.currency", json!("XXX"));
    set(&mut input, "paymentNotifyUrl", json!("nope"));
    let issues = validate_pay(&input, Some(NOW), &PayRules::default()).unwrap();
    let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "order.merchant.store.storeMCC",
            "order.goods[2].goodsName",
            "paymentAmount.currency",
            "paymentNotifyUrl"
        ]
    );
}

#[test]
fn non_objects_are_one_typed_issue() {
    for v in [json!(null), json!(1), json!("x"), json!([])] {
        let issues = validate_pay(&v, None, &PayRules::default()).unwrap();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, "INVALID_TYPE");
        assert_eq!(issues[0].path, "$");
    }
}

#[test]
fn minor_units_conversion() {
    let ok = [
        ("12.34", "USD", "1234"),
        ("12", "USD", "1200"),
        ("12.5", "USD", "1250"),
        ("0.01", "USD", "1"),
        ("1200", "JPY", "1200"),
        ("12.00", "JPY", "12"),
        ("1.234", "BHD", "1234"),
        ("0.5", "KWD", "500"),
        ("1", "OMR", "1000"),
        ("0", "EUR", "0"),
        ("007.10", "SGD", "710"),
        ("99999999999999.99", "USD", "9999999999999999"),
    ];
    for (amount, cur, want) in ok {
        assert_eq!(to_minor_units(amount, cur).unwrap(), want, "{amount} {cur}");
    }
    let bad = [
        ("12.5", "JPY"),
        ("12.345", "USD"),
        ("-1", "USD"),
        ("+1", "USD"),
        ("1e3", "USD"),
        (".5", "USD"),
        ("5.", "USD"),
        ("", "USD"),
        (" 1", "USD"),
        ("1,000", "USD"),
        ("1.2.3", "USD"),
        ("NaN", "USD"),
        ("100000000000000.00", "USD"),
        ("1", "usd"),
        ("1", "XXX"),
        ("١٢", "USD"),
    ];
    for (amount, cur) in bad {
        assert!(
            to_minor_units(amount, cur).is_err(),
            "{amount} {cur} should fail"
        );
    }
    for (value, cur, want) in [
        ("1234", "USD", "12.34"),
        ("5", "USD", "0.05"),
        ("1200", "JPY", "1200"),
        ("1234", "BHD", "1.234"),
        ("0", "USD", "0.00"),
    ] {
        assert_eq!(from_minor_units(value, cur).unwrap(), want);
        assert_eq!(
            to_minor_units(&from_minor_units(value, cur).unwrap(), cur).unwrap(),
            value.trim_start_matches('0').to_string().max("0".into())
        );
    }
    assert!(from_minor_units("12.34", "USD").is_err());
    // Every currency on Antom's amount page, with the digits it gives.
    for c in ["CLP", "JPY", "KRW", "VND"] {
        assert_eq!(minor_units(c), Some(0), "{c}");
    }
    for c in
        "AUD BDT BRL CAD CNY EUR GBP HKD IDR MXN MYR NZD PEN PHP PKR PLN SGD THB TWD USD".split(' ')
    {
        assert_eq!(minor_units(c), Some(2), "{c}");
    }
}

#[test]
fn datetimes() {
    // Checked against `date -d ... +%s%3N` values.
    assert_eq!(
        parse_offset_datetime("2025-01-01T12:00:00.123+09:00"),
        Ok(1_735_700_400_123)
    );
    assert_eq!(parse_offset_datetime("1970-01-01T00:00:00+00:00"), Ok(0));
    assert_eq!(
        parse_offset_datetime("2024-02-29T23:59:59-05:30"),
        Ok(1_709_270_999_000)
    );
    for bad in [
        "2023-02-29T00:00:00+00:00",
        "2025-01-01T24:00:00+00:00",
        "2025-01-01T12:00:00",
        "2025-01-01T12:00:00+0900",
        "2025-01-01T12:00:00.+09:00",
        "2025-01-01T12:00:00+18:01",
        "2025-01-01T12:00:00-19:00",
        "2025-01-01T23:59:60+00:00",
    ] {
        assert!(parse_offset_datetime(bad).is_err(), "{bad}");
    }
    assert_eq!(
        format_utc_millis(1_735_700_400_123),
        "2025-01-01T03:00:00.123+00:00"
    );
    assert_eq!(
        parse_offset_datetime(&format_utc_millis(1_709_274_599_007)),
        Ok(1_709_274_599_007)
    );
}

#[test]
fn currency_lists_are_sorted_for_binary_search() {
    // minor_units() binary-searches one table built from the lists; every code must be found.
    for c in antom_checkout::known_currencies() {
        assert!(minor_units(c).is_some(), "{c} not found");
    }
    assert_eq!(antom_checkout::known_currencies().len(), 166);
}

#[test]
fn control_characters_in_text() {
    for (text, bad) in [
        ("ok\ttab\nline", false),
        ("a\u{7f}", true),
        ("a\u{85}b", true),
        ("a\u{9f}", true),
        ("a\u{a0}b", false),
        ("é😀", false),
        ("\u{1}", true),
    ] {
        let mut input = valid_request();
        input["order"]["orderDescription"] = json!(text);
        let issues = validate_pay(&input, Some(NOW), &PayRules::default()).unwrap();
        assert_eq!(
            issues.iter().any(|i| i.code == "INVALID_FORMAT"),
            bad,
            "{text:?}"
        );
    }
}

#[test]
fn every_table_fits_the_walk() {
    // The walk keeps one bit per field of an object (given, seen) and a field's index in a byte.
    for (name, fields) in antom_checkout::model::pay::OBJECTS {
        assert!(
            fields.len() <= antom_checkout::validate::MAX_FIELDS,
            "{name} has {} fields",
            fields.len()
        );
    }
}

#[test]
fn url_schemes_are_read_case_insensitively() {
    for url in [
        "HTTPS://shop.example/notify",
        "Https://shop.example/notify",
        "HTTP://127.0.0.1:8787/notify",
    ] {
        let mut r = valid_request();
        set(&mut r, "paymentNotifyUrl", json!(url));
        assert_eq!(
            validate_pay(&r, Some(NOW), &PayRules::default()).unwrap(),
            vec![],
            "{url}"
        );
    }
    let mut r = valid_request();
    set(&mut r, "paymentNotifyUrl", json!("HTTPS://"));
    let issues = validate_pay(&r, Some(NOW), &PayRules::default()).unwrap();
    assert_eq!(issues.len(), 1);
}

#[test]
fn an_amount_is_judged_as_tominorunits_does_each_problem_an_issue_at_its_path() {
    use antom_checkout::validate_amount;
    assert!(validate_amount("12.34", "USD", "amount").is_empty());
    let one = |a: &str, c: &str| {
        let issues = validate_amount(a, c, "paymentAmount.value");
        assert_eq!(issues.len(), 1, "{a} {c}");
        assert_eq!(issues[0].path, "paymentAmount.value");
        issues[0].code.name()
    };
    assert_eq!(one("12.5", "JPY"), "INVALID_VALUE");
    assert_eq!(one("", "JPY"), "REQUIRED");
    assert_eq!(one("1,000", "JPY"), "INVALID_FORMAT");
    assert_eq!(one("12.34", "ZZZ"), "UNSUPPORTED_CURRENCY");
    assert_eq!(one("99999999999999999", "JPY"), "OUT_OF_RANGE");
    for (a, c) in [
        ("0.5", "USD"),
        ("12.5", "JPY"),
        ("", "USD"),
        ("1.2345", "BHD"),
        ("007", "JPY"),
    ] {
        assert_eq!(
            validate_amount(a, c, "x").is_empty(),
            to_minor_units(a, c).is_ok(),
            "{a} {c}"
        );
    }
}
