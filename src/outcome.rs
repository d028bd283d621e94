//! Result codes -> what the merchant does next. Every code of the pay (Entry Code Payment)
//! reference page is here with the status that page gives; the interpretation of a raw answer
//! never reports `F` unless Antom said `F`, and anything ambiguous is "unknown".

use crate::declare::{declared, fill, Fill, Member, Nested, Obj, ReadField, ReadWhole, Slot};
use antom_checkout_rules::json::{Reader, Res};
use serde::Serialize;

antom_checkout_rules::code_enum! {
    /// What the merchant should do next.
    #[derive(Default)]
    pub enum Action as "Action" {
        /// Send the shopper to the redirect (the wallet) and wait for the notification or inquiry.
        RedirectShopper = redirectShopper,
        /// Send the same request again: same paymentRequestId, byte-identical body, fresh signature.
        #[default]
        RetrySameRequest = retrySameRequest,
        /// Ask Antom for the payment's state with inquiryPayment (same paymentRequestId).
        InquirePayment = inquirePayment,
        /// The request itself is wrong; fix it. Do not resend it unchanged.
        FixRequest = fixRequest,
        /// Credentials, keys, endpoint or merchant set-up are wrong; fix the configuration.
        FixConfiguration = fixConfiguration,
        /// This paymentRequestId is finished; a new attempt needs a new paymentRequestId.
        NewPaymentRequest = newPaymentRequest,
        /// Tell the shopper the payment was declined; a new attempt needs a new paymentRequestId.
        ShowDeclined = showDeclined,
        /// Only Antom support can resolve this.
        ContactSupport = contactSupport,
        /// Cancel the payment (same paymentRequestId): an inquiry Antom answered `F` will not
        /// resolve by asking again, and Entry Code closes such a payment by cancelling it.
        CancelPayment = cancelPayment,
        /// The payment is complete: fulfil the order.
        FulfilOrder = fulfilOrder,
        /// Ask Antom for the refund's state with inquiryRefund (same refundRequestId).
        InquireRefund = inquireRefund,
        /// The refund is done: record it against the order and tell the shopper.
        RecordRefund = recordRefund,
        /// Antom has no refund under this id: send the same refund again (same refundRequestId,
        /// byte-identical body). Safe: Antom refunds once per refundRequestId.
        ResendRefund = resendRefund,
        /// This refundRequestId is finished without a refund; another attempt needs a new
        /// refundRequestId.
        NewRefundRequest = newRefundRequest,
    }
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

antom_checkout_rules::code_enum! {
    /// What a call came to. Pay answers are `redirect`, `failed` or `unknown`; inquiries add `paid`,
    /// `processing`, `cancelled` and `notFound`; cancels are `cancelled`, `failed` or `unknown`.
    #[derive(Default)]
    pub enum Kind as "OutcomeKind" {
        /// Pay `S` with a redirect: send the shopper to the wallet.
        Redirect = redirect,
        /// `F` as Antom said it (for an inquiry: the payment failed).
        Failed = failed,
        /// Not known: resolve with the same paymentRequestId (resend, then inquire).
        #[default]
        Unknown = unknown,
        /// Inquiry: the payment succeeded.
        Paid = paid,
        /// Inquiry: the shopper has not finished yet.
        Processing = processing,
        /// Inquiry or cancel: the payment is cancelled.
        Cancelled = cancelled,
        /// Inquiry: Antom has no payment (or refund) under this id (yet).
        NotFound = notFound,
        /// Refund or inquiryRefund: the money went back to the shopper.
        Refunded = refunded,
    }
}

antom_checkout_rules::code_enum! {
    /// Why an outcome is unknown, when Antom did not say `U` itself; JavaScript sees its name
    /// (`HTTP_STATUS`).
    pub enum Reason as "UnknownReason" {
        /// HTTP status other than 200.
        HttpStatus = HTTP_STATUS,
        /// The body is not JSON, or not UTF-8 (then it cannot be verified over the bytes received).
        UnparsableBody = UNPARSABLE_BODY,
        /// No `result.resultStatus` of S, F or U.
        MissingResult = MISSING_RESULT,
        /// Antom answered `U`.
        ResultUnknown = RESULT_UNKNOWN,
        /// `S` without a usable `redirectActionForm`.
        MissingRedirect = MISSING_REDIRECT,
        /// The redirect URL is outside the allow-list: `https:`, a wallet's app scheme, `http:` to a
        /// loopback host, or a scheme of the client's `redirectSchemes`.
        UnsafeRedirect = UNSAFE_REDIRECT,
        /// The answer names another request id (`paymentRequestId`, `refundRequestId`) than the
        /// request's, or an `S` answer names none.
        MismatchedRequestId = MISMATCHED_REQUEST_ID,
        /// The answer's Response-Time is more than [`crate::flow::STALE_AFTER_MS`] before the
        /// request's Request-Time: an old answer replayed.
        StaleAnswer = STALE_ANSWER,
        /// The host's fetch did not answer in time.
        Timeout = TIMEOUT,
        /// The host's fetch failed.
        NetworkError = NETWORK_ERROR,
        /// The response signature did not verify.
        SignatureInvalid = SIGNATURE_INVALID,
        /// The response is unsigned (or half-signed) where a signature is required.
        SignatureMissing = SIGNATURE_MISSING,
        /// The host's verify callback failed.
        VerifierFailed = VERIFIER_FAILED,
        /// The host's sign callback failed on a resend, after an earlier attempt was sent.
        SignerFailed = SIGNER_FAILED,
        /// An inquiry Antom answered `F` (other than "not found"): asking again will not resolve it.
        InquiryFailed = INQUIRY_FAILED,
        /// The caller aborted the call (an `AbortSignal`, a cancelled token) after a request was
        /// sent: it may have reached Antom.
        Aborted = ABORTED,
    }
}

declared! {
    /// `redirectActionForm` of an `S` answer: where to send the shopper.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct Redirect as "Redirect" {
        /// `GET`, `POST`, or another value (e.g. `SCAN`): then open `redirectUrl` as it is.
        pub method: Option<String> = "method";
        /// Where to send the in-wallet browser.
        pub redirect_url: String = "redirectUrl";
        /// Form parameters, for `POST`.
        pub parameters: Option<String> = "parameters";
        /// `RedirectActionForm`.
        pub action_form_type: Option<String> = "actionFormType";
    }
}

