//! Every Antom call the library makes, each described once: where it goes, what its request
//! may hold, which field is its idempotency key, which codes its answer can carry and what each
//! means, how an `S` answer is read, and which outcomes it can end in. Preparation
//! ([`crate::prepare`]), the client's resend and echo rules ([`crate::flow`]), interpretation
//! ([`Description::interpret`]), the JavaScript client's methods and the published types
//! (tests/generated.rs) all work from these descriptions; adding a call is adding one here.

use crate::outcome::{c, in_progress, Action, CodeInfo, Kind, Outcome, OTHER_CODES, PAY_CODES};
use antom_checkout_rules::model::followup::PAYMENT_REFERENCE;
use antom_checkout_rules::model::pay::PAY_REQUEST;
use antom_checkout_rules::model::schema::{opt, req, Field, Rule};
use Action::*;

/// Which call a request is: its description.
pub type Call = &'static Description;

/// What a call sends: the half of a description a checkout page needs (it never interprets).
#[derive(Debug)]
pub struct Request {
    /// The endpoint after the gateway's prefix, e.g. `/v1/payments/pay`.
    pub endpoint: &'static str,
    /// The body's rule table.
    pub fields: &'static [Field],
    /// Fields of which at least one must be given (a reference by either id).
    pub one_of: &'static [&'static str],
    /// The idempotency key: the merchant's id of this request, which a resend repeats and the
    /// answer must echo (`paymentRequestId`, `refundRequestId`).
    pub key: &'static str,
    /// The TypeScript name of the request type.
    #[cfg(not(target_arch = "wasm32"))]
    pub type_name: &'static str,
}

/// How an answer whose `result.resultStatus` is `S` is read.
#[derive(Debug)]
pub enum Success {
    /// The order is created: the outcome is `redirect` with the answer's `redirectActionForm`.
    Redirect,
    /// The call's effect is final: this kind, action and advice.
    Final(Kind, Action, &'static str),
    /// The call worked; a status field of the answer says what became of the object.
    Status(&'static StatusReading),
}

/// An inquiry: the call's own `result` says whether asking worked, a status field says what
/// became of the payment or refund.
#[derive(Debug)]
pub struct StatusReading {
    /// The status field's name (for people and types).
    #[cfg(not(target_arch = "wasm32"))]
    pub field: &'static str,
    /// The status field of an outcome.
    pub value: fn(&Outcome) -> Option<&str>,
    /// Each status value (compared case-insensitively) and what it means.
    pub values: &'static [(&'static str, Kind, Action, &'static str)],
    /// The code that says "no such object (yet)": the outcome is `notFound` with the code's
    /// action.
    pub not_found: &'static str,
    /// Another `F`: asking again will not resolve it. The outcome is `unknown` with this action
    /// and advice (the code's own advice follows).
    pub failed: (Action, &'static str),
}

/// One Antom call. The fields that only describe it (names, answer fields, kinds, type names)
/// are for the generated types, docs/calls.md and the tests: the wasm modules are built without
/// them (0.2 KB gzip).
#[derive(Debug)]
pub struct Description {
    /// Antom's name of the API (`inquiryPayment`).
    #[cfg(not(target_arch = "wasm32"))]
    pub name: &'static str,
    /// The client's method (`inquirePayment`), also the `call` of its events.
    pub method: &'static str,
    /// What it sends.
    pub request: &'static Request,
    /// Its result codes, looked up in order (the first table that knows a code decides).
    pub codes: &'static [&'static [CodeInfo]],
    /// How `S` is read.
    pub success: Success,
    /// The answer's fields besides `result` that its outcome carries (for the published types).
    #[cfg(not(target_arch = "wasm32"))]
    pub answer: &'static [&'static str],
    /// The outcome kinds it can end in.
    #[cfg(not(target_arch = "wasm32"))]
    pub kinds: &'static [Kind],
    /// The TypeScript name of its outcome type.
    #[cfg(not(target_arch = "wasm32"))]
    pub outcome_type: &'static str,
    /// The advice of an outcome that is not known.
    pub unknown_advice: &'static str,
    /// What to do when it is still unknown after every attempt, and the words for it.
    pub still_unknown: (Action, &'static str),
}

impl Description {
    /// The code's entry in this call's tables.
    pub fn lookup(&self, code: &str) -> Option<&'static CodeInfo> {
        self.codes
            .iter()
            .flat_map(|t| t.iter())
            .find(|c| c.code == code)
    }
}

/// Looks a code up in the payment calls' tables (pay, inquiryPayment, cancel).
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    PAY.lookup(code)
}

