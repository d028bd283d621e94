// Types of antom-checkout: Antom Entry Code Payment for browsers, Workers and Node.
// What mirrors Rust is generated from it (codes.d.ts, calls.d.ts, pay-request.d.ts and the
// section between the `generated:structures` markers below) or held to it member by member and
// type by type (Issue, PreparedRequest, ParsedSignature, NotificationAck, the options) by
// tests/generated.rs. The rest (callbacks, functions, initAntomCheckout) has no Rust counterpart.
import type { PayRequest } from "./pay-request.js";
import type { Action, ErrorCode, IssueCode, NotificationKind, NotificationRefusal, OutcomeKind, ResolvedState, UnknownReason, ClientEventType, SendError, Verification } from "./codes.js";
export type * from "./pay-request.js";
export type * from "./codes.js";
export type * from "./calls.js";
import type { AntomCalls, CallKeys, PaymentReference } from "./calls.js";

/** A problem found in a request, with where it is. */
export interface Issue {
  /** Path of the field, e.g. `order.merchant.store.storeMCC` or `order.goods[2].goodsName`; `$` for the whole request. */
  path: string;
  /** Stable code. */
  code: IssueCode;
  /** What is wrong, for a developer. */
  message: string;
}

/**
 * Thrown for misuse, bad configuration and host failures the flow cannot absorb. Declines from
 * Antom are never thrown: they are {@link PayOutcome}s.
 */
export declare class AntomCheckoutError extends Error {
  readonly name: "AntomCheckoutError";
  /** Stable code. */
  readonly code: ErrorCode;
  /** For `INVALID_REQUEST`: every issue found (empty otherwise). */
  readonly issues: Issue[];
  /** The host's original error when a callback failed (e.g. `sign` for `SIGNER_FAILED`). */
  readonly cause?: unknown;
  constructor(code: ErrorCode, message: string, options?: { issues?: Issue[]; cause?: unknown });
}

/** True when `e` is an {@link AntomCheckoutError}. */
export declare function isAntomCheckoutError(e: unknown): e is AntomCheckoutError;

/**
 * A named Antom region, or a base URL such as `https://open-sea-global.alipay.com`. `http://` is
 * accepted only for a loopback host (`http://127.0.0.1:8787`, `localhost`, `[::1]`) or with
 * `allowInsecureGateway: true`.
 */
export type Gateway = "asia" | "sg" | "north-america" | "na" | "us" | "europe" | "eu" | (string & {});

/** How requests are addressed. */
export interface GatewayOptions {
  /** The Client-Id from Antom Dashboard (e.g. `SANDBOX_5Y0566SG25J004124`). */
  clientId: string;
  /** Region name or base URL. */
  gateway: Gateway;
  /**
   * Use the `/ams/sandbox/api` path prefix instead of `/ams/api`. Antom's docs keep `/ams/api` for
   * in-store sandbox calls while its SDKs rewrite it; set this if your sandbox answers
   * NO_INTERFACE_DEF. Default false.
   */
  sandbox?: boolean;
  /** `keyVersion` in the Signature header. */
  keyVersion?: string | number;
  /** How Request-Time is written: epoch milliseconds (default) or ISO 8601. */
  requestTimeFormat?: "epochMillis" | "iso8601";
  /** `Agent-Token` header for ISV integrations. */
  agentToken?: string;
  /** Antom Global Gateway (GGW): `merchantRegion` becomes required, as the reference page says. */
  globalGateway?: boolean;
  /**
   * Accept an `http://` gateway on a host that is not loopback: signed requests and answers then
   * travel in the clear. Never in production. Default false.
   */
  allowInsecureGateway?: boolean;
}

/** Options of {@link preparePayRequest}. */
export interface PrepareConfig extends GatewayOptions {
  /** A fixed Request-Time (epoch ms or ISO 8601 with offset); otherwise now. Expiry is checked against it. */
  requestTime?: string;
}

/** Everything needed to sign and send a request. */
export interface PreparedRequest {
  method: "POST";
  /** Base URL + path. */
  url: string;
  /** The path that is signed, e.g. `/ams/api/v1/payments/pay`. */
  path: string;
  /** Content-Type, Client-Id, Request-Time (and Agent-Token): every header except Signature. */
  headers: Record<string, string>;
  /** The exact body: the bytes that are signed are the bytes sent. */
  body: string;
  /** `POST <path>\n<clientId>.<requestTime>.<body>`: sign this (RSASSA-PKCS1-v1_5, SHA-256). */
  contentToSign: string;
  /** The Request-Time used. */
  requestTime: string;
  /** The paymentRequestId of the body: yours, stored before sending. */
  paymentRequestId: string;
}

