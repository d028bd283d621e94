// The Worker example's HTTP API (examples/worker/API.md) as the tests call it, and the stand-in's
// controls. Every call resolves to { status, ...body }.
import { randomBytes, sign } from "node:crypto";
import { vec, CLIENT_ID } from "./helpers.mjs";

export const OPERATOR = "local-operator-token-0123456789";
const UA = "Mozilla/5.0 AlipayClient/10.5";

const asJson = async (r) => {
  const text = await r.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: r.status, headers: r.headers, ...(Array.isArray(body) ? { list: body } : body) };
};

export const newKey = () => randomBytes(18).toString("base64url");

/** POST /orders: a new order (resolves to its view plus `secret` and `key`). */
export async function createOrder(s, { amount = "1200", description = "2 coffees", key = newKey(), headers = {} } = {}) {
  const r = await fetch(`${s.url}/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": UA, "idempotency-key": key, ...headers },
    body: JSON.stringify({ amount, description }),
  });
  return { ...(await asJson(r)), key };
}

export const view = (s, order) =>
  fetch(`${s.url}/orders/${order.orderId}`, { headers: { authorization: `Bearer ${order.secret}` } }).then(asJson);

export const retry = (s, order, retryOf) =>
  fetch(`${s.url}/orders/${order.orderId}/attempts`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${order.secret}`, "user-agent": UA },
    body: JSON.stringify({ retryOf }),
  }).then(asJson);

export const operatorView = (s, orderId, token = OPERATOR) =>
  fetch(`${s.url}/operator/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } }).then(asJson);

export const unmatched = (s) => fetch(`${s.url}/operator/notifications/unmatched`, { headers: { authorization: `Bearer ${OPERATOR}` } }).then(asJson);

export const refund = (s, orderId, body, { token = OPERATOR, key = newKey() } = {}) =>
  fetch(`${s.url}/operator/orders/${orderId}/refunds`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  }).then(asJson);

// ---- the stand-in ------------------------------------------------------------------------------

const control = (s, path, body) =>
  fetch(`${s.standIn.url}/__control/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
export const ledger = (s) => control(s, "state");
/**
 * How many pays and refunds the stand-in has seen: what new input could make the Worker send.
 * Earlier tests' orders keep their background rounds (inquiries, cancels) going meanwhile, so a
 * test that input sent nothing counts these, not every call.
 */
export const startedCalls = async (s) => (await ledger(s)).calls.filter((c) => c.api === "pay" || c.api === "refund").length;
export const script = (s, steps, paymentRequestId) => control(s, "next", paymentRequestId ? { paymentRequestId, steps } : { steps });
export const hold = (s, spec) => control(s, "hold", spec);
export const held = (s) => control(s, "held");
export const release = (s, spec) => control(s, "release", spec);
export const antomNotify = (s, spec) => control(s, "notify", spec);
/** The payment's next inquiry answered F with `code`, or S with a `stale` status. */
export const nextInquiry = (s, spec) => control(s, "inquiry", spec);
/** The shopper confirms or declines in the wallet. */
export const wallet = (redirectUrl, action = "confirm") => fetch(`${redirectUrl}/${action}`, { method: "POST", redirect: "manual" });

/** A notifyPayment as Antom signs it, sent straight to the Worker. */
export function notifyHeaders(body, { time = new Date().toISOString(), key = vec("keys/antom_sim_private_pkcs8.pem"), path = "/antom/notify" } = {}) {
  const sig = sign("sha256", Buffer.from(`POST ${path}\n${CLIENT_ID}.${time}.${body}`), key).toString("base64");
  return { "content-type": "application/json", "client-id": CLIENT_ID, "request-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}` };
}

export async function until(fn, ms = 10_000, what = "condition") {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`${what} not reached in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The paymentId in a wallet redirect URL. */
export const paymentIdOf = (redirectUrl) => new URL(redirectUrl).pathname.split("/")[2];

/** Waits until the stand-in saw the Worker acknowledge a notification for `paymentRequestId`. */
export const acked = (s, paymentRequestId, count = 1) =>
  until(async () => (await ledger(s)).notifications.filter((x) => x.paymentRequestId === paymentRequestId && x.acked).length >= count, 10_000, `ack of ${paymentRequestId}`);

/** An order paid through the wallet, its notification recorded. */
export async function paidOrder(s, options) {
  const o = await createOrder(s, options);
  await wallet(o.redirectUrl);
  await acked(s, `${o.orderId}-1`);
  await until(async () => (await view(s, o)).state === "paid", 10_000, "paid");
  return o;
}
