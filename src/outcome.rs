//! Result codes -> what the merchant does next. Every code of the pay (Entry Code Payment)
//! reference page is here with the status that page gives; the interpretation of a raw answer
//! never reports `F` unless Antom said `F`, and anything ambiguous is "unknown".

use serde::Serialize;

/// What the merchant should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    /// Send the shopper to the redirect (the wallet) and wait for the notification or inquiry.
    RedirectShopper,
    /// Send the same request again: same paymentRequestId, byte-identical body, fresh signature.
    #[default]
    RetrySameRequest,
    /// Ask Antom for the payment's state with inquiryPayment (same paymentRequestId).
    InquirePayment,
    /// The request itself is wrong; fix it. Do not resend it unchanged.
    FixRequest,
    /// Credentials, keys, endpoint or merchant set-up are wrong; fix the configuration.
    FixConfiguration,
    /// This paymentRequestId is finished; a new attempt needs a new paymentRequestId.
    NewPaymentRequest,
    /// Tell the shopper the payment was declined; a new attempt needs a new paymentRequestId.
    ShowDeclined,
    /// Only Antom support can resolve this.
    ContactSupport,
    /// Cancel the payment (same paymentRequestId): an inquiry Antom answered `F` will not
    /// resolve by asking again, and Entry Code closes such a payment by cancelling it.
    CancelPayment,
    /// The payment is complete: fulfil the order.
    FulfilOrder,
    /// Ask Antom for the refund's state with inquiryRefund (same refundRequestId).
    InquireRefund,
    /// The refund is done: record it against the order and tell the shopper.
    RecordRefund,
    /// Antom has no refund under this id: send the same refund again (same refundRequestId,
    /// byte-identical body). Safe: Antom refunds once per refundRequestId.
    ResendRefund,
    /// This refundRequestId is finished without a refund; another attempt needs a new
    /// refundRequestId.
    NewRefundRequest,
}

impl Action {
    /// Every action (the published types are generated from this list).
    pub const ALL: &'static [Action] = &[
        RedirectShopper,
        RetrySameRequest,
        InquirePayment,
        FixRequest,
        FixConfiguration,
        NewPaymentRequest,
        ShowDeclined,
        ContactSupport,
        CancelPayment,
        FulfilOrder,
        InquireRefund,
        RecordRefund,
        ResendRefund,
        NewRefundRequest,
    ];
}

/// One known result code.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    /// The resultCode.
    pub code: &'static str,
    /// Its resultStatus: `S`, `F` or `U`.
    pub status: char,
    /// What to do next.
    pub action: Action,
    /// Whether sending the same request again can change the answer.
    pub retryable: bool,
    /// `U` codes that mean "accepted, still in progress" rather than "not known" (refund's
    /// `REFUND_IN_PROCESS`): the outcome is `processing`, resolved by inquiring.
    pub processing: bool,
    /// A short explanation for developers.
    pub advice: &'static str,
}

/// A code of a table: `U` codes may be sent again, `S` and `F` are final.
pub const fn c(code: &'static str, status: char, action: Action, advice: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        status,
        action,
        retryable: status == 'U',
        processing: false,
        advice,
    }
}

/// A `U` code that means the call was accepted and is still in progress.
pub const fn in_progress(code: &'static str, action: Action, advice: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        status: 'U',
        action,
        retryable: false,
        processing: true,
        advice,
    }
}

use Action::*;

