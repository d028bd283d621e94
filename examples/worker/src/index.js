// The Entry Code payment handler:
//   POST /checkout        { orderId, amount, description }  -> { redirectUrl } or { issues }
//   POST /antom/notify    notifyPayment from Antom: verified, recorded once, acknowledged
//   GET  /payments/:order the order's state (inquires Antom while it is not final)
//   GET  /store           the store's public details, for the checkout page's validation
//   POST /orders/:order/refunds  { amount, reason? }  the operator refunds part or all of a paid
//                         order (Authorization: Bearer OPERATOR_TOKEN; 401 without it)
// Payment state lives in one Durable Object per order (see order.js).
import { handleNotification, isAntomCheckoutError } from "antom-checkout/full";
import { antom, store, template } from "./antom.js";
export { Order } from "./order.js";

const json = (value, status = 200) => new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json; charset=utf-8" } });
const ORDER_ID = /^[A-Za-z0-9]{8,40}$/;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      if (request.method === "POST" && url.pathname === "/checkout") return await checkout(request, env);
      if (request.method === "POST" && url.pathname === "/antom/notify") return await notify(request, env);
      if (request.method === "GET" && url.pathname.startsWith("/payments/")) {
        const orderId = url.pathname.slice("/payments/".length);
        if (!ORDER_ID.test(orderId)) return json({ error: "unknown order" }, 404);
        return json(await orderStub(env, orderId).status(), 200);
      }
      const refunds = /^\/orders\/([^/]+)\/refunds$/.exec(url.pathname);
      if (request.method === "POST" && refunds) return await refund(request, env, refunds[1]);
      if (request.method === "GET" && url.pathname === "/store") {
        const s = store(env);
        return json({ merchantName: s.merchantName, storeName: s.store.storeName, currency: s.currency, template: template(env, "ORDERID", s) });
      }
      return env.ASSETS ? env.ASSETS.fetch(request) : json({ error: "not found" }, 404);
    } catch (e) {
      if (isAntomCheckoutError(e)) return json({ error: e.code, message: e.message, issues: e.issues }, e.code === "INVALID_REQUEST" ? 422 : 500);
      console.error("handler failed", e?.stack ?? e);
      return json({ error: "INTERNAL" }, 500);
    }
  },
};

function orderStub(env, orderId) {
  return env.ORDERS.get(env.ORDERS.idFromName(orderId));
}

async function checkout(request, env) {
  let input;
  try {
    input = await request.json();
  } catch {
    return json({ error: "INVALID_ARGUMENT", message: "expected JSON" }, 400);
  }
  const { orderId, amount, description } = input ?? {};
  if (typeof orderId !== "string" || !ORDER_ID.test(orderId)) return json({ error: "INVALID_ARGUMENT", message: "orderId: 8 to 40 letters or digits" }, 400);
  const result = await orderStub(env, orderId).checkout({ orderId, amount, description, userAgent: request.headers.get("user-agent") ?? "unknown" });
  return json(result, result.httpStatus ?? 200);
}

/** Whether the request carries the operator's bearer secret, compared in constant time. */
async function operator(request, env) {
  const secret = env.OPERATOR_TOKEN;
  if (typeof secret !== "string" || secret.length < 16) return false; // refunds off: fail closed
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // Digests of both: equal lengths, and a comparison whose time does not depend on where they differ.
  const digest = async (s) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(given), digest(secret)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0 && given.length > 0;
}

async function refund(request, env, orderId) {
  if (!(await operator(request, env))) return json({ error: "UNAUTHORIZED" }, 401);
  if (!ORDER_ID.test(orderId)) return json({ error: "unknown order" }, 404);
  let input;
  try {
    input = await request.json();
  } catch {
    return json({ error: "INVALID_ARGUMENT", message: "expected JSON { amount, reason? }" }, 400);
  }
  const result = await orderStub(env, orderId).refund({ amount: input?.amount, reason: input?.reason });
  return json(result, result.httpStatus ?? 200);
}

async function notify(request, env) {
  const { verify, clientId } = antom(env);
  const r = await handleNotification(request, { clientId, verify });
  if (r.accepted) {
    const orderId = r.notification.paymentRequestId.split("-")[0];
    if (!ORDER_ID.test(orderId)) return new Response(r.ack.body, r.ack); // not ours: acknowledge, nothing to record
    // Acknowledge only once the result is durably recorded; otherwise Antom sends it again.
    await orderStub(env, orderId).recordNotification(r.notification);
  } else {
    console.warn("notification refused", r.reason);
  }
  return new Response(r.ack.body, r.ack);
}