/// A call by its number at the JavaScript boundary (its position in [`CALLS`]).
pub fn by_kind(kind: u8) -> Option<&'static Description> {
    CALLS.get(usize::from(kind)).copied()
}

/// Every call, in the order of their numbers at the JavaScript boundary.
pub const CALLS: &[&Description] = &[&PAY, &INQUIRY_PAYMENT, &CANCEL, &REFUND, &INQUIRY_REFUND];

const ASK_PAYMENT: (Action, &str) = (
    InquirePayment,
    "inquire with the same paymentRequestId (never a new id while unknown)",
);

/// pay (Entry Code Payment), <https://docs.antom.com/ac/ams/ec>.
pub static PAY: Description = Description {
    #[cfg(not(target_arch = "wasm32"))]
    name: "pay",
    method: "pay",
    request: &PAY_REQ,
    codes: &[PAY_CODES, OTHER_CODES],
    success: Success::Redirect,
    #[cfg(not(target_arch = "wasm32"))]
    answer: &[
        "paymentRequestId",
        "paymentId",
        "paymentAmount",
        "paymentCreateTime",
        "paymentTime",
        "redirect",
        "challengeActionForm",
    ],
    #[cfg(not(target_arch = "wasm32"))]
    kinds: &[Kind::Redirect, Kind::Failed, Kind::Unknown],
    #[cfg(not(target_arch = "wasm32"))]
    outcome_type: "PayOutcome",
    unknown_advice: crate::outcome::UNKNOWN_ADVICE,
    still_unknown: ASK_PAYMENT,
};

/// The request half of [`PAY`].
pub static PAY_REQ: Request = Request {
    endpoint: "/v1/payments/pay",
    fields: PAY_REQUEST,
    one_of: &[],
    key: "paymentRequestId",
    #[cfg(not(target_arch = "wasm32"))]
    type_name: "PayRequest",
};

/// inquiryPayment, <https://docs.antom.com/ac/ams/paymentri>.
pub static INQUIRY_PAYMENT: Description = Description {
    #[cfg(not(target_arch = "wasm32"))]
    name: "inquiryPayment",
    method: "inquirePayment",
    request: &INQUIRY_PAYMENT_REQ,
    codes: &[PAY_CODES, OTHER_CODES],
    success: Success::Status(&StatusReading {
        #[cfg(not(target_arch = "wasm32"))]
        field: "paymentStatus",
        value: |o| o.payment_status.as_deref(),
        values: &[
            ("SUCCESS", Kind::Paid, FulfilOrder, "Paid: fulfil the order and show the shopper the result."),
            ("FAIL", Kind::Failed, ShowDeclined, "The payment failed; a new attempt needs a new paymentRequestId."),
            ("PROCESSING", Kind::Processing, InquirePayment, "The shopper has not finished: wait for the notification, inquire again later, cancel after the expiry."),
            ("PENDING", Kind::Processing, InquirePayment, "The shopper has not finished: wait for the notification, inquire again later, cancel after the expiry."),
            ("CANCELLED", Kind::Cancelled, NewPaymentRequest, "The payment is cancelled; a new attempt needs a new paymentRequestId."),
        ],
        not_found: "ORDER_NOT_EXIST",
        // The Entry Code rule (spec.md section 7; the legacy in-store SDK does the same) is to
        // cancel, so that Antom and the merchant agree nothing is charged.
        failed: (CancelPayment, "Antom answered the inquiry F, so asking again will not resolve it: cancel the payment with the same paymentRequestId."),
    }),
    #[cfg(not(target_arch = "wasm32"))]
    answer: &[
        "paymentRequestId",
        "paymentId",
        "paymentStatus",
        "paymentResultCode",
        "paymentResultMessage",
        "paymentAmount",
        "paymentCreateTime",
        "paymentTime",
        "authExpiryTime",
    ],
    #[cfg(not(target_arch = "wasm32"))]
    kinds: &[
        Kind::Paid,
        Kind::Failed,
        Kind::Processing,
        Kind::Cancelled,
        Kind::NotFound,
        Kind::Unknown,
    ],
    #[cfg(not(target_arch = "wasm32"))]
    outcome_type: "InquiryOutcome",
    unknown_advice: crate::outcome::UNKNOWN_ADVICE,
    still_unknown: ASK_PAYMENT,
};

/// The request half of [`INQUIRY_PAYMENT`].
pub static INQUIRY_PAYMENT_REQ: Request = Request {
    endpoint: "/v1/payments/inquiryPayment",
    fields: PAYMENT_REFERENCE,
    one_of: &["paymentRequestId", "paymentId"],
    key: "paymentRequestId",
    #[cfg(not(target_arch = "wasm32"))]
    type_name: "PaymentReference",
};