declared! {
    /// An amount as Antom answered it.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct AmountOut as "AmountValue" {
        /// ISO 4217 code.
        pub currency: String = "currency";
        /// Minor units.
        pub value: String = "value";
    }
}

/// An amount as it came: both parts are needed to make an [`AmountOut`].
#[derive(Debug, Default)]
struct AmountIn {
    currency: Option<String>,
    value: Option<String>,
}

impl Fill for AmountIn {
    fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
        match key {
            "currency" => Some(Slot::Text(&mut self.currency)),
            "value" => Some(Slot::Text(&mut self.value)),
            _ => None,
        }
    }
}

impl ReadWhole for Option<AmountOut> {
    fn read_whole(&mut self, r: &mut Reader<'_>) -> Res<()> {
        let mut a = AmountIn::default();
        fill(r, &mut a)?;
        *self = match (a.currency, a.value) {
            (Some(currency), Some(value)) => Some(AmountOut { currency, value }),
            _ => None,
        };
        Ok(())
    }
}

impl ReadField for Option<AmountOut> {
    fn field_slot<'a>(&'a mut self, key: &str, name: &str) -> Option<Slot<'a>> {
        (key == name).then_some(Slot::Whole(self))
    }
}

declared! {
    /// `Quote`: an exchange rate Antom applied (`paymentQuote`, `settlementQuote`). Numbers and
    /// booleans Antom may send unquoted are read as strings.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct Quote as "Quote" {
        /// The quote's id.
        pub quote_id: Option<String> = "quoteId", read "quoteId";
        /// Two currencies joined by `/` (e.g. `SGD/USD`).
        pub quote_currency_pair: Option<String> = "quoteCurrencyPair", read "quoteCurrencyPair";
        /// The rate, a decimal.
        pub quote_price: Option<String> = "quotePrice", read "quotePrice";
        /// When the rate starts to hold.
        pub quote_start_time: Option<String> = "quoteStartTime", read "quoteStartTime";
        /// When the rate stops holding.
        pub quote_expiry_time: Option<String> = "quoteExpiryTime", read "quoteExpiryTime";
        /// `"true"` when the rate is guaranteed.
        pub guaranteed: Option<String> = "guaranteed", read "guaranteed";
        /// The exchanged amount, when given.
        pub exchange_amount: Option<AmountOut> = "exchangeAmount", read "exchangeAmount";
    }
}

