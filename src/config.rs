//! Configuration read from JSON (what JavaScript passes), with precise errors.

use crate::error::Error;
use crate::gateway::Gateway;
use crate::input::JsonInput;
use crate::signing::{check_key_version, check_request_time, TimeFormat};
use antom_checkout_rules::json::{self, Scalar};
use antom_checkout_rules::model::schema::Field;
use antom_checkout_rules::validate::{codes, Issue, Walk};
use std::borrow::Cow;

/// What is needed to turn a request into bytes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrepareConfig {
    /// The merchant's Client-Id.
    pub client_id: String,
    /// Where requests go.
    pub gateway: Gateway,
    /// `keyVersion` for the Signature header; `None` leaves it out (latest key).
    pub key_version: Option<String>,
    /// How `Request-Time` is written when it is not fixed.
    pub time_format: TimeFormat,
    /// A fixed `Request-Time` (tests, replays); otherwise "now".
    pub request_time: Option<String>,
    /// `Agent-Token` header for ISV integrations.
    pub agent_token: Option<String>,
    /// The merchant's own requirements on pay requests (`globalGateway`).
    pub pay_rules: PayRules,
}

/// Retry policy for unknown outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total sends of the same request, 1 to 10 (default 3).
    pub max_attempts: u32,
    /// First delay between sends in ms (default 1000); doubles each time, capped at 10 s.
    pub delay_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            delay_ms: 1000,
        }
    }
}

impl RetryPolicy {
    /// The delay after the `attempt`-th send (1-based).
    pub fn delay_after(&self, attempt: u32) -> u32 {
        let factor = 1u32 << attempt.saturating_sub(1).min(10);
        self.delay_ms.saturating_mul(factor).min(10_000)
    }
}

/// Everything the client needs besides the host callbacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Request building.
    pub prepare: PrepareConfig,
    /// Resends of unknown outcomes.
    pub retry: RetryPolicy,
    /// Timeout of one send in ms (the host's fetch is aborted then); default 15000.
    pub timeout_ms: u32,
    /// Accept unsigned `F` answers as final when a verifier is configured (Antom leaves some
    /// error answers, e.g. INVALID_SIGNATURE, unsigned). Default false: unverified is unknown.
    pub accept_unsigned_failures: bool,
    /// The explicit opt-out from verifying Antom's answers (`trustUnverifiedAnswers`): without a
    /// verifier, a client must say so, because an unsigned inquiry `SUCCESS` would then ship goods.
    pub trust_unverified_answers: bool,
    /// App schemes a redirect may use besides the wallets' own (`redirectSchemes`, lower case;
    /// see [`crate::interpret::WALLET_SCHEMES`]).
    pub redirect_schemes: Vec<String>,
}

/// Why a client without a verifier is refused, and how to get one.
pub const VERIFY_REQUIRED: &str = "AntomClient needs `verify` to prove that answers come from Antom: pass verify: webCryptoVerifier(ANTOM_PUBLIC_KEY), the public key in Antom Dashboard (Developer > Key configuration). Only against a gateway that does not sign (a local stand-in), pass trustUnverifiedAnswers: true: every answer is then believed without proof";

fn bad(m: impl Into<String>) -> Error {
    Error::InvalidConfig(m.into())
}

/// The members of a configuration object, read without a tree.
struct Options<'a>(Vec<(Cow<'a, str>, Scalar<'a>)>);

impl<'a> Options<'a> {
    fn read(text: &'a str, what: &str) -> Result<Self, Error> {
        match json::members(text) {
            Ok(m) => Ok(Options(m)),
            Err(e) => {
                let mut msg = String::from(what);
                msg.push_str(" must be a JSON object: ");
                msg.push_str(e.what);
                if what == "the configuration" {
                    msg.push_str(" (");
                    msg.push_str(NEEDED);
                    msg.push(')');
                }
                Err(bad(msg))
            }
        }
    }

