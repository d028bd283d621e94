// The Entry Code payment handler. Every route, body, header and status code: API.md beside this
// folder. The edge refuses what it cannot take (size, media type, UTF-8, field types, origin)
// before anything reaches an order; payment state lives in one Durable Object per order
// (order.js); an order is read and changed only with the secret handed to the page that created it.
import { handleNotification, isAntomCheckoutError, toMinorUnits, validatePayRequest } from "antom-checkout/full";
import { notificationVerifier, payRequest, paymentTtlMs, store, template } from "./antom.js";
import { PAGE_HEADERS, Refusal, bearer, fields, hex, idempotencyKey, json, log, readBytes, readJson, sameBytes, sameSite, sha256 } from "./http.js";
export { Order } from "./order.js";
export { Submission, RateLimit, Unmatched } from "./gate.js";

const ORDER_ID = /^[0-9a-f]{32}$/;
/** Body limits per route, in bytes. */
export const LIMITS = { order: 4096, attempt: 1024, refund: 2048, notify: 32768 };
/** Where a pay request's problem is shown on the page. */
const FIELD = { "paymentAmount.value": "amount", "order.orderAmount.value": "amount", "order.orderDescription": "description" };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const path = url.pathname;
    const m = /^\/(operator\/)?orders\/([^/]+)(\/attempts|\/refunds)?$/.exec(path);
    try {
      if (path === "/orders") return only(request, "POST") ?? (await createOrder(request, env));
      if (m && !m[1] && !m[3]) return only(request, "GET") ?? (await orderCall(request, env, m[2], (o, secret) => o.view(secret)));
      if (m && !m[1] && m[3] === "/attempts") return only(request, "POST") ?? (await retry(request, env, m[2]));
      if (m && m[1] && !m[3]) return only(request, "GET") ?? (await operatorCall(request, env, m[2], (o) => o.operatorView()));
      if (m && m[1] && m[3] === "/refunds") return only(request, "POST") ?? (await refund(request, env, m[2]));
      if (path === "/operator/notifications/unmatched") {
        return only(request, "GET") ?? ((await operator(request, env, "list unmatched")) && json(await unmatched(env).list()));
      }
      if (path === "/antom/notify") return only(request, "POST") ?? (await notify(request, env));
      if (path === "/store") return only(request, "GET") ?? storeDetails(env);
      if ((request.method === "GET" || request.method === "HEAD") && env.ASSETS) return page(await env.ASSETS.fetch(request));
      return json({ error: "NOT_FOUND", message: "no such route" }, 404);
    } catch (e) {
      if (e instanceof Refusal) return e.response();
      // A fault of ours (a configuration error, storage down): logged with its reason, answered
      // with a generic error that tells a caller nothing about keys or configuration.
      log("error", "handler failed", { path, orderId: m?.[2], error: isAntomCheckoutError(e) ? `${e.code}: ${e.message}` : String(e?.stack ?? e) });
      return json({ error: "INTERNAL", message: "something went wrong on our side; try again later" }, 500);
    }
  },
};

function only(request, method) {
  return request.method === method ? null : json({ error: "METHOD_NOT_ALLOWED", message: `use ${method}` }, 405, { allow: method });
}

/** A page file with the checkout page's security headers. */
function page(response) {
  const r = new Response(response.body, response);
  for (const [k, v] of Object.entries(PAGE_HEADERS)) r.headers.set(k, v);
  return r;
}

const orders = (env, orderId) => env.ORDERS.get(env.ORDERS.idFromName(orderId));
const unmatched = (env) => env.UNMATCHED.get(env.UNMATCHED.idFromName("unmatched"));
const answer = ({ status, body }) => json(body, status);

function storeDetails(env) {
  const s = store(env);
  return json({ merchantName: s.merchantName, storeName: s.store.storeName, currency: s.currency, template: template(env, "ORDERID", s) });
}