/// cancel, <https://docs.antom.com/ac/ams/paymentc>.
pub static CANCEL: Description = Description {
    #[cfg(not(target_arch = "wasm32"))]
    name: "cancel",
    method: "cancel",
    request: &CANCEL_REQ,
    codes: &[PAY_CODES, OTHER_CODES],
    success: Success::Final(
        Kind::Cancelled,
        NewPaymentRequest,
        "Cancelled: nothing will be charged under this paymentRequestId.",
    ),
    #[cfg(not(target_arch = "wasm32"))]
    answer: &["paymentRequestId", "paymentId", "cancelTime"],
    #[cfg(not(target_arch = "wasm32"))]
    kinds: &[Kind::Cancelled, Kind::Failed, Kind::Unknown],
    #[cfg(not(target_arch = "wasm32"))]
    outcome_type: "CancelOutcome",
    unknown_advice: crate::outcome::UNKNOWN_ADVICE,
    still_unknown: (RetrySameRequest, "resend the same cancel"),
};

/// The request half of [`CANCEL`].
pub static CANCEL_REQ: Request = Request {
    endpoint: "/v1/payments/cancel",
    fields: PAYMENT_REFERENCE,
    one_of: &["paymentRequestId", "paymentId"],
    key: "paymentRequestId",
    #[cfg(not(target_arch = "wasm32"))]
    type_name: "PaymentReference",
};

/// The refund request, in canonical key order (<https://docs.antom.com/ac/ams/refund>).
pub const REFUND_REQUEST: &[Field] = &[
    req("refundRequestId", 64, Rule::Id),
    req("paymentId", 64, Rule::Text),
    opt("referenceRefundId", 64, Rule::Text),
    req("refundAmount", 0, Rule::Amount { positive: true }),
    opt("refundReason", 256, Rule::Text),
];

const REFUND_UNKNOWN: &str = "The refund's state is unknown: resend the same refund (same refundRequestId, identical body), then inquire with inquireRefund.";

/// refund's result codes (docs/calls.md: Antom's refund pages, with the status each gives).
/// Codes only the payment tables know are read from those.
pub const REFUND_CODES: &[CodeInfo] = &[
    c("SUCCESS", 'S', RecordRefund, "Refunded: record the refund against the order and tell the shopper."),
    c("MERCHANT_BALANCE_NOT_ENOUGH", 'F', NewRefundRequest, "The merchant's balance is too low for this refund: fund the account, then refund with a new refundRequestId."),
    c("MULTIPLE_REFUNDS_NOT_SUPPORTED", 'F', ContactSupport, "This payment takes one refund only, and it already has one."),
    c("ORDER_IS_CANCELED", 'F', FixRequest, "The payment was cancelled: nothing was charged, so nothing can be refunded."),
    c("ORDER_IS_CLOSED", 'F', ContactSupport, "The payment is closed and can no longer be refunded."),
    c("ORDER_NOT_EXIST", 'F', FixRequest, "Antom has no payment under this paymentId: check the paymentId."),
    c("ORDER_STATUS_INVALID", 'F', InquirePayment, "The payment is not refundable in its state (not paid yet, still processing, or failed): inquire the payment; never refund a failed one."),
    c("REFUND_AMOUNT_EXCEED", 'F', FixRequest, "The refunds of this payment would exceed its amount."),
    c("REFUND_WINDOW_EXCEED", 'F', ContactSupport, "The contract's refund window for this payment has passed."),
    c("REPEAT_REQ_INCONSISTENT", 'F', FixRequest, "This refundRequestId was already used with another body; never change a refund under the same id."),
    c("RISK_REJECT", 'F', ContactSupport, "Antom's risk control refused the refund."),
    c("USER_STATUS_ABNORMAL", 'F', ContactSupport, "The shopper's wallet account cannot take the refund."),
    in_progress("REFUND_IN_PROCESS", InquireRefund, "Antom accepted the refund and is processing it: inquire with inquireRefund (same refundRequestId); never send another refund for it."),
    c("REQUEST_TRAFFIC_EXCEED_LIMIT", 'U', RetrySameRequest, "Rate limited: back off, then resend the same refund."),
    c("UNKNOWN_EXCEPTION", 'U', RetrySameRequest, REFUND_UNKNOWN),
];