    fn get(&self, key: &str) -> Option<&Scalar<'a>> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn check_keys(&self, allowed: &[&str], what: &str) -> Result<(), Error> {
        self.check_keys_hinting(allowed, &[], what)
    }

    /// [`Options::check_keys`], with more names a misspelling may be near (the host's
    /// callbacks, which JavaScript takes out before the core reads the rest).
    fn check_keys_hinting(
        &self,
        allowed: &[&str],
        hints: &[&str],
        what: &str,
    ) -> Result<(), Error> {
        match self.0.iter().find(|(k, _)| !allowed.contains(&k.as_ref())) {
            Some((k, _)) => {
                let names = allowed.iter().chain(hints).copied();
                let hint = match antom_checkout_rules::validate::closest(names, k) {
                    Some(name) => format!("did you mean \"{name}\"? "),
                    None => String::new(),
                };
                Err(bad(format!(
                    "unknown {what} option \"{}\"; {hint}expected {}",
                    k.chars().take(40).collect::<String>(),
                    antom_checkout_rules::text::joined(allowed.iter().copied(), ", ")
                )))
            }
            None => Ok(()),
        }
    }

    fn string(&self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None | Some(Scalar::Null) => Ok(None),
            Some(Scalar::Str(s)) => Ok(Some(s.to_string())),
            Some(Scalar::Number(n, true))
                if key == "keyVersion" && !n.starts_with('-') && n.parse::<u64>().is_ok() =>
            {
                Ok(Some(n.to_string()))
            }
            Some(_) => Err(bad(format!("{key} must be a string"))),
        }
    }

    fn boolean(&self, key: &str) -> Result<bool, Error> {
        match self.get(key) {
            None | Some(Scalar::Null) => Ok(false),
            Some(Scalar::Bool(b)) => Ok(*b),
            Some(_) => Err(bad(format!("{key} must be a boolean"))),
        }
    }

    fn int(&self, key: &str, min: u64, max: u64) -> Result<Option<u32>, Error> {
        match self.get(key) {
            None | Some(Scalar::Null) => Ok(None),
            Some(Scalar::Number(n, _)) => match n.parse::<u64>().ok() {
                Some(x) if (min..=max).contains(&x) => Ok(Some(x as u32)),
                _ => Err(bad(format!("{key} must be an integer from {min} to {max}"))),
            },
            Some(_) => Err(bad(format!("{key} must be a number"))),
        }
    }
}

/// What every configuration must say, for the messages about a missing one.
const NEEDED: &str = "a configuration needs clientId (from Antom Dashboard) and gateway (a region such as \"asia\", or a base URL)";

const PREPARE_KEYS: &[&str] = &[
    "clientId",
    "gateway",
    "sandbox",
    "keyVersion",
    "requestTime",
    "requestTimeFormat",
    "agentToken",
    "globalGateway",
    "allowInsecureGateway",
];

fn prepare_from(
    map: &Options<'_>,
    default_key_version: Option<&str>,
) -> Result<PrepareConfig, Error> {
    let client_id = map
        .string("clientId")?
        .ok_or_else(|| bad(format!("clientId is missing: {NEEDED}")))?;
    let id_ok = !client_id.is_empty()
        && client_id.len() <= 64
        && client_id
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b',' && b != b'.');
    if !id_ok {
        return Err(bad(
            "clientId must be 1 to 64 printable ASCII characters without spaces, ',' or '.'",
        ));
    }
    let gateway = map
        .string("gateway")?
        .ok_or_else(|| bad(format!("gateway is missing: {NEEDED}")))?;
    let gateway = Gateway::resolve(
        &gateway,
        map.boolean("sandbox")?,
        map.boolean("allowInsecureGateway")?,
    )?;
    let key_version = match map.string("keyVersion")? {
        Some(v) => Some(v),
        None => default_key_version.map(str::to_string),
    };
    if let Some(v) = &key_version {
        check_key_version(v)?;
    }
    let time_format = match map.string("requestTimeFormat")?.as_deref() {
        None | Some("epochMillis") => TimeFormat::EpochMillis,
        Some("iso8601") => TimeFormat::Iso8601,
        Some(_) => {
            return Err(bad(
                "requestTimeFormat must be \"epochMillis\" or \"iso8601\"",
            ))
        }
    };
    let request_time = map.string("requestTime")?;
    if let Some(t) = &request_time {
        check_request_time(t)?;
    }
    let agent_token = map.string("agentToken")?;
    if agent_token
        .as_deref()
        .is_some_and(|t| t.is_empty() || t.len() > 256 || !t.bytes().all(|b| b.is_ascii_graphic()))
    {
        return Err(bad(
            "agentToken must be 1 to 256 printable ASCII characters",
        ));
    }
    Ok(PrepareConfig {
        client_id,
        gateway,
        key_version,
        time_format,
        request_time,
        agent_token,
        pay_rules: PayRules {
            global_gateway: map.boolean("globalGateway")?,
        },
    })
}

