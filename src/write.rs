//! JSON for the JavaScript side, written without serde: outcomes, notifications, prepared
//! requests, parsed Signature headers and what to verify of a notification, as the bytes serde_json writes for the same values (`tests/answers.rs` holds the two
//! equal), so the module needs no serializer.

use crate::json::{push_str, push_uint};
use crate::notify::{Notification, NotifyCheck, NotifyResult};
use crate::outcome::{
    Action, AmountOut, ChallengeActionForm, Kind, Outcome, PaymentDetails, PspCustomerInfo, Quote,
    Redirect, Unverified,
};
use crate::prepare::PreparedRequest;
use crate::signing::ParsedSignature;

/// A value written as JSON.
pub trait WriteJson {
    /// Appends the JSON of `self`.
    fn write_json(&self, out: &mut String);
}

/// The JSON text of a value.
pub fn to_json<T: WriteJson + ?Sized>(v: &T) -> String {
    let mut out = String::with_capacity(256);
    v.write_json(&mut out);
    out
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl WriteJson for str {
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut String) {
        push_str(out, self);
    }
}

/// An object being written: members in order, optional ones left out when absent.
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, k: &str) -> &mut String {
        // Strings, not chars: `push` of a char is a call per character at this opt-level.
        self.out.push_str(if self.first { "\"" } else { ",\"" });
        self.first = false;
        self.out.push_str(k);
        self.out.push_str("\":");
        self.out
    }

    fn val<T: WriteJson + ?Sized>(&mut self, k: &str, v: &T) {
        let out = self.key(k);
        v.write_json(out);
    }

    fn opt<T: WriteJson>(&mut self, k: &str, v: &Option<T>) {
        if let Some(v) = v {
            self.val(k, v);
        }
    }

    fn word(&mut self, k: &str, v: &str) {
        let out = self.key(k);
        out.push('"');
        out.push_str(v);
        out.push('"');
    }

    fn uint(&mut self, k: &str, v: Option<u64>) {
        if let Some(v) = v {
            let out = self.key(k);
            push_uint(out, v);
        }
    }

    fn details(&mut self, d: &PaymentDetails) {
        self.opt("actualPaymentAmount", &d.actual_payment_amount);
        self.opt("paymentQuote", &d.payment_quote);
        self.opt("pspCustomerInfo", &d.psp_customer_info);
        self.opt("grossSettlementAmount", &d.gross_settlement_amount);
        self.opt("settlementQuote", &d.settlement_quote);
    }

    fn end(self) {
        self.out.push('}');
    }
}

impl Kind {
    /// The name JavaScript sees (`notFound`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Redirect => "redirect",
            Kind::Failed => "failed",
            Kind::Unknown => "unknown",
            Kind::Paid => "paid",
            Kind::Processing => "processing",
            Kind::Cancelled => "cancelled",
            Kind::NotFound => "notFound",
            Kind::Refunded => "refunded",
        }
    }
}

impl Action {
    /// The name JavaScript sees (`redirectShopper`).
    pub fn name(self) -> &'static str {
        match self {
            Action::RedirectShopper => "redirectShopper",
            Action::RetrySameRequest => "retrySameRequest",
            Action::InquirePayment => "inquirePayment",
            Action::FixRequest => "fixRequest",
            Action::FixConfiguration => "fixConfiguration",
            Action::NewPaymentRequest => "newPaymentRequest",
            Action::ShowDeclined => "showDeclined",
            Action::ContactSupport => "contactSupport",
            Action::CancelPayment => "cancelPayment",
            Action::FulfilOrder => "fulfilOrder",
            Action::InquireRefund => "inquireRefund",
            Action::RecordRefund => "recordRefund",
            Action::ResendRefund => "resendRefund",
            Action::NewRefundRequest => "newRefundRequest",
        }
    }
}

impl WriteJson for AmountOut {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.val("currency", &self.currency);
        o.val("value", &self.value);
        o.end();
    }
}

impl WriteJson for Redirect {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("method", &self.method);
        o.val("redirectUrl", &self.redirect_url);
        o.opt("parameters", &self.parameters);
        o.opt("actionFormType", &self.action_form_type);
        o.end();
    }
}

impl WriteJson for Quote {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("quoteId", &self.quote_id);
        o.opt("quoteCurrencyPair", &self.quote_currency_pair);
        o.opt("quotePrice", &self.quote_price);
        o.opt("quoteStartTime", &self.quote_start_time);
        o.opt("quoteExpiryTime", &self.quote_expiry_time);
        o.opt("guaranteed", &self.guaranteed);
        o.opt("exchangeAmount", &self.exchange_amount);
        o.end();
    }
}