/// refund, <https://docs.antom.com/ac/ams/refund>.
pub static REFUND: Description = Description {
    #[cfg(not(target_arch = "wasm32"))]
    name: "refund",
    method: "refund",
    request: &REFUND_REQ,
    codes: &[REFUND_CODES, PAY_CODES, OTHER_CODES],
    success: Success::Final(
        Kind::Refunded,
        RecordRefund,
        "Refunded: record the refund against the order and tell the shopper.",
    ),
    #[cfg(not(target_arch = "wasm32"))]
    answer: &[
        "refundRequestId",
        "refundId",
        "paymentId",
        "refundAmount",
        "refundTime",
    ],
    #[cfg(not(target_arch = "wasm32"))]
    kinds: &[
        Kind::Refunded,
        Kind::Failed,
        Kind::Processing,
        Kind::Unknown,
    ],
    #[cfg(not(target_arch = "wasm32"))]
    outcome_type: "RefundOutcome",
    unknown_advice: REFUND_UNKNOWN,
    still_unknown: (
        InquireRefund,
        "inquire with the same refundRequestId (never a new id while unknown)",
    ),
};

/// The request half of [`REFUND`].
pub static REFUND_REQ: Request = Request {
    endpoint: "/v1/payments/refund",
    fields: REFUND_REQUEST,
    one_of: &[],
    key: "refundRequestId",
    #[cfg(not(target_arch = "wasm32"))]
    type_name: "RefundRequest",
};

/// The inquiryRefund request (<https://docs.antom.com/ac/ams/ir_online>): the refund is named by
/// `refundRequestId` or `refundId` (at least one; Antom prefers `refundId` when both are given).
pub const REFUND_REFERENCE: &[Field] = &[
    opt("refundRequestId", 64, Rule::Id),
    opt("refundId", 64, Rule::Text),
];

/// inquiryRefund's own result codes; the rest are read as refund's and the payment calls'.
pub const INQUIRY_REFUND_CODES: &[CodeInfo] = &[
    c("SUCCESS", 'S', InquireRefund, "The inquiry worked: refundStatus says what became of the refund."),
    c("REFUND_NOT_EXIST", 'F', ResendRefund, "Antom has no refund under this id: it never arrived. Resend the same refund (same refundRequestId, identical body); Antom refunds once per refundRequestId."),
    c("REQUEST_TRAFFIC_EXCEED_LIMIT", 'U', RetrySameRequest, "Rate limited: back off, then ask again."),
    c("UNKNOWN_EXCEPTION", 'U', RetrySameRequest, "Antom could not answer: ask again with the same refundRequestId."),
];

/// inquiryRefund, <https://docs.antom.com/ac/ams/ir_online>.
pub static INQUIRY_REFUND: Description = Description {
    #[cfg(not(target_arch = "wasm32"))]
    name: "inquiryRefund",
    method: "inquireRefund",
    request: &INQUIRY_REFUND_REQ,
    codes: &[INQUIRY_REFUND_CODES, REFUND_CODES, PAY_CODES, OTHER_CODES],
    success: Success::Status(&StatusReading {
        #[cfg(not(target_arch = "wasm32"))]
        field: "refundStatus",
        value: |o| o.refund_status.as_deref(),
        values: &[
            ("SUCCESS", Kind::Refunded, RecordRefund, "Refunded: record the refund against the order and tell the shopper."),
            ("FAIL", Kind::Failed, NewRefundRequest, "The refund failed: nothing was refunded under this refundRequestId. Refund again with a new refundRequestId, or ask Antom support why."),
            ("PROCESSING", Kind::Processing, InquireRefund, "Antom is still processing the refund: inquire again later; never send another refund for it."),
        ],
        not_found: "REFUND_NOT_EXIST",
        failed: (ContactSupport, "Antom answered the refund inquiry F, so asking again will not resolve it: the refund's state stays unknown until Antom support says; never send a new refund for it meanwhile."),
    }),
    #[cfg(not(target_arch = "wasm32"))]
    answer: &[
        "refundRequestId",
        "refundId",
        "refundStatus",
        "refundAmount",
        "refundReason",
        "refundTime",
    ],
    #[cfg(not(target_arch = "wasm32"))]
    kinds: &[
        Kind::Refunded,
        Kind::Failed,
        Kind::Processing,
        Kind::NotFound,
        Kind::Unknown,
    ],
    #[cfg(not(target_arch = "wasm32"))]
    outcome_type: "InquiryRefundOutcome",
    unknown_advice: "The refund's state is still unknown: inquire again with the same refundRequestId.",
    still_unknown: (InquireRefund, "inquire again with the same refundRequestId"),
};

/// The request half of [`INQUIRY_REFUND`].
pub static INQUIRY_REFUND_REQ: Request = Request {
    endpoint: "/v1/payments/inquiryRefund",
    fields: REFUND_REFERENCE,
    one_of: &["refundRequestId", "refundId"],
    key: "refundRequestId",
    #[cfg(not(target_arch = "wasm32"))]
    type_name: "RefundReference",
};