impl PrepareConfig {
    /// Reads `{ clientId, gateway, sandbox?, keyVersion?, requestTime?, requestTimeFormat?, agentToken?, globalGateway? }`.
    pub fn from_json(v: &(impl JsonInput + ?Sized)) -> Result<PrepareConfig, Error> {
        let text = v.json_text();
        let map = Options::read(&text, "the configuration")?;
        map.check_keys(PREPARE_KEYS, "prepare")?;
        prepare_from(&map, None)
    }
}

impl ClientConfig {
    /// Reads the client options (the callbacks are the host's business and not in here):
    /// `{ clientId, gateway, sandbox?, keyVersion? = "1", requestTimeFormat?, agentToken?,
    /// timeoutMs?, retry?: { maxAttempts?, delayMs? }, acceptUnsignedFailures? }`.
    pub fn from_json(v: &(impl JsonInput + ?Sized)) -> Result<ClientConfig, Error> {
        let text = v.json_text();
        let map = Options::read(&text, "the configuration")?;
        let mut allowed: Vec<&str> = PREPARE_KEYS
            .iter()
            .copied()
            .filter(|k| *k != "requestTime")
            .collect();
        allowed.extend([
            "timeoutMs",
            "retry",
            "acceptUnsignedFailures",
            "trustUnverifiedAnswers",
            "redirectSchemes",
        ]);
        map.check_keys_hinting(&allowed, HOST_CALLBACKS, "client")?;
        let prepare = prepare_from(&map, Some("1"))?;
        Ok(ClientConfig {
            prepare,
            retry: retry_of(&map, RetryPolicy::default())?,
            timeout_ms: map.int("timeoutMs", 1, 120_000)?.unwrap_or(15_000),
            accept_unsigned_failures: map.boolean("acceptUnsignedFailures")?,
            trust_unverified_answers: map.boolean("trustUnverifiedAnswers")?,
            redirect_schemes: match map.get("redirectSchemes") {
                None | Some(Scalar::Null) => Vec::new(),
                Some(Scalar::Array(list)) => redirect_schemes(list)?,
                Some(_) => return Err(bad(REDIRECT_SCHEMES)),
            },
        })
    }

    /// Verification is a decision, never a default: a verifier, or `trustUnverifiedAnswers`,
    /// exactly one of the two.
    pub fn check_verification(&self, has_verifier: bool) -> Result<(), Error> {
        match (has_verifier, self.trust_unverified_answers) {
            (true, false) | (false, true) => Ok(()),
            (false, false) => Err(bad(VERIFY_REQUIRED)),
            (true, true) => Err(bad(
                "give either verify or trustUnverifiedAnswers: true, not both",
            )),
        }
    }
}

const REDIRECT_SCHEMES: &str = "redirectSchemes must be an array of URL schemes, e.g. [\"myapp\"]";

/// Reads `redirectSchemes` (the array's text): app schemes in lower case. A scheme that can
/// run script or show local or inline content is refused even here, and so is `http` (allowed
/// for loopback hosts only): this option widens the wallet list, never the rules a browser
/// needs.
fn redirect_schemes(list: &str) -> Result<Vec<String>, Error> {
    let mut r = json::Reader::new(list);
    let mut out = Vec::new();
    let mut read = || -> json::Res<bool> {
        r.open_array()?;
        let mut first = true;
        while r.item(first)? {
            first = false;
            if r.peek()? != json::Next::String || out.len() >= 32 {
                return Ok(false);
            }
            out.push(r.string()?.to_ascii_lowercase());
        }
        Ok(true)
    };
    if !matches!(read(), Ok(true)) {
        return Err(bad(REDIRECT_SCHEMES));
    }
    for s in &out {
        if !crate::interpret::well_formed_scheme(s) || s.len() > 32 {
            return Err(bad(REDIRECT_SCHEMES));
        }
        if crate::interpret::never_redirect(s) {
            return Err(bad(format!(
                "redirectSchemes cannot allow \"{s}\" (script, local content, or http beyond loopback)"
            )));
        }
    }
    Ok(out)
}

/// Requirements that depend on the merchant's contract rather than on the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PayRules {
    /// Antom Global Gateway (GGW): the reference page makes `merchantRegion` required.
    pub global_gateway: bool,
}