/** A parsed Signature header. */
export interface ParsedSignature {
  algorithm?: string;
  keyVersion?: string;
  /** Standard base64. */
  signature: string;
}

/*
 * Actions (see codes.d.ts): redirectShopper (send the shopper to `redirect`, then wait for
 * notifyPayment or inquiryPayment); retrySameRequest (same paymentRequestId, identical body);
 * inquirePayment (inquiryPayment with the same id); fixRequest; fixConfiguration (credentials,
 * keys, endpoint, contract); newPaymentRequest (this id is finished); showDeclined;
 * contactSupport; cancelPayment (cancel with the same id: an inquiry Antom answered F will not
 * resolve by asking again); fulfilOrder (paid).
 */

// generated:structures:start
// Generated from the Rust declarations (src/outcome.rs, src/notify.rs, src/events.rs) by tests/generated.rs. Do not edit.

/** An amount as Antom answered it. */
export interface AmountValue {
  /** ISO 4217 code. */
  currency: string;
  /** Minor units. */
  value: string;
}

/** `redirectActionForm` of an `S` answer: where to send the shopper. */
export interface Redirect {
  /** `GET`, `POST`, or another value (e.g. `SCAN`): then open `redirectUrl` as it is. */
  method?: string;
  /** Where to send the in-wallet browser. */
  redirectUrl: string;
  /** Form parameters, for `POST`. */
  parameters?: string;
  /** `RedirectActionForm`. */
  actionFormType?: string;
}

/** `Quote`: an exchange rate Antom applied (`paymentQuote`, `settlementQuote`). Numbers and booleans Antom may send unquoted are read as strings. */
export interface Quote {
  /** The quote's id. */
  quoteId?: string;
  /** Two currencies joined by `/` (e.g. `SGD/USD`). */
  quoteCurrencyPair?: string;
  /** The rate, a decimal. */
  quotePrice?: string;
  /** When the rate starts to hold. */
  quoteStartTime?: string;
  /** When the rate stops holding. */
  quoteExpiryTime?: string;
  /** `"true"` when the rate is guaranteed. */
  guaranteed?: string;
  /** The exchanged amount, when given. */
  exchangeAmount?: AmountValue;
}

/** `PspCustomerInfo`: the shopper's wallet account, when the wallet shares it. */
export interface PspCustomerInfo {
  /** The wallet's name. */
  pspName?: string;
  /** The shopper's id at the wallet. */
  pspCustomerId?: string;
  /** The id to show the shopper. */
  displayCustomerId?: string;
  /** The name to show the shopper. */
  displayCustomerName?: string;
  /** Alipay's 2088 user id, when Alipay is the wallet. */
  customer2088Id?: string;
  /** Extra information, a JSON string. */
  extendInfo?: string;
}

/** `ChallengeActionForm`: a challenge before the payment can go on (card and OTP flows; not expected for Entry Code, read when sent). */
export interface ChallengeActionForm {
  /** `SMS_OTP`, `PLAINTEXT_CARD_NO`, `CARD_EXPIRE_DATE`. */
  challengeType?: string;
  /** What to render for the challenge. */
  challengeRenderValue?: string;
  /** `AMS` or `CHANNEL`. */
  triggerSource?: string;
  /** Extra information, a JSON string. */
  extendInfo?: string;
}

/** Amounts, quotes and the wallet account an answer (pay, inquiry) or a notification may carry beyond its ids and result. */
export interface PaymentDetails {
  /** What the wallet charged, in its own currency. */
  actualPaymentAmount?: AmountValue;
  /** The rate between the payment and the actual currency. */
  paymentQuote?: Quote;
  /** The shopper's wallet account. */
  pspCustomerInfo?: PspCustomerInfo;
  /** The transaction amount times `settlementQuote` (absent when the currencies are the same). */
  grossSettlementAmount?: AmountValue;
  /** The locked-in rate between settlement and transaction currency. */
  settlementQuote?: Quote;
}

/** The result of Antom's answer as it arrived, kept when the answer was refused as unverified. */
export interface Unverified {
  /** What the unverified answer claimed. */
  resultStatus?: string;
  /** What the unverified answer claimed. */
  resultCode?: string;
  /** What the unverified answer claimed. */
  resultMessage?: string;
}