declared! {
    /// `PspCustomerInfo`: the shopper's wallet account, when the wallet shares it.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct PspCustomerInfo as "PspCustomerInfo" {
        /// The wallet's name.
        pub psp_name: Option<String> = "pspName", read "pspName";
        /// The shopper's id at the wallet.
        pub psp_customer_id: Option<String> = "pspCustomerId", read "pspCustomerId";
        /// The id to show the shopper.
        pub display_customer_id: Option<String> = "displayCustomerId", read "displayCustomerId";
        /// The name to show the shopper.
        pub display_customer_name: Option<String> = "displayCustomerName", read "displayCustomerName";
        /// Alipay's 2088 user id, when Alipay is the wallet.
        pub customer2088_id: Option<String> = "customer2088Id", read "customer2088Id";
        /// Extra information, a JSON string.
        pub extend_info: Option<String> = "extendInfo", read "extendInfo";
    }
}

declared! {
    /// `ChallengeActionForm`: a challenge before the payment can go on (card and OTP flows; not
    /// expected for Entry Code, read when sent).
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ChallengeActionForm as "ChallengeActionForm" {
        /// `SMS_OTP`, `PLAINTEXT_CARD_NO`, `CARD_EXPIRE_DATE`.
        pub challenge_type: Option<String> = "challengeType", read "challengeType";
        /// What to render for the challenge.
        pub challenge_render_value: Option<String> = "challengeRenderValue", read "challengeRenderValue";
        /// `AMS` or `CHANNEL`.
        pub trigger_source: Option<String> = "triggerSource", read "triggerSource";
        /// Extra information, a JSON string.
        pub extend_info: Option<String> = "extendInfo", read "extendInfo";
    }
}

impl Nested for Quote {}
impl Nested for PspCustomerInfo {}
impl Nested for ChallengeActionForm {}

declared! {
    /// Amounts, quotes and the wallet account an answer (pay, inquiry) or a notification may
    /// carry beyond its ids and result.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct PaymentDetails as "PaymentDetails" flattened {
        /// What the wallet charged, in its own currency.
        pub actual_payment_amount: Option<AmountOut> = "actualPaymentAmount", read "actualPaymentAmount";
        /// The rate between the payment and the actual currency.
        pub payment_quote: Option<Quote> = "paymentQuote", read "paymentQuote";
        /// The shopper's wallet account.
        pub psp_customer_info: Option<PspCustomerInfo> = "pspCustomerInfo", read "pspCustomerInfo";
        /// The transaction amount times `settlementQuote` (absent when the currencies are the same).
        pub gross_settlement_amount: Option<AmountOut> = "grossSettlementAmount", read "grossSettlementAmount";
        /// The locked-in rate between settlement and transaction currency.
        pub settlement_quote: Option<Quote> = "settlementQuote", read "settlementQuote";
    }
}

declared! {
    /// The result of Antom's answer as it arrived, kept when the answer was refused as unverified.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct Unverified as "Unverified" {
        /// What the unverified answer claimed.
        pub result_status: Option<String> = "resultStatus";
        /// What the unverified answer claimed.
        pub result_code: Option<String> = "resultCode";
        /// What the unverified answer claimed.
        pub result_message: Option<String> = "resultMessage";
    }
}

