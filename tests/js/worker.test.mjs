// The Worker example inside workerd (wrangler dev) against the local Antom stand-in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { sign } from "node:crypto";
import { startStack } from "../../examples/stack.mjs";
import { vec, CLIENT_ID } from "./helpers.mjs";

let stack;
let expiring;
before(async () => {
  [stack, expiring] = await Promise.all([
    startStack({ vars: { TIMEOUT_MS: "1200" } }),
    startStack({ vars: { PAYMENT_TTL_MINUTES: "0.05" } }),
  ]);
});
after(async () => {
  await Promise.all([stack?.stop(), expiring?.stop()]);
});

let n = 0;
const newOrder = () => `order${Date.now().toString(36)}${(n++).toString(36)}x`;
const post = (s, path, body) =>
  fetch(s.url + path, { method: "POST", headers: { "content-type": "application/json", "user-agent": "Mozilla/5.0 AlipayClient/10.5" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, ...(await r.json()) }));
const checkout = (s, orderId, amount = "1200") => post(s, "/checkout", { orderId, amount, description: "2 coffees" });
const status = (s, orderId) => fetch(`${s.url}/payments/${orderId}`).then((r) => r.json());
const standIn = (s) => fetch(`${s.standIn.url}/__control/state`).then((r) => r.json());
const script = (s, steps) => fetch(`${s.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ steps }) });
const confirm = (redirectUrl, action = "confirm") => fetch(`${redirectUrl}/${action}`, { method: "POST", redirect: "manual" });

async function until(fn, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("success: checkout, wallet confirmation, notification, paid", async () => {
  const id = newOrder();
  const c = await checkout(stack, id);
  assert.equal(c.state, "awaitingShopper");
  assert.match(c.redirectUrl, /\/wallet\//);
  assert.equal((await confirm(c.redirectUrl)).status, 303);
  // The Worker records before it answers, so the stand-in reads the acknowledgement a moment later.
  // Waited for first: a status request before it could learn "paid" by inquiry and leave the
  // notification nothing to apply.
  await until(async () => (await standIn(stack)).notifications.some((x) => x.paymentRequestId === `${id}-1` && x.acked));
  const s = await until(async () => { const s = await status(stack, id); return s.state === "paid" && s; });
  assert.equal(s.notificationsApplied, 1);
  const st = await standIn(stack);
  assert.equal(st.confirmations[id], 1);
  // A second checkout of a paid order does not pay again.
  assert.equal((await checkout(stack, id)).state, "paid");
  assert.equal((await standIn(stack)).bodies[`${id}-1`].length, 1);
});

test("U then S: resent byte-identical, one payment confirmed", async () => {
  const id = newOrder();
  await script(stack, [{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "U", code: "REQUEST_TRAFFIC_EXCEED_LIMIT" }]);
  const c = await checkout(stack, id);
  assert.equal(c.state, "awaitingShopper");
  const bodies = (await standIn(stack)).bodies[`${id}-1`];
  assert.equal(bodies.length, 3);
  assert.equal(new Set(bodies).size, 1, "the same bytes every time");
  await confirm(c.redirectUrl);
  await until(async () => (await status(stack, id)).state === "paid");
  assert.equal((await standIn(stack)).confirmations[id], 1);
});

test("each kind of F is final as Antom said, and a new attempt gets a new id", async () => {
  for (const code of ["RISK_REJECT", "KEY_NOT_FOUND", "ORDER_IS_CLOSED", "PARAM_ILLEGAL"]) {
    const id = newOrder();
    await script(stack, [{ status: "F", code }]);
    const c = await checkout(stack, id);
    assert.deepEqual([c.state, c.resultCode], ["failed", code]);
    assert.equal((await standIn(stack)).bodies[`${id}-1`].length, 1, "an F is not resent");
    const again = await checkout(stack, id);
    assert.equal(again.state, "awaitingShopper");
    assert.equal(again.paymentRequestId, `${id}-2`);
  }
  // The stand-in's own validation and signature check, through the library's real bytes.
  const id = newOrder();
  const c = await checkout(stack, id, "99999999999999999");
  assert.equal(c.status, 422);
  assert.equal(c.issues[0].path, "amount");
});

test("a timeout is resolved with the same request and an inquiry, never a new id", async () => {
  const id = newOrder();
  await script(stack, [{ delayMs: 2500 }, { delayMs: 2500 }, { delayMs: 2500 }]);
  const c = await checkout(stack, id);
  assert.deepEqual([c.state, c.reason], ["unknown", "TIMEOUT"]);
  const s = await status(stack, id); // inquires: the payment exists and is processing
  assert.equal(s.state, "unknown");
  assert.ok(s.timeline.some((e) => e.event.includes("inquiry processing")));
  const again = await checkout(stack, id); // resends the identical request, now answered in time
  assert.equal(again.state, "awaitingShopper");
  assert.equal(again.paymentRequestId, `${id}-1`);
  const bodies = (await standIn(stack)).bodies[`${id}-1`];
  assert.equal(new Set(bodies).size, 1);
  await confirm(again.redirectUrl);
  await until(async () => (await status(stack, id)).state === "paid");
  assert.equal((await standIn(stack)).confirmations[id], 1);
});

test("tampered, unsigned, wrongly signed and garbage answers are refused as unknown", async () => {
  for (const step of [{ tamper: true }, { unsigned: true }, { wrongKey: true }, { garbage: true }, { http: 502 }, { halfBody: true }]) {
    const id = newOrder();
    await script(stack, [step, step, step]);
    const c = await checkout(stack, id);
    assert.equal(c.state, "unknown", JSON.stringify(step));
    assert.equal(c.redirectUrl, undefined);
  }
});

function notifyHeaders(body, { time = new Date().toISOString(), key = vec("keys/antom_sim_private_pkcs8.pem"), path = "/antom/notify" } = {}) {
  const sig = sign("sha256", Buffer.from(`POST ${path}\n${CLIENT_ID}.${time}.${body}`), key).toString("base64");
  return { "content-type": "application/json", "client-id": CLIENT_ID, "request-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}` };
}

