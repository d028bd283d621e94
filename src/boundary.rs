//! The JavaScript boundary, declared once: every operation the JS side calls through the wasm
//! module's one export `op(code, a, b, c, d, e)`, its arguments (and, for an argument that is one
//! of a few values, the set of those values by name) and the tags its answer may start with, and
//! every tag. The dispatch (`src/wasm/mod.rs`) matches on [`Op`], so an operation without its
//! function does not compile, and decodes each value argument into its set's enum; the JS side's
//! functions, tags and value sets (`pkg-template/ops.js`) are generated from these tables by
//! `tests/boundary.rs`, which fails when they drift, and `tests/js/boundary.test.mjs` drives every
//! operation through the real export. [`VERSION`] is the crate's version and a hash of the whole
//! declaration: a module and JavaScript numbered by two different declarations refuse each other.
//!
//! Framing: every answer is one tag character and its payload. Texts and bytes go in through
//! the module's input buffer (an argument is then their length in bytes); numbers as arguments.
//! A payload of several fields separates them with NUL (no field can hold one); HTTP headers
//! cross as `name NUL value NUL ...`, names in lower case, wherever they cross.

/// Declares the tags: the variant, its character, its name in JavaScript and what follows it.
macro_rules! tags {
    ($($(#[doc = $doc:literal])* $variant:ident = $ch:literal, $js:literal;)*) => {
        /// The first character of every answer.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Tag {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Tag {
            /// Every tag, in declaration order.
            pub const ALL: &'static [Tag] = &[$(Tag::$variant),*];

            /// The character that starts an answer with this tag.
            pub const fn char(self) -> char {
                match self {
                    $(Tag::$variant => $ch,)*
                }
            }

            /// Its name in JavaScript (`Tag.<name>` in ops.js).
            pub const fn js(self) -> &'static str {
                match self {
                    $(Tag::$variant => $js,)*
                }
            }

            /// What follows the tag, for the generated documentation.
            #[cfg(not(target_arch = "wasm32"))]
            pub fn doc(self) -> String {
                let lines: &[&str] = match self {
                    $(Tag::$variant => &[$($doc),*],)*
                };
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
            }
        }
    };
}

tags! {
    /// An error: `{"code","message","issues"}`.
    Error = 'E', "error";
    /// Nothing to report (a valid request, a handle freed).
    Nothing = 'N', "nothing";
    /// A text.
    Text = 'T', "text";
    /// A JSON value.
    Json = 'J', "json";
    /// The number of bytes the core left in the input buffer.
    Bytes = 'B', "bytes";
    /// A prepared request: url, path, Request-Time, the idempotency key's value, the content to
    /// sign without the body, the number of headers, each header's name and value, each NUL-led;
    /// then the body.
    Prepared = 'P', "prepared";
    /// A prepared request whose body is the input text unchanged (not sent back): the fields of
    /// `P` without the body.
    PreparedAsInput = 'Q', "preparedAsInput";
    /// An outcome's JSON.
    Outcome = 'O', "outcome";
    /// An outcome's JSON without `raw`: `raw` is the answer's body, which the host has.
    OutcomeRawIsBody = 'R', "outcomeRawIsBody";
    /// A handle, and for a client NUL and its timeout for one send in ms.
    Handle = 'H', "handle";
    /// A call's step: sign this content.
    Sign = 'S', "sign";
    /// A call's step: send this prepared request: its Signature header, then the fields of `P`.
    Fetch = 'F', "fetch";
    /// A call's step: verify this signature (base64) NUL over this content.
    Verify = 'V', "verify";
    /// A call's step: wait this many ms, then report the time.
    Wait = 'W', "wait";
    /// A call's step: done; an outcome (`O` or `R` and its JSON) follows.
    Done = 'D', "done";
    /// A step of a resolvePayment round: make this call (its number, NUL, its request's JSON)
    /// and report its outcome.
    Call = 'C', "call";
}

/// An argument of an operation: its name, and the set of values it takes when it is one of a
/// few values (a length, a handle, a time or a status takes none).
#[derive(Clone, Copy, Debug)]
pub struct Arg {
    /// Its name in JavaScript (the parameter in ops.js).
    pub name: &'static str,
    /// The values it takes, by name.
    pub values: Option<&'static ValueSet>,
}

/// A set of values an argument takes, each by name: `<js>.<name>` in ops.js.
#[derive(Debug)]
pub struct ValueSet {
    /// Its name in JavaScript (an object of ops.js).
    pub js: &'static str,
    /// What it is, for the generated documentation.
    pub doc: &'static [&'static str],
    /// Its values.
    pub values: &'static [Value],
}