/** What a call came to, and what to do next. */
export interface OutcomeBase extends PaymentDetails {
  /** What it came to. */
  kind: OutcomeKind;
  /** What to do next. */
  action: Action;
  /** Whether the same request may be sent again (same id, identical body). */
  retryable: boolean;
  /** A short explanation for developers. */
  advice: string;
  /** Why the outcome is unknown when Antom did not say `U` itself; for `unknown` always set. */
  reason?: UnknownReason;
  /** `S`, `F` or `U` as Antom said it. */
  resultStatus?: "S" | "F" | "U";
  /** Antom's resultCode. */
  resultCode?: string;
  /** Antom's resultMessage (for people, not logic). */
  resultMessage?: string;
  /** For `redirect`: where to send the shopper. */
  redirect?: Redirect;
  /** The request id this outcome belongs to. */
  paymentRequestId?: string;
  /** Antom's payment id. */
  paymentId?: string;
  /** The amount Antom echoed. */
  paymentAmount?: AmountValue;
  /** When Antom created the payment. */
  paymentCreateTime?: string;
  /** When the payment reached a final state. */
  paymentTime?: string;
  /** How many times the request was sent (client only). */
  attempts?: number;
  /** The result an answer claimed when it was refused as unverified. */
  unverified?: Unverified;
  /** Inquiry: Antom's paymentStatus (SUCCESS, FAIL, PROCESSING, CANCELLED). */
  paymentStatus?: string;
  /** Inquiry: the payment's own result code. */
  paymentResultCode?: string;
  /** Inquiry: the payment's own result message. */
  paymentResultMessage?: string;
  /** Cancel: when the cancellation took effect. */
  cancelTime?: string;
  /** Inquiry: when an authorization expires. */
  authExpiryTime?: string;
  /** Refund: the merchant's refund id this outcome belongs to. */
  refundRequestId?: string;
  /** Refund: Antom's refund id. */
  refundId?: string;
  /** Refund: the amount refunded. */
  refundAmount?: AmountValue;
  /** inquiryRefund: Antom's refundStatus (SUCCESS, FAIL, PROCESSING). */
  refundStatus?: string;
  /** inquiryRefund: the reason given with the refund. */
  refundReason?: string;
  /** Refund: when the refund reached its final state. */
  refundTime?: string;
  /** Pay: the wallet app that serves the payment, when Antom names it (spec.md 3.1: a top-level field of the online pay answer; read when sent, not relied on for Entry Code). */
  appIdentifier?: string;
  /** Pay: a challenge Antom asks for (not expected for Entry Code). */
  challengeActionForm?: ChallengeActionForm;
  /** Extra information Antom added, a JSON string. */
  extendInfo?: string;
  /** Antom's answer as it came, parsed: a field Antom adds later is reachable here. Absent when the answer was unreadable or refused as unverified. */
  raw?: { [key: string]: JsonValue };
}

/** A verified notifyPayment, read leniently. */
export interface Notification extends PaymentDetails {
  /** paid (S), failed (F) or pending (not final). */
  kind: NotificationKind;
  /** `PAYMENT_RESULT` for payments. */
  notifyType?: string;
  /** `S` or `F`. */
  resultStatus?: string;
  /** The payment's result code. */
  resultCode?: string;
  /** For people. */
  resultMessage?: string;
  /** Your id. */
  paymentRequestId: string;
  /** Antom's id. */
  paymentId?: string;
  /** The amount. */
  paymentAmount?: AmountValue;
  /** When the payment was created. */
  paymentCreateTime?: string;
  /** When it became final. */
  paymentTime?: string;
  /** The verified body as it came, parsed: a field Antom adds later is reachable here. */
  raw: { [key: string]: JsonValue };
}

/** A request is about to be sent (its fetch starts next, unless the call is aborted first). */
export interface RequestEvent {
  /** `request`. */
  type: "request";
  /** The client method: `pay`, `inquirePayment`, `cancel`, `refund`, `inquireRefund`. */
  call: string;
  /** The idempotency key's name: `paymentRequestId` or `refundRequestId`. */
  key: string;
  /** Its value (empty for a request by Antom's id only). */
  id: string;
  /** 1 for the first send, 2 for the first resend, ... */
  attempt: number;
  /** The Request-Time header of this send. */
  requestTime: string;
  /** The timeout of this send, ms. */
  timeoutMs: number;
}

