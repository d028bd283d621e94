// The Worker's configuration: the Antom client (one per isolate, the private key imported once as
// a non-extractable WebCrypto key), Antom's verifier for notifications (which needs only Antom's
// public key, so notifications are taken whatever the state of the merchant's private key), the
// store, and the pay request of an order's attempt.
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "antom-checkout/full";

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
    timeoutMs: Number(env.TIMEOUT_MS ?? 8000),
    retry: { maxAttempts: 3, delayMs: 500 },
  });
  return client;
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

/** Minutes an attempt may wait for the shopper before it is inquired and cancelled. */
export function paymentTtlMs(env) {
  return Number(env.PAYMENT_TTL_MINUTES ?? 10) * 60_000;
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