/// A value of a [`ValueSet`].
#[derive(Debug)]
pub struct Value {
    /// Its name in JavaScript.
    pub js: &'static str,
    /// The number that crosses the boundary.
    pub value: u8,
    /// What it means, for the generated documentation.
    pub doc: &'static [&'static str],
}

/// Declares the value sets: each an enum whose variants are the values (the number that crosses
/// is the discriminant), its name in JavaScript, each value's name in JavaScript.
macro_rules! value_sets {
    ($($(#[doc = $sdoc:literal])* $set:ident { $($(#[doc = $doc:literal])* $variant:ident = $v:literal, $js:literal;)* })*) => {
        $(
            $(#[doc = $sdoc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            #[repr(u8)]
            pub enum $set {
                $($(#[doc = $doc])* $variant = $v,)*
            }

            impl $set {
                /// The set, for the generated JavaScript and the declaration's hash.
                pub const SET: ValueSet = ValueSet {
                    js: stringify!($set),
                    doc: &[$($sdoc),*],
                    values: &[$(Value { js: $js, value: $v, doc: &[$($doc),*] }),*],
                };

                /// The value the number `v` stands for, if it stands for one.
                pub const fn of(v: u8) -> Option<$set> {
                    match v {
                        $($v => Some($set::$variant),)*
                        _ => None,
                    }
                }

                /// The number that crosses the boundary.
                pub const fn value(self) -> u8 {
                    self as u8
                }
            }
        )*

        /// Every value set, in declaration order.
        pub const VALUE_SETS: &[&ValueSet] = &[$(&$set::SET),*];
    };
}

value_sets! {
    /// `validatePay`'s `globalGateway`: which gateways the request may name.
    GatewayScope {
        /// The regional gateways only.
        Regional = 0, "regional";
        /// The global gateway too.
        Global = 1, "global";
    }
    /// `minorUnits`' `toMinor`: which way the amount converts.
    Convert {
        /// Minor units to decimal major units.
        FromMinor = 0, "fromMinor";
        /// Decimal major units to minor units.
        ToMinor = 1, "toMinor";
    }
    /// `interpret`'s `notUtf8`: whether the answer's body is in the input buffer.
    BodyBytes {
        /// The body is in the input buffer.
        Utf8 = 0, "utf8";
        /// The body's bytes are not UTF-8: nothing is in the input buffer.
        NotUtf8 = 1, "notUtf8";
    }
    /// `signatureHeader`'s `hasKeyVersion`: whether the header names a key version.
    KeyVersion {
        /// No key version.
        Absent = 0, "absent";
        /// The key version follows the signature in the input buffer.
        Given = 1, "given";
    }
    /// `bytes`' `codec`: what the byte codec does with the input buffer.
    Codec {
        /// A private key's text (PEM or base64, PKCS#8 or PKCS#1) to PKCS#8 DER.
        PrivateKeyDer = 0, "privateKeyDer";
        /// A public key's text (PEM or base64, SPKI or PKCS#1) to SPKI DER.
        PublicKeyDer = 1, "publicKeyDer";
        /// Bytes to base64 (a text).
        ToBase64 = 2, "toBase64";
        /// Base64 to bytes.
        FromBase64 = 3, "fromBase64";
    }
    /// `interpretVerified`'s `verdict`: the first look, or what the verify callback said.
    AnswerVerdict {
        /// The signature did not verify.
        NotVerified = 0, "notVerified";
        /// The signature verified.
        Verified = 1, "verified";
        /// The verify callback failed.
        VerifyFailed = 2, "verifyFailed";
        /// The first look: answers what to verify, or the outcome.
        First = 3, "first";
    }
    /// `notificationResult`'s `verdict`: what the verify callback said.
    NotificationVerdict {
        /// The signature did not verify.
        NotVerified = 0, "notVerified";
        /// The signature verified.
        Verified = 1, "verified";
        /// The verify callback failed.
        VerifyFailed = 2, "verifyFailed";
        /// The body's bytes are not UTF-8: nothing was verified.
        NotUtf8 = 3, "notUtf8";
    }
    /// `client`'s `flags`, bits or-ed together: what the host gives the client.
    ClientFlag {
        /// Neither.
        None = 0, "none";
        /// A verify callback.
        Verifies = 1, "verifies";
        /// An `onEvent` hook: the client keeps its events.
        Observes = 2, "observes";
    }
    /// `free`'s `kind`: what the handle is.
    HandleKind {
        /// A client.
        Client = 0, "client";
        /// A call.
        Call = 1, "call";
        /// A resolvePayment round.
        Round = 2, "round";
    }
    /// `resolveNext`'s `call` when no call has finished: a round's first step.
    RoundStep {
        /// The round's first step (otherwise `call` is the handle of the call that finished).
        First = 0, "first";
    }
    /// `signed`'s `ok`: what the sign callback gave.
    SignResult {
        /// It failed: why is in the input buffer.
        Failed = 0, "failed";
        /// The signature is in the input buffer.
        Signed = 1, "signed";
    }
    /// `unanswered`'s `why`: why there is no answer to read.
    NoAnswer {
        /// The fetch failed: its message is in the input buffer.
        FetchFailed = 0, "fetchFailed";
        /// The timeout passed.
        TimedOut = 1, "timedOut";
        /// An answer came whose body's bytes are not UTF-8.
        BodyNotUtf8 = 2, "bodyNotUtf8";
    }
    /// `verified`'s `result`: what the verify callback said.
    Verdict {
        /// The signature did not verify.
        NotVerified = 0, "notVerified";
        /// The signature verified.
        Verified = 1, "verified";
        /// The verify callback failed.
        VerifyFailed = 2, "verifyFailed";
    }
    /// `aborted`'s `requestOut`: whether a request was out when the caller aborted.
    AbortedWhen {
        /// No request was out (none had left yet, or none was out at the moment).
        NoRequestOut = 0, "noRequestOut";
        /// A request was out and its fetch was cut short.
        RequestOut = 1, "requestOut";
    }
}

/// An argument's value set: `None`, or `Some` of the set named.
macro_rules! set_of {
    () => {
        None
    };
    ($set:ident) => {
        Some(&$set::SET)
    };
}

/// Declares the operations: the variant, its code, its name in JavaScript, whether the lean
/// module (the checkout page's) has it, its arguments and the tags it answers besides `E`.
macro_rules! operations {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $js:literal, $lean:literal, [$($arg:literal $(: $set:ident)?),*], [$($tag:ident),*];)*) => {
        /// An operation of the boundary.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Op {
            /// Every operation, in declaration order.
            pub const ALL: &'static [Op] = &[$(Op::$variant),*];

            /// The operation `op(code, ...)` runs, if any.
            pub const fn from_code(code: u8) -> Option<Op> {
                match code {
                    $($code => Some(Op::$variant),)*
                    _ => None,
                }
            }

            /// Its code, the first argument of `op`.
            pub const fn code(self) -> u8 {
                match self {
                    $(Op::$variant => $code,)*
                }
            }

            /// Its name in JavaScript (the function in ops.js).
            pub const fn js(self) -> &'static str {
                match self {
                    $(Op::$variant => $js,)*
                }
            }

            /// Whether the lean module (without the `full` feature) has it.
            pub const fn lean(self) -> bool {
                match self {
                    $(Op::$variant => $lean,)*
                }
            }

            /// Its (at most five) arguments.
            pub const fn args(self) -> &'static [Arg] {
                match self {
                    $(Op::$variant => &[$(Arg {
                        name: $arg,
                        values: set_of!($($set)?),
                    }),*],)*
                }
            }

            /// The tags its answer may start with, besides [`Tag::Error`].
            pub const fn answers(self) -> &'static [Tag] {
                match self {
                    $(Op::$variant => &[$(Tag::$tag),*],)*
                }
            }

            /// Its documentation, for the generated JS.
            #[cfg(not(target_arch = "wasm32"))]
            pub fn doc(self) -> String {
                let lines: &[&str] = match self {
                    $(Op::$variant => &[$($doc),*],)*
                };
                // Rust's intra-doc links read as plain code in JavaScript.
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ").replace("[`", "`").replace("`]", "`")
            }
        }
    };
}

