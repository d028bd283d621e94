//! The JavaScript boundary, declared once: every operation the JS side calls through the wasm
//! module's one export `op(code, a, b, c, d, e)`, its arguments and the tags its answer may start
//! with, and every tag. The dispatch (`src/wasm/mod.rs`) matches on [`Op`], so an operation
//! without its function does not compile; the JS side's functions and tags
//! (`pkg-template/ops.js`) are generated from this table by `tests/boundary.rs`, which fails when
//! they drift, and `tests/js/boundary.test.mjs` drives every operation through the real export.
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
            #[cfg(not(target_arch = "wasm32"))]
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

/// Declares the operations: the variant, its code, its name in JavaScript, whether the lean
/// module (the checkout page's) has it, its arguments and the tags it answers besides `E`.
macro_rules! operations {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $js:literal, $lean:literal, [$($arg:literal),*], [$($tag:ident),*];)*) => {
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
            #[cfg(not(target_arch = "wasm32"))]
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

            /// The names of its (at most five) arguments.
            #[cfg(not(target_arch = "wasm32"))]
            pub const fn args(self) -> &'static [&'static str] {
                match self {
                    $(Op::$variant => &[$($arg),*],)*
                }
            }

            /// The tags its answer may start with, besides [`Tag::Error`].
            #[cfg(not(target_arch = "wasm32"))]
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
                lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
            }
        }
    };
}

operations! {
    /// The issues of the pay request in the input buffer (JSON), or nothing when it is valid.
    ValidatePay = 0, "validatePay", true, ["requestLen", "nowMs", "globalGateway"], [Nothing, Json];
    /// The request of `call` (its number in the call descriptions), validated and prepared; the
    /// request's JSON and then the configuration's are in the input buffer.
    Prepare = 1, "prepare", true, ["call", "requestLen", "configLen", "nowMs"], [Prepared, PreparedAsInput];
    /// Decimal major units to minor units (`toMinor` 1) or back (0); the amount and then the
    /// currency are in the input buffer.
    MinorUnits = 2, "minorUnits", true, ["toMinor", "amountLen", "currencyLen"], [Text];
    /// A new paymentRequestId from the random bytes in the input buffer.
    NewPaymentRequestId = 3, "newPaymentRequestId", true, ["randomLen"], [Text];
    /// The version of the build the module comes from: the JavaScript that calls it must be of
    /// the same build (its operations are numbered by the same declaration).
    Version = 4, "version", true, [], [Text];
    /// The issues of a decimal amount (in the input buffer) in a currency, each at a path (the
    /// currency NUL the path, after it), or nothing when it converts.
    ValidateAmount = 5, "validateAmount", true, ["amountLen", "currencyAndPathLen"], [Nothing, Json];
    /// What an answer to `call` means (its body in the input buffer, or `notUtf8` 1 when its
    /// bytes are not UTF-8 and nothing is there).
    Interpret = 10, "interpret", false, ["call", "status", "bodyLen", "notUtf8"], [Outcome, OutcomeRawIsBody];
    /// The Signature header for the base64 signature and then the key version in the input buffer.
    SignatureHeader = 11, "signatureHeader", false, ["signatureLen", "keyVersionLen", "hasKeyVersion"], [Text];
    /// A Signature header (in the input buffer), parsed: `{ algorithm?, signature, keyVersion? }`.
    ParseSignatureHeader = 12, "parseSignatureHeader", false, ["headerLen"], [Json];
    /// The content a signature covers: path NUL clientId NUL time, then the body.
    ContentToVerify = 13, "contentToVerify", false, ["headLen", "bodyLen"], [Text];
    /// The byte codec: `codec` 0 a private key's text to PKCS#8 DER, 1 a public key's to SPKI
    /// DER, 2 bytes to base64, 3 base64 to bytes.
    Bytes = 14, "bytes", false, ["codec", "inputLen"], [Bytes, Text];
    /// What to verify of a notification, or the whole result when it is refused before that:
    /// path NUL clientId, then the headers, then the body in the input buffer.
    NotificationToVerify = 15, "notificationToVerify", false, ["headLen", "bodyLen", "nowMs", "toleranceMs"], [Json];
    /// An answer to `call` judged as the client judges it, for a host that sent the request
    /// itself: the body, then path NUL clientId NUL requestId NUL requestTime NUL the headers in
    /// the input buffer.
    /// `verdict` 9 first (answers what to verify, or the outcome), then 1 verified, 0 not, 2 the
    /// callback failed (answers the outcome).
    InterpretVerified = 17, "interpretVerified", false, ["call", "status", "bodyLen", "headLen", "verdict"], [Verify, Outcome, OutcomeRawIsBody];
    /// How a notification ends once verified (`verdict` 1 yes, 0 no, 2 the callback failed,
    /// 3 not UTF-8, nothing verified); the body is in the input buffer.
    NotificationResult = 16, "notificationResult", false, ["verdict", "bodyLen"], [Json];
    /// A new client from its configuration (JSON in the input buffer); `flags` 1: it has a
    /// verify callback, 2: it observes events.
    Client = 20, "client", false, ["configLen", "flags"], [Handle];
    /// A call of a client: the request's JSON and then the call's options (JSON, or nothing) in
    /// the input buffer.
    Call = 21, "call", false, ["client", "call", "requestLen", "optionsLen", "nowMs"], [Handle];
    /// Frees a client (`kind` 0), a call (1) or a resolvePayment round (2); freeing twice does
    /// nothing.
    Free = 22, "free", false, ["kind", "handle"], [Nothing];
    /// A resolvePayment round of a client: `{ paymentRequestId, expiresAt, sentAt?, round? }`
    /// in the input buffer.
    Resolve = 23, "resolve", false, ["client", "inputLen"], [Handle];
    /// A round's next step: the first (`call` 0), or the one after the finished call `call`
    /// (its outcome is read from it): a call to make, or what the round found (JSON).
    ResolveNext = 24, "resolveNext", false, ["round", "call", "nowMs"], [Call, Json];
    /// A call's first step.
    Start = 30, "start", false, ["call", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `S`: the signature (`ok` 1) or why signing failed, in the input buffer.
    Signed = 31, "signed", false, ["call", "ok", "textLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `F`: Antom's answer: its status, the body and then the headers in the input buffer.
    Answered = 32, "answered", false, ["call", "status", "bodyLen", "headersLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `F`: no answer to read: `why` 1 the timeout passed, 2 the body is not UTF-8, 0 the
    /// fetch failed (its message in the input buffer).
    Unanswered = 33, "unanswered", false, ["call", "why", "messageLen", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `V`: 1 verified, 0 not verified, 2 the verify callback failed.
    Verified = 34, "verified", false, ["call", "result", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// After `W`: the time now, epoch ms.
    Slept = 35, "slept", false, ["call", "nowMs"], [Sign, Fetch, Verify, Wait, Done];
    /// The caller aborted the call (its `AbortSignal`; `requestOut` 1: a request was out and its
    /// fetch was cut short): before any request left an error (nothing was sent), after one did
    /// the outcome, unknown.
    Aborted = 36, "aborted", false, ["call", "requestOut", "nowMs"], [Done];
    /// The call's events since the last time (a JSON array), for `onEvent`.
    Events = 37, "events", false, ["call"], [Json];
}
