//! A JSON reader over UTF-8 text for the request path: tokens are borrowed from the input and a
//! string is decoded only when it carries escapes. No tree is built; the validator drives the
//! reader member by member. It accepts the JSON that `serde_json` accepts (RFC 8259, nesting
//! limited to 127 levels, unpaired surrogate escapes refused), and numbers beyond the range of
//! f64, which serde_json refuses and which no request field takes (the walk reports them);
//! tests/reader.rs and the `reader` fuzz target hold the two to that on arbitrary text.

use crate::text::same_bytes;
use std::borrow::Cow;

/// Where and why the text is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What was expected or found.
    pub what: &'static str,
}

/// The result of a reader step.
pub type Res<T> = Result<T, SyntaxError>;

/// Deepest nesting of arrays and objects accepted (the same limit as `serde_json`).
pub const MAX_DEPTH: usize = 127;

/// What the next value is, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// `{`.
    Object,
    /// `[`.
    Array,
    /// `"`.
    String,
    /// `-` or a digit.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
}

/// A member key read by [`Reader::key_or`].
#[derive(Debug, PartialEq, Eq)]
pub enum Key<'a> {
    /// The closing brace: no more members.
    End,
    /// Exactly the key the caller expected.
    Expected,
    /// Another key.
    Other(Cow<'a, str>),
}

