//! The one error type of the library. Declines from Antom are not errors (they are outcomes);
//! these are misuse, bad configuration and host failures the flow cannot absorb.

use antom_checkout_rules::validate::Issue;

/// Declares [`Error`] once: each variant with the code JavaScript sees, from which
/// [`Error::code`] and [`Error::ALL_CODES`] come.
macro_rules! errors {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($payload:ty) = $code:ident, )+
        }
        raised by the JS glue: $($glue:ident),*
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant($payload), )+
        }

        impl $name {
            /// A stable, machine-readable code for this error.
            pub fn code(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => stringify!($code), )+
                }
            }

            /// Every code JavaScript can see as `error.code`: the variants' codes and the codes
            /// the JS glue raises itself. The published types are generated from this list.
            pub const ALL_CODES: &'static [&'static str] =
                &[$(stringify!($code),)+ $(stringify!($glue)),*];

            /// The codes only the JS glue raises.
            pub const GLUE_CODES: &'static [&'static str] = &[$(stringify!($glue)),*];
        }
    };
}

errors! {
    /// Everything that can go wrong before or around a call to Antom.
    ///
    /// Each variant has a stable [`Error::code`] that JavaScript sees as `error.code`.
    #[derive(Debug, thiserror::Error, Clone, PartialEq)]
    #[non_exhaustive]
    pub enum Error {
        /// The request failed validation; every issue found is listed.
        #[error("the request is invalid ({} issue(s)): {}", .0.len(), first_issue(.0))]
        InvalidRequest(Vec<Issue>) = INVALID_REQUEST,
        /// The client or prepare configuration is unusable.
        #[error("invalid configuration: {0}")]
        InvalidConfig(String) = INVALID_CONFIG,
        /// An argument had the wrong shape (not JSON, wrong type, out of range).
        #[error("invalid argument: {0}")]
        InvalidArgument(String) = INVALID_ARGUMENT,
        /// A decimal amount could not be converted exactly.
        #[error("invalid amount: {0}")]
        InvalidAmount(String) = INVALID_AMOUNT,
        /// The currency is not an ISO 4217 code the library knows.
        #[error("unknown currency \"{0}\"")]
        UnknownCurrency(String) = UNKNOWN_CURRENCY,
        /// The host's `sign` callback failed or returned something that is not a signature.
        #[error("the sign callback failed: {0}")]
        SignerFailed(String) = SIGNER_FAILED,
        /// A key is not an RSA key in a form the library reads.
        #[error("invalid key: {0}")]
        InvalidKey(String) = INVALID_KEY,
        /// A Signature header could not be parsed.
        #[error("invalid Signature header: {0}")]
        InvalidSignatureHeader(String) = INVALID_SIGNATURE_HEADER,
        /// The caller aborted the call before anything was sent (JavaScript rejects with the
        /// signal's reason instead).
        #[error("the call was aborted before anything was sent: {0}")]
        Aborted(String) = ABORTED,
    }
    // The client met a step of the core's flow it does not know (core.js); the module is not
    // loaded yet, failed to load, or the runtime lacks what a call needs. tests/generated.rs
    // holds this list to what pkg-template/*.js raises, both ways.
    raised by the JS glue: INTERNAL, NOT_INITIALIZED, INIT_FAILED, UNSUPPORTED
}

fn first_issue(issues: &[Issue]) -> String {
    issues
        .first()
        .map(|i| format!("{}: {}", i.path, i.message))
        .unwrap_or_default()
}

impl Error {
    /// The validation issues, for [`Error::InvalidRequest`]; empty otherwise.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::InvalidRequest(v) => v,
            _ => &[],
        }
    }
}