/// Every code of the pay (Entry Code Payment) reference page's table, with its status.
pub const PAY_CODES: &[CodeInfo] = &[
    c("SUCCESS", 'S', RedirectShopper, "Order created: redirect the shopper; the payment is final only after notifyPayment or inquiryPayment."),
    c("ACCESS_DENIED", 'F', ContactSupport, "Access denied for this merchant; Antom support knows why."),
    c("INVALID_API", 'F', ContactSupport, "This API is not active for the merchant."),
    c("CLIENT_INVALID", 'F', FixConfiguration, "The Client-Id is wrong or restricted."),
    c("CURRENCY_NOT_SUPPORT", 'F', ContactSupport, "The currency is not enabled for this merchant."),
    c("INVALID_CONTRACT", 'F', FixRequest, "Request values do not match the merchant's contract (currency, product, region)."),
    c("INVALID_MERCHANT_STATUS", 'F', ContactSupport, "The merchant account is restricted."),
    c("INVALID_SIGNATURE", 'F', FixConfiguration, "Antom could not verify the signature: the private key does not match the public key uploaded for this Client-Id, or the signed bytes differ from the sent bytes."),
    c("KEY_NOT_FOUND", 'F', FixConfiguration, "No key is registered for this Client-Id (or keyVersion)."),
    c("MEDIA_TYPE_NOT_ACCEPTABLE", 'F', FixRequest, "Send Content-Type application/json; charset=UTF-8."),
    c("MERCHANT_KYB_NOT_QUALIFIED", 'F', ContactSupport, "The merchant's KYB status does not allow this payment."),
    c("MERCHANT_NOT_REGISTERED", 'F', FixConfiguration, "Register the (secondary) merchant first."),
    c("METHOD_NOT_SUPPORTED", 'F', FixRequest, "Only POST is accepted."),
    c("NO_INTERFACE_DEF", 'F', FixConfiguration, "The URL does not name an API: check the gateway and path prefix."),
    c("NO_PAY_OPTIONS", 'F', FixConfiguration, "The currency is not supported for this transaction: check that the wallet supports it and that wallet and currency match the contract; Antom support knows the details."),
    c("ORDER_IS_CANCELED", 'F', NewPaymentRequest, "This paymentRequestId belongs to a cancelled payment."),
    c("ORDER_IS_CLOSED", 'F', NewPaymentRequest, "This paymentRequestId belongs to a closed payment."),
    c("PARAM_ILLEGAL", 'F', FixRequest, "A header or body field is missing or illegal."),
    c("PAYMENT_AMOUNT_EXCEED_LIMIT", 'F', ShowDeclined, "The amount is above the contract's or wallet's limit."),
    c("PAYMENT_COUNT_EXCEED_LIMIT", 'F', ContactSupport, "The wallet's limit on the number of payments is reached; Antom support knows the limit."),
    c("PAYMENT_NOT_QUALIFIED", 'F', ContactSupport, "The merchant may not take this payment (registration or contract)."),
    c("PROCESS_FAIL", 'F', ContactSupport, "A general business failure; do not retry."),
    c("REPEAT_REQ_INCONSISTENT", 'F', FixRequest, "This paymentRequestId was already used with other key fields (amount, currency); never change a request under the same id."),
    c("RISK_REJECT", 'F', ShowDeclined, "Declined by risk control."),
    c("SYSTEM_ERROR", 'F', ContactSupport, "Antom reports a system error as final; do not retry."),
    c("USER_NOT_EXIST", 'F', ContactSupport, "The shopper's account does not exist on the wallet side; Antom support knows why."),
    c("PAYMENT_IN_PROCESS", 'U', InquirePayment, "The payment is being processed: resend the same request or inquire with the same paymentRequestId; never mint a new id while the state is unknown."),
    c("REQUEST_TRAFFIC_EXCEED_LIMIT", 'U', RetrySameRequest, "Rate limited: back off, then resend the same request."),
    c("UNKNOWN_EXCEPTION", 'U', RetrySameRequest, "Unknown outcome: resend the same request, then inquire."),
];

