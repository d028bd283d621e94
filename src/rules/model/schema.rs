//! The vocabulary the request models are written in: each API object is a static table of
//! [`Field`]s. One table drives validation, the canonical JSON body, the generated TypeScript
//! types and the rules table in docs/validation.md, so the four can never disagree.

/// How a field's presence is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The caller must give it.
    Required,
    /// The caller may give it; absent means omitted from the body.
    Optional,
    /// The library fills it in when absent (a constant of Entry Code); a caller who gives
    /// another value gets an issue, never a silent overwrite. Ids are never filled in: the
    /// merchant owns them.
    Auto,
}

/// What a field's value must look like.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// Free text.
    Text,
    /// An idempotency or reference id the merchant chooses (`paymentRequestId`): the reference
    /// page gives only a maximum length, so anything but control characters is accepted.
    Id,
    /// One of a closed set of values.
    OneOf(&'static [&'static str]),
    /// A constant fixed by the Entry Code product.
    Fixed(&'static str),
    /// An ISO 4217 alpha-3 code known to the library.
    Currency,
    /// A merchant category code: four digits.
    Mcc,
    /// An ISO 3166 alpha-2 region code (two upper-case letters).
    Region,
    /// An integer within bounds, sent as a string (JSON numbers are accepted on input).
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// An amount's value in minor units: digits only, no leading zeros; greater than zero when
    /// the enclosing [`Rule::Amount`] is `positive`.
    Minor,
    /// `"true"` or `"false"` (JSON booleans are accepted on input).
    Bool,
    /// ISO 8601 date-time with a numeric offset.
    DateTime,
    /// ISO 8601 date-time with a numeric offset that must not be in the past.
    FutureDateTime,
    /// An absolute `http` or `https` URL with a host (a fragment is allowed).
    Url,
    /// An e-mail address (one `@`, no spaces).
    Email,
    /// A nested object.
    Object(&'static [Field]),
    /// An array of objects, at most `max` long.
    List {
        /// Most elements allowed.
        max: usize,
        /// The element's table.
        item: &'static [Field],
    },
    /// An Amount object; `positive` forbids a zero value.
    Amount {
        /// Whether zero is refused.
        positive: bool,
    },
}

/// One field of an API object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON key, exactly as Antom spells it.
    pub name: &'static str,
    /// Whether it must, may, or will be given.
    pub presence: Presence,
    /// Maximum length in characters for scalar values (0 for objects and arrays).
    pub max: usize,
    /// What the value must look like.
    pub rule: Rule,
}

/// A required field.
pub const fn req(name: &'static str, max: usize, rule: Rule) -> Field {
    Field {
        name,
        presence: Presence::Required,
        max,
        rule,
    }
}

/// An optional field.
pub const fn opt(name: &'static str, max: usize, rule: Rule) -> Field {
    Field {
        name,
        presence: Presence::Optional,
        max,
        rule,
    }
}

/// A field the library fills in when the caller leaves it out.
pub const fn auto(name: &'static str, max: usize, rule: Rule) -> Field {
    Field {
        name,
        presence: Presence::Auto,
        max,
        rule,
    }
}

/// `Amount`: `currency` (ISO 4217) and `value` (integer string in minor units, at most 16 digits).
pub const AMOUNT: &[Field] = &[
    req("currency", 3, Rule::Currency),
    req("value", 16, Rule::Minor),
];
