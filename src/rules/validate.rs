//! Validation and canonical serialization in one pass over a rule table: every problem is
//! reported with its path, and when there is none the bytes written are the body to sign and send.

use crate::currency::minor_units;
use crate::datetime::parse_offset_datetime;
use crate::json::{push_str, Key, Next, Reader, Res, SyntaxError};
use crate::model::schema::{Field, Presence, Rule, AMOUNT};
use crate::text::{joined, push_uint, same_bytes};
use serde::Serialize;
use std::borrow::Cow;

/// One problem found in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Where: `order.merchant.store.storeMCC`, `order.goods[2].goodsName`.
    pub path: String,
    /// A stable code.
    pub code: IssueCode,
    /// What is wrong, for a developer.
    pub message: String,
}

crate::code_enum! {
    /// A stable issue code; JavaScript sees its name (`REQUIRED`).
    pub enum IssueCode as "IssueCode" mod codes {
        /// A required field is missing, null or empty.
        Required = REQUIRED,
        /// A string is longer than its maximum.
        TooLong = TOO_LONG,
        /// A value does not have the required layout.
        InvalidFormat = INVALID_FORMAT,
        /// A value has the wrong JSON type.
        InvalidType = INVALID_TYPE,
        /// A value is not one of the allowed values.
        InvalidValue = INVALID_VALUE,
        /// A value would change a constant of Entry Code.
        NotAllowed = NOT_ALLOWED,
        /// A field that the API does not have (often a misspelling).
        UnknownField = UNKNOWN_FIELD,
        /// A field given twice in one object (JSON parsers disagree on which one counts).
        DuplicateField = DUPLICATE_FIELD,
        /// An ISO 4217 code the library does not know.
        UnsupportedCurrency = UNSUPPORTED_CURRENCY,
        /// A number outside its range (including a zero payment amount).
        OutOfRange = OUT_OF_RANGE,
        /// An array with too many elements.
        TooMany = TOO_MANY,
        /// A time that has already passed.
        InThePast = IN_THE_PAST,
    }
}

use codes::*;

/// The message of a missing id: the merchant owns it, and must have stored it before sending.
pub const ID_REQUIRED: &str = "required: this is your idempotency key; generate one with newPaymentRequestId(), store it with the order, then send (a retry or an inquiry needs the same id)";

/// What the walk needs besides the input.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// "Now" in epoch milliseconds, for times that must not be in the past. `None` skips that check.
    pub now_ms: Option<i64>,
}

/// The result of a walk: the canonical body (meaningful only when `issues` is empty).
#[derive(Debug, Default)]
pub struct Walk {
    /// Compact JSON, keys in table order, every scalar a string.
    pub body: String,
    /// Every problem found.
    pub issues: Vec<Issue>,
    /// The top-level fields given (bit `i` for the table's field `i`), blank ones excluded.
    pub given: u64,
    /// The value of the table's [`Rule::Id`] field, when given.
    pub id: Option<String>,
}

impl Walk {
    /// Whether the top-level field `name` of `fields` was given (not absent, null or blank).
    pub fn has(&self, fields: &[Field], name: &str) -> bool {
        fields
            .iter()
            .position(|f| f.name == name)
            .is_some_and(|i| self.given & (1 << i) != 0)
    }
}

/// Most fields a table may have (the walk keeps one bit per field; tests/validation.rs checks it).
pub const MAX_FIELDS: usize = 32;

/// Validates the JSON text `input` against `fields` and writes the canonical body, in one pass
/// over the text: no tree, a path built only for an issue. Text that is not JSON is an error.
pub fn walk(
    fields: &'static [Field],
    input: &str,
    opts: &WalkOptions,
) -> Result<Walk, SyntaxError> {
    let mut w = Walker {
        r: Reader::new(input),
        opts,
        out: String::with_capacity(input.len() + 128),
        issues: Vec::new(),
        order: Vec::new(),
        path: Vec::with_capacity(8),
        id: None,
        positive: false,
        written: Vec::with_capacity(32),
    };
    let mut given = 0;
    match w.r.peek()? {
        Next::Object => given = w.object(fields)?,
        other => {
            w.r.skip()?;
            w.issue(
                INVALID_TYPE,
                format!("the request must be a JSON object, got {}", describe(other)),
            );
        }
    }
    w.r.end()?;
    // Insertion sort, stable: a handful of issues, and no sort routine in the module.
    for i in 1..w.issues.len() {
        let mut j = i;
        while j > 0 && w.order[j - 1] > w.order[j] {
            w.order.swap(j - 1, j);
            w.issues.swap(j - 1, j);
            j -= 1;
        }
    }
    Ok(Walk {
        body: w.out,
        issues: w.issues,
        given,
        id: w.id,
    })
}

