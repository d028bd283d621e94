//! Result codes against the reference page's own table, and the interpretation of raw answers.
#![cfg(not(target_arch = "wasm32"))]
mod common;
use antom_checkout::outcome::{interpret_pay, lookup, reasons, Action, Kind, PAY_CODES};
use common::read;

/// Reads `CODE | S/F/U | ...` rows from the reference page itself.
fn reference_rows() -> Vec<(String, char)> {
    read("reference_pay_entry_code.txt")
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let ok = cells.len() > 2
                && !cells[0].is_empty()
                && cells[0]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_')
                && matches!(cells[1], "S" | "F" | "U");
            ok.then(|| (cells[0].to_string(), cells[1].chars().next().unwrap()))
        })
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
    let cases: &[(u16, &str, &str)] = &[
        (
            500,
            r#"{"result":{"resultStatus":"F","resultCode":"PROCESS_FAIL"}}"#,
            reasons::HTTP_STATUS,
        ),
        (502, "", reasons::HTTP_STATUS),
        (200, "<html>", reasons::UNPARSABLE_BODY),
        (
            200,
            r#"{"result":{"resultStatus":"F""#,
            reasons::UNPARSABLE_BODY,
        ),
        (200, "{}", reasons::MISSING_RESULT),
        (
            200,
            r#"{"result":{"resultStatus":"X","resultCode":"PROCESS_FAIL"}}"#,
            reasons::MISSING_RESULT,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"f","resultCode":"PROCESS_FAIL"}}"#,
            reasons::MISSING_RESULT,
        ),
        (200, r#"{"result":"F"}"#, reasons::MISSING_RESULT),
        (
            200,
            r#"{"result":{"resultStatus":"U","resultCode":"SOMETHING_NEW"}}"#,
            reasons::RESULT_UNKNOWN,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}"#,
            reasons::MISSING_REDIRECT,
        ),
        (
            200,
            r#"{"result":{"resultStatus":"S"},"redirectActionForm":{"redirectUrl":"javascript:alert(1)"}}"#,
            reasons::UNSAFE_REDIRECT,
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