/// In-store codes documented on Antom's sibling pages (inquiryPayment, cancel, other in-store
/// products) that can also come back for the payment.
pub const OTHER_CODES: &[CodeInfo] = &[
    c(
        "INVALID_CLIENT",
        'F',
        FixConfiguration,
        "The Client-Id is wrong or restricted.",
    ),
    c(
        "USER_AMOUNT_EXCEED_LIMIT",
        'F',
        ShowDeclined,
        "The shopper's wallet limit is reached.",
    ),
    c(
        "USER_BALANCE_NOT_ENOUGH",
        'F',
        ShowDeclined,
        "The shopper's balance is too low.",
    ),
    c(
        "USER_KYC_NOT_QUALIFIED",
        'F',
        ShowDeclined,
        "The shopper's KYC status does not allow this payment.",
    ),
    c(
        "USER_STATUS_ABNORMAL",
        'F',
        ShowDeclined,
        "The shopper's wallet account is restricted.",
    ),
    c(
        "USER_PAYMENT_VERIFICATION_FAILED",
        'F',
        ShowDeclined,
        "The shopper failed the wallet's verification.",
    ),
    c(
        "REGULATION_RESTRICTION",
        'F',
        ShowDeclined,
        "Declined for regulatory reasons.",
    ),
    c(
        "UNAVAILABLE_PAYMENT_METHOD",
        'F',
        ShowDeclined,
        "The wallet is not available for this payment.",
    ),
    c(
        "ORDER_NOT_EXIST",
        'F',
        InquirePayment,
        "Antom has no payment under this id yet; inquire again shortly before concluding anything.",
    ),
    c(
        "CANCEL_WINDOW_EXCEED",
        'F',
        ContactSupport,
        "The cancellation window has passed; refund instead.",
    ),
];

/// What a call came to. Pay answers are `redirect`, `failed` or `unknown`; inquiries add `paid`,
/// `processing`, `cancelled` and `notFound`; cancels are `cancelled`, `failed` or `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// Pay `S` with a redirect: send the shopper to the wallet.
    Redirect,
    /// `F` as Antom said it (for an inquiry: the payment failed).
    Failed,
    /// Not known: resolve with the same paymentRequestId (resend, then inquire).
    #[default]
    Unknown,
    /// Inquiry: the payment succeeded.
    Paid,
    /// Inquiry: the shopper has not finished yet.
    Processing,
    /// Inquiry or cancel: the payment is cancelled.
    Cancelled,
    /// Inquiry: Antom has no payment (or refund) under this id (yet).
    NotFound,
    /// Refund or inquiryRefund: the money went back to the shopper.
    Refunded,
}

impl Kind {
    /// Every kind (the published types are generated from this list).
    pub const ALL: &'static [Kind] = &[
        Kind::Redirect,
        Kind::Failed,
        Kind::Unknown,
        Kind::Paid,
        Kind::Processing,
        Kind::Cancelled,
        Kind::NotFound,
        Kind::Refunded,
    ];
}

/// Why an outcome is unknown, when Antom did not say `U` itself; JavaScript sees its name
/// (`HTTP_STATUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Reason {
    /// HTTP status other than 200.
    HttpStatus,
    /// The body is not JSON, or not UTF-8 (then it cannot be verified over the bytes received).
    UnparsableBody,
    /// No `result.resultStatus` of S, F or U.
    MissingResult,
    /// Antom answered `U`.
    ResultUnknown,
    /// `S` without a usable `redirectActionForm`.
    MissingRedirect,
    /// The redirect URL is outside the allow-list: `https:`, a wallet's app scheme, `http:` to a
    /// loopback host, or a scheme of the client's `redirectSchemes`.
    UnsafeRedirect,
    /// The answer names another request id (`paymentRequestId`, `refundRequestId`) than the
    /// request's, or an `S` answer names none.
    MismatchedRequestId,
    /// The answer's Response-Time is more than [`crate::flow::STALE_AFTER_MS`] before the
    /// request's Request-Time: an old answer replayed.
    StaleAnswer,
    /// The host's fetch did not answer in time.
    Timeout,
    /// The host's fetch failed.
    NetworkError,
    /// The response signature did not verify.
    SignatureInvalid,
    /// The response is unsigned (or half-signed) where a signature is required.
    SignatureMissing,
    /// The host's verify callback failed.
    VerifierFailed,
    /// The host's sign callback failed on a resend, after an earlier attempt was sent.
    SignerFailed,
    /// An inquiry Antom answered `F` (other than "not found"): asking again will not resolve it.
    InquiryFailed,
}