/** What came of one send. */
export interface AnswerEvent {
  /** `answer`. */
  type: "answer";
  /** The client method. */
  call: string;
  /** The idempotency key's value. */
  id: string;
  /** Which send it answers. */
  attempt: number;
  /** The HTTP status, when an answer came. */
  httpStatus?: number;
  /** Why no answer could be read. */
  error?: SendError;
  /** From the send to the answer (or its absence), ms. */
  elapsedMs: number;
  /** `S`, `F` or `U` as the answer says it (trusted or not: see `verified`). */
  resultStatus?: "S" | "F" | "U";
  /** The answer's result code (trusted or not: see `verified`), when it reads as one (capital letters, digits and `_`, at most 64): an unverified answer's text never reaches a log through an event. */
  resultCode?: string;
  /** What became of its signature. */
  verified: Verification;
  /** What this send came to. */
  outcome: OutcomeKind;
  /** Why it is unknown, when it is. */
  reason?: UnknownReason;
}

/** The outcome is still unknown: the same request (same id, same body, a new Request-Time and signature) is sent again after a wait. */
export interface RetryEvent {
  /** `retry`. */
  type: "retry";
  /** The client method. */
  call: string;
  /** The idempotency key's value. */
  id: string;
  /** The send that follows the wait. */
  attempt: number;
  /** The wait, ms. */
  delayMs: number;
  /** Why the last send's outcome is unknown. */
  reason?: UnknownReason;
}

/** The call is over. */
export interface OutcomeEvent {
  /** `outcome`. */
  type: "outcome";
  /** The client method. */
  call: string;
  /** The idempotency key's value. */
  id: string;
  /** What it came to. */
  outcome: OutcomeKind;
  /** What to do next. */
  action: Action;
  /** Sends made. */
  attempts: number;
  /** From the call's start to its outcome, ms. */
  totalMs: number;
  /** Why it is unknown, when it is. */
  reason?: UnknownReason;
  /** The outcome's result code (one the outcome holds, from a believed answer), when it reads as one. */
  resultCode?: string;
}
// generated:structures:end

/**
 * A WebCrypto key, described by shape so that the types compile without the DOM library (a
 * Node-only `tsconfig`); a `CryptoKey` from any runtime fits.
 */
export interface CryptoKeyLike {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}

/** A compiled WebAssembly module (`WebAssembly.Module`), by shape: it needs no DOM library. */
export type WasmModuleLike = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;

/** JSON as Antom sent it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `S`: the order exists; redirect the shopper. Not yet paid: wait for the notification. */
export interface RedirectOutcome extends OutcomeBase {
  kind: "redirect";
  action: "redirectShopper";
  retryable: false;
  resultStatus: "S";
  redirect: Redirect;
}

/** `F`, exactly as Antom said it. */
export interface FailedOutcome extends OutcomeBase {
  kind: "failed";
  action: Exclude<Action, "redirectShopper" | "retrySameRequest">;
  retryable: false;
  resultStatus: "F";
  resultCode?: string;
}

/** Not known. Resolve with the same paymentRequestId: resend, then inquire. Never a new id. */
export interface UnknownOutcome extends OutcomeBase {
  kind: "unknown";
  retryable: true;
  reason: UnknownReason;
}

/**
 * Inquiry: Antom answered the inquiry `F` (other than ORDER_NOT_EXIST). Asking again will not
 * resolve it: cancel the payment with the same paymentRequestId (`client.cancel`).
 */
export interface CancelNeededOutcome extends OutcomeBase {
  kind: "unknown";
  action: "cancelPayment";
  retryable: false;
  reason: "INQUIRY_FAILED";
}

/** What a pay call came to. */
export type PayOutcome = RedirectOutcome | FailedOutcome | UnknownOutcome;

/** Inquiry: the payment succeeded. */
export interface PaidOutcome extends OutcomeBase {
  kind: "paid";
  action: "fulfilOrder";
  retryable: false;
  paymentStatus: string;
}
/** Inquiry: the payment failed. */
export interface PaymentFailedOutcome extends OutcomeBase {
  kind: "failed";
  action: "showDeclined";
  retryable: false;
  paymentStatus: string;
}
/** Inquiry: the shopper has not finished; inquire again, cancel after the expiry. */
export interface ProcessingOutcome extends OutcomeBase {
  kind: "processing";
  action: "inquirePayment";
  retryable: true;
}
/** Inquiry or cancel: cancelled; nothing is charged under this id. */
export interface CancelledOutcome extends OutcomeBase {
  kind: "cancelled";
  action: "newPaymentRequest";
  retryable: false;
}
/** Inquiry: Antom has no payment under this id (yet). */
export interface NotFoundOutcome extends OutcomeBase {
  kind: "notFound";
  action: "inquirePayment";
  retryable: true;
  resultCode: "ORDER_NOT_EXIST";
}
/** What an inquiryPayment call came to. */
export type InquiryOutcome = PaidOutcome | PaymentFailedOutcome | ProcessingOutcome | CancelledOutcome | NotFoundOutcome | UnknownOutcome | CancelNeededOutcome;
/** What a cancel call came to. */
export type CancelOutcome = CancelledOutcome | FailedOutcome | UnknownOutcome;

