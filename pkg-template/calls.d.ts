// Generated from src/calls.rs by tests/generated.rs. Do not edit.

import type { OutcomeBase, Amount, AmountValue, Redirect, ChallengeActionForm, PayRequest, PayOutcome, InquiryOutcome, CancelOutcome, CallOptions } from "./index.js";

/** The inquiryPayment and cancel request. */
export type PaymentReference =
  | {
      /** Optional. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
      paymentRequestId: string;
      /** Optional. At most 64 characters. */
      paymentId?: string;
      /** Optional. At most 32 characters. */
      merchantAccountId?: string;
    }
  | {
      /** Optional. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
      paymentRequestId?: string;
      /** Optional. At most 64 characters. */
      paymentId: string;
      /** Optional. At most 32 characters. */
      merchantAccountId?: string;
    };

/** The refund request. */
export interface RefundRequest {
  /** Required. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
  refundRequestId: string;
  /** Required. At most 64 characters. */
  paymentId: string;
  /** Optional. At most 64 characters. */
  referenceRefundId?: string;
  /** Required. Amount; value greater than zero. */
  refundAmount: Amount;
  /** Optional. At most 256 characters. */
  refundReason?: string;
}

/** The inquiryRefund request. */
export type RefundReference =
  | {
      /** Optional. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
      refundRequestId: string;
      /** Optional. At most 64 characters. */
      refundId?: string;
    }
  | {
      /** Optional. Your idempotency key: generate it (newPaymentRequestId() makes one), store it, then send. Any characters but control characters; no surrounding spaces. At most 64 characters. */
      refundRequestId?: string;
      /** Optional. At most 64 characters. */
      refundId: string;
    };

/** What a refund call came to. */
export interface RefundOutcome extends OutcomeBase {
  kind: "refunded" | "failed" | "processing" | "unknown";
  refundRequestId?: string;
  refundId?: string;
  paymentId?: string;
  refundAmount?: AmountValue;
  refundTime?: string;
}

/** What a inquiryRefund call came to. */
export interface InquiryRefundOutcome extends OutcomeBase {
  kind: "refunded" | "failed" | "processing" | "notFound" | "unknown";
  refundRequestId?: string;
  refundId?: string;
  refundStatus?: string;
  refundAmount?: AmountValue;
  refundReason?: string;
  refundTime?: string;
}

/** The outcome kinds each call can end in, by its client method. */
export interface CallKinds {
  pay: "redirect" | "failed" | "unknown";
  inquirePayment: "paid" | "failed" | "processing" | "cancelled" | "notFound" | "unknown";
  cancel: "cancelled" | "failed" | "unknown";
  refund: "refunded" | "failed" | "processing" | "unknown";
  inquireRefund: "refunded" | "failed" | "processing" | "notFound" | "unknown";
}

/** The field of each call's idempotency key, by its client method. */
export interface CallKeys {
  pay: "paymentRequestId";
  inquirePayment: "paymentRequestId";
  cancel: "paymentRequestId";
  refund: "refundRequestId";
  inquireRefund: "refundRequestId";
}

/** The client's calls: prepare, sign, send, verify and interpret, resending an unknown outcome with the same id and the byte-identical body. */
export interface AntomCalls {
  /** pay (POST /v1/payments/pay). `options` for this call only (a signal, a timeout, resends). @throws {import("./index.js").AntomCheckoutError} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */
  pay(input: PayRequest, options?: CallOptions): Promise<PayOutcome>;
  /** inquiryPayment (POST /v1/payments/inquiryPayment). `options` for this call only (a signal, a timeout, resends). @throws {import("./index.js").AntomCheckoutError} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */
  inquirePayment(input: PaymentReference, options?: CallOptions): Promise<InquiryOutcome>;
  /** cancel (POST /v1/payments/cancel). `options` for this call only (a signal, a timeout, resends). @throws {import("./index.js").AntomCheckoutError} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */
  cancel(input: PaymentReference, options?: CallOptions): Promise<CancelOutcome>;
  /** refund (POST /v1/payments/refund). `options` for this call only (a signal, a timeout, resends). @throws {import("./index.js").AntomCheckoutError} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */
  refund(input: RefundRequest, options?: CallOptions): Promise<RefundOutcome>;
  /** inquiryRefund (POST /v1/payments/inquiryRefund). `options` for this call only (a signal, a timeout, resends). @throws {import("./index.js").AntomCheckoutError} INVALID_REQUEST (nothing sent); the signal's reason when aborted before anything was sent */
  inquireRefund(input: RefundReference, options?: CallOptions): Promise<InquiryRefundOutcome>;
}