impl Reason {
    /// Every reason (the published types are generated from this list).
    pub const ALL: &'static [Reason] = &[
        Reason::HttpStatus,
        Reason::UnparsableBody,
        Reason::MissingResult,
        Reason::ResultUnknown,
        Reason::MissingRedirect,
        Reason::UnsafeRedirect,
        Reason::MismatchedRequestId,
        Reason::StaleAnswer,
        Reason::Timeout,
        Reason::NetworkError,
        Reason::SignatureInvalid,
        Reason::SignatureMissing,
        Reason::VerifierFailed,
        Reason::SignerFailed,
        Reason::InquiryFailed,
    ];

    /// The name JavaScript sees.
    pub fn name(self) -> &'static str {
        match self {
            Reason::HttpStatus => "HTTP_STATUS",
            Reason::UnparsableBody => "UNPARSABLE_BODY",
            Reason::MissingResult => "MISSING_RESULT",
            Reason::ResultUnknown => "RESULT_UNKNOWN",
            Reason::MissingRedirect => "MISSING_REDIRECT",
            Reason::UnsafeRedirect => "UNSAFE_REDIRECT",
            Reason::MismatchedRequestId => "MISMATCHED_REQUEST_ID",
            Reason::StaleAnswer => "STALE_ANSWER",
            Reason::Timeout => "TIMEOUT",
            Reason::NetworkError => "NETWORK_ERROR",
            Reason::SignatureInvalid => "SIGNATURE_INVALID",
            Reason::SignatureMissing => "SIGNATURE_MISSING",
            Reason::VerifierFailed => "VERIFIER_FAILED",
            Reason::SignerFailed => "SIGNER_FAILED",
            Reason::InquiryFailed => "INQUIRY_FAILED",
        }
    }
}

/// `redirectActionForm` of an `S` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redirect {
    /// `GET`, `POST`, or another value (e.g. `SCAN`): then open `redirectUrl` as it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Where to send the in-wallet browser.
    pub redirect_url: String,
    /// Form parameters, for `POST`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<String>,
    /// `RedirectActionForm`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_form_type: Option<String>,
}

/// An amount as Antom answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmountOut {
    /// ISO 4217 code.
    pub currency: String,
    /// Minor units.
    pub value: String,
}

/// `Quote`: an exchange rate Antom applied (`paymentQuote`, `settlementQuote`). Numbers and
/// booleans Antom may send unquoted are read as strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The quote's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_id: Option<String>,
    /// Two currencies joined by `/` (e.g. `SGD/USD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_currency_pair: Option<String>,
    /// The rate, a decimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_price: Option<String>,
    /// When the rate starts to hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_start_time: Option<String>,
    /// When the rate stops holding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote_expiry_time: Option<String>,
    /// `"true"` when the rate is guaranteed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guaranteed: Option<String>,
    /// The exchanged amount, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_amount: Option<AmountOut>,
}

/// `PspCustomerInfo`: the shopper's wallet account, when the wallet shares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PspCustomerInfo {
    /// The wallet's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub psp_name: Option<String>,
    /// The shopper's id at the wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub psp_customer_id: Option<String>,
    /// The id to show the shopper.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_customer_id: Option<String>,
    /// The name to show the shopper.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_customer_name: Option<String>,
    /// Alipay's 2088 user id, when Alipay is the wallet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer2088_id: Option<String>,
    /// Extra information, a JSON string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<String>,
}

/// `ChallengeActionForm`: a challenge before the payment can go on (card and OTP flows; not
/// expected for Entry Code, read when sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeActionForm {
    /// `SMS_OTP`, `PLAINTEXT_CARD_NO`, `CARD_EXPIRE_DATE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_type: Option<String>,
    /// What to render for the challenge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_render_value: Option<String>,
    /// `AMS` or `CHANNEL`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_source: Option<String>,
    /// Extra information, a JSON string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<String>,
}

/// The fields an answer (pay, inquiry) or a notification may carry beyond its ids and result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PaymentDetails {
    /// What the wallet charged, in its own currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_payment_amount: Option<AmountOut>,
    /// The rate between the payment and the actual currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_quote: Option<Quote>,
    /// The shopper's wallet account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub psp_customer_info: Option<PspCustomerInfo>,
    /// The transaction amount times `settlementQuote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gross_settlement_amount: Option<AmountOut>,
    /// The locked-in rate between settlement and transaction currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement_quote: Option<Quote>,
}

/// The result of Antom's answer as it arrived, kept when the answer was refused as unverified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unverified {
    /// What the unverified answer claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_status: Option<String>,
    /// What the unverified answer claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// What the unverified answer claimed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
}

