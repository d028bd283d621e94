//! `AntomClientCore`: the long-lived client object. `core.js` wraps it as `AntomClient`.

use super::envelope;
use super::host::{Host, JsHost};
use crate::client::{Call, Client};
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
    /// Validates the configuration (JSON text) and the choice about verification: a verify
    /// callback (`has_verifier`) or `trustUnverifiedAnswers`, exactly one.
    #[wasm_bindgen(constructor)]
    pub fn new(config: &str, has_verifier: bool) -> Result<AntomClientCore, JsValue> {
        ClientConfig::from_json(config)
            .and_then(|config| {
                config.check_verification(has_verifier)?;
                Ok(AntomClientCore { config })
            })
            .map_err(|e| JsValue::from_str(&super::err(&e)))
    }

    /// The timeout for one send, in ms.
    #[wasm_bindgen(getter, js_name = timeoutMs)]
    pub fn timeout_ms(&self) -> u32 {
        self.config.timeout_ms
    }

    /// Runs a pay call; resolves to an envelope with the outcome (never rejects).
    pub fn pay(&self, input: String, host: JsHost) -> Promise {
        self.run(Call::Pay, input, host)
    }

    /// Runs an inquiryPayment call; resolves to an envelope with the outcome.
    pub fn inquire(&self, input: String, host: JsHost) -> Promise {
        self.run(Call::Inquiry, input, host)
    }

    /// Runs a cancel call; resolves to an envelope with the outcome.
    pub fn cancel(&self, input: String, host: JsHost) -> Promise {
        self.run(Call::Cancel, input, host)
    }
}

impl AntomClientCore {
    fn run(&self, call: Call, input: String, host: JsHost) -> Promise {
        let config = self.config.clone();
        future_to_promise(async move {
            let h = Host(host);
            // One client type whether or not there is a verifier (one copy of the client's
            // state machine in the module): the host is the verifier, or none is given.
            let verifier = h.0.has_verifier().then_some(&h);
            let r: Result<_, Error> = match Client::new(config, &h, &h, &h, verifier) {
                Ok(c) => dispatch(&c, call, input.as_str()).await,
                Err(e) => Err(e),
            };
            let answer = envelope(r);
            Ok(JsValue::from_str(&answer))
        })
    }
}

async fn dispatch<S, T, C, V>(
    client: &Client<S, T, C, V>,
    call: Call,
    input: &str,
) -> Result<crate::Outcome, Error>
where
    S: crate::Signer,
    T: crate::Transport,
    C: crate::Clock,
    V: crate::Verifier,
{
    match call {
        Call::Pay => client.pay(input).await,
        Call::Inquiry => client.inquire(input).await,
        Call::Cancel => client.cancel(input).await,
    }
}