operations! {
    /// The issues of the pay request in the input buffer (JSON), or nothing when it is valid.
    ValidatePay = 0, "validatePay", true, ["requestLen", "nowMs", "globalGateway": GatewayScope], [Nothing, Json];
    /// The request of `call` (its number in the call descriptions), validated and prepared; the
    /// request's JSON and then the configuration's are in the input buffer.
    Prepare = 1, "prepare", false, ["call", "requestLen", "configLen", "nowMs"], [Prepared, PreparedAsInput];
    /// Decimal major units to minor units or back ([`Convert`]); the amount and then the
    /// currency are in the input buffer.
    MinorUnits = 2, "minorUnits", true, ["toMinor": Convert, "amountLen", "currencyLen"], [Text];
    /// A new paymentRequestId from the random bytes in the input buffer.
    NewPaymentRequestId = 3, "newPaymentRequestId", true, ["randomLen"], [Text];
    /// The version of the build the module comes from ([`VERSION`]: the crate's version and the
    /// declaration's hash): the JavaScript that calls it must be of the same build (its
    /// operations and values are numbered by the same declaration).
    Version = 4, "version", true, [], [Text];
    /// The issues of a decimal amount (in the input buffer) in a currency, each at a path (the
    /// currency NUL the path, after it), or nothing when it converts.
    ValidateAmount = 5, "validateAmount", true, ["amountLen", "currencyAndPathLen"], [Nothing, Json];
    /// What an answer to `call` means (its body in the input buffer, or nothing there when its
    /// bytes are not UTF-8: [`BodyBytes`]).
    Interpret = 10, "interpret", false, ["call", "status", "bodyLen", "notUtf8": BodyBytes], [Outcome, OutcomeRawIsBody];
    /// The Signature header for the base64 signature and then the key version in the input buffer.
    SignatureHeader = 11, "signatureHeader", false, ["signatureLen", "keyVersionLen", "hasKeyVersion": KeyVersion], [Text];
    /// A Signature header (in the input buffer), parsed: `{ algorithm?, signature, keyVersion? }`.
    ParseSignatureHeader = 12, "parseSignatureHeader", false, ["headerLen"], [Json];
    /// The content a signature covers: path NUL clientId NUL time, then the body.
    ContentToVerify = 13, "contentToVerify", false, ["headLen", "bodyLen"], [Text];
    /// The byte codec ([`Codec`]): keys' texts to DER, bytes to base64 and back.
    Bytes = 14, "bytes", false, ["codec": Codec, "inputLen"], [Bytes, Text];
    /// What to verify of a notification, or the whole result when it is refused before that:
    /// path NUL clientId, then the headers, then the body in the input buffer.
    NotificationToVerify = 15, "notificationToVerify", false, ["headLen", "bodyLen", "nowMs", "toleranceMs"], [Json];
    /// An answer to `call` judged as the client judges it, for a host that sent the request
    /// itself: the body, then path NUL clientId NUL requestId NUL requestTime NUL the headers in
    /// the input buffer.
    /// [`AnswerVerdict`]: the first look answers what to verify, or the outcome; the verify
    /// callback's verdict, the outcome.
    InterpretVerified = 17, "interpretVerified", false, ["call", "status", "bodyLen", "headLen", "verdict": AnswerVerdict], [Verify, Outcome, OutcomeRawIsBody];
    /// How a notification ends once verified ([`NotificationVerdict`]); the body is in the input
    /// buffer.
    NotificationResult = 16, "notificationResult", false, ["verdict": NotificationVerdict, "bodyLen"], [Json];
    /// A new client from its configuration (JSON in the input buffer); `flags`: [`ClientFlag`]s
    /// or-ed together.
    Client = 20, "client", false, ["configLen", "flags": ClientFlag], [Handle];
    /// A call of a client: the request's JSON and then the call's options (JSON, or nothing) in
    /// the input buffer.
    Call = 21, "call", false, ["client", "call", "requestLen", "optionsLen", "nowMs"], [Handle];
    /// Frees a client, a call or a resolvePayment round ([`HandleKind`]); freeing twice does
    /// nothing.
    Free = 22, "free", false, ["kind": HandleKind, "handle"], [Nothing];
    /// A resolvePayment round of a client: `{ paymentRequestId, expiresAt, sentAt?, round? }`
    /// in the input buffer.
    Resolve = 23, "resolve", false, ["client", "inputLen"], [Handle];
    /// A round's next step: the first ([`RoundStep::First`]), or the one after the finished call
    /// `call` (its outcome is read from it): a call to make, or what the round found (JSON).
    ResolveNext = 24, "resolveNext", false, ["round", "call": RoundStep, "nowMs"], [Call, Json];
    /// A call's first step.
    Start = 30, "start", false, ["call", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `S`: the signature or why signing failed ([`SignResult`]), in the input buffer.
    Signed = 31, "signed", false, ["call", "ok": SignResult, "textLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `F`: Antom's answer: its status, the body and then the headers in the input buffer.
    Answered = 32, "answered", false, ["call", "status", "bodyLen", "headersLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `F`: no answer to read ([`NoAnswer`]; a failed fetch's message in the input
    /// buffer).
    Unanswered = 33, "unanswered", false, ["call", "why": NoAnswer, "messageLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `V`: what the verify callback said ([`Verdict`]).
    Verified = 34, "verified", false, ["call", "result": Verdict, "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `W`: the time now, epoch ms.
    Slept = 35, "slept", false, ["call", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// The caller aborted the call (its `AbortSignal`; [`AbortedWhen`]): before any request left
    /// an error (nothing was sent), after one did the outcome, unknown.
    Aborted = 36, "aborted", false, ["call", "requestOut": AbortedWhen, "nowMs"], [Done];
    /// The call's events since the last time (a JSON array), for `onEvent`.
    Events = 37, "events", false, ["call"], [Json];
}

/// FNV-1a over `bytes`, then a NUL (no name holds one): one field of the declaration.
const fn hash_field(mut h: u32, bytes: &[u8]) -> u32 {
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    h.wrapping_mul(0x0100_0193)
}

/// A number of the declaration, as one field.
const fn hash_number(h: u32, n: u32) -> u32 {
    hash_field(h, &n.to_le_bytes())
}

/// A value set: its name, then each value's name and number.
const fn hash_set(mut h: u32, set: &ValueSet) -> u32 {
    h = hash_field(h, set.js.as_bytes());
    let mut i = 0;
    while i < set.values.len() {
        h = hash_field(h, set.values[i].js.as_bytes());
        h = hash_number(h, set.values[i].value as u32);
        i += 1;
    }
    h
}

/// A hash (FNV-1a, 32 bits) of the whole declaration: every tag (name, character), every
/// operation (code, name, lean or not, each argument's name and value set, its answers' tags)
/// and every value set. Documentation is left out: it numbers nothing.
pub const DECLARATION_HASH: u32 = {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < Tag::ALL.len() {
        h = hash_field(h, Tag::ALL[i].js().as_bytes());
        h = hash_number(h, Tag::ALL[i].char() as u32);
        i += 1;
    }
    i = 0;
    while i < Op::ALL.len() {
        let op = Op::ALL[i];
        h = hash_number(h, op.code() as u32);
        h = hash_field(h, op.js().as_bytes());
        h = hash_number(h, op.lean() as u32);
        let args = op.args();
        let mut j = 0;
        while j < args.len() {
            h = hash_field(h, args[j].name.as_bytes());
            h = match args[j].values {
                Some(set) => hash_set(h, set),
                None => hash_field(h, b""),
            };
            j += 1;
        }
        let answers = op.answers();
        j = 0;
        while j < answers.len() {
            h = hash_number(h, answers[j].char() as u32);
            j += 1;
        }
        i += 1;
    }
    i = 0;
    while i < VALUE_SETS.len() {
        h = hash_set(h, VALUE_SETS[i]);
        i += 1;
    }
    h
};

const CRATE_VERSION: &str = env!("CARGO_PKG_VERSION");
const VERSION_LEN: usize = CRATE_VERSION.len() + 9;
static VERSION_BYTES: [u8; VERSION_LEN] = {
    let mut out = [0u8; VERSION_LEN];
    let v = CRATE_VERSION.as_bytes();
    let mut i = 0;
    while i < v.len() {
        out[i] = v[i];
        i += 1;
    }
    out[i] = b'+';
    let mut d = 0;
    while d < 8 {
        let nibble = (DECLARATION_HASH >> (28 - 4 * d)) & 0xf;
        out[i + 1 + d] = b"0123456789abcdef"[nibble as usize];
        d += 1;
    }
    out
};

/// The build's version as the boundary states it: the crate's version, `+`, and the
/// [`DECLARATION_HASH`] in hex (`0.1.0+1a2b3c4d`). The module's `version` operation answers it and
/// `pkg-template/ops.js` holds it: JavaScript and a module numbered by two different declarations
/// (the same crate version or not) refuse each other.
/// Evaluated when the crate is compiled: the bytes are the crate's version (a `&str`), `+` and
/// hex digits, so they are always UTF-8 and the second arm is never taken (the crate's version
/// alone would then stand, and `tests/boundary.rs` would find it without its hash).
pub const VERSION: &str = match core::str::from_utf8(&VERSION_BYTES) {
    Ok(v) => v,
    Err(_) => CRATE_VERSION,
};
