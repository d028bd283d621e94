//! The calls that finish the flow: inquiryPayment (<https://docs.antom.com/ac/ams/paymentri>)
//! and cancel (<https://docs.antom.com/ac/ams/paymentc>). The call's own `result` says whether
//! the call worked; for an inquiry, `paymentStatus` says what became of the payment.

use crate::outcome::{lookup, read_answer, Action, Kind, Outcome, RawJson};

/// Interprets a raw inquiryPayment answer.
pub fn interpret_inquiry(status: u16, body: &str) -> Outcome {
    let (mut o, a) = read_answer(status, body);
    let Some(mut a) = a else { return o };
    o.payment_status = a.payment_status.take();
    o.payment_result_code = a.payment_result_code.take();
    o.payment_result_message = a.payment_result_message.take();
    o.auth_expiry_time = a.auth_expiry_time.take();
    match o.kind {
        // The inquiry worked: the payment's state decides (case-insensitive: the EC guide's own
        // sample writes "Success").
        Kind::Redirect => {
            let state = o
                .payment_status
                .as_deref()
                .unwrap_or("")
                .to_ascii_uppercase();
            let (kind, action, advice) = match state.as_str() {
                "SUCCESS" => (Kind::Paid, Action::FulfilOrder, "Paid: fulfil the order and show the shopper the result."),
                "FAIL" => (Kind::Failed, Action::ShowDeclined, "The payment failed; a new attempt needs a new paymentRequestId."),
                "PROCESSING" | "PENDING" => (Kind::Processing, Action::InquirePayment, "The shopper has not finished: wait for the notification, inquire again later, cancel after the expiry."),
                "CANCELLED" => (Kind::Cancelled, Action::NewPaymentRequest, "The payment is cancelled; a new attempt needs a new paymentRequestId."),
                _ => (Kind::Unknown, Action::InquirePayment, "The inquiry answered no known paymentStatus; inquire again."),
            };
            o.kind = kind;
            o.action = action;
            o.retryable = kind == Kind::Unknown || kind == Kind::Processing;
            o.advice = advice.into();
            if kind == Kind::Unknown {
                o.reason = Some(crate::outcome::reasons::MISSING_RESULT);
            }
        }
        Kind::Failed if o.result_code.as_deref() == Some("ORDER_NOT_EXIST") => {
            o.kind = Kind::NotFound;
            o.action = Action::InquirePayment;
            o.retryable = true;
            o.advice = "Antom has no payment under this id yet: the pay may still be in flight. Inquire again; if it stays absent past the expiry, nothing was charged.".into();
        }
        // Antom answered the inquiry F: asking again will not resolve it. The Entry Code rule
        // (spec.md section 7; the legacy in-store SDK does the same) is to cancel the payment,
        // so that Antom and the merchant agree nothing is charged.
        Kind::Failed => {
            let cause = o.result_code.as_deref().and_then(lookup).map(|c| c.advice);
            o.kind = Kind::Unknown;
            o.action = Action::CancelPayment;
            o.retryable = false;
            o.reason = Some(crate::outcome::reasons::INQUIRY_FAILED);
            o.advice = match cause {
                Some(c) => format!("Antom answered the inquiry F, so asking again will not resolve it: cancel the payment with the same paymentRequestId. The code says: {c}"),
                None => "Antom answered the inquiry F, so asking again will not resolve it: cancel the payment with the same paymentRequestId.".into(),
            };
        }
        _ => {}
    }
    o.raw = Some(RawJson(body.to_string()));
    o
}

/// Interprets a raw cancel answer: `S` cancelled, `F` not cancelled (as Antom said), anything
/// else unknown (resend the same cancel).
pub fn interpret_cancel(status: u16, body: &str) -> Outcome {
    let (mut o, a) = read_answer(status, body);
    let Some(mut a) = a else { return o };
    o.cancel_time = a.cancel_time.take();
    if o.kind == Kind::Redirect {
        o.kind = Kind::Cancelled;
        o.action = Action::NewPaymentRequest;
        o.advice = "Cancelled: nothing will be charged under this paymentRequestId.".into();
    }
    o.raw = Some(RawJson(body.to_string()));
    o
}