impl PayRules {
    pub(crate) fn check(&self, fields: &[Field], w: &mut Walk) {
        let is_object = !w.issues.iter().any(|i| i.path == "$");
        let has_region = fields.iter().any(|f| f.name == "merchantRegion");
        if self.global_gateway && has_region && is_object && !w.has(fields, "merchantRegion") {
            w.issues.push(Issue {
                path: "merchantRegion".into(),
                code: codes::REQUIRED,
                message: "required for Antom Global Gateway (globalGateway: true): the region where the merchant operates, one of US, JP, PK, SG".into(),
            });
        }
    }
}

/// The host's callbacks of a client, which JavaScript keeps and takes out of the options before
/// the core reads them: a misspelt one (`fecth`) is refused with "did you mean".
pub const HOST_CALLBACKS: &[&str] = &["sign", "verify", "fetch", "onEvent"];
/// The per-call option JavaScript keeps (an `AbortSignal`).
pub const CALL_SIGNAL: &str = "signal";

/// `retry: { maxAttempts?, delayMs? }` of `map` over `base`.
fn retry_of(map: &Options<'_>, base: RetryPolicy) -> Result<RetryPolicy, Error> {
    let mut retry = base;
    match map.get("retry") {
        None | Some(Scalar::Null) => {}
        Some(Scalar::Object(text)) => {
            let r = Options::read(text, "retry")?;
            r.check_keys(&["maxAttempts", "delayMs"], "retry")?;
            retry.max_attempts = r.int("maxAttempts", 1, 10)?.unwrap_or(retry.max_attempts);
            retry.delay_ms = r.int("delayMs", 0, 60_000)?.unwrap_or(retry.delay_ms);
        }
        Some(_) => return Err(bad("retry must be an object { maxAttempts?, delayMs? }")),
    }
    Ok(retry)
}

/// Options of one call, over the client's: `{ timeoutMs?, retry?: { maxAttempts?, delayMs? } }`
/// (and, in JavaScript, `signal`). E.g. on a shopper's request: one attempt within 2 s, then
/// "unknown", while a background job resolves the payment with the client's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    /// Timeout of one send in ms (1-120000).
    pub timeout_ms: Option<u32>,
    /// Sends of the same request while the outcome is unknown (1-10).
    pub max_attempts: Option<u32>,
    /// First delay between sends in ms (0-60000).
    pub delay_ms: Option<u32>,
    /// Stops the call (Rust; JavaScript passes an `AbortSignal` as `signal`).
    pub cancel: Option<CancelToken>,
}

impl CallOptions {
    /// Reads `{ timeoutMs?, retry? }`; an unknown option is refused ("did you mean").
    pub fn from_json(v: &(impl JsonInput + ?Sized)) -> Result<CallOptions, Error> {
        let text = v.json_text();
        let map = Options::read(&text, "the call options")?;
        map.check_keys_hinting(&["timeoutMs", "retry"], &[CALL_SIGNAL], "call")?;
        // Unset members stay unset: the client's values apply to them.
        let unset = RetryPolicy {
            max_attempts: 0,
            delay_ms: u32::MAX,
        };
        let retry = retry_of(&map, unset)?;
        Ok(CallOptions {
            timeout_ms: map.int("timeoutMs", 1, 120_000)?,
            max_attempts: Some(retry.max_attempts).filter(|n| *n != 0),
            delay_ms: Some(retry.delay_ms).filter(|n| *n != u32::MAX),
            cancel: None,
        })
    }

    /// The client's configuration with these options over it.
    pub fn over(&self, config: &ClientConfig) -> ClientConfig {
        let mut c = config.clone();
        if let Some(ms) = self.timeout_ms {
            c.timeout_ms = ms;
        }
        if let Some(n) = self.max_attempts {
            c.retry.max_attempts = n;
        }
        if let Some(ms) = self.delay_ms {
            c.retry.delay_ms = ms;
        }
        c
    }
}

/// Stops a call from elsewhere (a shutdown, a client gone): the call checks it before each step.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl CancelToken {
    /// A token not cancelled yet.
    pub fn new() -> CancelToken {
        CancelToken::default()
    }

    /// Cancels every call holding a clone of this token.
    pub fn cancel(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether it was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl PartialEq for CancelToken {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for CancelToken {}