/// What a call came to, and what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// What it came to.
    pub kind: Kind,
    /// What to do next.
    pub action: Action,
    /// Whether the same request may be sent again (same id, identical body).
    pub retryable: bool,
    /// A short explanation for developers.
    pub advice: String,
    /// Why the outcome is unknown, when Antom did not say `U` itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// `S`, `F` or `U` as Antom said it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_status: Option<String>,
    /// Antom's resultCode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// Antom's resultMessage (for people, not logic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// For `redirect`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    /// The request id this outcome belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_request_id: Option<String>,
    /// Antom's payment id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// The amount Antom echoed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_amount: Option<AmountOut>,
    /// When Antom created the payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_create_time: Option<String>,
    /// When the payment reached a final state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_time: Option<String>,
    /// How many times the request was sent (client only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// The result an answer claimed when it was refused as unverified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unverified: Option<Unverified>,
    /// Inquiry: Antom's paymentStatus (SUCCESS, FAIL, PROCESSING, CANCELLED).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<String>,
    /// Inquiry: the payment's own result code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_result_code: Option<String>,
    /// Inquiry: the payment's own result message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_result_message: Option<String>,
    /// Cancel: when the cancellation took effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_time: Option<String>,
    /// Inquiry: when an authorization expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_expiry_time: Option<String>,
    /// Refund: the merchant's refund id this outcome belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_request_id: Option<String>,
    /// Refund: Antom's refund id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_id: Option<String>,
    /// Refund: the amount refunded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<AmountOut>,
    /// inquiryRefund: Antom's refundStatus (SUCCESS, FAIL, PROCESSING).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_status: Option<String>,
    /// inquiryRefund: the reason given with the refund.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_reason: Option<String>,
    /// Refund: when the refund reached its final state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_time: Option<String>,
    /// Pay: a challenge Antom asks for (not expected for Entry Code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_action_form: Option<ChallengeActionForm>,
    /// Amounts, quotes and the wallet account the answer carries.
    #[serde(flatten)]
    pub details: PaymentDetails,
    /// Extra information Antom added, a JSON string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extend_info: Option<String>,
    /// Antom's answer as it came (absent when it was unreadable or refused as unverified),
    /// written out as JSON: a field Antom adds later is reachable here without a release.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<RawJson>,
}

/// The outcome of a pay call.
pub type PayOutcome = Outcome;

/// JSON text as it came, serialized as the JSON it is (not as a string).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawJson(pub String);

impl RawJson {
    /// No text (taken out, to be written another way).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for RawJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(self.0.trim().to_string()) {
            Ok(v) => v.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

impl Outcome {
    /// An unknown outcome for a reason found outside Antom's answer.
    pub fn unknown(reason: Reason, advice: &str) -> Outcome {
        Outcome {
            kind: Kind::Unknown,
            action: RetrySameRequest,
            retryable: true,
            advice: advice.to_string(),
            reason: Some(reason),
            ..Outcome::default()
        }
    }

    /// The request id of the field `key` the answer echoed.
    pub fn id(&self, key: &str) -> Option<&str> {
        match key {
            "refundRequestId" => self.refund_request_id.as_deref(),
            _ => self.payment_request_id.as_deref(),
        }
    }

    /// The slot of the request id of the field `key`.
    pub fn id_mut(&mut self, key: &str) -> &mut Option<String> {
        match key {
            "refundRequestId" => &mut self.refund_request_id,
            _ => &mut self.payment_request_id,
        }
    }

    /// Turns this outcome into an unknown one (keeping what it claimed) for `reason`.
    pub fn refuse(self, reason: Reason, advice: &str) -> Outcome {
        let mut out = Outcome::unknown(reason, advice);
        out.payment_request_id = self.payment_request_id;
        out.refund_request_id = self.refund_request_id;
        out.unverified = Some(Unverified {
            result_status: self.result_status,
            result_code: self.result_code,
            result_message: self.result_message,
        });
        out
    }
}

pub(crate) const UNKNOWN_ADVICE: &str =
    "The payment state is unknown: resend the same request (same paymentRequestId, identical body), then inquire.";