/// Issues as a JSON array (`[{"path","code","message"}]`), written without serde.
pub fn issues_json(issues: &[Issue]) -> String {
    let mut out = String::with_capacity(issues.len() * 96 + 2);
    out.push('[');
    for (i, x) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"path\":");
        push_str(&mut out, &x.path);
        out.push_str(",\"code\":\"");
        out.push_str(x.code.name());
        out.push_str("\",\"message\":");
        push_str(&mut out, &x.message);
        out.push('}');
    }
    out.push(']');
    out
}

/// A step of the path: a field (with its position in the table) or an array index.
#[derive(Clone, Copy)]
enum Seg {
    Key(&'static str, u32),
    Index(usize),
}

struct Walker<'a, 'o> {
    r: Reader<'a>,
    opts: &'o WalkOptions,
    out: String,
    issues: Vec<Issue>,
    /// For each issue, the table positions along its path: issues are reported in table order,
    /// whatever the order of the keys in the input.
    order: Vec<Vec<u32>>,
    path: Vec<Seg>,
    id: Option<String>,
    /// Inside an Amount that must be greater than zero.
    positive: bool,
    /// The members written so far for each object being written, innermost last: (field
    /// index, start, end) in the output, in input order. One list for every object, so an object
    /// costs no array of its own.
    written: Vec<(u8, u32, u32)>,
}

fn describe(n: Next) -> &'static str {
    match n {
        Next::Null => "null",
        Next::Bool => "a boolean",
        Next::Number => "a number",
        Next::String => "a string",
        Next::Array => "an array",
        Next::Object => "an object",
    }
}

/// The members written for one object: `n` entries of [`Walker::written`] from `base`.
struct Members {
    base: usize,
    n: usize,
    sorted: bool,
}

