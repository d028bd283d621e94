//! `AntomClientCore`: the long-lived client object. `core.js` wraps it as `AntomClient`.

use super::host::{Host, JsHost};
use super::{envelope, parse};
use crate::client::{Client, NoVerifier};
use crate::config::ClientConfig;
use crate::error::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

/// Holds a validated configuration; the host callbacks come with each call.
#[wasm_bindgen]
pub struct AntomClientCore {
    config: ClientConfig,
}

#[wasm_bindgen]
impl AntomClientCore {
    /// Validates the configuration (JSON text). Check `error()` before use.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str) -> Result<AntomClientCore, JsValue> {
        parse(config, "the client configuration")
            .and_then(|v| ClientConfig::from_json(&v))
            .map(|config| AntomClientCore { config })
            .map_err(|e| JsValue::from_str(&super::err(&e)))
    }

    /// The timeout for one send, in ms.
    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> u32 {
        self.config.timeout_ms
    }

    /// Runs a pay call; resolves to an envelope with the outcome (never rejects).
    pub fn pay(&self, input: String, host: JsHost) -> Promise {
        let config = self.config.clone();
        future_to_promise(async move {
            let answer = match parse(&input, "the request") {
                Err(e) => envelope::<()>(Err(e)),
                Ok(v) => {
                    let r: Result<_, Error> = if host.has_verifier() {
                        let h = Host(host);
                        Client::new(config, &h, &h, &h, Some(&h)).pay(&v).await
                    } else {
                        let h = Host(host);
                        Client::<_, _, _, NoVerifier>::new(config, &h, &h, &h, None)
                            .pay(&v)
                            .await
                    };
                    envelope(r)
                }
            };
            Ok(JsValue::from_str(&answer))
        })
    }
}
