//! Sans-IO request building: everything needed to send, except the signature.

use crate::config::PrepareConfig;
use crate::datetime::parse_offset_datetime;
use crate::error::Error;
use crate::gateway::{CANCEL, INQUIRY, PAY};
use crate::model::followup::PAYMENT_REFERENCE;
use crate::model::pay::PAY_REQUEST;
use crate::signing::{content_to_sign, request_time};
use crate::validate::{codes, walk, Issue, WalkOptions};
use crate::wire::scalar_at;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;

/// Ordered request headers, serialized as a plain object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// Sets (or replaces) a header.
    pub fn set(&mut self, name: &str, value: String) {
        match self
            .0
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.0.push((name.to_string(), value)),
        }
    }

    /// Reads a header, case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Serialize for Headers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A request ready to sign and send. `body` is the exact byte string that is signed and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
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
    /// `POST <path>\n<clientId>.<requestTime>.<body>`. Not serialized: the body would cross the
    /// JS boundary twice; JSON carries [`PreparedRequest::content_prefix`] and the JS side appends
    /// the body.
    #[serde(skip)]
    pub content_to_sign: String,
    /// The content to sign without the body: `POST <path>\n<clientId>.<requestTime>.`.
    pub content_prefix: String,
    /// The Request-Time used.
    pub request_time: String,
    /// The paymentRequestId of the body (the caller's, stored before sending).
    pub payment_request_id: String,
    /// The key version for the Signature header.
    #[serde(skip)]
    pub key_version: Option<String>,
    #[serde(skip)]
    client_id: String,
}

impl PreparedRequest {
    /// Sets a new Request-Time (for a resend): same body, new content to sign.
    pub fn retime(&mut self, time: String) {
        self.content_prefix = content_to_sign(self.method, &self.path, &self.client_id, &time, "");
        self.content_to_sign = format!("{}{}", self.content_prefix, self.body);
        self.headers.set("Request-Time", time.clone());
        self.request_time = time;
    }
}

/// Validates a pay request and returns every issue (empty when valid). `now_ms` checks that
/// `paymentExpiryTime` is not in the past; `cfg` adds the merchant's own requirements
/// (`merchantRegion` for Global Gateway).
pub fn validate_pay(input: &Value, now_ms: Option<i64>, cfg: &PayRules) -> Vec<Issue> {
    let mut issues = walk(PAY_REQUEST, input, &WalkOptions { now_ms }).issues;
    cfg.check(input, &mut issues);
    issues
}

/// Requirements that depend on the merchant's contract rather than on the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PayRules {
    /// Antom Global Gateway (GGW): the reference page makes `merchantRegion` required.
    pub global_gateway: bool,
}

impl PayRules {
    fn check(&self, input: &Value, issues: &mut Vec<Issue>) {
        let given = |k: &str| scalar_at(input, k).is_some_and(|s| !s.trim().is_empty());
        if self.global_gateway && input.is_object() && !given("merchantRegion") {
            issues.push(Issue {
                path: "merchantRegion".into(),
                code: codes::REQUIRED,
                message: "required for Antom Global Gateway (globalGateway: true): the region where the merchant operates, one of US, JP, PK, SG".into(),
            });
        }
    }
}

/// Validates and prepares a pay request. `paymentRequestId` is required: the merchant generates
/// it (`newPaymentRequestId`), stores it, and only then sends.
pub fn prepare_pay(
    input: &Value,
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    let time = match &cfg.request_time {
        Some(t) => t.clone(),
        None => request_time(now_ms, cfg.time_format),
    };
    // A fixed Request-Time is also the instant the expiry is checked against.
    let check_at = match &cfg.request_time {
        Some(t) => t
            .parse::<i64>()
            .ok()
            .or_else(|| parse_offset_datetime(t).ok())
            .unwrap_or(now_ms),
        None => now_ms,
    };
    let mut w = walk(
        PAY_REQUEST,
        input,
        &WalkOptions {
            now_ms: Some(check_at),
        },
    );
    cfg.pay_rules.check(input, &mut w.issues);
    if !w.issues.is_empty() {
        return Err(Error::InvalidRequest(w.issues));
    }
    let payment_request_id = scalar_at(input, "paymentRequestId").unwrap_or_default();
    Ok(build(cfg, PAY, w.body, time, payment_request_id))
}

/// Validates an inquiryPayment or cancel request (`{ paymentRequestId?, paymentId?,
/// merchantAccountId? }`, at least one id).
pub fn validate_reference(input: &Value) -> Vec<Issue> {
    let mut issues = walk(PAYMENT_REFERENCE, input, &WalkOptions::default()).issues;
    let named = |k: &str| scalar_at(input, k).is_some_and(|s| !s.trim().is_empty());
    if issues.is_empty() && !named("paymentRequestId") && !named("paymentId") {
        issues.push(Issue {
            path: "paymentRequestId".into(),
            code: codes::REQUIRED,
            message: "give paymentRequestId or paymentId".into(),
        });
    }
    issues
}

fn prepare_reference(
    input: &Value,
    cfg: &PrepareConfig,
    now_ms: i64,
    endpoint: &str,
) -> Result<PreparedRequest, Error> {
    let issues = validate_reference(input);
    if !issues.is_empty() {
        return Err(Error::InvalidRequest(issues));
    }
    let body = walk(PAYMENT_REFERENCE, input, &WalkOptions::default()).body;
    let time = cfg
        .request_time
        .clone()
        .unwrap_or_else(|| request_time(now_ms, cfg.time_format));
    let id = scalar_at(input, "paymentRequestId").unwrap_or_default();
    Ok(build(cfg, endpoint, body, time, id))
}

/// Prepares an inquiryPayment request.
pub fn prepare_inquiry(
    input: &Value,
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    prepare_reference(input, cfg, now_ms, INQUIRY)
}

/// Prepares a cancel request.
pub fn prepare_cancel(
    input: &Value,
    cfg: &PrepareConfig,
    now_ms: i64,
) -> Result<PreparedRequest, Error> {
    prepare_reference(input, cfg, now_ms, CANCEL)
}

/// Assembles a prepared request for an endpoint from a finished body.
pub fn build(
    cfg: &PrepareConfig,
    endpoint: &str,
    body: String,
    time: String,
    id: String,
) -> PreparedRequest {
    let path = cfg.gateway.path(endpoint);
    let mut headers = Headers::default();
    headers.set("Content-Type", "application/json; charset=UTF-8".into());
    headers.set("Client-Id", cfg.client_id.clone());
    headers.set("Request-Time", time.clone());
    if let Some(t) = &cfg.agent_token {
        headers.set("Agent-Token", t.clone());
    }
    PreparedRequest {
        method: "POST",
        url: format!("{}{}", cfg.gateway.base_url, path),
        content_to_sign: content_to_sign("POST", &path, &cfg.client_id, &time, &body),
        content_prefix: content_to_sign("POST", &path, &cfg.client_id, &time, ""),
        path,
        headers,
        body,
        request_time: time,
        payment_request_id: id,
        key_version: cfg.key_version.clone(),
        client_id: cfg.client_id.clone(),
    }
}
