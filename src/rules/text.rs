//! Text helpers of the library's own, small and without the formatting machinery (every KB of
//! the module is paid by every shopper): byte equality eight bytes at a time, joining, decimals.

/// Byte equality eight bytes at a time. In wasm, `==` on slices calls a `memcmp` that compares
/// one byte per step; keys, constants and whole bodies are compared here instead. One copy in
/// the module (not inlined): it is small, and every caller compares short keys or one body.
#[inline(never)]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ta, tb) = (ca.remainder(), cb.remainder());
    let word = |c: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default());
    ca.zip(cb).all(|(x, y)| word(x) == word(y)) && ta.iter().zip(tb).all(|(x, y)| x == y)
}

/// The texts with `sep` between them (one small loop instead of the standard library's
/// `join`, whose generic copy is 1.6 KB in the module).
pub fn joined<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// Appends a decimal integer without the formatting machinery.
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &c in &buf[i..] {
        out.push(char::from(c));
    }
}