test("forged and stale notifications are refused; a repeated one is applied once", async () => {
  const id = newOrder();
  const c = await checkout(stack, id);
  const body = JSON.stringify({ notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: c.paymentRequestId, paymentAmount: { currency: "JPY", value: "1200" } });
  const forged = await fetch(`${stack.url}/antom/notify`, { method: "POST", headers: notifyHeaders(body, { key: vec("keys/merchant_private_pkcs8.pem") }), body });
  const stale = await fetch(`${stack.url}/antom/notify`, { method: "POST", headers: notifyHeaders(body, { time: new Date(Date.now() - 20 * 60_000).toISOString() }), body });
  assert.deepEqual([forged.status, stale.status], [400, 400]);
  assert.equal((await status(stack, id)).state, "awaitingShopper", "nothing was recorded");
  await confirm(c.redirectUrl);
  // The first notification recorded before any status request (which could learn "paid" by
  // inquiry first and leave it nothing to apply).
  await until(async () => (await standIn(stack)).notifications.some((x) => x.paymentRequestId === c.paymentRequestId && x.acked));
  await until(async () => (await status(stack, id)).state === "paid");
  await fetch(`${stack.standIn.url}/__control/notify`, { method: "POST", body: JSON.stringify({ paymentRequestId: c.paymentRequestId }) });
  const s = await until(async () => { const s = await status(stack, id); return s.notificationsSeen === 2 && s; });
  assert.equal(s.notificationsApplied, 1);
  await until(async () => {
    const mine = (await standIn(stack)).notifications.filter((x) => x.paymentRequestId === c.paymentRequestId);
    return mine.length === 2 && mine.every((x) => x.acked);
  });
});

