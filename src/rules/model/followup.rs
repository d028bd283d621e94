//! inquiryPayment and cancel requests: the payment is named by `paymentRequestId` or
//! `paymentId` (at least one; Antom prefers `paymentId` when both are given).

use super::schema::{opt, Field, Rule};

/// The body of inquiryPayment and of cancel, in canonical key order.
pub const PAYMENT_REFERENCE: &[Field] = &[
    opt("paymentRequestId", 64, Rule::Id),
    opt("paymentId", 64, Rule::Text),
    opt("merchantAccountId", 32, Rule::Text),
];
