//! notifyPayment (Antom -> merchant, <https://docs.antom.com/ac/ams/paymentrn>): what to verify,
//! freshness, a lenient parse, and what to answer Antom. Every decision is here: the host only
//! verifies the signature with Antom's key and sends back the answer it is given.

use crate::headers::Headers;
use crate::outcome::{AmountOut, PaymentDetails, RawJson};
use crate::signing::{content_to_verify, parse_signature_header};
use serde::Serialize;

/// The exact body that acknowledges a notification (HTTP 200).
pub const ACK_BODY: &str =
    r#"{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}"#;
/// The body that asks Antom to send the notification again.
pub const RETRY_BODY: &str = r#"{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"UNKNOWN_EXCEPTION"}}"#;

/// What the host must verify with Antom's public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyCheck {
    /// `POST <notify path>\n<client-id>.<request-time>.<body>`.
    pub content: String,
    /// The signature, standard base64.
    pub signature: String,
}

/// Why a notification is refused (no acknowledgement; Antom resends); JavaScript sees its name
/// (`STALE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Refusal {
    /// No Signature, Request-Time or Client-Id header.
    Unsigned,
    /// The Signature header is malformed.
    BadSignatureHeader,
    /// The notification is for another Client-Id.
    WrongClientId,
    /// Request-Time is unreadable or outside the accepted window (a replay, or a wrong clock).
    Stale,
    /// The signature does not verify.
    SignatureInvalid,
    /// The verify callback failed.
    VerifierFailed,
    /// The body is not UTF-8 (it cannot be verified over the bytes received) or not a payment
    /// notification.
    Unreadable,
}

impl Refusal {
    /// Every refusal (the published types are generated from this list).
    pub const ALL: &'static [Refusal] = &[
        Refusal::Unsigned,
        Refusal::BadSignatureHeader,
        Refusal::WrongClientId,
        Refusal::Stale,
        Refusal::SignatureInvalid,
        Refusal::VerifierFailed,
        Refusal::Unreadable,
    ];

    /// The name JavaScript sees.
    pub fn name(self) -> &'static str {
        match self {
            Refusal::Unsigned => "UNSIGNED",
            Refusal::BadSignatureHeader => "BAD_SIGNATURE_HEADER",
            Refusal::WrongClientId => "WRONG_CLIENT_ID",
            Refusal::Stale => "STALE",
            Refusal::SignatureInvalid => "SIGNATURE_INVALID",
            Refusal::VerifierFailed => "VERIFIER_FAILED",
            Refusal::Unreadable => "UNREADABLE",
        }
    }
}

/// Reads a time header Antom sends: epoch milliseconds or ISO 8601 (offset or `Z`).
pub fn parse_header_time(t: &str) -> Option<i64> {
    let t = t.trim();
    if !t.is_empty() && t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    match t.strip_suffix('Z') {
        Some(base) => crate::datetime::parse_offset_datetime(&format!("{base}+00:00")).ok(),
        None => crate::datetime::parse_offset_datetime(t).ok(),
    }
}

/// Checks the headers of a notification and returns what to verify. `path` is the path of the
/// notify endpoint as Antom requested it; `tolerance_ms` bounds the age (and the clock skew) of
/// its Request-Time.
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
    Ok(NotifyCheck {
        content: content_to_verify(path, cid, time, body),
        signature: parsed.signature,
    })
}

/// What a notification says of the payment; JavaScript sees its name (`paid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum NotificationKind {
    /// `S`: the payment succeeded.
    Paid,
    /// `F`: the payment failed.
    Failed,
    /// Anything not final (e.g. `PAYMENT_PENDING`).
    Pending,
}

impl NotificationKind {
    /// The name JavaScript sees.
    pub fn name(self) -> &'static str {
        match self {
            NotificationKind::Paid => "paid",
            NotificationKind::Failed => "failed",
            NotificationKind::Pending => "pending",
        }
    }
}

impl PartialEq<&str> for NotificationKind {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

/// A payment notification, read leniently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// What the notification says of the payment.
    pub kind: NotificationKind,
    /// `PAYMENT_RESULT` for payments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_type: Option<String>,
    /// `S` or `F`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_status: Option<String>,
    /// The payment's result code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    /// For people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_message: Option<String>,
    /// Your id.
    pub payment_request_id: String,
    /// Antom's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// The amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_amount: Option<AmountOut>,
    /// Amounts, quotes and the wallet account (`actualPaymentAmount`, `paymentQuote`,
    /// `pspCustomerInfo`, `grossSettlementAmount`, `settlementQuote`).
    #[serde(flatten)]
    pub details: PaymentDetails,
    /// When the payment was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_create_time: Option<String>,
    /// When it became final.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_time: Option<String>,
    /// The verified body as it came, written out as JSON: fields Antom adds later are
    /// reachable here.
    #[serde(skip_serializing_if = "RawJson::is_empty")]
    pub raw: RawJson,
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
    let result_status = a.result_status.take();
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
        result_code: a.result_code.take(),
        result_message: a.result_message.take(),
        payment_request_id,
        payment_id: a.out.payment_id.take(),
        payment_amount: a.payment_amount.take(),
        details: a.details(),
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
