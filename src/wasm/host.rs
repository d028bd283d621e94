//! The host callbacks, bound to the core's traits. `core.js` builds one host object per call,
//! so the original JS error of a failed callback stays with that call (it becomes `cause`).

use crate::client::{Clock, HostFailure, HttpResponse, SendFailure, Signer, Transport, Verifier};
use crate::json::{members, Scalar};
use crate::prepare::{Headers, PreparedRequest};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(typescript_custom_section)]
const HOST_TS: &str = r#"
/** Built by core.js for each call; not part of the public API. */
interface JsHost {
  sign(content: string): Promise<string>;
  verify(content: string, signatureBase64: string): Promise<boolean>;
  readonly hasVerifier: boolean;
  send(requestJson: string, signatureHeader: string, timeoutMs: number): Promise<string>;
  sleep(ms: number): Promise<void>;
  now(): number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The per-call host object.
    #[wasm_bindgen(typescript_type = "JsHost")]
    pub type JsHost;

    #[wasm_bindgen(method, catch)]
    fn sign(this: &JsHost, content: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn verify(this: &JsHost, content: &str, signature: &str) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, getter, js_name = hasVerifier)]
    pub fn has_verifier(this: &JsHost) -> bool;
    #[wasm_bindgen(method, catch)]
    fn send(
        this: &JsHost,
        request: &str,
        signature: &str,
        timeout_ms: u32,
    ) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn sleep(this: &JsHost, ms: u32) -> Result<Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn now(this: &JsHost) -> Result<f64, JsValue>;
}

fn describe(e: &JsValue) -> String {
    let text = js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the callback failed".into());
    text.chars().take(200).collect()
}

async fn call(p: Result<Promise, JsValue>) -> Result<JsValue, HostFailure> {
    let p = p.map_err(|e| HostFailure(describe(&e)))?;
    JsFuture::from(p)
        .await
        .map_err(|e| HostFailure(describe(&e)))
}

/// The host as the core's signer, verifier, transport and clock.
pub struct Host(pub JsHost);

impl Signer for Host {
    async fn sign(&self, content: &str) -> Result<String, HostFailure> {
        call(self.0.sign(content))
            .await?
            .as_string()
            .ok_or_else(|| HostFailure("sign must resolve to a base64 string".into()))
    }
}

impl Verifier for Host {
    async fn verify(&self, content: &str, signature_b64: &str) -> Result<bool, HostFailure> {
        call(self.0.verify(content, signature_b64))
            .await?
            .as_bool()
            .ok_or_else(|| HostFailure("verify must resolve to a boolean".into()))
    }
}

impl Transport for Host {
    async fn send(
        &self,
        req: &PreparedRequest,
        signature: &str,
        timeout_ms: u32,
    ) -> Result<HttpResponse, SendFailure> {
        let json = crate::write::to_json(req);
        let answer = call(self.0.send(&json, signature, timeout_ms))
            .await
            .map_err(|e| SendFailure::Network(e.0))?;
        let text = answer
            .as_string()
            .ok_or_else(|| SendFailure::Network("send answered no text".into()))?;
        response_from_json(&text)
    }
}

/// Reads `{status, headers: {name: value}, body}` or `{failure: "timeout"|"network", message}`,
/// without a tree.
fn response_from_json(text: &str) -> Result<HttpResponse, SendFailure> {
    let unreadable = || SendFailure::Network("unreadable transport answer".into());
    let m = members(text).map_err(|_| unreadable())?;
    let get = |k: &str| m.iter().find(|(x, _)| x == k).map(|(_, v)| v);
    let str_of = |v: Option<&Scalar<'_>>| match v {
        Some(Scalar::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    match str_of(get("failure")).as_deref() {
        Some("timeout") => return Err(SendFailure::Timeout),
        Some(_) => {
            return Err(SendFailure::Network(
                str_of(get("message")).unwrap_or_default(),
            ))
        }
        None => {}
    }
    let status = match get("status") {
        Some(Scalar::Number(n, true)) => n.parse::<u16>().ok().filter(|s| (100..=599).contains(s)),
        _ => None,
    };
    let (Some(status), Some(body)) = (status, str_of(get("body"))) else {
        return Err(SendFailure::Network(
            "transport answer without status or body".into(),
        ));
    };
    let mut headers = Headers::default();
    if let Some(Scalar::Object(h)) = get("headers") {
        for (k, v) in members(h).map_err(|_| unreadable())? {
            if let Scalar::Str(v) = v {
                headers.0.push((k.to_string(), v.to_string()));
            }
        }
    }
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

impl Clock for Host {
    fn now_ms(&self) -> i64 {
        self.0
            .now()
            .map(|t| t as i64)
            .unwrap_or_else(|_| js_sys::Date::now() as i64)
    }

    async fn sleep(&self, ms: u32) {
        let _ = call(self.0.sleep(ms)).await;
    }
}
