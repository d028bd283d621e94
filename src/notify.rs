//! notifyPayment (Antom -> merchant, <https://docs.antom.com/ac/ams/paymentrn>): what to verify,
//! freshness, a lenient parse, and what to answer Antom. Every decision is here: the host only
//! verifies the signature with Antom's key and sends back the answer it is given.

use crate::declare::declared;
use crate::headers::Headers;
use crate::outcome::{AmountOut, PaymentDetails, RawJson};
use crate::signing::{content_to_verify, parse_signature_header};
use serde::Serialize;

/// The exact body that acknowledges a notification (HTTP 200).
pub const ACK_BODY: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;
/// The body that asks Antom to send the notification again.
pub const RETRY_BODY: &str = r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"UNKNOWN_EXCEPTION"}}"#;

/// How far a notification's Request-Time may be from now, by default: Antom resends an
/// unacknowledged notification for about 24 hours (0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h,
/// 15 h: 24 h 22 min in all) and does not document whether a resend carries a new Request-Time.
/// If it keeps the first, a shorter window would refuse every resend after an outage of the
/// merchant's endpoint longer than the window. 25 hours covers the schedule and clock skew; a
/// replayed genuine notification states the same fact, which the merchant applies once.
pub const NOTIFICATION_WINDOW_MS: i64 = 25 * 60 * 60 * 1000;
/// The narrowest and widest windows a host may choose.
pub const NOTIFICATION_WINDOW_RANGE_MS: (i64, i64) = (1000, 48 * 60 * 60 * 1000);

/// What the host must verify with Antom's public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyCheck {
    /// `POST <notify path>\n<client-id>.<request-time>.<body>`, over the path as requested
    /// (with its query string, if any).
    pub content: String,
    /// The signature, standard base64.
    pub signature: String,
    /// For a path with a query string, the same content over the bare path: whether Antom signs
    /// the query is not documented, so a signature over either is Antom's. Accept the
    /// notification when `content` or `alternative` verifies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
}

antom_checkout_rules::code_enum! {
    /// Why a notification is refused (no acknowledgement; Antom resends); JavaScript sees its name
    /// (`STALE`).
    pub enum Refusal as "NotificationRefusal" {
        /// No Signature, Request-Time or Client-Id header.
        Unsigned = UNSIGNED,
        /// The Signature header is malformed.
        BadSignatureHeader = BAD_SIGNATURE_HEADER,
        /// The notification is for another Client-Id.
        WrongClientId = WRONG_CLIENT_ID,
        /// Request-Time is unreadable or outside the accepted window (a replay, or a wrong clock).
        Stale = STALE,
        /// The signature does not verify.
        SignatureInvalid = SIGNATURE_INVALID,
        /// The verify callback failed.
        VerifierFailed = VERIFIER_FAILED,
        /// The body is not UTF-8 (it cannot be verified over the bytes received) or not a payment
        /// notification.
        Unreadable = UNREADABLE,
    }
}

/// Reads a time header Antom sends: epoch milliseconds or ISO 8601 (offset or `Z`).
pub fn parse_header_time(t: &str) -> Option<i64> {
    let t = t.trim();
    if !t.is_empty() && t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    match t.strip_suffix('Z') {
        Some(base) => {
            antom_checkout_rules::datetime::parse_offset_datetime(&format!("{base}+00:00")).ok()
        }
        None => antom_checkout_rules::datetime::parse_offset_datetime(t).ok(),
    }
}

/// Checks the headers of a notification and returns what to verify. `path` is the path of the
/// notify endpoint as Antom requested it, with its query string if it had one; `tolerance_ms`
/// bounds the age (and the clock skew) of its Request-Time ([`NOTIFICATION_WINDOW_MS`] by
/// default).
pub fn notification_to_verify(
    path: &str,
    headers: &Headers,
    body: &str,
    client_id: &str,
    now_ms: i64,
    tolerance_ms: i64,
) -> Result<NotifyCheck, Refusal> {
    let get = |n: &str| headers.get(n).map(str::trim).filter(|v| !v.is_empty());
    let (Some(sig), Some(time), Some(cid)) =
        (get("signature"), get("request-time"), get("client-id"))
    else {
        return Err(Refusal::Unsigned);
    };
    if cid != client_id {
        return Err(Refusal::WrongClientId);
    }
    let at = parse_header_time(time).ok_or(Refusal::Stale)?;
    if (now_ms - at).abs() > tolerance_ms {
        return Err(Refusal::Stale);
    }
    let parsed = parse_signature_header(sig).map_err(|_| Refusal::BadSignatureHeader)?;
    let bare = path.split_once('?').map(|(bare, _)| bare);
    Ok(NotifyCheck {
        content: content_to_verify(path, cid, time, body),
        signature: parsed.signature,
        alternative: bare.map(|bare| content_to_verify(bare, cid, time, body)),
    })
}