impl Walker<'_, '_> {
    fn path_text(&self, extra: Option<&str>) -> String {
        let mut p = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k, _) => {
                    if !p.is_empty() {
                        p.push('.');
                    }
                    p.push_str(k);
                }
                Seg::Index(i) => {
                    p.push('[');
                    push_uint(&mut p, *i as u64);
                    p.push(']');
                }
            }
        }
        if let Some(k) = extra {
            if !p.is_empty() {
                p.push('.');
            }
            p.extend(k.chars().take(64));
        }
        if p.is_empty() {
            p.push('$');
        }
        p
    }

    fn sort_key(&self, last: Option<u32>) -> Vec<u32> {
        let mut key: Vec<u32> = self
            .path
            .iter()
            .map(|s| match s {
                Seg::Key(_, i) => *i,
                Seg::Index(i) => *i as u32,
            })
            .collect();
        key.extend(last);
        key
    }

    fn issue(&mut self, code: IssueCode, message: String) {
        self.push_issue(None, code, message);
    }

    /// An issue about the member `name`, at table position `pos` (past the end for unknown keys).
    fn issue_at(&mut self, name: &str, pos: usize, code: IssueCode, message: String) {
        self.push_issue(Some((name, pos as u32)), code, message);
    }

    fn push_issue(&mut self, member: Option<(&str, u32)>, code: IssueCode, message: String) {
        let path = self.path_text(member.map(|m| m.0));
        self.order.push(self.sort_key(member.map(|m| m.1)));
        self.issues.push(Issue {
            path,
            code,
            message,
        });
    }

    fn object(&mut self, fields: &'static [Field]) -> Res<u64> {
        self.r.open_object()?;
        self.out.push('{');
        let obj = self.out.len();
        let mut m = Members {
            base: self.written.len(),
            n: 0,
            sorted: true,
        };
        let mut given = 0u64;
        let mut seen = 0u64;
        let mut first = true;
        // Keys usually come in table order: try the field after the last one first.
        let mut hint = 0usize;
        loop {
            let expected = fields.get(hint).map_or("", |f| f.name);
            let (key, found) = match self.r.key_or(first, expected)? {
                Key::End => break,
                Key::Expected => (Cow::Borrowed(expected), Some(hint)),
                Key::Other(k) => {
                    let at = fields.iter().position(|f| same(f.name, &k));
                    (k, at)
                }
            };
            first = false;
            let Some(i) = found else {
                let known = joined(fields.iter().map(|f| f.name), ", ");
                let msg = match closest(fields.iter().map(|f| f.name), &key) {
                    Some(name) => {
                        format!("unknown field; did you mean {name}? This object has: {known}")
                    }
                    None => format!("unknown field; this object has: {known}"),
                };
                self.issue_at(&key, fields.len(), UNKNOWN_FIELD, msg);
                self.r.skip()?;
                continue;
            };
            hint = i + 1;
            let f = &fields[i];
            let bit = 1u64 << i;
            if seen & bit != 0 {
                self.issue_at(
                    f.name,
                    i,
                    DUPLICATE_FIELD,
                    "this field is given twice".into(),
                );
                self.r.skip()?;
                continue;
            }
            seen |= bit;
            if self.r.take_empty()? {
                continue;
            }
            let start = self.member_key(&m, f.name);
            self.path.push(Seg::Key(f.name, i as u32));
            let wrote = self.value(f)?;
            self.path.pop();
            if wrote {
                given |= bit;
                self.record(&mut m, i, start);
            } else {
                self.out
                    .truncate(start.saturating_sub(usize::from(m.n > 0)));
            }
        }
        self.finish(fields, given, &mut m, obj)?;
        Ok(given)
    }

    /// Writes `,"name":` (no comma for the first member) and answers where the key starts.
    fn member_key(&mut self, m: &Members, name: &str) -> usize {
        if m.n > 0 {
            self.out.push(',');
        }
        let start = self.out.len();
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
        start
    }

    fn record(&mut self, m: &mut Members, i: usize, start: usize) {
        if m.n > 0 && self.written.last().is_some_and(|w| usize::from(w.0) > i) {
            m.sorted = false;
        }
        self.written
            .push((i as u8, start as u32, self.out.len() as u32));
        m.n += 1;
    }

    /// Reports missing required fields, writes the library's constants for absent ones, puts
    /// the members in table order and closes the object.
    fn finish(
        &mut self,
        fields: &'static [Field],
        given: u64,
        m: &mut Members,
        obj: usize,
    ) -> Res<()> {
        for (i, f) in fields.iter().enumerate() {
            if given & (1 << i) != 0 {
                continue;
            }
            match (f.presence, f.rule) {
                (Presence::Required, rule) => {
                    let message = if matches!(rule, Rule::Id) {
                        ID_REQUIRED
                    } else {
                        "this field is required"
                    };
                    self.issue_at(f.name, i, REQUIRED, message.into());
                }
                (Presence::Auto, Rule::Fixed(c)) => {
                    let start = self.member_key(m, f.name);
                    push_str(&mut self.out, c);
                    self.record(m, i, start);
                }
                (Presence::Auto, Rule::Object(inner)) => {
                    let start = self.member_key(m, f.name);
                    self.path.push(Seg::Key(f.name, i as u32));
                    self.out.push('{');
                    let at = self.out.len();
                    let mut inner_m = Members {
                        base: self.written.len(),
                        n: 0,
                        sorted: true,
                    };
                    self.finish(inner, 0, &mut inner_m, at)?;
                    self.path.pop();
                    self.record(m, i, start);
                }
                _ => {}
            }
        }
        if !m.sorted {
            let tail = self.out.get(obj..).unwrap_or_default().to_string();
            let list = self
                .written
                .get_mut(m.base..m.base + m.n)
                .unwrap_or_default();
            for i in 1..list.len() {
                let mut j = i;
                while j > 0 && list[j - 1].0 > list[j].0 {
                    list.swap(j - 1, j);
                    j -= 1;
                }
            }
            self.out.truncate(obj);
            for (k, &(_, s, e)) in list.iter().enumerate() {
                if k > 0 {
                    self.out.push(',');
                }
                self.out.push_str(
                    tail.get(s as usize - obj..e as usize - obj)
                        .unwrap_or_default(),
                );
            }
        }
        self.written.truncate(m.base);
        self.out.push('}');
        Ok(())
    }

    /// Reads and writes one given value; false when it turned out blank (absent).
    fn value(&mut self, f: &Field) -> Res<bool> {
        match f.rule {
            Rule::Object(inner) => match self.r.peek()? {
                Next::Object => {
                    self.object(inner)?;
                }
                other => self.wrong_type("expected an object, got ", other)?,
            },
            Rule::Amount { positive } => match self.r.peek()? {
                Next::Object => {
                    let outer = self.positive;
                    self.positive = positive;
                    self.object(AMOUNT)?;
                    self.positive = outer;
                }
                other => self.wrong_type("expected an Amount object, got ", other)?,
            },
            Rule::List { max, item } => match self.r.peek()? {
                Next::Array => {
                    self.r.open_array()?;
                    self.out.push('[');
                    let mut i = 0usize;
                    while self.r.item(i == 0)? {
                        if i > 0 {
                            self.out.push(',');
                        }
                        self.path.push(Seg::Index(i));
                        match self.r.peek()? {
                            Next::Object => {
                                self.object(item)?;
                            }
                            other => self.wrong_type("expected an object, got ", other)?,
                        }
                        self.path.pop();
                        i += 1;
                    }
                    self.out.push(']');
                    if i > max {
                        let mut msg = String::from("at most ");
                        push_uint(&mut msg, max as u64);
                        msg.push_str(" elements, got ");
                        push_uint(&mut msg, i as u64);
                        self.issue(TOO_MANY, msg);
                    }
                }
                other => self.wrong_type("expected an array, got ", other)?,
            },
            _ => return self.scalar(f),
        }
        Ok(true)
    }

    fn wrong_type(&mut self, what: &str, got: Next) -> Res<()> {
        self.r.skip()?;
        let mut msg = String::from(what);
        msg.push_str(describe(got));
        self.issue(INVALID_TYPE, msg);
        Ok(())
    }

    fn scalar(&mut self, f: &Field) -> Res<bool> {
        let next = self.r.peek()?;
        let text: Cow<'_, str> = match next {
            Next::String => {
                let s = self.r.string()?;
                if blank(&s) {
                    return Ok(false);
                }
                s
            }
            Next::Number => {
                let (t, integer) = self.r.number()?;
                if matches!(f.rule, Rule::Int { .. }) && integer && json_integer_fits(t) {
                    Cow::Borrowed(t)
                } else {
                    let msg = match f.rule {
                        Rule::Minor => "amounts are strings in minor units: 12.50 USD is \"1250\"; use toMinorUnits",
                        _ => "expected a string, got a number (every value is a JSON string)",
                    };
                    self.issue(INVALID_TYPE, msg.into());
                    return Ok(true);
                }
            }
            Next::Bool => {
                let b = self.r.boolean()?;
                if matches!(f.rule, Rule::Bool) {
                    Cow::Borrowed(if b { "true" } else { "false" })
                } else {
                    self.issue(
                        INVALID_TYPE,
                        "expected a string, got a boolean (every value is a JSON string)".into(),
                    );
                    return Ok(true);
                }
            }
            Next::Null => {
                self.r.null()?;
                return Ok(false);
            }
            other => {
                self.wrong_type("expected a string, got ", other)?;
                return Ok(true);
            }
        };
        // A string has at least as many bytes as characters: count only when it could be too long.
        if f.max > 0 && text.len() > f.max {
            // Characters of UTF-8: every byte but continuation bytes starts one.
            let chars = text.bytes().filter(|&b| b & 0xc0 != 0x80).count();
            if chars > f.max {
                let mut msg = String::from("at most ");
                push_uint(&mut msg, f.max as u64);
                msg.push_str(" characters, got ");
                push_uint(&mut msg, chars as u64);
                self.issue(TOO_LONG, msg);
            }
        }
        self.check(f, &text);
        match &text {
            // Read without escapes, so it needs none: copied through.
            Cow::Borrowed(s) => {
                self.out.push('"');
                self.out.push_str(s);
                self.out.push('"');
            }
            Cow::Owned(s) => push_str(&mut self.out, s),
        }
        if matches!(f.rule, Rule::Id) {
            self.id = Some(text.into_owned());
        }
        Ok(true)
    }

    fn check(&mut self, f: &Field, s: &str) {
        if let Some((code, msg)) = check_scalar(f.rule, s, self.opts.now_ms, self.positive) {
            self.issue(code, msg);
        }
    }
}