/** The HTTP answer to give Antom. */
export interface NotificationAck {
  status: number;
  headers: Record<string, string>;
  body: string;
}


export type NotificationResult =
  | { accepted: true; notification: Notification; ack: NotificationAck }
  | { accepted: false; reason: NotificationRefusal; ack: NotificationAck; cause?: unknown };

/** The body acknowledging a notification. */
export declare const NOTIFICATION_ACK: string;

/**
 * Verifies and reads a notifyPayment call: the signature over your notify path (with its query
 * string, or without it: either is Antom's), the notification's client-id and request-time
 * (refused outside `toleranceMs`, default 25 hours: Antom resends an unacknowledged
 * notification for 24 hours, and a resend may keep its first Request-Time) and the raw body.
 * Record an accepted result durably (a repeated one states the same fact: apply it once), then
 * answer with `ack`.
 * @example
 * const r = await handleNotification(request, { clientId, verify });
 * if (r.accepted) await record(r.notification);
 * return new Response(r.ack.body, r.ack);
 */
export declare function handleNotification(
  request: Request | { path: string; headers: Headers | Record<string, string>; body: string | ArrayBuffer | ArrayBufferView },
  options: {
    clientId: string;
    verify: VerifyCallback;
    /** How far Request-Time may be from now, ms: 1000 to 172800000 (48 h), default 90000000 (25 h). */
    toleranceMs?: number;
    now?: () => number;
  },
): Promise<NotificationResult>;

/** Prepares an inquiryPayment request. @throws {AntomCheckoutError} INVALID_REQUEST, INVALID_CONFIG */
export declare function prepareInquiry(reference: PaymentReference, config: PrepareConfig): PreparedRequest;
/** Prepares a cancel request. @throws {AntomCheckoutError} INVALID_REQUEST, INVALID_CONFIG */
export declare function prepareCancel(reference: PaymentReference, config: PrepareConfig): PreparedRequest;
/** Interprets a raw inquiryPayment answer (verification is separate). */
export declare function interpretInquiryResponse(response: RawResponse): InquiryOutcome;
/** Interprets a raw cancel answer (verification is separate). */
export declare function interpretCancelResponse(response: RawResponse): CancelOutcome;
/**
 * Validates and prepares the request of any call, named by its client method (`"refund"`), to
 * sign and send yourself. The id of its body is under the call's key (`refundRequestId` for
 * refunds, `paymentRequestId` otherwise).
 * @throws {AntomCheckoutError} INVALID_REQUEST, INVALID_CONFIG, INVALID_ARGUMENT
 */
export declare function prepareRequest<C extends keyof AntomCalls>(
  call: C,
  input: Parameters<AntomCalls[C]>[0],
  config: PrepareConfig,
): Omit<PreparedRequest, "paymentRequestId"> & Record<CallKeys[C], string>;
/**
 * Interprets an answer to a call you sent yourself as {@link AntomClient} judges it: its
 * signature (the answer's `Signature`, `Response-Time` and `Client-Id` headers, over the request's
 * path) checked with `verify`; given `requestId`, the answer bound to that request; given
 * `requestTime`, an answer timed more than 5 minutes before it refused as a replay; redirects
 * judged by the default allow-list. Unsigned, tampered or wrongly signed answers are `unknown`,
 * never S or F. The `interpret*Response` functions do not verify.
 * @example
 * const outcome = await interpretVerified("pay", { status: res.status, headers: res.headers, body: await res.arrayBuffer() },
 *   { clientId, verify: webCryptoVerifier(ANTOM_PUBLIC_KEY), requestId: req.paymentRequestId, path: req.path });
 * @throws {AntomCheckoutError} INVALID_CONFIG, INVALID_ARGUMENT
 */