/// A cursor over JSON text.
pub struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `s`.
    pub fn new(s: &'a str) -> Self {
        Reader {
            s,
            b: s.as_bytes(),
            pos: 0,
            depth: 0,
        }
    }

    fn err<T>(&self, what: &'static str) -> Res<T> {
        Err(SyntaxError { at: self.pos, what })
    }

    /// Skips whitespace (space, tab, LF, CR).
    #[inline]
    pub fn ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The kind of the next value (after whitespace).
    pub fn peek(&mut self) -> Res<Next> {
        self.ws();
        Ok(match self.b.get(self.pos) {
            Some(b'{') => Next::Object,
            Some(b'[') => Next::Array,
            Some(b'"') => Next::String,
            Some(b'-' | b'0'..=b'9') => Next::Number,
            Some(b't' | b'f') => Next::Bool,
            Some(b'n') => Next::Null,
            Some(_) => return self.err("expected a value"),
            None => return self.err("unexpected end of input"),
        })
    }

    /// Ends the document: only whitespace may follow.
    pub fn end(&mut self) -> Res<()> {
        self.ws();
        if self.pos == self.b.len() {
            Ok(())
        } else {
            self.err("trailing characters")
        }
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("nested too deeply");
        }
        self.pos += 1;
        Ok(())
    }

    /// Opens an object (the next value must be one). Then call [`Reader::key`] until it
    /// answers `None`.
    pub fn open_object(&mut self) -> Res<()> {
        self.ws();
        if self.b.get(self.pos) != Some(&b'{') {
            return self.err("expected an object");
        }
        self.enter()?;
        self.ws();
        Ok(())
    }

    /// The next member's key (the reader is then at its value), or `None` at the closing
    /// brace (consumed). `first` says whether a member was read before in this object.
    pub fn key(&mut self, first: bool) -> Res<Option<Cow<'a, str>>> {
        match self.key_or(first, "")? {
            Key::End => Ok(None),
            Key::Expected => Ok(Some(Cow::Borrowed(""))),
            Key::Other(k) => Ok(Some(k)),
        }
    }

    /// Like [`Reader::key`], but first checks whether the key is exactly `expected` (written
    /// without escapes, as every key JSON.stringify writes for a plain name), which needs no
    /// scan of the string: the usual case when keys come in the order of a table.
    pub fn key_or(&mut self, first: bool, expected: &str) -> Res<Key<'a>> {
        self.ws();
        match self.b.get(self.pos) {
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                return Ok(Key::End);
            }
            Some(b',') if !first => {
                self.pos += 1;
                self.ws();
            }
            _ if !first => return self.err("expected `,` or `}`"),
            _ => {}
        }
        if self.b.get(self.pos) != Some(&b'"') {
            return self.err("expected a key");
        }
        let n = expected.len();
        let k = if n > 0
            && self
                .b
                .get(self.pos + 1..self.pos + 1 + n)
                .is_some_and(|k| same_bytes(k, expected.as_bytes()))
            && self.b.get(self.pos + 1 + n) == Some(&b'"')
        {
            self.pos += n + 2;
            Key::Expected
        } else {
            Key::Other(self.string()?)
        };
        self.ws();
        if self.b.get(self.pos) != Some(&b':') {
            return self.err("expected `:`");
        }
        self.pos += 1;
        Ok(k)
    }

    /// Opens an array (the next value must be one). Then call [`Reader::item`] before each
    /// element until it answers false.
    pub fn open_array(&mut self) -> Res<()> {
        self.ws();
        if self.b.get(self.pos) != Some(&b'[') {
            return self.err("expected an array");
        }
        self.enter()
    }

    /// True when another element follows (the reader is at it); false at the closing bracket
    /// (consumed).
    pub fn item(&mut self, first: bool) -> Res<bool> {
        self.ws();
        match self.b.get(self.pos) {
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.pos += 1;
                Ok(true)
            }
            _ if first => Ok(true),
            _ => self.err("expected `,` or `]`"),
        }
    }

    /// True when the next value is an empty array `[]` (then consumed) or `null` (consumed).
    pub fn take_empty(&mut self) -> Res<bool> {
        self.ws();
        match self.b.get(self.pos) {
            Some(b'n') => {
                self.literal(b"null")?;
                Ok(true)
            }
            Some(b'[') => {
                let save = self.pos;
                self.pos += 1;
                self.ws();
                if self.b.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                    Ok(true)
                } else {
                    self.pos = save;
                    Ok(false)
                }
            }
            _ => Ok(false),
        }
    }

    fn literal(&mut self, word: &'static [u8]) -> Res<()> {
        if self.b[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            self.err("expected true, false or null")
        }
    }

    /// Reads `true` or `false`.
    pub fn boolean(&mut self) -> Res<bool> {
        self.ws();
        if self.b.get(self.pos) == Some(&b't') {
            self.literal(b"true").map(|_| true)
        } else {
            self.literal(b"false").map(|_| false)
        }
    }

    /// Reads `null`.
    pub fn null(&mut self) -> Res<()> {
        self.ws();
        self.literal(b"null")
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.b.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// Reads a number and answers its text and whether it is an integer (no fraction, no
    /// exponent).
    pub fn number(&mut self) -> Res<(&'a str, bool)> {
        self.ws();
        let start = self.pos;
        if self.b.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.b.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.err("invalid number"),
        }
        let mut integer = true;
        if self.b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            integer = false;
            if self.digits() == 0 {
                return self.err("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.b.get(self.pos) {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.b.get(self.pos) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.err("invalid number");
            }
        }
        // Unlike serde_json, a number beyond the range of f64 ("1e400") is not a syntax error
        // here: no field of a request takes such a number, so it is always an issue.
        Ok((self.s.get(start..self.pos).unwrap_or_default(), integer))
    }

    /// Reads a string: borrowed when it has no escapes (then it can be written back as it was),
    /// decoded otherwise.
    pub fn string(&mut self) -> Res<Cow<'a, str>> {
        self.ws();
        if self.b.get(self.pos) != Some(&b'"') {
            return self.err("expected a string");
        }
        self.pos += 1;
        let start = self.pos;
        // The common case, a string without escapes, in one tight scan.
        let stop = scan(self.b, start);
        self.pos = stop;
        match self.b.get(stop) {
            Some(b'"') => {
                self.pos += 1;
                return Ok(Cow::Borrowed(self.s.get(start..stop).unwrap_or_default()));
            }
            Some(b'\\') => {}
            Some(_) => return self.err("control character in a string"),
            None => return self.err("unterminated string"),
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(self.s.get(start..self.pos).unwrap_or_default());
        let mut run = self.pos;
        loop {
            match self.b.get(self.pos) {
                Some(b'"') => {
                    out.push_str(self.s.get(run..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(self.s.get(run..self.pos).unwrap_or_default());
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                Some(&c) if c < 0x20 => return self.err("control character in a string"),
                Some(_) => self.pos += 1,
                None => return self.err("unterminated string"),
            }
        }
    }

    fn hex4(&mut self) -> Res<u32> {
        let Some(h) = self.b.get(self.pos..self.pos + 4) else {
            return self.err("unterminated escape");
        };
        let mut n = 0u32;
        for &c in h {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return self.err("invalid \\u escape"),
            };
            n = n * 16 + u32::from(d);
        }
        self.pos += 4;
        Ok(n)
    }

    fn escape(&mut self, out: &mut String) -> Res<()> {
        let c = match self.b.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if self.b.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return self.err("unpaired surrogate");
                    }
                    self.pos += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return self.err("unpaired surrogate");
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00..0xE000).contains(&hi) {
                    return self.err("unpaired surrogate");
                } else {
                    hi
                };
                match char::from_u32(code) {
                    Some(ch) => out.push(ch),
                    None => return self.err("invalid \\u escape"),
                }
                return Ok(());
            }
            _ => return self.err("invalid escape"),
        };
        out.push(c);
        self.pos += 1;
        Ok(())
    }

    /// Skips any value, checking its syntax.
    pub fn skip(&mut self) -> Res<()> {
        match self.peek()? {
            Next::Object => {
                self.open_object()?;
                let mut first = true;
                while self.key(first)?.is_some() {
                    self.skip()?;
                    first = false;
                }
            }
            Next::Array => {
                self.open_array()?;
                let mut first = true;
                while self.item(first)? {
                    self.skip()?;
                    first = false;
                }
            }
            Next::String => {
                self.string()?;
            }
            Next::Number => {
                self.number()?;
            }
            Next::Bool => {
                self.boolean()?;
            }
            Next::Null => self.null()?,
        }
        Ok(())
    }
}