/// The name a misspelt key most likely meant: the same name in another case, else the one
/// within two edits (the nearest, the first of equals), else none.
pub fn closest<'n>(names: impl IntoIterator<Item = &'n str>, key: &str) -> Option<&'n str> {
    if key.len() > 64 {
        return None;
    }
    let mut best: Option<(usize, &'n str)> = None;
    for name in names {
        let d = if name.eq_ignore_ascii_case(key) {
            0
        } else {
            edit_distance(key.as_bytes(), name.as_bytes())
        };
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, name));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance over bytes, case-insensitive (keys are ASCII names).
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = diag + usize::from(!ca.eq_ignore_ascii_case(&cb));
            diag = row[j + 1];
            row[j + 1] = sub.min(diag + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// Empty or only whitespace (Unicode's), decided from the first byte when it is plain ASCII.
#[inline]
fn blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(&b) if b > 0x20 && b < 0x7f => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// String equality without a call to `memcmp` (see [`same_bytes`]).
#[inline]
fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// Whether an integer literal is one `serde_json` reads as an integer (not `-0`, within `i64`
/// when negative and `u64` otherwise), which is what a JSON number must be to stand for an
/// integer field.
fn json_integer_fits(t: &str) -> bool {
    match t.strip_prefix('-') {
        Some("0") => false,
        Some(_) => t.parse::<i64>().is_ok(),
        None => t.parse::<u64>().is_ok(),
    }
}

/// The problem with a scalar's text under `rule`, if any (the length is checked separately).
/// `positive` applies to amount values.
pub fn check_scalar(
    rule: Rule,
    s: &str,
    now_ms: Option<i64>,
    positive: bool,
) -> Option<(IssueCode, String)> {
    let bad = |msg: &str| Some((INVALID_FORMAT, msg.to_string()));
    match rule {
        Rule::Text => {
            if has_control(s) {
                return bad("control characters are not allowed");
            }
        }
        Rule::Minor => {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return bad("expected an integer in minor units, digits only (USD 12.34 is \"1234\"; use toMinorUnits)");
            } else if s.len() > 1 && s.starts_with('0') {
                return bad("no leading zeros (write \"1200\", not \"01200\")");
            } else if positive && s == "0" {
                return Some((OUT_OF_RANGE, "the amount must be greater than zero".into()));
            }
        }
        Rule::Id => {
            if s.chars().any(char::is_control) {
                return bad("an id cannot carry control characters");
            } else if s.trim() != s {
                return bad("an id cannot begin or end with spaces (Antom would not match it to the stored one)");
            }
        }
        Rule::OneOf(list) => {
            if !list.iter().any(|c| same(c, s)) {
                return Some((
                    INVALID_VALUE,
                    format!("expected one of {}", joined(list.iter().copied(), ", ")),
                ));
            }
        }
        Rule::Fixed(c) => {
            if !same(s, c) {
                return Some((
                    NOT_ALLOWED,
                    format!("Entry Code requires \"{c}\"; leave it out and the library sets it"),
                ));
            }
        }
        Rule::Currency => {
            if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
                return bad("expected an ISO 4217 code of three upper-case letters, e.g. USD");
            } else if minor_units(s).is_none() {
                return Some((
                    UNSUPPORTED_CURRENCY,
                    format!("{s} is not an active ISO 4217 currency"),
                ));
            }
        }
        Rule::Mcc => {
            if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return bad("expected a four-digit merchant category code, e.g. 5814");
            }
        }
        Rule::Region => {
            if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
                return bad("expected an ISO 3166 alpha-2 code, e.g. SG");
            }
        }
        Rule::Int { min, max } => match parse_int(s) {
            None => return bad("expected an integer, e.g. \"3\""),
            Some(n) if n < min || n > max => {
                return Some((OUT_OF_RANGE, format!("expected {min} to {max}, got {n}")));
            }
            Some(_) => {}
        },
        Rule::Bool => {
            if s != "true" && s != "false" {
                return bad("expected \"true\" or \"false\"");
            }
        }
        Rule::DateTime | Rule::FutureDateTime => match parse_offset_datetime(s) {
            Err(msg) => return bad(msg),
            Ok(t) => {
                if let (Rule::FutureDateTime, Some(now)) = (rule, now_ms) {
                    if t <= now {
                        return Some((IN_THE_PAST, "this time has already passed: give a later one, or leave the field out".into()));
                    }
                }
            }
        },
        Rule::Url => {
            if let Err(msg) = check_url(s) {
                return bad(msg);
            }
        }
        Rule::Email => {
            let ok = s.split_once('@').is_some_and(|(a, b)| {
                !a.is_empty()
                    && b.contains('.')
                    && !b.contains('@')
                    && !s.contains(char::is_whitespace)
            });
            if !ok {
                return bad("expected an e-mail address, e.g. shopper@example.com");
            }
        }
        Rule::Object(_) | Rule::List { .. } | Rule::Amount { .. } => {}
    }
    None
}