// Each field once: its JSON name, its Rust type (its TypeScript type follows), and with `read`
// the member of Antom's answer the reader fills it from (src/answer.rs). An optional answer field
// is one line here (and its name in the `answer` list of the calls that return it, src/calls.rs).
declared! {
    /// What a call came to, and what to do next.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct Outcome as "OutcomeBase" {
        /// What it came to.
        pub kind: Kind = "kind";
        /// What to do next.
        pub action: Action = "action";
        /// Whether the same request may be sent again (same id, identical body).
        pub retryable: bool = "retryable";
        /// A short explanation for developers.
        pub advice: String = "advice";
        /// Why the outcome is unknown when Antom did not say `U` itself; for `unknown` always set.
        pub reason: Option<Reason> = "reason";
        /// `S`, `F` or `U` as Antom said it.
        pub result_status: Option<String> = "resultStatus" as "\"S\" | \"F\" | \"U\"";
        /// Antom's resultCode.
        pub result_code: Option<String> = "resultCode";
        /// Antom's resultMessage (for people, not logic).
        pub result_message: Option<String> = "resultMessage";
        /// For `redirect`: where to send the shopper.
        pub redirect: Option<Redirect> = "redirect";
        /// The request id this outcome belongs to.
        pub payment_request_id: Option<String> = "paymentRequestId", read "paymentRequestId";
        /// Antom's payment id.
        pub payment_id: Option<String> = "paymentId", read "paymentId";
        /// The amount Antom echoed.
        pub payment_amount: Option<AmountOut> = "paymentAmount", read "paymentAmount";
        /// When Antom created the payment.
        pub payment_create_time: Option<String> = "paymentCreateTime", read "paymentCreateTime";
        /// When the payment reached a final state.
        pub payment_time: Option<String> = "paymentTime", read "paymentTime";
        /// How many times the request was sent (client only).
        pub attempts: Option<u32> = "attempts";
        /// The result an answer claimed when it was refused as unverified.
        pub unverified: Option<Unverified> = "unverified";
        /// Inquiry: Antom's paymentStatus (SUCCESS, FAIL, PROCESSING, CANCELLED).
        pub payment_status: Option<String> = "paymentStatus", read "paymentStatus";
        /// Inquiry: the payment's own result code.
        pub payment_result_code: Option<String> = "paymentResultCode", read "paymentResultCode";
        /// Inquiry: the payment's own result message.
        pub payment_result_message: Option<String> = "paymentResultMessage", read "paymentResultMessage";
        /// Cancel: when the cancellation took effect.
        pub cancel_time: Option<String> = "cancelTime", read "cancelTime";
        /// Inquiry: when an authorization expires.
        pub auth_expiry_time: Option<String> = "authExpiryTime", read "authExpiryTime";
        /// Refund: the merchant's refund id this outcome belongs to.
        pub refund_request_id: Option<String> = "refundRequestId", read "refundRequestId";
        /// Refund: Antom's refund id.
        pub refund_id: Option<String> = "refundId", read "refundId";
        /// Refund: the amount refunded.
        pub refund_amount: Option<AmountOut> = "refundAmount", read "refundAmount";
        /// inquiryRefund: Antom's refundStatus (SUCCESS, FAIL, PROCESSING).
        pub refund_status: Option<String> = "refundStatus", read "refundStatus";
        /// inquiryRefund: the reason given with the refund.
        pub refund_reason: Option<String> = "refundReason", read "refundReason";
        /// Refund: when the refund reached its final state.
        pub refund_time: Option<String> = "refundTime", read "refundTime";
        /// Pay: the wallet app that serves the payment, when Antom names it (spec.md 3.1: a
        /// top-level field of the online pay answer; read when sent, not relied on for Entry Code).
        pub app_identifier: Option<String> = "appIdentifier", read "appIdentifier";
        /// Pay: a challenge Antom asks for (not expected for Entry Code).
        pub challenge_action_form: Option<ChallengeActionForm> = "challengeActionForm", read "challengeActionForm";
        /// Amounts, quotes and the wallet account the answer carries.
        pub details: PaymentDetails = "", read "";
        /// Extra information Antom added, a JSON string.
        pub extend_info: Option<String> = "extendInfo", read "extendInfo";
        /// Antom's answer as it came, parsed: a field Antom adds later is reachable here. Absent
        /// when the answer was unreadable or refused as unverified.
        pub raw: Option<RawJson> = "raw";
    }
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

crate::declare::code_members!(Kind, Action, Reason);

impl Member for RawJson {
    const TS: &'static str = "{ [key: string]: JsonValue }";
    fn write_member(&self, o: &mut Obj<'_>, key: &str) {
        if !self.is_empty() {
            o.key(key).push_str(self.0.trim());
        }
    }
    fn serialize_member<M: serde::ser::SerializeMap>(
        &self,
        m: &mut M,
        key: &'static str,
    ) -> Result<(), M::Error> {
        if self.is_empty() {
            return Ok(());
        }
        m.serialize_entry(key, self)
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
