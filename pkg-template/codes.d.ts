// Generated from the Rust code lists by tests/generated.rs. Do not edit.

/** Stable codes of an {@link Issue} (src/rules/validate.rs `IssueCode`). */
export type IssueCode =
  | "REQUIRED"
  | "TOO_LONG"
  | "INVALID_FORMAT"
  | "INVALID_TYPE"
  | "INVALID_VALUE"
  | "NOT_ALLOWED"
  | "UNKNOWN_FIELD"
  | "DUPLICATE_FIELD"
  | "UNSUPPORTED_CURRENCY"
  | "OUT_OF_RANGE"
  | "TOO_MANY"
  | "IN_THE_PAST";

/** Stable codes of AntomCheckoutError (src/error.rs `Error::ALL_CODES`). */
export type ErrorCode =
  | "INVALID_REQUEST"
  | "INVALID_CONFIG"
  | "INVALID_ARGUMENT"
  | "INVALID_AMOUNT"
  | "UNKNOWN_CURRENCY"
  | "SIGNER_FAILED"
  | "INVALID_KEY"
  | "INVALID_SIGNATURE_HEADER"
  | "ABORTED"
  | "INTERNAL"
  | "NOT_INITIALIZED"
  | "INIT_FAILED"
  | "UNSUPPORTED";

/** What the merchant should do next (src/outcome.rs `Action`). */
export type Action =
  | "redirectShopper"
  | "retrySameRequest"
  | "inquirePayment"
  | "fixRequest"
  | "fixConfiguration"
  | "newPaymentRequest"
  | "showDeclined"
  | "contactSupport"
  | "cancelPayment"
  | "fulfilOrder"
  | "inquireRefund"
  | "recordRefund"
  | "resendRefund"
  | "newRefundRequest";

/** What a call came to (src/outcome.rs `Kind`). */
export type OutcomeKind =
  | "redirect"
  | "failed"
  | "unknown"
  | "paid"
  | "processing"
  | "cancelled"
  | "notFound"
  | "refunded";

/** Why an outcome is unknown (src/outcome.rs `Reason`). */
export type UnknownReason =
  | "HTTP_STATUS"
  | "UNPARSABLE_BODY"
  | "MISSING_RESULT"
  | "RESULT_UNKNOWN"
  | "MISSING_REDIRECT"
  | "UNSAFE_REDIRECT"
  | "MISMATCHED_REQUEST_ID"
  | "STALE_ANSWER"
  | "TIMEOUT"
  | "NETWORK_ERROR"
  | "SIGNATURE_INVALID"
  | "SIGNATURE_MISSING"
  | "VERIFIER_FAILED"
  | "SIGNER_FAILED"
  | "INQUIRY_FAILED"
  | "ABORTED";

/** Why a notification was refused (src/notify.rs `Refusal`). */
export type NotificationRefusal =
  | "UNSIGNED"
  | "BAD_SIGNATURE_HEADER"
  | "WRONG_CLIENT_ID"
  | "STALE"
  | "SIGNATURE_INVALID"
  | "VERIFIER_FAILED"
  | "UNREADABLE";

/** What a notification says of the payment (src/notify.rs `NotificationKind`). */
export type NotificationKind =
  | "paid"
  | "failed"
  | "pending";

/** Which event of a call it is (src/events.rs `EventType`). */
export type ClientEventType =
  | "request"
  | "answer"
  | "retry"
  | "outcome";

/** Why a send brought no answer the call could read (src/events.rs `SendError`). */
export type SendError =
  | "timeout"
  | "network"
  | "aborted"
  | "notUtf8";

/** What became of an answer's signature (src/events.rs `Verification`). */
export type Verification =
  | "verified"
  | "notVerified"
  | "verifierFailed"
  | "notChecked"
  | "notConfigured";

/** What a round of resolvePayment found (src/resolve.rs `ResolvedState`). */
export type ResolvedState =
  | "paid"
  | "failed"
  | "cancelled"
  | "pending"
  | "notFound";