test("at the expiry the alarm inquires and cancels an unpaid payment", async () => {
  const id = newOrder();
  const c = await checkout(expiring, id);
  assert.equal(c.state, "awaitingShopper");
  const s = await until(async () => { const s = await status(expiring, id); return s.state === "cancelled" && s; }, 20_000);
  assert.ok(s.timeline.some((e) => e.event.startsWith("expired: cancel cancelled")));
  const p = (await standIn(expiring)).payments.find((x) => x.paymentRequestId === c.paymentRequestId);
  assert.equal(p.status, "CANCELLED");
});

test("an inquiry Antom answers F is not asked again: the Worker cancels the payment", async () => {
  const id = newOrder();
  const c = await checkout(stack, id);
  assert.equal(c.state, "awaitingShopper");
  await fetch(`${stack.standIn.url}/__control/inquiry`, { method: "POST", body: JSON.stringify({ paymentRequestId: c.paymentRequestId, code: "PROCESS_FAIL" }) });
  await new Promise((r) => setTimeout(r, 1100)); // the Worker inquires at most once a second
  const s = await until(async () => { const s = await status(stack, id); return s.state === "cancelled" && s; });
  assert.ok(s.timeline.some((e) => e.event === "status check: inquiry unknown"));
  assert.ok(s.timeline.some((e) => e.event === "inquiry failed: cancel cancelled"));
  const p = (await standIn(stack)).payments.find((x) => x.paymentRequestId === c.paymentRequestId);
  assert.equal(p.status, "CANCELLED");
});

test("workerd killed while a pay is in flight: after a restart the order resolves to Antom's truth, same id and bytes, one charge", async () => {
  const first = await startStack();
  let second;
  try {
    const id = newOrder();
    // Antom holds the answer for 4 s: the pay is in flight when the process dies.
    await script(first, [{ delayMs: 4000 }]);
    const lost = checkout(first, id).catch((e) => e);
    await until(async () => ((await standIn(first)).bodies[`${id}-1`] ?? []).length === 1);
    const during = await status(first, id);
    assert.equal(during.state, "sending", "the id and the request were stored before sending");
    await first.kill(); // SIGKILL to the workerd process group this test started
    assert.ok((await lost) instanceof Error, "the shopper's request died with the process");
    second = await startStack({ restartOf: first });
    // The order is resumed from storage: the same stored request is resent (never a new id).
    const resumed = await until(async () => {
      const s = await status(second, id);
      if (s.state === "awaitingShopper") return s;
      if (s.state === "sending" || s.state === "unknown") await checkout(second, id);
      return false;
    }, 20_000);
    assert.equal(resumed.paymentRequestId, `${id}-1`);
    const redirect = resumed.redirectUrl ?? (await checkout(second, id)).redirectUrl;
    assert.equal((await confirm(redirect)).status, 303);
    const paid = await until(async () => { const s = await status(second, id); return s.state === "paid" && s; });
    assert.equal(paid.paymentRequestId, `${id}-1`);
    const st = await standIn(second);
    const bodies = st.bodies[`${id}-1`];
    assert.ok(bodies.length >= 2, "the request was sent again after the restart");
    assert.equal(new Set(bodies).size, 1, "byte-identical every time");
    assert.equal(st.bodies[`${id}-2`], undefined, "no second payment id");
    assert.equal(st.confirmations[id], 1, "one charge");
    assert.equal(st.payments.find((p) => p.paymentRequestId === `${id}-1`).status, "SUCCESS");
  } finally {
    await first.kill();
    await (second ?? first).stop();
  }
});

const OPERATOR = "local-operator-token-0123456789";
const refund = (s, orderId, body, token = OPERATOR) =>
  fetch(`${s.url}/orders/${orderId}/refunds`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, ...(await r.json()) }));

async function paidOrder(s) {
  const id = newOrder();
  const c = await checkout(s, id);
  await confirm(c.redirectUrl);
  await until(async () => (await status(s, id)).state === "paid");
  return id;
}

