//! What a call did, attempt by attempt, for the host to observe (`onEvent` in JavaScript, an
//! observer in Rust): the request sent, the answer or its absence, the wait before a resend, the
//! outcome. Decided by the call's [`crate::flow::Flow`] with the rest of the call; the host only
//! delivers them. An event never holds a key, a signature, a body or a shopper's data: the call,
//! the idempotency key's value, numbers and codes.

use crate::declare::declared;
use crate::outcome::{Action, Kind, Reason};

antom_checkout_rules::code_enum! {
    /// Which event it is; JavaScript sees its name (`request`).
    pub enum EventType as "ClientEventType" {
        /// A request was sent (or is about to be: the fetch starts).
        Request = request,
        /// What came of a send: an answer, or none.
        Answer = answer,
        /// The outcome is still unknown: the same request is sent again after a wait.
        Retry = retry,
        /// The call is over.
        Outcome = outcome,
    }
}

antom_checkout_rules::code_enum! {
    /// Why a send brought no answer the call could read.
    pub enum SendError as "SendError" {
        /// No answer within the timeout.
        Timeout = timeout,
        /// The fetch failed (connection refused, reset, DNS).
        Network = network,
        /// The caller aborted the call while the request was out.
        Aborted = aborted,
        /// An answer came whose body is not UTF-8: it cannot be verified over the bytes received.
        NotUtf8 = notUtf8,
    }
}

antom_checkout_rules::code_enum! {
    /// What became of an answer's signature.
    pub enum Verification as "Verification" {
        /// It verified with Antom's public key.
        Verified = verified,
        /// It did not verify: the answer is not trusted.
        NotVerified = notVerified,
        /// The verify callback failed: the answer is not trusted.
        VerifierFailed = verifierFailed,
        /// Not checked: no answer, not HTTP 200, unsigned, stale or for another request.
        NotChecked = notChecked,
        /// The client has no verifier (`trustUnverifiedAnswers`).
        NotConfigured = notConfigured,
    }
}

crate::declare::code_members!(EventType, SendError, Verification);

declared! {
    /// A request is about to be sent (its fetch starts next, unless the call is aborted first).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct RequestEvent as "RequestEvent" {
        /// `request`.
        pub kind: EventType = "type" as "\"request\"";
        /// The client method: `pay`, `inquirePayment`, `cancel`, `refund`, `inquireRefund`.
        pub call: String = "call";
        /// The idempotency key's name: `paymentRequestId` or `refundRequestId`.
        pub key: String = "key";
        /// Its value (empty for a request by Antom's id only).
        pub id: String = "id";
        /// 1 for the first send, 2 for the first resend, ...
        pub attempt: u32 = "attempt";
        /// The Request-Time header of this send.
        pub request_time: String = "requestTime";
        /// The timeout of this send, ms.
        pub timeout_ms: u32 = "timeoutMs";
    }
}

declared! {
    /// What came of one send.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct AnswerEvent as "AnswerEvent" {
        /// `answer`.
        pub kind: EventType = "type" as "\"answer\"";
        /// The client method.
        pub call: String = "call";
        /// The idempotency key's value.
        pub id: String = "id";
        /// Which send it answers.
        pub attempt: u32 = "attempt";
        /// The HTTP status, when an answer came.
        pub http_status: Option<u32> = "httpStatus";
        /// Why no answer could be read.
        pub error: Option<SendError> = "error";
        /// From the send to the answer (or its absence), ms.
        pub elapsed_ms: u32 = "elapsedMs";
        /// `S`, `F` or `U` as the answer says it (trusted or not: see `verified`).
        pub result_status: Option<String> = "resultStatus" as "\"S\" | \"F\" | \"U\"";
        /// The answer's result code (trusted or not: see `verified`), when it reads as one
        /// (capital letters, digits and `_`, at most 64): an unverified answer's text never
        /// reaches a log through an event.
        pub result_code: Option<String> = "resultCode";
        /// What became of its signature.
        pub verified: Verification = "verified";
        /// What this send came to.
        pub outcome: Kind = "outcome";
        /// Why it is unknown, when it is.
        pub reason: Option<Reason> = "reason";
    }
}

declared! {
    /// The outcome is still unknown: the same request (same id, same body, a new Request-Time and
    /// signature) is sent again after a wait.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct RetryEvent as "RetryEvent" {
        /// `retry`.
        pub kind: EventType = "type" as "\"retry\"";
        /// The client method.
        pub call: String = "call";
        /// The idempotency key's value.
        pub id: String = "id";
        /// The send that follows the wait.
        pub attempt: u32 = "attempt";
        /// The wait, ms.
        pub delay_ms: u32 = "delayMs";
        /// Why the last send's outcome is unknown.
        pub reason: Option<Reason> = "reason";
    }
}

declared! {
    /// The call is over.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct OutcomeEvent as "OutcomeEvent" {
        /// `outcome`.
        pub kind: EventType = "type" as "\"outcome\"";
        /// The client method.
        pub call: String = "call";
        /// The idempotency key's value.
        pub id: String = "id";
        /// What it came to.
        pub outcome: Kind = "outcome";
        /// What to do next.
        pub action: Action = "action";
        /// Sends made.
        pub attempts: u32 = "attempts";
        /// From the call's start to its outcome, ms.
        pub total_ms: u32 = "totalMs";
        /// Why it is unknown, when it is.
        pub reason: Option<Reason> = "reason";
        /// The outcome's result code (one the outcome holds, from a believed answer), when it
        /// reads as one.
        pub result_code: Option<String> = "resultCode";
    }
}

/// One event of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientEvent {
    /// A request was sent.
    Request(RequestEvent),
    /// What came of it.
    Answer(AnswerEvent),
    /// A resend follows a wait.
    Retry(RetryEvent),
    /// The call is over.
    Outcome(OutcomeEvent),
}

impl crate::declare::WriteJson for ClientEvent {
    fn write_json(&self, out: &mut String) {
        match self {
            ClientEvent::Request(e) => e.write_json(out),
            ClientEvent::Answer(e) => e.write_json(out),
            ClientEvent::Retry(e) => e.write_json(out),
            ClientEvent::Outcome(e) => e.write_json(out),
        }
    }
}

impl serde::Serialize for ClientEvent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ClientEvent::Request(e) => e.serialize(s),
            ClientEvent::Answer(e) => e.serialize(s),
            ClientEvent::Retry(e) => e.serialize(s),
            ClientEvent::Outcome(e) => e.serialize(s),
        }
    }
}
