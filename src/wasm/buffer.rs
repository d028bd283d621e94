//! The input buffer the boundary stands on: JavaScript writes texts and bytes into it
//! (`inputBuffer`, then `TextEncoder.encodeInto` or a byte copy) and every operation reads its
//! input from it; and the last configuration read, kept while its text stays the same.

#[cfg(feature = "full")]
use crate::config::PrepareConfig;
use crate::error::Error;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The text JavaScript writes requests into (`inputBuffer`, then `TextEncoder.encodeInto`).
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The last configuration read, by its text: a Worker passes the same one each time.
    #[cfg(feature = "full")]
    static CONFIG: RefCell<Option<(String, PrepareConfig)>> = const { RefCell::new(None) };
}

/// Makes the input buffer at least `len` bytes long and answers where it starts in the module's
/// memory. The next call that reads input reads it from there.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(len: usize) -> usize {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < len {
            b.resize(len, 0);
        }
        b.as_ptr() as usize
    })
}

/// Runs `f` on the two texts JavaScript wrote back to back into the input buffer.
pub(crate) fn with_input<T>(
    a: usize,
    b: usize,
    f: impl FnOnce(&str, &str) -> Result<T, Error>,
) -> Result<T, Error> {
    // The buffer is read and checked in one function for every caller (`f` through `dyn`), not
    // in a copy per caller: with `with_call` likewise, 0.8 KB gzip less in the full module and
    // 0.3 KB in the lean one (docs/benchmarks.md).
    let mut f = Some(f);
    let mut out = None;
    texts(a, b, &mut |x, y| {
        if let Some(f) = f.take() {
            out = Some(f(x, y));
        }
    })?;
    // `texts` calls `f` once whenever it answers Ok: `out` is then set.
    out.unwrap_or_else(|| Err(Error::InvalidArgument("the input was not read".into())))
}

/// The two texts of [`with_input`], checked, handed to `f`.
fn texts(a: usize, b: usize, f: &mut dyn FnMut(&str, &str)) -> Result<(), Error> {
    INPUT.with(|buf| {
        let buf = buf.borrow();
        let end = a.checked_add(b).filter(|&e| e <= buf.len());
        let Some(end) = end else {
            return Err(Error::InvalidArgument(
                "the input is longer than its buffer".into(),
            ));
        };
        f(utf8(&buf[..a])?, utf8(&buf[a..end])?);
        Ok(())
    })
}

/// Runs `f` on the first `len` bytes of the input buffer, whatever they are.
pub(crate) fn with_input_bytes<T>(
    len: usize,
    f: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    INPUT.with(|buf| {
        let buf = buf.borrow();
        let input = buf
            .get(..len)
            .ok_or_else(|| Error::InvalidArgument("the input is longer than its buffer".into()))?;
        f(input)
    })
}

/// Leaves `bytes` at the start of the input buffer for JavaScript to read (where
/// `inputBuffer(0)` says it starts), over the `input_len` bytes it was made from: what is left
/// of those is wiped (a key's text), and so is the copy made here.
#[cfg(feature = "full")]
pub(crate) fn set_input(mut bytes: Vec<u8>, input_len: usize) {
    INPUT.with(|buf| {
        let mut buf = buf.borrow_mut();
        if buf.len() < bytes.len() {
            buf.resize(bytes.len(), 0);
        }
        buf[..bytes.len()].copy_from_slice(&bytes);
        let end = input_len.min(buf.len());
        if let Some(rest) = buf.get_mut(bytes.len()..end) {
            rest.fill(0);
        }
    });
    bytes.fill(0);
}

fn utf8(r: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(r).map_err(|_| Error::InvalidArgument("the input is not UTF-8".into()))
}

/// Runs `f` with the configuration read from `text` (kept while the text stays the same).
#[cfg(feature = "full")]
pub(crate) fn with_config<T>(
    text: &str,
    f: impl FnOnce(&PrepareConfig) -> Result<T, Error>,
) -> Result<T, Error> {
    CONFIG.with(|c| {
        let fresh = c.borrow().as_ref().is_none_or(|(t, _)| {
            !antom_checkout_rules::text::same_bytes(t.as_bytes(), text.as_bytes())
        });
        if fresh {
            let cfg = PrepareConfig::from_json(text)?;
            *c.borrow_mut() = Some((text.to_string(), cfg));
        }
        let c = c.borrow();
        match c.as_ref() {
            Some((_, cfg)) => f(cfg),
            None => Err(Error::InvalidConfig("no configuration".into())),
        }
    })
}