test("operator refunds: bearer secret required, partial and repeated up to the paid amount, shown in the order", async () => {
  const id = await paidOrder(stack);
  for (const token of [null, "wrong", `${OPERATOR}x`, OPERATOR.slice(0, -1)]) {
    assert.equal((await refund(stack, id, { amount: "100" }, token)).status, 401, String(token));
  }
  assert.equal((await standIn(stack)).refunds.filter((r) => r.paymentRequestId === `${id}-1`).length, 0, "nothing sent without the secret");
  const first = await refund(stack, id, { amount: "200", reason: "one coffee returned" });
  assert.deepEqual([first.status, first.refund.state, first.refund.refundRequestId, first.refundedAmount], [200, "refunded", `${id}-R1`, "200"]);
  assert.equal((await refund(stack, id, { amount: "1000" })).refund.state, "refunded");
  const over = await refund(stack, id, { amount: "1" });
  assert.deepEqual([over.status, over.error], [422, "REFUND_TOO_LARGE"]);
  const s = await status(stack, id);
  assert.deepEqual([s.state, s.refundedAmount, s.refunds.map((r) => r.state)], ["paid", "1200", ["refunded", "refunded"]]);
  const atAntom = (await standIn(stack)).refunds.filter((r) => r.paymentRequestId === `${id}-1`);
  assert.deepEqual(atAntom.map((r) => r.amount.value), ["200", "1000"]);
  assert.equal((await refund(stack, newOrder(), { amount: "1" })).status, 409, "an order that is not paid is not refunded");
});

test("a refund whose every answer is lost is resolved by inquiry and the same request: refunded once", async () => {
  const id = await paidOrder(stack);
  // Every send of the first refund is lost: Antom never sees it; the inquiry says so, and the
  // Worker sends the very same refund again.
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: `${id}-R1`, steps: [{ drop: true }, { drop: true }, { drop: true }] }) });
  const r = await refund(stack, id, { amount: "500" });
  assert.deepEqual([r.status, r.refund.state, r.refundedAmount], [200, "refunded", "500"]);
  const st = await standIn(stack);
  assert.equal(st.refunds.filter((x) => x.refundRequestId === `${id}-R1`).length, 1);
  const bodies = st.refundBodies[`${id}-R1`];
  assert.equal(new Set(bodies).size, 1, "every send carried the same bytes");
  assert.ok(bodies.length >= 4);
  const events = (await status(stack, id)).timeline.map((e) => e.event);
  assert.ok(events.includes("refund inquiry: notFound") && events.includes("refund resent: refunded"), events.join(" | "));
  // An answer lost after Antom refunded: the inquiry finds the refund; nothing is sent twice.
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: `${id}-R2`, steps: [{ status: "U" }, { drop: true }, { drop: true }] }) });
  const r2 = await refund(stack, id, { amount: "300" });
  assert.deepEqual([r2.refund.state, r2.refundedAmount], ["refunded", "800"]);
  assert.equal((await standIn(stack)).refunds.filter((x) => x.refundRequestId === `${id}-R2`).length, 1);
});

test("a refund Antom is still processing is settled by the order's alarm, without anyone asking", async () => {
  const id = await paidOrder(stack);
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: `${id}-R1`, steps: [{ processing: true }] }) });
  const r = await refund(stack, id, { amount: "400" });
  assert.deepEqual([r.status, r.refund.state], [200, "processing"]);
  const inquiries = async () => (await standIn(stack)).calls.filter((c) => c.api === "inquiryRefund" && c.refundRequestId === `${id}-R1`).length;
  const before = await inquiries();
  // The alarm (5 s after the refund was sent) inquires on its own; nobody polls the order.
  await until(async () => (await inquiries()) > before, 15_000);
  const s = await status(stack, id);
  assert.deepEqual([s.refunds[0].state, s.refundedAmount], ["refunded", "400"]);
  assert.ok(s.timeline.some((e) => e.event === "refund inquiry: refunded"), s.timeline.map((e) => e.event).join(" | "));
});
