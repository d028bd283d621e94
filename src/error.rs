//! The one error type of the library. Declines from Antom are not errors (they are outcomes);
//! these are misuse, bad configuration and host failures the flow cannot absorb.

use crate::validate::Issue;

/// Everything that can go wrong before or around a call to Antom.
///
/// Each variant has a stable [`Error::code`] that JavaScript sees as `error.code`.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The request failed validation; every issue found is listed.
    #[error("the request is invalid ({} issue(s)): {}", .0.len(), first_issue(.0))]
    InvalidRequest(Vec<Issue>),
    /// The client or prepare configuration is unusable.
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// An argument had the wrong shape (not JSON, wrong type, out of range).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A decimal amount could not be converted exactly.
    #[error("invalid amount: {0}")]
    InvalidAmount(String),
    /// The currency is not an ISO 4217 code the library knows.
    #[error("unknown currency \"{0}\"")]
    UnknownCurrency(String),
    /// The host's `sign` callback failed or returned something that is not a signature.
    #[error("the sign callback failed: {0}")]
    SignerFailed(String),
    /// A key is not an RSA key in a form the library reads.
    #[error("invalid key: {0}")]
    InvalidKey(String),
    /// A Signature header could not be parsed.
    #[error("invalid Signature header: {0}")]
    InvalidSignatureHeader(String),
}

fn first_issue(issues: &[Issue]) -> String {
    issues
        .first()
        .map(|i| format!("{}: {}", i.path, i.message))
        .unwrap_or_default()
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidRequest(_) => "INVALID_REQUEST",
            Error::InvalidConfig(_) => "INVALID_CONFIG",
            Error::InvalidArgument(_) => "INVALID_ARGUMENT",
            Error::InvalidAmount(_) => "INVALID_AMOUNT",
            Error::UnknownCurrency(_) => "UNKNOWN_CURRENCY",
            Error::SignerFailed(_) => "SIGNER_FAILED",
            Error::InvalidKey(_) => "INVALID_KEY",
            Error::InvalidSignatureHeader(_) => "INVALID_SIGNATURE_HEADER",
        }
    }

    /// Every code JavaScript can see as `error.code`: the variants' codes, `INTERNAL` (an answer
    /// the boundary could not serialize), and the codes the JS glue raises itself
    /// (`NOT_INITIALIZED`, `INIT_FAILED`, `UNSUPPORTED`). The published types are generated from
    /// this list.
    pub const ALL_CODES: &'static [&'static str] = &[
        "INVALID_REQUEST",
        "INVALID_CONFIG",
        "INVALID_ARGUMENT",
        "INVALID_AMOUNT",
        "UNKNOWN_CURRENCY",
        "SIGNER_FAILED",
        "INVALID_KEY",
        "INVALID_SIGNATURE_HEADER",
        "INTERNAL",
        "NOT_INITIALIZED",
        "INIT_FAILED",
        "UNSUPPORTED",
    ];

    /// The validation issues, for [`Error::InvalidRequest`]; empty otherwise.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::InvalidRequest(v) => v,
            _ => &[],
        }
    }
}
