//! Result codes against the reference page's own table, and the interpretation of raw answers.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::{interpret_pay, lookup, Action, Kind, Reason, PAY_CODES};
use common::read;

/// Reads `CODE | S/F/U | ...` rows from the reference page itself.
fn reference_rows() -> Vec<(String, char)> {
    reference_actions()
        .into_iter()
        .map(|(code, status, _)| (code, status))
        .collect()
}

#[test]
fn every_code_of_the_reference_page_is_known_with_its_status() {
    let rows = reference_rows();
    assert!(
        rows.len() >= 29,
        "the page's table was not read: {} rows",
        rows.len()
    );
    for (code, status) in &rows {
        let info = lookup(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(info.status, *status, "{code}");
    }
    // And the library's pay table holds nothing the page does not have.
    for info in PAY_CODES {
        assert!(
            rows.iter().any(|(c, _)| c == info.code),
            "{} is not on the page",
            info.code
        );
    }
}

fn answer(status: &str, code: &str) -> String {
    format!(
        r#"{{"result":{{"resultStatus":"{status}","resultCode":"{code}","resultMessage":"m"}}}}"#
    )
}

#[test]
fn every_reference_code_interprets_to_its_status() {
    for (code, status) in reference_rows() {
        let o = interpret_pay(200, &answer(&status.to_string(), &code));
        let expected = match status {
            'F' => Kind::Failed,
            'U' => Kind::Unknown,
            _ => Kind::Unknown, // S without a redirect is not followable: unknown, inquire
        };
        assert_eq!(o.kind, expected, "{code}");
        assert_eq!(o.result_code.as_deref(), Some(code.as_str()));
        assert_eq!(o.retryable, status == 'U' || status == 'S', "{code}");
        if status == 'F' {
            assert!(
                !matches!(o.action, Action::RetrySameRequest | Action::RedirectShopper),
                "{code}"
            );
        }
    }
}

/// `CODE | S/F/U | message | further action` rows of the reference page itself.
fn reference_actions() -> Vec<(String, char, String)> {
    read("reference_pay_entry_code.txt")
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let ok = cells.len() > 3
                && !cells[0].is_empty()
                && cells[0]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_')
                && matches!(cells[1], "S" | "F" | "U");
            ok.then(|| {
                (
                    cells[0].to_string(),
                    cells[1].chars().next().unwrap(),
                    cells[3].to_string(),
                )
            })
        })
        .collect()
}

/// The page's "Further action" words -> the library's action, written once. The first phrase
/// found in a row decides (the more specific phrases come first).
const PAGE_WORDS: &[(&str, Action)] = &[
    (
        "Check whether the client ID is correct",
        Action::FixConfiguration,
    ),
    ("Check whether the private key", Action::FixConfiguration),
    ("register the merchant", Action::FixConfiguration),
    ("Check whether the URL is correct", Action::FixConfiguration),
    (
        "Check whether the currency is supported by the wallet",
        Action::FixConfiguration,
    ),
    (
        "Check whether the parameter values in the contract",
        Action::FixRequest,
    ),
    (
        "Check whether the media type is correct",
        Action::FixRequest,
    ),
    ("Ensure the HTTP method is POST", Action::FixRequest),
    (
        "Check and verify whether the required request fields",
        Action::FixRequest,
    ),
    (
        "Ensure all the fields in the requests are the same",
        Action::FixRequest,
    ),
    ("use a lower amount", Action::ShowDeclined),
    (
        "Prompt the user that the request is rejected",
        Action::ShowDeclined,
    ),
    ("Use a new paymentRequestId", Action::NewPaymentRequest),
    ("Call the interface again", Action::RetrySameRequest),
    ("Contact Antom Technical Support", Action::ContactSupport),
    ("contact Antom Technical Support", Action::ContactSupport),
];

/// Where the library knowingly departs from the page; each is in docs/choices.md's table of
/// where Antom's sources disagree.
const DEPARTURES: &[(&str, Action, &str)] = &[
    // The page: "no further action is needed". For Entry Code an S means "order created": the
    // shopper still has to pay in the wallet.
    ("SUCCESS", Action::RedirectShopper, "`SUCCESS`"),
    // The page: "Use a new paymentRequestId". That can charge a shopper twice.
    (
        "PAYMENT_IN_PROCESS",
        Action::InquirePayment,
        "`PAYMENT_IN_PROCESS`",
    ),
];

#[test]
fn every_code_has_the_action_of_the_page_further_action_column() {
    let rows = reference_actions();
    assert!(rows.len() >= 29, "the page's table was not read");
    let choices =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/choices.md")).unwrap();
    for (code, _, words) in &rows {
        let info = lookup(code).unwrap();
        if let Some((_, action, doc_key)) = DEPARTURES.iter().find(|d| d.0 == code) {
            assert_eq!(info.action, *action, "{code}: documented departure");
            assert!(
                choices.contains(doc_key),
                "{code}: the departure is not in docs/choices.md"
            );
            continue;
        }
        let expected = PAGE_WORDS
            .iter()
            .find(|(phrase, _)| words.contains(phrase))
            .map(|(_, a)| *a)
            .unwrap_or_else(|| panic!("{code}: no mapping for the page's words {words:?}"));
        assert_eq!(info.action, expected, "{code}: the page says {words:?}");
    }
}