export declare function interpretVerified<C extends keyof AntomCalls>(
  call: C,
  response: RawResponse,
  options: {
    clientId: string;
    verify: VerifyCallback;
    /** The request's path (`PreparedRequest.path`); default `/ams/api` and the call's endpoint. */
    path?: string;
    /** The request's idempotency key value: an answer naming another is `unknown`. */
    requestId?: string;
    /** The request's Request-Time (`PreparedRequest.requestTime`): an answer timed well before it is a replay. */
    requestTime?: string | number;
  },
): Promise<Awaited<ReturnType<AntomCalls[C]>>>;
/** Interprets a raw answer to any call, named by its client method (`"refund"`). Does not verify: see {@link interpretVerified}. */
export declare function interpretResponse<C extends keyof AntomCalls>(call: C, response: RawResponse): Awaited<ReturnType<AntomCalls[C]>>;

/** A raw HTTP answer. */
export interface RawResponse {
  status: number;
  headers?: Headers | Record<string, string>;
  /** The text, or the bytes as received (decoded as strict UTF-8: bytes that are not UTF-8 make the outcome unknown). */
  body: string | ArrayBuffer | ArrayBufferView;
}

/** Signs content with the merchant's private key (RSASSA-PKCS1-v1_5, SHA-256) and returns base64. */
export type SignCallback = (content: string) => Promise<string>;
/** Verifies a base64 signature of content with Antom's public key. */
export type VerifyCallback = (content: string, signatureBase64: string) => Promise<boolean>;
/** A `fetch`-compatible function. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{
  status: number;
  headers: Headers | Record<string, string>;
  /** The body's bytes: answers are verified over them, decoded as strict UTF-8. */
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** An event of a call, in order: request, answer, (retry, request, answer)..., outcome. */
export type ClientEvent = RequestEvent | AnswerEvent | RetryEvent | OutcomeEvent;

/**
 * Options of one call, over the client's. E.g. on a shopper's request: `{ signal, timeoutMs:
 * 2000, retry: { maxAttempts: 1 } }`, and a background job resolves the rest.
 */
export interface CallOptions {
  /**
   * Aborted before anything is sent: the call rejects with the signal's reason and nothing is
   * sent. Aborted while a request is out: the fetch is aborted and the outcome is `unknown`
   * (`reason: "ABORTED"`): resend the same request (same id, same body), then inquire.
   */
  signal?: AbortSignal;
  /** Timeout of one send in ms (1-120000). */
  timeoutMs?: number;
  /** Sends while the outcome is unknown (1-10) and the first delay between them (ms). */
  retry?: { maxAttempts?: number; delayMs?: number };
}

/** A payment whose result is not known yet, for {@link AntomClient.resolvePayment}. */
export interface PaymentToResolve {
  paymentRequestId: string;
  /** Its paymentExpiryTime: epoch ms, or the ISO 8601 date-time with offset that was sent. */
  expiresAt: number | string;
  /**
   * When its pay was first sent (epoch ms or ISO 8601): `ORDER_NOT_EXIST` within a minute of it
   * is `pending`, after it `notFound`. Without it, the minute counts from `expiresAt`.
   */
  sentAt?: number | string;
  /** The `round` the previous round answered (0 or absent for the first): the back-off's position. */
  round?: number;
}

/** What one round of {@link AntomClient.resolvePayment} found. */
export interface Resolution {
  /** paid, failed, cancelled, notFound (final) or pending (run the next round at `checkAgainAt`). */
  state: ResolvedState;
  /** For `pending`: when to run the next round, epoch ms (never past the expiry while the payment is open). */
  checkAgainAt?: number;
  /** Pass it to the next round. */
  round: number;
  /** The outcome of the round's last call (an inquiry, or the cancel). */
  outcome: InquiryOutcome | CancelOutcome;
  /** The cancel's outcome when the round cancelled (e.g. `resultCode: "CANCEL_WINDOW_EXCEED"`). */
  cancel?: CancelOutcome;
}