/// The first index from `i` of a byte that ends the plain part of a string (`"`, `\\` or a
/// control character), or the length. Eight bytes at a time: a byte equal to `c` makes
/// `x ^ c*0x01..` hold a zero byte, which `(y - 0x01..) & !y & 0x80..` flags; the lowest flag is
/// exact (borrows only run upwards).
fn scan(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |y: u64| y.wrapping_sub(ONES) & !y & HIGH;
    for chunk in b.get(i..).unwrap_or_default().chunks_exact(8) {
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let hit = zero(v ^ (ONES * u64::from(b'"')))
            | zero(v ^ (ONES * u64::from(b'\\')))
            | (v.wrapping_sub(ONES * 0x20) & !v & HIGH);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// A scalar member of a small object (configurations, options): what a reader needs to check
/// its type and value without a tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar<'a> {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number, as written, and whether it is an integer.
    Number(&'a str, bool),
    /// A string.
    Str(Cow<'a, str>),
    /// An object, as its text (read it with another [`Reader`]).
    Object(&'a str),
    /// An array, as its text (read it with another [`Reader`]).
    Array(&'a str),
}

/// The members of one small JSON object (a configuration), each value a [`Scalar`]; a nested
/// object is kept as its text. Duplicate keys are refused.
pub fn members(text: &str) -> Result<Vec<(Cow<'_, str>, Scalar<'_>)>, SyntaxError> {
    let mut r = Reader::new(text);
    r.open_object()?;
    let mut out: Vec<(Cow<'_, str>, Scalar<'_>)> = Vec::new();
    let mut first = true;
    while let Some(k) = r.key(first)? {
        first = false;
        if out.iter().any(|(x, _)| *x == k) {
            return r.err("a key is given twice");
        }
        let v = match r.peek()? {
            Next::Null => {
                r.null()?;
                Scalar::Null
            }
            Next::Bool => Scalar::Bool(r.boolean()?),
            Next::Number => {
                let (n, int) = r.number()?;
                Scalar::Number(n, int)
            }
            Next::String => Scalar::Str(r.string()?),
            Next::Object => {
                let start = r.pos;
                r.skip()?;
                Scalar::Object(text.get(start..r.pos).unwrap_or_default())
            }
            Next::Array => {
                let start = r.pos;
                r.skip()?;
                Scalar::Array(text.get(start..r.pos).unwrap_or_default())
            }
        };
        out.push((k, v));
    }
    r.end()?;
    Ok(out)
}

/// Appends `s` as a JSON string literal, escaping exactly what JSON requires (`"`, `\`, control
/// characters); everything else, non-ASCII included, is written as UTF-8.
pub fn push_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let b = s.as_bytes();
    let mut start = 0;
    loop {
        // The next byte to escape, eight bytes at a time; the run before it is copied whole.
        let i = scan(b, start);
        out.push_str(s.get(start..i).unwrap_or_default());
        let Some(&c) = b.get(i) else { break };
        let esc: &str = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "",
        };
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 15)]));
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push('"');
}