/// Control characters other than LF, CR and TAB (C0, DEL, and C1, which UTF-8 writes as
/// C2 80-9F). Line ends of either kind are text (`orderDescription` written with CRLF).
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    // Fast path: eight bytes at a time, all printable ASCII (0x20 to 0x7e) means no control
    // character; anything else is decided byte by byte below.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let chunks = b.chunks_exact(8);
    let tail = chunks.remainder();
    let plain = chunks.into_iter().all(|c| {
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default());
        (v | v.wrapping_sub(ONES * 0x20) | v.wrapping_add(ONES)) & HIGH == 0
    }) && tail.iter().all(|&c| (0x20..0x7f).contains(&c));
    if plain {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && c != b'\n' && c != b'\r' && c != b'\t')
            || c == 0x7f
            || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// A plain decimal integer: optional `-`, digits, no leading zeros.
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    s.parse().ok()
}

/// An absolute `http`/`https` URL with a host and no whitespace or control characters. A
/// fragment is allowed (`https://shop.example/#/paid` for a single-page app).
pub fn check_url(s: &str) -> Result<(), &'static str> {
    // Schemes are case-insensitive (RFC 3986 3.1): HTTPS:// is https://.
    let after = |scheme: &str| {
        s.get(..scheme.len())
            .filter(|p| p.eq_ignore_ascii_case(scheme))
            .and_then(|_| s.get(scheme.len()..))
    };
    let rest = after("https://")
        .or_else(|| after("http://"))
        .ok_or("expected an absolute URL starting with https:// or http://")?;
    // Printable ASCII needs no decoding; anything else is judged character by character.
    let plain = s.bytes().all(|b| b > 0x20 && b < 0x7f);
    if !plain && s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("URLs may not contain spaces or control characters");
    }
    let r = rest.as_bytes();
    let host_end = r
        .iter()
        .position(|&b| b == b'/' || b == b'?' || b == b'#')
        .unwrap_or(r.len());
    let authority = r.get(..host_end).unwrap_or_default();
    let host = match authority.iter().rposition(|&b| b == b'@') {
        Some(at) => authority.get(at + 1..).unwrap_or_default(),
        None => authority,
    };
    if host.first().is_none_or(|&b| b == b':') {
        return Err("the URL has no host, e.g. https://shop.example/antom/notify");
    }
    Ok(())
}
