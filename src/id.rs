//! Request ids for callers who have none: 128 random bits, URL-safe base64, 22 characters.
//! Store the id before sending: an unknown outcome is resolved with the same id, never a new one.

/// A new `paymentRequestId` from the platform's secure random source. (In the wasm modules the
/// host draws the bytes, `crypto.getRandomValues`, and [`encode_id`] writes them: getrandom's
/// browser backend would call the same function for 0.5 KB gzip more in every module.)
#[cfg(not(target_arch = "wasm32"))]
pub fn new_request_id() -> Result<String, crate::error::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::error::Error::InvalidConfig(format!("no secure random source: {e}")))?;
    Ok(encode_id(&bytes))
}

/// URL-safe base64 without padding of 16 bytes (22 characters).
pub fn encode_id(bytes: &[u8; 16]) -> String {
    crate::base64::encode(bytes, crate::base64::URL_SAFE, false)
}