interface ClientOptionsBase extends GatewayOptions {
  /** Signs requests; use {@link webCryptoSigner} or call your backend/KMS. */
  sign: SignCallback;
  /**
   * Receives each call's events, in order: the request sent, its answer (status, elapsed ms,
   * result code, whether it verified), the wait before a resend, the outcome. Never a key, a
   * signature, a body or a shopper's data. What it does never changes the call: a hook that
   * throws or rejects is reported once through `console.error` and otherwise ignored.
   */
  onEvent?: (event: ClientEvent) => void | Promise<void>;
  /** Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Timeout of one send in ms (1-120000, default 15000); the fetch is aborted and the outcome is unknown. */
  timeoutMs?: number;
  /** Resends of unknown outcomes: attempts 1-10 (default 3), first delay in ms (default 1000, doubling, at most 10 s). */
  retry?: { maxAttempts?: number; delayMs?: number };
  /** With a verifier, accept unsigned `F` answers as final (Antom leaves some, e.g. INVALID_SIGNATURE, unsigned). Default false. */
  acceptUnsignedFailures?: boolean;
  /**
   * App schemes a pay answer may redirect to besides `https:` and the wallets' own (`alipays`,
   * `alipayhk`, `gcash`, ...), e.g. `["myapp"]`. Script, local and browser-internal schemes and
   * `http` (loopback hosts only) cannot be added.
   */
  redirectSchemes?: string[];
}

/**
 * Options of {@link AntomClient}. Verification is a decision: give `verify` (Antom's public key,
 * from Antom Dashboard beside the key you uploaded), or say `trustUnverifiedAnswers: true` and
 * accept that an unsigned SUCCESS is believed.
 */
export type AntomClientOptions =
  | (ClientOptionsBase & {
      /** Verifies Antom's answers: unsigned or tampered answers become unknown. */
      verify: VerifyCallback;
      trustUnverifiedAnswers?: false;
    })
  | (ClientOptionsBase & {
      verify?: undefined;
      /** Believe every answer without proof that Antom sent it (a local stand-in that does not sign). */
      trustUnverifiedAnswers: true;
    });

/**
 * Every problem of a pay request, each with its path and code; `[]` when valid.
 * `options.globalGateway` makes `merchantRegion` required (Antom Global Gateway).
 * @example validatePayRequest(form).forEach(i => showError(i.path, i.message))
 * @throws {AntomCheckoutError} INVALID_ARGUMENT when the input cannot be read as JSON (cycles, BigInt).
 */
export declare function validatePayRequest(input: unknown, options?: { globalGateway?: boolean }): Issue[];

/**
 * Validates a pay request and returns the exact body, headers and content to sign.
 * `paymentRequestId` is required: generate it ({@link newPaymentRequestId}), store it, then send.
 * Input whose shape is unknown at compile time (a form, a parsed body) is checked at run time all
 * the same: validate it with {@link validatePayRequest}, then pass it `as PayRequest`.
 * @example
 * const req = preparePayRequest(input, { clientId, gateway: "asia" });
 * const signature = await sign(req.contentToSign);
 * await fetch(req.url, { method: "POST", headers: { ...req.headers, Signature: signatureHeader(signature, "1") }, body: req.body });
 * @throws {AntomCheckoutError} INVALID_REQUEST with every issue; INVALID_CONFIG.
 */
export declare function preparePayRequest(input: PayRequest, config: PrepareConfig): PreparedRequest;

/**
 * The full Signature header value: `algorithm=RSA256,keyVersion=1,signature=<percent-encoded>`.
 * Without keyVersion the pair is left out and Antom uses the latest key.
 * @throws {AntomCheckoutError} INVALID_ARGUMENT when the signature is not base64.
 */
export declare function signatureHeader(signatureBase64: string, keyVersion?: string | number): string;

/**
 * Parses a Signature header (spaces, upper- or lower-case percent escapes, raw base64).
 * @throws {AntomCheckoutError} INVALID_SIGNATURE_HEADER
 */
export declare function parseSignatureHeader(value: string): ParsedSignature;

/**
 * Interprets a raw pay answer. Anything ambiguous (non-200, garbage, no result, `U`) is
 * `unknown`, never `failed`; so is a redirect outside the allow-list (`https:`, the wallets' app
 * schemes, `http:` to a loopback host): `UNSAFE_REDIRECT`. Does not verify the signature, nor
 * bind the answer to a request: {@link AntomClient} and {@link interpretVerified} do both.
 */
export declare function interpretPayResponse(response: RawResponse): PayOutcome;

/**
 * The content an answer's signature covers (`path` = the request path, `time` = Response-Time),
 * or a notification's (`path` = your notify path, `time` = its Request-Time).
 */
export declare function contentToVerify(parts: { path: string; clientId: string; time: string; body: string | ArrayBuffer | ArrayBufferView }): string;