antom_checkout_rules::code_enum! {
    /// What a notification says of the payment; JavaScript sees its name (`paid`).
    pub enum NotificationKind as "NotificationKind" {
        /// `S`: the payment succeeded.
        Paid = paid,
        /// `F`: the payment failed.
        Failed = failed,
        /// Anything not final (e.g. `PAYMENT_PENDING`).
        Pending = pending,
    }
}

crate::declare::code_members!(NotificationKind);

declared! {
    /// A verified notifyPayment, read leniently.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Notification as "Notification" {
        /// paid (S), failed (F) or pending (not final).
        pub kind: NotificationKind = "kind";
        /// `PAYMENT_RESULT` for payments.
        pub notify_type: Option<String> = "notifyType";
        /// `S` or `F`.
        pub result_status: Option<String> = "resultStatus";
        /// The payment's result code.
        pub result_code: Option<String> = "resultCode";
        /// For people.
        pub result_message: Option<String> = "resultMessage";
        /// Your id.
        pub payment_request_id: String = "paymentRequestId";
        /// Antom's id.
        pub payment_id: Option<String> = "paymentId";
        /// The amount.
        pub payment_amount: Option<AmountOut> = "paymentAmount";
        /// Amounts, quotes and the wallet account (`actualPaymentAmount`, `paymentQuote`,
        /// `pspCustomerInfo`, `grossSettlementAmount`, `settlementQuote`).
        pub details: PaymentDetails = "";
        /// When the payment was created.
        pub payment_create_time: Option<String> = "paymentCreateTime";
        /// When it became final.
        pub payment_time: Option<String> = "paymentTime";
        /// The verified body as it came, parsed: a field Antom adds later is reachable here.
        pub raw: RawJson = "raw";
    }
}

/// Parses a (verified) notification body.
pub fn parse_notification(body: &str) -> Result<Notification, Refusal> {
    let mut a = crate::answer::read(body).ok_or(Refusal::Unreadable)?;
    let payment_request_id = a
        .out
        .payment_request_id
        .take()
        .filter(|s| !s.is_empty())
        .ok_or(Refusal::Unreadable)?;
    let notify_type = a.notify_type.take();
    let result_status = a.result.status.take();
    let is_result = notify_type.as_deref().is_none_or(|t| t == "PAYMENT_RESULT");
    let kind = match (is_result, result_status.as_deref()) {
        (true, Some("S")) => NotificationKind::Paid,
        (true, Some("F")) => NotificationKind::Failed,
        _ => NotificationKind::Pending,
    };
    Ok(Notification {
        kind,
        notify_type,
        result_status,
        result_code: a.result.code.take(),
        result_message: a.result.message.take(),
        payment_request_id,
        payment_id: a.out.payment_id.take(),
        payment_amount: a.out.payment_amount.take(),
        details: std::mem::take(&mut a.out.details),
        payment_create_time: a.out.payment_create_time.take(),
        payment_time: a.out.payment_time.take(),
        raw: RawJson(body.to_string()),
    })
}

/// How a notification ends: recorded and acknowledged, or refused (Antom sends it again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyResult(pub Result<Notification, Refusal>);

impl NotifyResult {
    /// The notification, once its signature was checked by the host: `Some(true)` verified,
    /// `Some(false)` not verified, `None` the verify callback failed. Only a verified body that
    /// reads as a payment notification is accepted.
    pub fn after_verification(verified: Option<bool>, body: &str) -> NotifyResult {
        NotifyResult(match verified {
            Some(true) => parse_notification(body),
            Some(false) => Err(Refusal::SignatureInvalid),
            None => Err(Refusal::VerifierFailed),
        })
    }

    /// The HTTP status and body to answer Antom with (after recording an accepted one).
    pub fn ack(&self) -> (u16, &'static str) {
        match self.0 {
            Ok(_) => (200, ACK_BODY),
            Err(_) => (400, RETRY_BODY),
        }
    }
}
