// The Worker example inside workerd (wrangler dev) against the local Antom stand-in: the flow one
// request at a time (money.test.mjs drives it concurrently and as an attacker would).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "../../examples/stack.mjs";
import { createOrder, view, retry, operatorView, refund, ledger, startedCalls, script, wallet, nextInquiry, notifyHeaders, until, acked, paidOrder } from "./worker-client.mjs";

let stack;
let expiring;
before(async () => {
  [stack, expiring] = await Promise.all([
    startStack({ vars: { TIMEOUT_MS: "1200", ORDERS_PER_MINUTE: "1000" } }),
    startStack({ vars: { PAYMENT_TTL_MINUTES: "0.05", ORDERS_PER_MINUTE: "1000" } }),
  ]);
});
after(async () => {
  await Promise.all([stack?.stop(), expiring?.stop()]);
});

test("success: a new order, wallet confirmation, notification, paid; the same submit again pays nothing more", async () => {
  const o = await createOrder(stack);
  assert.equal(o.status, 201);
  assert.match(o.orderId, /^[0-9a-f]{32}$/);
  assert.equal(o.secret.length, 43);
  assert.deepEqual([o.state, o.attempt, o.amount, o.currency], ["awaitingShopper", 1, "1200", "JPY"]);
  assert.match(o.redirectUrl, /\/wallet\//);
  assert.equal((await wallet(o.redirectUrl)).status, 303);
  // Waited for first: a status request before it could learn "paid" by inquiry and leave the
  // notification nothing to apply.
  await acked(stack, `${o.orderId}-1`);
  const v = await until(async () => { const v = await view(stack, o); return v.state === "paid" && v; });
  assert.equal(v.redirectUrl, undefined);
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual(op.notifications.map((n) => [n.kind, n.applied, n.count]), [["paid", true, 1]]);
  assert.equal(op.paymentId, op.attempts[0].paymentId);
  const again = await createOrder(stack, { key: o.key });
  assert.deepEqual([again.status, again.orderId, again.state, again.secret], [200, o.orderId, "paid", o.secret]);
  const l = await ledger(stack);
  assert.equal(l.confirmations[o.orderId], 1);
  assert.equal(l.bodies[`${o.orderId}-1`].length, 1);
});

test("U then S: resent byte-identical, one payment confirmed", async () => {
  await script(stack, [{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "U", code: "REQUEST_TRAFFIC_EXCEED_LIMIT" }]);
  // A shopper's request sends once: each U leaves the attempt open, and the shopper's retry
  // sends the same request again.
  const first = await createOrder(stack);
  assert.deepEqual([first.state, first.attempt], ["unknown", 1]);
  assert.deepEqual([(await retry(stack, first, 1)).state, (await retry(stack, first, 1)).state], ["unknown", "awaitingShopper"]);
  const o = { ...first, ...(await view(stack, first)) };
  assert.equal(o.state, "awaitingShopper");
  const bodies = (await ledger(stack)).bodies[`${o.orderId}-1`];
  assert.equal(bodies.length, 3);
  assert.equal(new Set(bodies).size, 1, "the same bytes every time");
  await wallet(o.redirectUrl);
  await until(async () => (await view(stack, o)).state === "paid");
  assert.equal((await ledger(stack)).confirmations[o.orderId], 1);
});

test("each kind of F is final as Antom said; the shopper's retry of it is a new attempt of the same order and amount", async () => {
  for (const code of ["RISK_REJECT", "KEY_NOT_FOUND", "ORDER_IS_CLOSED", "PARAM_ILLEGAL"]) {
    await script(stack, [{ status: "F", code }]);
    const o = await createOrder(stack, { amount: "700" });
    assert.deepEqual([o.state, o.resultCode, o.attempt], ["failed", code, 1]);
    assert.equal((await ledger(stack)).bodies[`${o.orderId}-1`].length, 1, "an F is not resent");
    const again = await retry(stack, o, 1);
    assert.deepEqual([again.status, again.state, again.attempt, again.amount], [201, "awaitingShopper", 2, "700"]);
    const p = (await ledger(stack)).payments.find((x) => x.paymentRequestId === `${o.orderId}-2`);
    assert.equal(p.amount.value, "700");
  }
});

test("an amount the library refuses is a 422 issue at its field, and nothing is stored or sent", async () => {
  const before = await startedCalls(stack);
  for (const [amount, code] of [["99999999999999999", "TOO_LARGE"], ["12.5", "INVALID_AMOUNT"], ["", "INVALID_AMOUNT"]]) {
    const o = await createOrder(stack, { amount });
    assert.equal(o.status, 422, amount);
    assert.equal(o.issues[0].path, "amount");
    assert.ok(o.issues[0].code, JSON.stringify(o.issues));
    assert.equal(o.orderId, undefined);
    void code;
  }
  assert.equal(await startedCalls(stack), before, "no pay sent");
});

test("a timeout is resolved with the same request and an inquiry, never a new id", async () => {
  // Later than the timeout: the shopper's one send is unknown (the next send is answered in time).
  await script(stack, [{ delayMs: 2500 }]);
  const o = await createOrder(stack);
  assert.deepEqual([o.state, o.attempt], ["unknown", 1]);
  const v = await view(stack, o); // inquires: the payment exists and is processing
  assert.equal(v.state, "unknown");
  assert.ok((await operatorView(stack, o.orderId)).timeline.some((e) => e.event.includes("inquiry processing")));
  const again = await retry(stack, o, 1); // resends the identical request, now answered in time
  assert.deepEqual([again.state, again.attempt], ["awaitingShopper", 1]);
  const bodies = (await ledger(stack)).bodies[`${o.orderId}-1`];
  assert.equal(new Set(bodies).size, 1);
  await wallet(again.redirectUrl);
  await until(async () => (await view(stack, o)).state === "paid");
  const l = await ledger(stack);
  assert.equal(l.confirmations[o.orderId], 1);
  assert.equal(l.bodies[`${o.orderId}-2`], undefined);
});

test("tampered, unsigned, wrongly signed and garbage answers are refused as unknown", async () => {
  for (const step of [{ tamper: true }, { unsigned: true }, { wrongKey: true }, { garbage: true }, { http: 502 }, { halfBody: true }]) {
    await script(stack, [step, step, step]);
    const o = await createOrder(stack);
    assert.equal(o.state, "unknown", JSON.stringify(step));
    assert.equal(o.redirectUrl, undefined);
  }
});

test("forged and stale notifications are refused; a repeated one is applied once", async () => {
  const o = await createOrder(stack);
  const body = JSON.stringify({ notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: `${o.orderId}-1`, paymentAmount: { currency: "JPY", value: "1200" } });
  const forged = await fetch(`${stack.url}/antom/notify`, { method: "POST", headers: notifyHeaders(body, { key: (await import("./helpers.mjs")).vec("keys/merchant_private_pkcs8.pem") }), body });
  const stale = await fetch(`${stack.url}/antom/notify`, { method: "POST", headers: notifyHeaders(body, { time: new Date(Date.now() - 48 * 3600_000).toISOString() }), body });
  assert.deepEqual([forged.status, stale.status], [400, 400]);
  assert.equal((await view(stack, o)).state, "awaitingShopper", "nothing was recorded");
  await wallet(o.redirectUrl);
  await acked(stack, `${o.orderId}-1`);
  await until(async () => (await view(stack, o)).state === "paid");
  await fetch(`${stack.standIn.url}/__control/notify`, { method: "POST", body: JSON.stringify({ paymentRequestId: `${o.orderId}-1` }) });
  await acked(stack, `${o.orderId}-1`, 2);
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual(op.notifications.map((n) => [n.kind, n.applied, n.count]), [["paid", true, 2]]);
});

test("at the expiry the alarm inquires and cancels an unpaid attempt", async () => {
  const o = await createOrder(expiring);
  assert.equal(o.state, "awaitingShopper");
  await until(async () => (await view(expiring, o)).state === "cancelled", 20_000);
  const op = await operatorView(expiring, o.orderId);
  assert.ok(op.timeline.some((e) => e.event === "cancel (expired): cancelled"), JSON.stringify(op.timeline));
  const p = (await ledger(expiring)).payments.find((x) => x.paymentRequestId === `${o.orderId}-1`);
  assert.equal(p.status, "CANCELLED");
});

test("an inquiry Antom answers F is not asked again: the Worker cancels that attempt", async () => {
  const o = await createOrder(stack);
  await nextInquiry(stack, { paymentRequestId: `${o.orderId}-1`, code: "PROCESS_FAIL" });
  await new Promise((r) => setTimeout(r, 1100)); // the Worker inquires at most once a second
  await until(async () => (await view(stack, o)).state === "cancelled");
  const op = await operatorView(stack, o.orderId);
  assert.ok(op.timeline.some((e) => e.event === "cancel (inquiry failed): cancelled"), JSON.stringify(op.timeline));
  // At Antom: the inquiry answered F, then the cancel (the round's inquiry outcome is not in the
  // timeline when the round cancels: the cancel and its reason are).
  const l = await ledger(stack);
  const calls = l.calls.filter((c) => c.paymentRequestId === `${o.orderId}-1` && c.api !== "pay");
  const failedAt = calls.findIndex((c) => c.api === "inquiryPayment" && c.resultStatus === "F");
  assert.ok(failedAt >= 0 && calls.slice(failedAt + 1).some((c) => c.api === "cancel"), JSON.stringify(calls));
  assert.equal(l.payments.find((x) => x.paymentRequestId === `${o.orderId}-1`).status, "CANCELLED");
});

test("workerd killed while a pay is in flight: after a restart the order resolves to Antom's truth, same id and bytes, one charge", async () => {
  const first = await startStack({ vars: { ORDERS_PER_MINUTE: "1000" } });
  let second;
  try {
    // Antom holds the answer for 4 s: the pay is in flight when the process dies.
    await script(first, [{ delayMs: 4000 }]);
    const key = (await import("./worker-client.mjs")).newKey();
    const lost = createOrder(first, { key }).catch((e) => e);
    const id = await until(async () => Object.keys((await ledger(first)).bodies)[0]);
    const orderId = id.split("-")[0];
    await first.kill(); // SIGKILL to the workerd process group this test started
    assert.ok((await lost) instanceof Error, "the shopper's request died with the process");
    second = await startStack({ restartOf: first });
    // The shopper's page sends the same submit again: the same order, the same stored request.
    const o = await until(async () => { const o = await createOrder(second, { key }); return o.state === "awaitingShopper" && o; }, 20_000);
    assert.deepEqual([o.orderId, o.attempt], [orderId, 1]);
    assert.equal((await wallet(o.redirectUrl)).status, 303);
    await until(async () => (await view(second, o)).state === "paid");
    const l = await ledger(second);
    const bodies = l.bodies[`${orderId}-1`];
    assert.ok(bodies.length >= 2, "the request was sent again after the restart");
    assert.equal(new Set(bodies).size, 1, "byte-identical every time");
    assert.equal(l.bodies[`${orderId}-2`], undefined, "no second payment id");
    assert.equal(l.confirmations[orderId], 1, "one charge");
  } finally {
    await first.kill();
    await (second ?? first).stop();
  }
});

test("operator refunds: a token required, partial and repeated up to the paid amount, shown in the order", async () => {
  const o = await paidOrder(stack);
  for (const token of [null, "wrong", "local-operator-token-0123456789x", "local-operator-token-012345678"]) {
    assert.equal((await refund(stack, o.orderId, { amount: "100" }, { token })).status, 401, String(token));
  }
  assert.equal((await ledger(stack)).refunds.filter((r) => r.paymentRequestId === `${o.orderId}-1`).length, 0, "nothing sent without the token");
  const first = await refund(stack, o.orderId, { amount: "200", reason: "one coffee returned" });
  assert.deepEqual([first.status, first.refund.state, first.refund.refundRequestId, first.refundedAmount, first.refund.operator], [200, "refunded", `${o.orderId}-R1`, "200", "local"]);
  assert.equal((await view(stack, o)).refund, "partial");
  assert.equal((await refund(stack, o.orderId, { amount: "1000" })).refund.state, "refunded");
  const over = await refund(stack, o.orderId, { amount: "1" });
  assert.deepEqual([over.status, over.error], [422, "REFUND_TOO_LARGE"]);
  const v = await view(stack, o);
  assert.deepEqual([v.state, v.refund, v.refundedAmount, v.refunds], ["paid", "full", "1200", undefined]);
  const atAntom = (await ledger(stack)).refunds.filter((r) => r.paymentRequestId === `${o.orderId}-1`);
  assert.deepEqual(atAntom.map((r) => r.amount.value), ["200", "1000"]);
});

test("a refund whose every answer is lost is resolved by inquiry and the same request: refunded once", async () => {
  const o = await paidOrder(stack);
  const R1 = `${o.orderId}-R1`;
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: R1, steps: [{ drop: true }, { drop: true }, { drop: true }] }) });
  const r = await refund(stack, o.orderId, { amount: "500" });
  assert.deepEqual([r.status, r.refund.state, r.refundedAmount], [200, "refunded", "500"]);
  const l = await ledger(stack);
  assert.equal(l.refunds.filter((x) => x.refundRequestId === R1).length, 1);
  assert.equal(new Set(l.refundBodies[R1]).size, 1, "every send carried the same bytes");
  assert.ok(l.refundBodies[R1].length >= 4);
  const events = (await operatorView(stack, o.orderId)).timeline.map((e) => e.event);
  assert.ok(events.includes("refund inquiry: notFound") && events.includes("refund resent: refunded"), events.join(" | "));
  // An answer lost after Antom refunded: the inquiry finds the refund; nothing is sent twice.
  const R2 = `${o.orderId}-R2`;
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: R2, steps: [{ status: "U" }, { drop: true }, { drop: true }] }) });
  const r2 = await refund(stack, o.orderId, { amount: "300" });
  assert.deepEqual([r2.refund.state, r2.refundedAmount], ["refunded", "800"]);
  assert.equal((await ledger(stack)).refunds.filter((x) => x.refundRequestId === R2).length, 1);
});

test("a refund Antom is still processing is settled by the order's alarm, without anyone asking", async () => {
  const o = await paidOrder(stack);
  const R1 = `${o.orderId}-R1`;
  await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ refundRequestId: R1, steps: [{ processing: true }] }) });
  const r = await refund(stack, o.orderId, { amount: "400" });
  assert.deepEqual([r.status, r.refund.state], [202, "processing"]);
  const inquiries = async () => (await ledger(stack)).calls.filter((c) => c.api === "inquiryRefund" && c.refundRequestId === R1).length;
  const before = await inquiries();
  // The alarm inquires on its own; nobody polls the order.
  await until(async () => (await inquiries()) > before, 15_000);
  const op = await until(async () => { const op = await operatorView(stack, o.orderId); return op.refunds[0].state === "refunded" && op; });
  assert.equal(op.refundedAmount, "400");
  assert.ok(op.timeline.some((e) => e.event === "refund inquiry: refunded"), op.timeline.map((e) => e.event).join(" | "));
});
