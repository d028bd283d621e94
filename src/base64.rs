//! The library's one base64: standard (RFC 4648 section 4) for keys and signatures, URL-safe
//! without padding (section 5) for request ids. One value table decides what a character is.

/// Standard alphabet.
pub const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// URL-safe alphabet.
pub const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Each byte's value in the standard alphabet, or 64 when it is not in it.
const VALUE: [u8; 256] = {
    let mut t = [64u8; 256];
    let mut i = 0;
    while i < 64 {
        t[STANDARD[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Encodes `data` with `alphabet`, padded with `=` when `pad`.
pub fn encode(data: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; whitespace is skipped, padding optional (at most two `=`, last).
pub fn decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut bits, mut n, mut pad) = (0u32, 0u32, 0);
    for c in s.bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            pad += 1;
            continue;
        }
        let v = VALUE[usize::from(c)];
        if pad > 0 || v == 64 {
            return None;
        }
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    (pad <= 2).then_some(out)
}

/// Whether `s` is padded standard base64 (length a multiple of 4, at most two `=` at the end).
/// Every byte is looked at, whatever comes first.
pub fn is_padded(s: &[u8]) -> bool {
    let pad = s.iter().rev().take_while(|&&c| c == b'=').count();
    if s.len() % 4 != 0 || pad > 2 {
        return false;
    }
    let mut ok = true;
    for &c in &s[..s.len() - pad] {
        ok &= VALUE[usize::from(c)] < 64;
    }
    ok
}