impl WriteJson for PspCustomerInfo {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("pspName", &self.psp_name);
        o.opt("pspCustomerId", &self.psp_customer_id);
        o.opt("displayCustomerId", &self.display_customer_id);
        o.opt("displayCustomerName", &self.display_customer_name);
        o.opt("customer2088Id", &self.customer2088_id);
        o.opt("extendInfo", &self.extend_info);
        o.end();
    }
}

impl WriteJson for ChallengeActionForm {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("challengeType", &self.challenge_type);
        o.opt("challengeRenderValue", &self.challenge_render_value);
        o.opt("triggerSource", &self.trigger_source);
        o.opt("extendInfo", &self.extend_info);
        o.end();
    }
}

impl WriteJson for Unverified {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("resultStatus", &self.result_status);
        o.opt("resultCode", &self.result_code);
        o.opt("resultMessage", &self.result_message);
        o.end();
    }
}

impl WriteJson for Outcome {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.word("kind", self.kind.name());
        o.word("action", self.action.name());
        o.key("retryable")
            .push_str(if self.retryable { "true" } else { "false" });
        o.val("advice", &self.advice);
        if let Some(r) = self.reason {
            o.word("reason", r.name());
        }
        o.opt("resultStatus", &self.result_status);
        o.opt("resultCode", &self.result_code);
        o.opt("resultMessage", &self.result_message);
        o.opt("redirect", &self.redirect);
        o.opt("paymentRequestId", &self.payment_request_id);
        o.opt("paymentId", &self.payment_id);
        o.opt("paymentAmount", &self.payment_amount);
        o.opt("paymentCreateTime", &self.payment_create_time);
        o.opt("paymentTime", &self.payment_time);
        o.uint("attempts", self.attempts.map(u64::from));
        o.opt("unverified", &self.unverified);
        o.opt("paymentStatus", &self.payment_status);
        o.opt("paymentResultCode", &self.payment_result_code);
        o.opt("paymentResultMessage", &self.payment_result_message);
        o.opt("cancelTime", &self.cancel_time);
        o.opt("authExpiryTime", &self.auth_expiry_time);
        o.opt("refundRequestId", &self.refund_request_id);
        o.opt("refundId", &self.refund_id);
        o.opt("refundAmount", &self.refund_amount);
        o.opt("refundStatus", &self.refund_status);
        o.opt("refundReason", &self.refund_reason);
        o.opt("refundTime", &self.refund_time);
        o.opt("challengeActionForm", &self.challenge_action_form);
        o.details(&self.details);
        o.opt("extendInfo", &self.extend_info);
        if let Some(raw) = &self.raw {
            o.key("raw").push_str(raw.0.trim());
        }
        o.end();
    }
}

impl WriteJson for Notification {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.word("kind", self.kind.name());
        o.opt("notifyType", &self.notify_type);
        o.opt("resultStatus", &self.result_status);
        o.opt("resultCode", &self.result_code);
        o.opt("resultMessage", &self.result_message);
        o.val("paymentRequestId", &self.payment_request_id);
        o.opt("paymentId", &self.payment_id);
        o.opt("paymentAmount", &self.payment_amount);
        o.details(&self.details);
        o.opt("paymentCreateTime", &self.payment_create_time);
        o.opt("paymentTime", &self.payment_time);
        if !self.raw.is_empty() {
            o.key("raw").push_str(self.raw.0.trim());
        }
        o.end();
    }
}

impl WriteJson for NotifyResult {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.key("accepted")
            .push_str(if self.0.is_ok() { "true" } else { "false" });
        match &self.0 {
            Ok(n) => o.val("notification", n),
            Err(reason) => o.word("reason", reason.name()),
        }
        let (status, body) = self.ack();
        let a = o.key("ack");
        let mut ack = Obj::new(a);
        ack.uint("status", Some(u64::from(status)));
        let h = ack.key("headers");
        let mut hs = Obj::new(h);
        hs.val("Content-Type", "application/json; charset=UTF-8");
        hs.end();
        ack.val("body", body);
        ack.end();
        o.end();
    }
}

impl WriteJson for PreparedRequest {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.val("method", self.method);
        o.val("url", &self.url);
        o.val("path", &self.path);
        let h = o.key("headers");
        let mut hs = Obj::new(h);
        for (k, v) in &self.headers.0 {
            hs.val(k, v);
        }
        hs.end();
        o.val("body", &self.body);
        o.val("contentPrefix", &self.content_prefix);
        o.val("requestTime", &self.request_time);
        o.val(self.key, &self.request_id);
        o.end();
    }
}

impl WriteJson for ParsedSignature {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.opt("algorithm", &self.algorithm);
        o.opt("keyVersion", &self.key_version);
        o.val("signature", &self.signature);
        o.end();
    }
}

impl WriteJson for NotifyCheck {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.val("content", &self.content);
        o.val("signature", &self.signature);
        o.end();
    }
}