/** POST /orders: validated before anything is minted or stored; one order per Idempotency-Key. */
async function createOrder(request, env) {
  sameSite(request, env);
  const key = idempotencyKey(request);
  const input = fields(await readJson(request, LIMITS.order), { amount: { required: true, max: 32 }, description: { required: true, max: 256 } });
  const s = store(env);
  const value = minorUnits(input.amount, s.currency);
  const userAgent = (request.headers.get("user-agent") ?? "unknown").slice(0, 2048);
  // The request this order's first attempt will send, checked with the library's rules first.
  const probe = payRequest(env, { orderId: "0".repeat(32), n: 1, value, description: input.description, userAgent, expiresAt: Date.now() + paymentTtlMs(env) });
  const issues = validatePayRequest(probe).map((i) => ({ ...i, path: FIELD[i.path] ?? i.path }));
  if (issues.length) throw new Refusal(422, "INVALID_REQUEST", `${issues.length} problem(s) with the order`, { issues });
  const client = request.headers.get("cf-connecting-ip") ?? "local";
  const wait = await env.RATE_LIMIT.get(env.RATE_LIMIT.idFromName(client)).hit(Number(env.ORDERS_PER_MINUTE ?? 20));
  if (wait) throw new Refusal(429, "RATE_LIMITED", "too many new orders from this client; try again shortly", { headers: { "retry-after": String(wait) } });
  const bodyHash = hex(await sha256(JSON.stringify([input.amount, input.description])));
  const claim = await env.SUBMISSIONS.get(env.SUBMISSIONS.idFromName(key)).claim(bodyHash, Number(env.SUBMIT_SECRET_KEPT_MS ?? 900_000));
  if (claim.reused) throw new Refusal(409, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for another order");
  if (claim.expired) throw new Refusal(409, "SUBMIT_EXPIRED", "this submit is too old to be answered again; start a new purchase");
  const r = await orders(env, claim.orderId).create({
    orderId: claim.orderId, secretHash: hex(await sha256(claim.secret)), value, currency: s.currency, description: input.description, userAgent,
  });
  if (r.status >= 300) return answer(r);
  return json({ ...r.body, secret: claim.secret }, claim.fresh ? r.status : 200);
}

/** An amount in the store's currency, as minor units; a problem is a 422 issue at "amount". */
function minorUnits(amount, currency) {
  try {
    return toMinorUnits(amount, currency);
  } catch (e) {
    if (!isAntomCheckoutError(e)) throw e;
    throw new Refusal(422, "INVALID_REQUEST", "the amount is not valid", { issues: [{ path: "amount", code: e.code, message: e.message }] });
  }
}

/** A shopper route: the order id's form, then the order's own check of the secret (404 either way). */
async function orderCall(request, env, orderId, call) {
  if (!ORDER_ID.test(orderId)) throw new Refusal(404, "NOT_FOUND", "no such order");
  return answer(await call(orders(env, orderId), hex(await sha256(bearer(request)))));
}

async function retry(request, env, orderId) {
  sameSite(request, env);
  const input = fields(await readJson(request, LIMITS.attempt), { retryOf: { required: true, type: "integer" } });
  return orderCall(request, env, orderId, (o, secret) => o.retry(secret, input));
}

/**
 * The operator's name when the request carries one of the tokens in OPERATOR_TOKENS (a JSON
 * object name -> token), compared in constant time against every token; 401 otherwise, logged.
 */
async function operator(request, env, action) {
  let tokens = {};
  try {
    tokens = JSON.parse(env.OPERATOR_TOKENS ?? "{}");
  } catch {
    log("error", "OPERATOR_TOKENS is not a JSON object: operator routes are off");
  }
  const given = await sha256(bearer(request));
  let name = null;
  for (const [who, token] of Object.entries(tokens)) {
    // Tokens shorter than 16 characters are never accepted: operator routes fail closed.
    if (typeof token === "string" && token.length >= 16 && sameBytes(given, await sha256(token)) && bearer(request) !== "") name ??= who;
  }
  if (!name) {
    log("warn", "operator login failed", { action, path: new URL(request.url).pathname, client: request.headers.get("cf-connecting-ip") ?? "local" });
    throw new Refusal(401, "UNAUTHORIZED", "an operator token is required", { headers: { "www-authenticate": "Bearer" } });
  }
  log("log", "operator action", { operator: name, action, path: new URL(request.url).pathname });
  return name;
}

async function operatorCall(request, env, orderId, call) {
  await operator(request, env, "view order");
  if (!ORDER_ID.test(orderId)) throw new Refusal(404, "NOT_FOUND", "no such order");
  return answer(await call(orders(env, orderId)));
}

async function refund(request, env, orderId) {
  const name = await operator(request, env, "refund");
  if (!ORDER_ID.test(orderId)) throw new Refusal(404, "NOT_FOUND", "no such order");
  const key = idempotencyKey(request);
  const input = fields(await readJson(request, LIMITS.refund), { amount: { required: true, max: 32 }, reason: { max: 256 } });
  const value = minorUnits(input.amount, store(env).currency);
  if (!/^[1-9]/.test(value)) throw new Refusal(422, "INVALID_AMOUNT", "a refund is more than zero", { issues: [{ path: "amount", code: "INVALID_AMOUNT", message: "must be more than zero" }] });
  const bodyHash = hex(await sha256(JSON.stringify([input.amount, input.reason ?? null])));
  return answer(await orders(env, orderId).refund({ value, reason: input.reason, idempotencyKey: key, bodyHash, operator: name }));
}

/**
 * notifyPayment: refused with 413 before it is read when too large; verified over the bytes
 * received; stored with its attempt (or for reconciliation) before it is acknowledged.
 */
async function notify(request, env) {
  const bytes = await readBytes(request, LIMITS.notify);
  const { clientId, verify } = notificationVerifier(env);
  const r = await handleNotification({ path: new URL(request.url).pathname, headers: request.headers, body: bytes }, { clientId, verify });
  if (!r.accepted) {
    log("warn", "notification refused", { reason: r.reason });
    return new Response(r.ack.body, r.ack);
  }
  const n = r.notification;
  const id = /^([0-9a-f]{32})-\d{1,2}$/.exec(n.paymentRequestId);
  const kept = id ? await orders(env, id[1]).recordNotification(n) : { known: false };
  if (!kept.known) {
    await unmatched(env).record({ at: new Date().toISOString(), paymentRequestId: n.paymentRequestId, kind: n.kind, resultCode: n.resultCode, paymentId: n.paymentId, amount: n.paymentAmount?.value, currency: n.paymentAmount?.currency });
    log("warn", "notification for an order this Worker does not know: kept for reconciliation", { paymentRequestId: n.paymentRequestId });
  }
  // Acknowledged only once recorded; otherwise Antom sends it again.
  return new Response(r.ack.body, r.ack);
}
