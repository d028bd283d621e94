// The Worker's configuration: the Antom client (one per isolate, the private key imported once as
// a non-extractable WebCrypto key), Antom's verifier for notifications (which needs only Antom's
// public key, so notifications are taken whatever the state of the merchant's private key), the
// store, the pay request of an order's attempt, and the budget of a call made on a shopper's
// request.
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "antom-checkout/full";
import { log } from "./http.js";

let client;
let verifier;

/** The client that signs and sends calls to Antom. */
export function antom(env) {
  client ??= new AntomClient({
    clientId: env.ANTOM_CLIENT_ID,
    gateway: env.ANTOM_GATEWAY,
    sandbox: env.ANTOM_SANDBOX === "true",
    sign: webCryptoSigner(env.MERCHANT_PRIVATE_KEY),
    verify: notificationVerifier(env).verify,
    timeoutMs: timeoutMs(env),
    retry: { maxAttempts: 3, delayMs: 500 },
    // One log line per event of every call (the request sent, its answer, a resend's wait, the
    // outcome): ids, attempts, statuses, result codes and timings; never a key, a signature, a
    // body or a shopper's data (the library puts none in an event).
    onEvent: (event) => log(event.type === "retry" ? "warn" : "info", `antom ${event.type}`, event),
  });
  return client;
}

/** The timeout of one send (TIMEOUT_MS), the client's default. */
function timeoutMs(env) {
  return Number(env.TIMEOUT_MS ?? 8000);
}

/** How long a call made on a shopper's request may take, all in all (one send, or one round of resolvePayment). */
export const SHOPPER_BUDGET_MS = 3_000;
/** The timeout of that one send (never longer than the client's own). */
const SHOPPER_TIMEOUT_MS = 2_500;

/**
 * The options of a call made on a shopper's request (creating an order or an attempt, the status
 * check): one send, no resend, a short timeout, and a signal that ends the call when the budget
 * is spent (aborted before a request left: nothing is sent; while it is out: the outcome is
 * unknown, the same request is resent later). The signal is the Durable Object's own: a Durable
 * Object method cannot receive the incoming request's signal over RPC (AbortSignal is not
 * serializable there without the `enable_abortsignal_rpc` compatibility flag). What the shopper's
 * path leaves unknown, the order's alarm resolves with the client's defaults.
 */
export function shopperCall(env) {
  return { signal: AbortSignal.timeout(SHOPPER_BUDGET_MS), timeoutMs: Math.min(SHOPPER_TIMEOUT_MS, timeoutMs(env)), retry: { maxAttempts: 1 } };
}

/** What verifies Antom's notifications: Antom's public key and the client id, nothing else. */
export function notificationVerifier(env) {
  verifier ??= { clientId: env.ANTOM_CLIENT_ID, verify: webCryptoVerifier(env.ANTOM_PUBLIC_KEY) };
  return verifier;
}

/** The store's public details, from the STORE variable. */
export function store(env) {
  return JSON.parse(env.STORE);
}

/** Minutes an attempt may wait for the shopper before it is cancelled if Antom still has it open. */
export function paymentTtlMs(env) {
  return Math.round(Number(env.PAYMENT_TTL_MINUTES ?? 10) * 60_000);
}

/**
 * The pay request for an order, with the store's fixed details (the page builds the same to
 * validate before it submits). The Worker fills in the attempt's id, amount and expiry.
 */
export function template(env, orderId, s = store(env)) {
  return {
    paymentRequestId: `${orderId}-1`,
    order: {
      referenceOrderId: orderId,
      orderDescription: "",
      orderAmount: { currency: s.currency, value: "" },
      merchant: { referenceMerchantId: s.referenceMerchantId, merchantMCC: s.merchantMCC, merchantName: s.merchantName, store: s.store },
      env: { userAgent: "" },
    },
    paymentAmount: { currency: s.currency, value: "" },
    paymentRedirectUrl: `${env.PUBLIC_URL}/result.html?order=${orderId}`,
    paymentNotifyUrl: `${env.PUBLIC_URL}/antom/notify`,
    settlementStrategy: { settlementCurrency: s.currency },
  };
}

/** Attempt `n` of an order: its own paymentRequestId and expiry, the order's amount. */
export function payRequest(env, { orderId, n, value, description, userAgent, expiresAt }) {
  const s = store(env);
  const request = template(env, orderId, s);
  request.paymentRequestId = `${orderId}-${n}`;
  request.order.orderDescription = description;
  request.order.orderAmount.value = value;
  request.paymentAmount.value = value;
  request.order.env.userAgent = userAgent;
  request.paymentExpiryTime = isoAt(expiresAt, s.timeZone ?? "+00:00");
  return request;
}

/** ISO 8601 with the store's numeric offset, as Antom writes times. */
export function isoAt(ms, offset) {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h, m] = offset.slice(1).split(":").map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}