/**
 * Every problem of a decimal amount in major units in `currency`, each as an issue at `path`
 * (default `"amount"`): empty when it converts, so a form needs no try/catch around
 * {@link toMinorUnits}. Codes: `REQUIRED` (empty), `INVALID_FORMAT` (not a plain decimal),
 * `INVALID_VALUE` (would need rounding, e.g. `"12.5"` JPY), `OUT_OF_RANGE` (more than 16 digits in
 * minor units), `UNSUPPORTED_CURRENCY`.
 * @example validateAmount("12.5", "JPY", "paymentAmount.value") // one issue at that path
 */
export declare function validateAmount(amount: string, currency: string, path?: string): Issue[];

/**
 * Decimal major units to minor units: `toMinorUnits("12.34", "USD") === "1234"`. Never rounds.
 * @throws {AntomCheckoutError} INVALID_AMOUNT (`"12.5"` JPY), UNKNOWN_CURRENCY
 */
export declare function toMinorUnits(amount: string, currency: string): string;

/**
 * Minor units to decimal major units: `fromMinorUnits("1234", "USD") === "12.34"`.
 * @throws {AntomCheckoutError} INVALID_AMOUNT, UNKNOWN_CURRENCY
 */
export declare function fromMinorUnits(value: string, currency: string): string;

/** A new paymentRequestId (128 random bits, 22 URL-safe characters): store it with the order, then send. */
export declare function newPaymentRequestId(): string;

/**
 * A {@link SignCallback} on `crypto.subtle` for Workers, Node and Deno. Accepts PEM or bare
 * base64 in PKCS#8 or PKCS#1, or a non-extractable CryptoKey; imports text keys as non-extractable.
 * @throws {AntomCheckoutError} INVALID_KEY (synchronously for unreadable text keys)
 */
export declare function webCryptoSigner(privateKey: string | CryptoKeyLike): SignCallback;

/**
 * A {@link VerifyCallback} on `crypto.subtle` with Antom's public key (PEM or base64, SPKI or PKCS#1, or a CryptoKey).
 * @throws {AntomCheckoutError} INVALID_KEY
 */
export declare function webCryptoVerifier(publicKey: string | CryptoKeyLike): VerifyCallback;

/**
 * Loads the WebAssembly module. Needed once in browsers (`await initAntomCheckout()`); resolves
 * at once in Node and Workers. Idempotent. `wasm`: where `antom-checkout/full` in a browser, or
 * a bundled Node server, finds its `.wasm`; the browser entry `antom-checkout` carries its module
 * and refuses an argument (`INVALID_ARGUMENT`).
 */
export declare function initAntomCheckout(wasm?: string | URL | Request | Response | ArrayBuffer | ArrayBufferView | WasmModuleLike): Promise<void>;

/**
 * The Entry Code client. The key stays in `sign`, the network in `fetch`.
 * @example
 * const client = new AntomClient({ clientId, gateway: "asia", sign: webCryptoSigner(env.MERCHANT_KEY), verify: webCryptoVerifier(env.ANTOM_PUBLIC_KEY) });
 * const outcome = await client.pay(request);
 * if (outcome.kind === "redirect") return Response.redirect(outcome.redirect.redirectUrl, 303);
 */
export declare class AntomClient {
  // The calls (pay, inquirePayment, cancel, refund, ...) are declared from src/calls.rs in
  // calls.d.ts (AntomCalls) and merged in below.
  /** @throws {AntomCheckoutError} INVALID_CONFIG */
  constructor(options: AntomClientOptions);
  /**
   * One round of the Entry Code resolution rule for a payment whose result is not known yet:
   * inquire; `SUCCESS`, `FAIL`, `CANCELLED` are final; still open before its expiry, or the
   * inquiry unknown, is `pending` with `checkAgainAt`; open at or after its expiry, or an
   * inquiry answered `F`, is cancelled (a refused cancel is followed by an inquiry). Never waits
   * between rounds: schedule the next one (a Durable Object alarm, a cron, a queue) at
   * `checkAgainAt`. `options` apply to each call of the round.
   * @throws {AntomCheckoutError} INVALID_ARGUMENT for an unreadable payment; the signal's reason
   * when it is aborted before one of the round's calls sends anything (calls already made stand:
   * run the round again)
   */
  resolvePayment(payment: PaymentToResolve, options?: CallOptions): Promise<Resolution>;
  /** Releases the client's WebAssembly memory now. */
  free(): void;
}

/** The client's calls, one method per Antom call (calls.d.ts). */
export interface AntomClient extends AntomCalls {}
