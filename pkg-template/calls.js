// Generated from src/calls.rs by tests/generated.rs. Do not edit.

/** Each call's client method and idempotency key, by its number in the core. */
export const CALLS = [
  ["pay", "paymentRequestId"],
  ["inquirePayment", "paymentRequestId"],
  ["cancel", "paymentRequestId"],
  ["refund", "refundRequestId"],
  ["inquireRefund", "refundRequestId"],
];
