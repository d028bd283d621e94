//! Sans-IO request building: everything needed to send, except the signature.

use crate::calls::{Request, CANCEL_REQ, INQUIRY_PAYMENT_REQ, PAY_REQ};
use crate::config::{PayRules, PrepareConfig};
use crate::error::Error;
use crate::headers::Headers;
use crate::input::{not_json, JsonInput};
use crate::signing::{content_to_sign, request_time};
use antom_checkout_rules::datetime::parse_offset_datetime;
use antom_checkout_rules::model::schema::Field;
use antom_checkout_rules::validate::{codes, walk, Issue, Walk, WalkOptions};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A request ready to sign and send. `body` is the exact byte string that is signed and sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// Always `POST`.
    pub method: &'static str,
    /// Base URL + path.
    pub url: String,
    /// The path that is signed, e.g. `/ams/api/v1/payments/pay`.
    pub path: String,
    /// Content-Type, Client-Id, Request-Time (and Agent-Token): everything but Signature.
    pub headers: Headers,
    /// The exact body.
    pub body: String,
    /// The content to sign without the body: `POST <path>\n<clientId>.<requestTime>.`.
    pub content_prefix: String,
    /// The Request-Time used.
    pub request_time: String,
    /// The request's idempotency key as the body gives it (the caller's id, stored before
    /// sending; empty when a reference names only Antom's id).
    pub request_id: String,
    /// The key's field name (`paymentRequestId`, `refundRequestId`).
    pub key: &'static str,
    /// The key version for the Signature header.
    pub key_version: Option<String>,
    client_id: String,
}

impl Serialize for PreparedRequest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("method", self.method)?;
        m.serialize_entry("url", &self.url)?;
        m.serialize_entry("path", &self.path)?;
        m.serialize_entry("headers", &self.headers)?;
        m.serialize_entry("body", &self.body)?;
        m.serialize_entry("contentPrefix", &self.content_prefix)?;
        m.serialize_entry("requestTime", &self.request_time)?;
        m.serialize_entry(self.key, &self.request_id)?;
        m.end()
    }
}

impl PreparedRequest {
    /// `POST <path>\n<clientId>.<requestTime>.<body>`: what the merchant's key signs. Built on
    /// demand; JavaScript receives [`PreparedRequest::content_prefix`] and appends the body.
    pub fn content_to_sign(&self) -> String {
        let mut c = String::with_capacity(self.content_prefix.len() + self.body.len());
        c.push_str(&self.content_prefix);
        c.push_str(&self.body);
        c
    }

    /// Sets a new Request-Time (for a resend): same body, new content to sign.
    pub fn retime(&mut self, time: String) {
        self.content_prefix = content_to_sign(self.method, &self.path, &self.client_id, &time, "");
        self.headers.set("Request-Time", time.clone());
        self.request_time = time;
    }
}

fn walk_text(fields: &'static [Field], input: &str, now_ms: Option<i64>) -> Result<Walk, Error> {
    walk(fields, input, &WalkOptions { now_ms }).map_err(not_json)
}

/// Validates a pay request and returns every issue (empty when valid). `now_ms` checks that
/// `paymentExpiryTime` is not in the past; `cfg` adds the merchant's own requirements
/// (`merchantRegion` for Global Gateway). Text that is not JSON is an error.
pub fn validate_pay(
    input: &(impl JsonInput + ?Sized),
    now_ms: Option<i64>,
    cfg: &PayRules,
) -> Result<Vec<Issue>, Error> {
    Ok(PAY_REQ.validate(&input.json_text(), now_ms, cfg)?.issues)
}

/// The instant a pay request's expiry is checked against: a fixed Request-Time, else now.
fn check_instant(cfg: &PrepareConfig, now_ms: i64) -> i64 {
    match &cfg.request_time {
        Some(t) => t
            .parse::<i64>()
            .ok()
            .or_else(|| parse_offset_datetime(t).ok())
            .unwrap_or(now_ms),
        None => now_ms,
    }
}

/// A request validated, with its body, Request-Time and id, before the request around it is
/// assembled ([`Ready::request`]; the wasm boundary writes the parts without assembling them).
#[derive(Debug)]
pub struct Ready {
    /// The endpoint after the gateway's prefix, e.g. `/v1/payments/pay`.
    pub endpoint: &'static str,
    /// The exact body.
    pub body: String,
    /// The Request-Time.
    pub time: String,
    /// The idempotency key's value (empty when a reference names only Antom's id).
    pub id: String,
    /// The idempotency key's field name.
    pub key: &'static str,
}

/// The headers of a request besides `Signature`, as [`Ready::headers`] lists them.
#[derive(Debug, Clone, Copy)]
pub struct HeaderList<'a> {
    list: [(&'static str, &'a str); 4],
    n: usize,
}

impl<'a> HeaderList<'a> {
    /// Name and value, in order.
    pub fn pairs(&self) -> &[(&'static str, &'a str)] {
        self.list.get(..self.n).unwrap_or_default()
    }
}

