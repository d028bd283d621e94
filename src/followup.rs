//! The calls that finish the flow, by name: inquiryPayment
//! (<https://docs.antom.com/ac/ams/paymentri>) and cancel (<https://docs.antom.com/ac/ams/paymentc>).
//! Their descriptions are in [`crate::calls`]; these read an answer with them.

use crate::calls::{CANCEL, INQUIRY_PAYMENT};
use crate::interpret::interpret;
use crate::outcome::Outcome;

/// Interprets a raw inquiryPayment answer: the call's own `result` says whether asking worked,
/// `paymentStatus` what became of the payment.
pub fn interpret_inquiry(status: u16, body: &str) -> Outcome {
    interpret(&INQUIRY_PAYMENT, status, body)
}

/// Interprets a raw cancel answer: `S` cancelled, `F` not cancelled (as Antom said), anything
/// else unknown (resend the same cancel).
pub fn interpret_cancel(status: u16, body: &str) -> Outcome {
    interpret(&CANCEL, status, body)
}