#[test]
fn the_status_decides_when_status_and_code_disagree() {
    // F with a U code: Antom said F, so it failed; the U code's action (resend) must not leak.
    for code in [
        "PAYMENT_IN_PROCESS",
        "UNKNOWN_EXCEPTION",
        "REQUEST_TRAFFIC_EXCEED_LIMIT",
    ] {
        let o = interpret_pay(200, &answer("F", code));
        assert_eq!(o.kind, Kind::Failed, "{code}");
        assert!(!o.retryable, "{code}");
        assert_ne!(o.action, lookup(code).unwrap().action, "{code}");
    }
    // U with an F code: unknown and retryable, never the F code's final action.
    for code in ["RISK_REJECT", "ORDER_IS_CLOSED", "PARAM_ILLEGAL"] {
        let o = interpret_pay(200, &answer("U", code));
        assert_eq!((o.kind, o.retryable), (Kind::Unknown, true), "{code}");
        assert_eq!(o.action, Action::RetrySameRequest, "{code}");
    }
    // S with an F code and a redirect: S wins (the redirect is what Antom asks for).
    let body = r#"{"result":{"resultStatus":"S","resultCode":"RISK_REJECT"},"redirectActionForm":{"redirectUrl":"https://wallet.example/x"}}"#;
    let o = interpret_pay(200, body);
    assert_eq!(
        (o.kind, o.action),
        (Kind::Redirect, Action::RedirectShopper)
    );
    // F with an F code: that code's own action, which differs between codes.
    let a = interpret_pay(200, &answer("F", "CLIENT_INVALID")).action;
    let b = interpret_pay(200, &answer("F", "RISK_REJECT")).action;
    assert_eq!((a, b), (Action::FixConfiguration, Action::ShowDeclined));
}

#[test]
fn money_safety_for_codes_the_page_gets_wrong() {
    // The page advises a new id for PAYMENT_IN_PROCESS; that can charge twice. We inquire.
    let o = interpret_pay(200, &answer("U", "PAYMENT_IN_PROCESS"));
    assert_eq!(o.action, Action::InquirePayment);
    assert_eq!(o.kind, Kind::Unknown);
}

#[test]
fn success_with_redirect() {
    let o = interpret_pay(200, &read("03_pay_response/body.json"));
    assert_eq!(o.kind, Kind::Redirect);
    assert_eq!(o.action, Action::RedirectShopper);
    let r = o.redirect.unwrap();
    assert_eq!(
        r.redirect_url,
        "https://wallet.example.com/cashier?token=EXAMPLE-TOKEN-0001"
    );
    assert_eq!(r.method.as_deref(), Some("GET"));
    assert_eq!(
        o.payment_id.as_deref(),
        Some("20250101114010800100188000000000001")
    );
    assert_eq!(o.payment_amount.unwrap().value, "1200");
}

#[test]
fn ambiguity_is_never_failure() {
    let cases: &[(u16, &str, Reason)] = &[
        (
            500,
            r#"{"result":{"resultStatus":"F","resultCode":"PROCESS_FAIL"}}"#,
            Reason::HttpStatus,
        ),
        (502, "", Reason::HttpStatus),
        (200, "<html>", Reason::UnparsableBody),
        (
            200,
            r#"{"result":{"resultStatus":"F""#,
            Reason::UnparsableBody,
        ),
        (200, "{}", Reason::MissingResult),
        (
            200,
            r#"{"result":{"resultStatus":"X","resultCode":"PROCESS_FAIL"}}"#,
            Reason::MissingResult,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"f","resultCode":"PROCESS_FAIL"}}"#,
            Reason::MissingResult,
        ),
        (200, r#"{"result":"F"}"#, Reason::MissingResult),
        (
            200,
            r#"{"result":{"resultStatus":"U","resultCode":"SOMETHING_NEW"}}"#,
            Reason::ResultUnknown,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}"#,
            Reason::MissingRedirect,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"S"},"redirectActionForm":{"redirectUrl":"javascript:alert(1)"}}"#,
            Reason::UnsafeRedirect,
        ),
    ];
    for (status, body, reason) in cases {
        let o = interpret_pay(*status, body);
        assert_eq!(o.kind, Kind::Unknown, "{status} {body}");
        assert_eq!(o.reason, Some(*reason), "{status} {body}");
        assert!(o.retryable);
    }
}

#[test]
fn lenient_scalars_and_unknown_codes() {
    // Numbers and booleans where strings are documented; unknown fields ignored.
    let o = interpret_pay(
        200,
        r#"{"result":{"resultStatus":"F","resultCode":"BRAND_NEW_CODE"},"paymentAmount":{"currency":"USD","value":1200},"x":[1]}"#,
    );
    assert_eq!(o.kind, Kind::Failed);
    assert_eq!(o.action, Action::ContactSupport);
    assert_eq!(o.payment_amount.unwrap().value, "1200");
    // Absent stays absent.
    assert!(o.payment_id.is_none() && o.payment_time.is_none());
    // SCAN with a wallet scheme is followed as-is.
    let o = interpret_pay(
        200,
        r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"redirectActionForm":{"method":"SCAN","redirectUrl":"alipays://platformapi/startapp?x=1"}}"#,
    );
    assert_eq!(o.kind, Kind::Redirect);
}

#[test]
fn a_pay_answer_names_its_wallet_app_when_antom_sends_it() {
    let body = r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"},"paymentRequestId":"P1","paymentId":"A1","appIdentifier":"com.alipay.android","redirectActionForm":{"method":"GET","redirectUrl":"https://wallet.example/pay"}}"#;
    let o = interpret_pay(200, body);
    assert_eq!(o.kind, Kind::Redirect);
    assert_eq!(o.app_identifier.as_deref(), Some("com.alipay.android"));
    let json = antom_checkout::to_json(&o);
    assert!(
        json.contains(r#""appIdentifier":"com.alipay.android""#),
        "{json}"
    );
    assert_eq!(
        interpret_pay(200, &answer("F", "RISK_REJECT")).app_identifier,
        None
    );
}