impl Ready {
    /// The headers sent besides `Signature`, in order: the one list every form of a prepared
    /// request is written from.
    pub fn headers<'a>(&'a self, cfg: &'a PrepareConfig) -> HeaderList<'a> {
        let mut list = [("Content-Type", "application/json; charset=UTF-8"); 4];
        list[1] = ("Client-Id", cfg.client_id.as_str());
        list[2] = ("Request-Time", self.time.as_str());
        let mut n = 3;
        if let Some(t) = &cfg.agent_token {
            list[3] = ("Agent-Token", t.as_str());
            n = 4;
        }
        HeaderList { list, n }
    }

    /// The prepared request.
    pub fn request(self, cfg: &PrepareConfig) -> PreparedRequest {
        let path = cfg.gateway.path(self.endpoint);
        let mut headers = Headers(Vec::with_capacity(4));
        for (k, v) in self.headers(cfg).pairs() {
            headers.0.push((k.to_string(), v.to_string()));
        }
        let mut url = String::with_capacity(cfg.gateway.base_url.len() + path.len());
        url.push_str(&cfg.gateway.base_url);
        url.push_str(&path);
        PreparedRequest {
            method: "POST",
            url,
            content_prefix: content_to_sign("POST", &path, &cfg.client_id, &self.time, ""),
            path,
            headers,
            body: self.body,
            request_time: self.time,
            request_id: self.id,
            key: self.key,
            key_version: cfg.key_version.clone(),
            client_id: cfg.client_id.clone(),
        }
    }
}

fn time_of(cfg: &PrepareConfig, now_ms: i64) -> String {
    match &cfg.request_time {
        Some(t) => t.clone(),
        None => request_time(now_ms, cfg.time_format),
    }
}

impl Request {
    /// Validates a request of this call (JSON text) and writes its exact body: every issue at
    /// once, each with its field path.
    /// `now_ms` checks that times which must not be past are not; `rules` adds the merchant's
    /// own requirements.
    pub fn validate(
        &self,
        input: &str,
        now_ms: Option<i64>,
        rules: &PayRules,
    ) -> Result<Walk, Error> {
        let mut w = walk_text(self.fields, input, now_ms)?;
        rules.check(self.fields, &mut w);
        let named = self.one_of.iter().any(|name| w.has(self.fields, name));
        if let (Some(first), false, true) = (self.one_of.first(), named, w.issues.is_empty()) {
            let mut message = String::from("give ");
            for (i, name) in self.one_of.iter().enumerate() {
                if i > 0 {
                    message.push_str(" or ");
                }
                message.push_str(name);
            }
            w.issues.push(Issue {
                path: (*first).into(),
                code: codes::REQUIRED,
                message,
            });
        }
        Ok(w)
    }

    /// Validates a request of this call for sending.
    pub fn ready(
        &self,
        input: &(impl JsonInput + ?Sized),
        cfg: &PrepareConfig,
        now_ms: i64,
    ) -> Result<Ready, Error> {
        let now = Some(check_instant(cfg, now_ms));
        let w = self.validate(&input.json_text(), now, &cfg.pay_rules)?;
        if !w.issues.is_empty() {
            return Err(Error::InvalidRequest(w.issues));
        }
        Ok(Ready {
            endpoint: self.endpoint,
            body: w.body,
            time: time_of(cfg, now_ms),
            id: w.id.unwrap_or_default(),
            key: self.key,
        })
    }

    /// Validates and prepares a request of this call.
    pub fn prepare(
        &self,
        input: &(impl JsonInput + ?Sized),
        cfg: &PrepareConfig,
        now_ms: i64,
    ) -> Result<PreparedRequest, Error> {
        self.ready(input, cfg, now_ms).map(|r| r.request(cfg))
    }
}

/// Validates and prepares a pay request. `paymentRequestId` is required: the merchant generates
/// it (`newPaymentRequestId`), stores it, and only then sends.
pub fn prepare_pay(
    input: &(impl JsonInput + ?Sized),
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    PAY_REQ.prepare(input, cfg, now_ms)
}

/// Validates an inquiryPayment or cancel request (`{ paymentRequestId?, paymentId?,
/// merchantAccountId? }`, at least one id).
pub fn validate_reference(input: &(impl JsonInput + ?Sized)) -> Result<Vec<Issue>, Error> {
    let rules = PayRules::default();
    Ok(INQUIRY_PAYMENT_REQ
        .validate(&input.json_text(), None, &rules)?
        .issues)
}

/// Prepares an inquiryPayment request.
pub fn prepare_inquiry(
    input: &(impl JsonInput + ?Sized),
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    INQUIRY_PAYMENT_REQ.prepare(input, cfg, now_ms)
}

/// Prepares a cancel request.
pub fn prepare_cancel(
    input: &(impl JsonInput + ?Sized),
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    CANCEL_REQ.prepare(input, cfg, now_ms)
}
