// Money never doubled, never lost: the Worker example (workerd) under concurrency, faults and late
// news, judged against the stand-in's ledger. Each test reproduces one way a shopper could be
// charged twice, a payment left open, or news about a payment lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "../../examples/stack.mjs";
import {
  createOrder, view, retry, operatorView, unmatched, refund, ledger, startedCalls, script, hold, held, release, antomNotify, nextInquiry, wallet, until, sleep, acked, paidOrder, newKey, OPERATOR,
} from "./worker-client.mjs";

const MANY = { ORDERS_PER_MINUTE: "100000" };
let stack; // the default configuration (8 s timeout, 10 min expiry)
let quick; // 1.2 s timeout, 6 s expiry
let deaf; // notifications never reach it: it learns everything by inquiry
before(async () => {
  [stack, quick, deaf] = await Promise.all([
    startStack({ vars: MANY }),
    startStack({ vars: { ...MANY, TIMEOUT_MS: "1200", PAYMENT_TTL_MINUTES: "0.1" }, standIn: { closeAfterExpiryMs: 600_000 } }),
    startStack({ vars: { ...MANY, PUBLIC_URL: "http://127.0.0.1:9" } }),
  ]);
});
after(async () => {
  await Promise.all([stack?.stop(), quick?.stop(), deaf?.stop()]);
});

const payment = async (s, id) => (await ledger(s)).payments.find((p) => p.paymentRequestId === id);

test("a slow inquiry's answer is applied to the attempt it asked about, never to the shopper's retry: one charge", async () => {
  const o = await createOrder(stack);
  const [A1, A2] = [`${o.orderId}-1`, `${o.orderId}-2`];
  await hold(stack, { api: "inquiryPayment", paymentRequestId: A1, stage: "request" });
  const polling = view(stack, o); // its inquiry reaches Antom late
  await until(async () => (await held(stack)).some((h) => h.paymentRequestId === A1), 5_000, "the inquiry held");
  await wallet(o.redirectUrl, "decline");
  await acked(stack, A1);
  const again = await retry(stack, o, 1);
  assert.deepEqual([again.status, again.attempt, again.state], [201, 2, "awaitingShopper"]);
  await release(stack, {}); // the inquiry for -1 reaches Antom now: FAIL
  await polling;
  assert.equal((await view(stack, o)).state, "awaitingShopper", "attempt 2 is still open");
  await wallet(again.redirectUrl);
  await acked(stack, A2);
  const v = await until(async () => { const v = await view(stack, o); return v.state === "paid" && v; });
  assert.equal(v.attempt, 2);
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual(op.attempts.map((a) => a.state), ["failed", "paid"]);
  const l = await ledger(stack);
  assert.equal(l.confirmations[o.orderId], 1, "charged once");
  assert.equal((await payment(stack, A2)).status, "SUCCESS");
});

test("a slow inquiry answered F cancels the attempt it asked about, never the live retry", async () => {
  const o = await createOrder(stack);
  const [A1, A2] = [`${o.orderId}-1`, `${o.orderId}-2`];
  await nextInquiry(stack, { paymentRequestId: A1, code: "PROCESS_FAIL" });
  await hold(stack, { api: "inquiryPayment", paymentRequestId: A1, stage: "request" });
  const polling = view(stack, o);
  await until(async () => (await held(stack)).some((h) => h.paymentRequestId === A1), 5_000, "the inquiry held");
  await wallet(o.redirectUrl, "decline");
  await acked(stack, A1);
  const again = await retry(stack, o, 1);
  await release(stack, {});
  await polling;
  await sleep(1_500); // an alarm set "now" would have fired
  assert.deepEqual((await payment(stack, A2)).cancels ?? [], [], "the live attempt was not cancelled");
  await wallet(again.redirectUrl);
  await until(async () => (await view(stack, o)).state === "paid");
  assert.equal((await ledger(stack)).confirmations[o.orderId], 1);
});

test("a double click is one submit: the same Idempotency-Key, one order and one payment, even after a fast F", async () => {
  await script(stack, [{ status: "F", code: "RISK_REJECT" }]);
  const key = newKey();
  const first = createOrder(stack, { key });
  await sleep(60);
  const second = await createOrder(stack, { key });
  const a = await first;
  assert.equal(a.orderId, second.orderId);
  assert.deepEqual([a.state, second.state, second.attempt], ["failed", "failed", 1]);
  const l = await ledger(stack);
  assert.equal(Object.keys(l.bodies).filter((id) => id.startsWith(a.orderId)).length, 1);
  // Twenty clicks on "try again" for attempt 1, at once: one attempt 2.
  const answers = await Promise.all(Array.from({ length: 20 }, () => retry(stack, a, 1)));
  assert.deepEqual([...new Set(answers.map((r) => r.attempt))], [2]);
  assert.equal(answers.filter((r) => r.status === 201).length, 1);
  const ids = Object.keys((await ledger(stack)).bodies).filter((id) => id.startsWith(a.orderId));
  assert.deepEqual(ids.sort(), [`${a.orderId}-1`, `${a.orderId}-2`]);
  // A resubmit while attempt 2 awaits the shopper starts nothing.
  const stale = await retry(stack, a, 2);
  assert.deepEqual([stale.status, stale.attempt, stale.state], [200, 2, "awaitingShopper"]);
  assert.equal((await ledger(stack)).bodies[`${a.orderId}-3`], undefined);
  // Twenty identical submits at once: one order, one payment.
  const key2 = newKey();
  const burst = await Promise.all(Array.from({ length: 20 }, () => createOrder(stack, { key: key2 })));
  assert.equal(new Set(burst.map((r) => r.orderId)).size, 1);
  assert.equal((await ledger(stack)).bodies[`${burst[0].orderId}-1`].length, 1);
});

test("two hundred status polls share one inquiry; looping pollers start about one a second", async () => {
  const o = await createOrder(stack);
  const A1 = `${o.orderId}-1`;
  const inquiries = async () => (await ledger(stack)).calls.filter((c) => c.api === "inquiryPayment" && c.paymentRequestId === A1).length;
  const { holdId } = await hold(stack, { api: "inquiryPayment", paymentRequestId: A1, stage: "answer", count: 1000 });
  // A 250 ms gateway: whatever is held is answered a quarter of a second later.
  const gateway = setInterval(() => release(stack, { holdId }).catch(() => {}), 250);
  try {
    await sleep(1_100);
    const before = await inquiries();
    const views = await Promise.all(Array.from({ length: 200 }, () => view(stack, o)));
    assert.ok(views.every((v) => v.status === 200 && v.state === "awaitingShopper"));
    const burst = (await inquiries()) - before;
    assert.ok(burst <= 2, `200 concurrent polls sent ${burst} inquiries`);
    await sleep(1_100);
    const start = await inquiries();
    const end = Date.now() + 3_000;
    await Promise.all(Array.from({ length: 20 }, async () => {
      while (Date.now() < end) await view(stack, o);
    }));
    const looped = (await inquiries()) - start;
    assert.ok(looped <= 5, `20 pollers for 3 s sent ${looped} inquiries`);
  } finally {
    clearInterval(gateway);
    await release(stack, { holdId, disarm: true });
  }
});

test("bad input is a 4xx with its code, never a 5xx, and nothing reaches Antom", async () => {
  const before = await startedCalls(stack);
  const deep = (n) => "[".repeat(n) + "]".repeat(n);
  const o = await createOrder(stack);
  const base = { method: "POST", headers: { "content-type": "application/json", "idempotency-key": newKey() } };
  const huge = "x".repeat(1_100_000);
  const chunked = () => new ReadableStream({ start(c) { for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode(huge.slice(0, 60_000))); c.close(); } });
  const cases = [
    ["description over 1 MB", "/orders", { ...base, body: JSON.stringify({ amount: "100", description: huge }) }, 413],
    ["a body streamed past the limit", "/orders", { ...base, body: chunked(), duplex: "half" }, 413],
    ["description nested 5,000 deep", "/orders", { ...base, body: `{"amount":"100","description":${deep(5000)}}` }, 413],
    ["description nested 1,000 deep", "/orders", { ...base, body: `{"amount":"100","description":${deep(1000)}}` }, 400],
    ["amount nested 5,000 deep", "/orders", { ...base, body: `{"amount":${deep(5000)},"description":"x"}` }, 413],
    ["amount nested 1,000 deep", "/orders", { ...base, body: `{"amount":${deep(1000)},"description":"x"}` }, 400],
    ["description a number", "/orders", { ...base, body: JSON.stringify({ amount: "100", description: 12345 }) }, 400],
    ["description an object", "/orders", { ...base, body: JSON.stringify({ amount: "100", description: {} }) }, 400],
    ["amount a number", "/orders", { ...base, body: JSON.stringify({ amount: 100, description: "x" }) }, 400],
    ["an unknown field", "/orders", { ...base, body: JSON.stringify({ amount: "100", description: "x", orderId: "AAAAAAAA" }) }, 400],
    ["text/plain", "/orders", { ...base, headers: { ...base.headers, "content-type": "text/plain" }, body: JSON.stringify({ amount: "100", description: "x" }) }, 415],
    ["form-encoded", "/orders", { ...base, headers: { ...base.headers, "content-type": "application/x-www-form-urlencoded" }, body: "amount=100&description=x" }, 415],
    ["invalid UTF-8", "/orders", { ...base, body: Buffer.concat([Buffer.from('{"amount":"100","description":"caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]) }, 400],
    ["not JSON", "/orders", { ...base, body: "{" }, 400],
    ["a JSON array", "/orders", { ...base, body: "[]" }, 400],
    ["no Idempotency-Key", "/orders", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ amount: "100", description: "x" }) }, 400],
    ["a short Idempotency-Key", "/orders", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": "abc" }, body: JSON.stringify({ amount: "100", description: "x" }) }, 400],
    ["GET /orders", "/orders", { method: "GET" }, 405],
    ["retryOf a string", `/orders/${o.orderId}/attempts`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${o.secret}` }, body: JSON.stringify({ retryOf: "1" }) }, 400],
    ["retryOf nested", `/orders/${o.orderId}/attempts`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${o.secret}` }, body: `{"retryOf":${deep(5000)}}` }, 413],
    ["retryOf nested 400 deep", `/orders/${o.orderId}/attempts`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${o.secret}` }, body: `{"retryOf":${deep(400)}}` }, 400],
    ["an order id that is not one", "/orders/AAAAAAAA", { method: "GET" }, 404],
    ["refund reason nested 5,000 deep", `/operator/orders/${o.orderId}/refunds`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR}`, "idempotency-key": newKey() }, body: `{"amount":"1","reason":${deep(5000)}}` }, 413],
    ["refund reason nested 900 deep", `/operator/orders/${o.orderId}/refunds`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR}`, "idempotency-key": newKey() }, body: `{"amount":"1","reason":${deep(900)}}` }, 400],
    ["a refund of zero", `/operator/orders/${o.orderId}/refunds`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR}`, "idempotency-key": newKey() }, body: JSON.stringify({ amount: "0" }) }, 422],
    ["a notification over 1 MB", "/antom/notify", { method: "POST", headers: { "content-type": "application/json" }, body: huge }, 413],
    ["a notification streamed past the limit", "/antom/notify", { method: "POST", headers: { "content-type": "application/json" }, body: chunked(), duplex: "half" }, 413],
    ["an unsigned notification", "/antom/notify", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }, 400],
  ];
  const got = [];
  for (const [name, path, init, status] of cases) {
    const r = await fetch(stack.url + path, init);
    const body = await r.json().catch(() => ({}));
    got.push([name, r.status, body.error ?? body.result?.resultCode]);
    assert.equal(r.status, status, `${name}: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  assert.ok(got.every(([, s]) => s < 500), JSON.stringify(got));
  assert.equal(await startedCalls(stack), before + 1, "only the valid order's pay reached Antom");
});

test("a pay left unknown and refused on resend after its expiry is resolved by inquiry and cancel, never by a second open payment", async () => {
  // Every answer is late: the pay is unknown; Antom has the payment, processing.
  await script(quick, [{ delayMs: 2000 }, { delayMs: 2000 }, { delayMs: 2000 }]);
  const o = await createOrder(quick);
  assert.equal(o.state, "unknown");
  const A1 = `${o.orderId}-1`;
  // The cancel at the expiry goes through at Antom, but its answers (every send of the round's
  // cancel) come late: when the shopper retries just after the expiry, the Worker does not know
  // yet that attempt 1 is closed.
  const { holdId } = await hold(quick, { api: "cancel", paymentRequestId: A1, stage: "answer", count: 3 });
  await until(async () => Date.now() > Date.parse((await operatorView(quick, o.orderId)).attempts[0].expiresAt) + 100, 10_000, "the expiry");
  // Past paymentExpiryTime: the library refuses to resend it.
  const r = await retry(quick, o, 1);
  assert.equal(r.attempt, 1, "no new attempt while attempt 1 is not known to be closed");
  assert.notEqual(r.state, "failed");
  // The alarm inquires, finds it processing past its expiry, and cancels it.
  await until(async () => (await view(quick, o)).state === "cancelled", 20_000, "cancelled");
  assert.equal((await payment(quick, A1)).status, "CANCELLED");
  // Only now may the shopper start attempt 2.
  const again = await retry(quick, o, 1);
  assert.deepEqual([again.status, again.attempt], [201, 2]);
  const l = await ledger(quick);
  const p1 = l.payments.find((p) => p.paymentRequestId === A1);
  const firstCallOf2 = l.calls.find((c) => c.paymentRequestId === `${o.orderId}-2`);
  assert.ok(p1.cancels[0].at <= firstCallOf2.at, "attempt 1 was closed before attempt 2 began");
  await release(quick, { holdId, disarm: true });
});

test("a SUCCESS still waiting past the attempt's expiry is settled by an inquiry alone: an inquiry lagging behind Antom's notification never leads to a cancel", async () => {
  // The pay answer is lost (U), and every inquiry is held until past the expiry (each times out):
  // no answer names the paymentId.
  await script(quick, [{ status: "U", code: "UNKNOWN_EXCEPTION" }]);
  const o = await createOrder(quick);
  const A1 = `${o.orderId}-1`;
  const { holdId } = await hold(quick, { api: "inquiryPayment", paymentRequestId: A1, stage: "request", count: 1000 });
  // The shopper pays on Antom's wallet before the expiry; Antom's SUCCESS waits for a paymentId.
  const p = await payment(quick, A1);
  assert.equal((await wallet(`${quick.standIn.url}/wallet/${p.paymentId}`)).status, 303);
  await acked(quick, A1);
  const op = await operatorView(quick, o.orderId);
  assert.deepEqual([op.attempts[0].paymentId, op.notifications[0].unconfirmed], [undefined, true]);
  // Past the expiry, Antom's next inquiry lags behind its own notification: PROCESSING. The rule
  // would cancel a payment processing past its expiry, and that cancel would return the money.
  await until(async () => Date.now() > Date.parse(op.attempts[0].expiresAt) + 500, 10_000, "the expiry");
  await nextInquiry(quick, { paymentRequestId: A1, stale: "PROCESSING" });
  await release(quick, { holdId, drop: true, disarm: true });
  await until(async () => (await view(quick, o)).state === "paid", 20_000, "paid once an inquiry names the paymentId");
  const after = await payment(quick, A1);
  assert.deepEqual([after.status, after.cancels.length], ["SUCCESS", 0], JSON.stringify(after.history ?? after));
  const settled = await operatorView(quick, o.orderId);
  assert.deepEqual([settled.paymentId, settled.notifications[0].applied], [p.paymentId, true]);
});

test("a cancel Antom refuses at the expiry is followed by an inquiry, and the alarm keeps looking until the attempt is closed", async () => {
  const o = await createOrder(quick);
  const A1 = `${o.orderId}-1`;
  assert.equal(o.state, "awaitingShopper");
  await fetch(`${quick.standIn.url}/__control/cancel`, { method: "POST", body: JSON.stringify({ paymentRequestId: A1, code: "CANCEL_WINDOW_EXCEED" }) });
  // Nobody polls: the alarm at the expiry inquires (processing) and cancels (refused), then
  // inquires again and cancels again.
  await until(async () => (await payment(quick, A1)).status === "CANCELLED", 40_000, "cancelled at Antom");
  const p = await payment(quick, A1);
  assert.deepEqual(p.cancels.map((c) => c.refused ?? "ok"), ["CANCEL_WINDOW_EXCEED", "ok"]);
  const calls = (await ledger(quick)).calls.filter((c) => c.paymentRequestId === A1).map((c) => c.api);
  const refusedAt = calls.indexOf("cancel");
  assert.ok(calls.slice(refusedAt + 1).includes("inquiryPayment"), `an inquiry after the refused cancel: ${calls.join(", ")}`);
  const op = await until(async () => { const op = await operatorView(quick, o.orderId); return op.attempts[0].state === "cancelled" && op; }, 10_000, "cancelled in the Worker");
  assert.ok(op.timeline.some((e) => e.event === "cancel (expired): failed"), JSON.stringify(op.timeline));
});

test("workerd killed mid-pay and restarted after the expiry: the alarm inquires and cancels the payment left open", async () => {
  const first = await startStack({ vars: { ...MANY, PAYMENT_TTL_MINUTES: "0.05" }, standIn: { closeAfterExpiryMs: 600_000 } });
  let second;
  try {
    await script(first, [{ delayMs: 5000 }]);
    const lost = createOrder(first).catch((e) => e);
    const id = await until(async () => Object.keys((await ledger(first)).bodies)[0]);
    await first.kill();
    assert.ok((await lost) instanceof Error);
    await sleep(3_500); // past the attempt's expiry
    second = await startStack({ restartOf: first });
    await until(async () => (await payment(second, id))?.status === "CANCELLED", 30_000, "cancelled at Antom");
    const op = await operatorView(second, id.split("-")[0]);
    assert.deepEqual(op.attempts.map((a) => a.state), ["cancelled"]);
  } finally {
    await first.kill();
    await (second ?? first).stop();
  }
});

test("news about an older attempt is never dropped: Antom's SUCCESS for attempt 1 makes the order paid and cancels the open attempt 2", async () => {
  // Antom answers attempt 1's pay F, yet holds the payment (an answer its ledger contradicts).
  await script(stack, [{ status: "F", code: "RISK_REJECT", keep: true }]);
  const o = await createOrder(stack);
  const [A1, A2] = [`${o.orderId}-1`, `${o.orderId}-2`];
  assert.equal(o.state, "failed");
  const again = await retry(stack, o, 1);
  assert.equal(again.state, "awaitingShopper");
  // The shopper pays attempt 1 after all: Antom notifies it, and its inquiry confirms the
  // notification's paymentId (no answer had named one for attempt 1).
  const p1 = await payment(stack, A1);
  assert.equal((await wallet(`${stack.standIn.url}/wallet/${p1.paymentId}`)).status, 303);
  await acked(stack, A1);
  const v = await until(async () => { const v = await view(stack, o); return v.state === "paid" && v; });
  assert.equal(v.redirectUrl, undefined);
  await until(async () => (await payment(stack, A2)).status === "CANCELLED", 15_000, "attempt 2 cancelled");
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual(op.attempts.map((a) => a.state), ["paid", "cancelled"]);
  assert.equal(op.paymentId, p1.paymentId);
  assert.ok(op.notifications.some((n) => n.paymentRequestId === A1 && n.applied));
  // It waited for the inquiry: no answer had named attempt 1's paymentId.
  const events = op.timeline.filter((e) => e.paymentRequestId === A1).map((e) => e.event);
  assert.ok(events.includes("notification paid: waits for Antom's paymentId") && events.includes("notification paid (waited): applied"), JSON.stringify(events));
  // A notification for an order this Worker does not know is kept for reconciliation.
  for (const id of ["0123456789abcdef0123456789abcdef-1", "NOT-OURS-42"]) {
    await antomNotify(stack, { notifyUrl: `${stack.url}/antom/notify`, body: { notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: id, paymentAmount: { currency: "JPY", value: "5" } } });
    await acked(stack, id);
  }
  const kept = (await unmatched(stack)).list.map((n) => n.paymentRequestId);
  assert.ok(kept.includes("0123456789abcdef0123456789abcdef-1") && kept.includes("NOT-OURS-42"), JSON.stringify(kept));
});

test("while Antom's SUCCESS for a failed attempt waits for its inquiry, the shopper sees it checked and cannot start another attempt", async () => {
  await script(stack, [{ status: "F", code: "RISK_REJECT", keep: true }]);
  const o = await createOrder(stack);
  const A1 = `${o.orderId}-1`;
  assert.equal(o.state, "failed");
  // Attempt 1 is final: nothing looks at it until the notification asks for an inquiry (held).
  const { holdId } = await hold(stack, { api: "inquiryPayment", paymentRequestId: A1, stage: "request", count: 1 });
  const p1 = await payment(stack, A1);
  assert.equal((await wallet(`${stack.standIn.url}/wallet/${p1.paymentId}`)).status, 303);
  await acked(stack, A1);
  await until(async () => (await held(stack)).some((h) => h.holdId === holdId), 5_000, "the inquiry the notification asked for");
  const seen = await view(stack, o);
  assert.deepEqual([seen.state, seen.attempt, seen.resultCode], ["unknown", 1, undefined]);
  const again = await retry(stack, o, 1);
  assert.deepEqual([again.state, again.attempt], ["unknown", 1], "no second attempt while a SUCCESS waits");
  await release(stack, { holdId });
  await until(async () => (await view(stack, o)).state === "paid", 10_000, "paid once Antom's inquiry names the paymentId");
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual([op.attempts.length, op.paymentId, op.notifications[0].applied], [1, p1.paymentId, true]);
  assert.equal((await ledger(stack)).payments.filter((p) => p.paymentRequestId.startsWith(o.orderId)).length, 1);
});

test("an order learnt paid by inquiry alone can be refunded (its paymentId recorded from the inquiry)", async () => {
  const o = await createOrder(deaf);
  await wallet(o.redirectUrl);
  const v = await until(async () => { const v = await view(deaf, o); return v.state === "paid" && v; }, 10_000, "paid by inquiry");
  assert.equal(v.state, "paid");
  const op = await operatorView(deaf, o.orderId);
  assert.equal(op.notifications.length, 0, "no notification reached it");
  assert.ok(op.paymentId);
  const r = await refund(deaf, o.orderId, { amount: "300" });
  assert.deepEqual([r.status, r.refund.state], [200, "refunded"]);
  const atAntom = (await ledger(deaf)).refunds.filter((x) => x.paymentRequestId === `${o.orderId}-1`);
  assert.deepEqual(atAntom.map((x) => x.amount.value), ["300"]);
});

test("an order whose pay answer never came, learnt paid by inquiry alone, can be refunded: the paymentId is the one Antom names", async () => {
  // Antom creates the payment but answers the pay U: the Worker never reads a paymentId in a pay
  // answer, and no notification reaches it.
  await script(deaf, [{ status: "U", code: "UNKNOWN_EXCEPTION" }]);
  const o = await createOrder(deaf);
  assert.deepEqual([o.state, o.redirectUrl], ["unknown", undefined]);
  const A1 = `${o.orderId}-1`;
  const p = await payment(deaf, A1);
  assert.equal(p.status, "PROCESSING");
  // The shopper pays on the wallet page Antom opened for it.
  assert.equal((await wallet(`${deaf.standIn.url}/wallet/${p.paymentId}`)).status, 303);
  await until(async () => (await view(deaf, o)).state === "paid", 15_000, "paid by inquiry");
  const op = await operatorView(deaf, o.orderId);
  assert.equal(op.notifications.length, 0, "no notification reached it");
  assert.equal(op.paymentId, p.paymentId, "the paymentId Antom holds");
  const r = await refund(deaf, o.orderId, { amount: "300" });
  assert.deepEqual([r.status, r.refund?.state], [200, "refunded"], JSON.stringify(r));
  const atAntom = (await ledger(deaf)).refunds.filter((x) => x.paymentRequestId === A1);
  assert.deepEqual(atAntom.map((x) => [x.paymentId, x.amount.value]), [[p.paymentId, "300"]]);
});

test("a notification unlike its order (amount, currency, none, another paymentId, none) is kept as a conflict and never makes it paid", async () => {
  const S = { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" };
  for (const [override, conflict] of [
    [{ paymentAmount: { currency: "JPY", value: "1" } }, "amount"],
    [{ paymentAmount: { currency: "USD", value: "1200" } }, "currency"],
    [{ paymentAmount: null }, "amount"],
    [{ paymentId: "2025SOMEONEELSE" }, "paymentId"],
    [{ paymentId: null }, "paymentId"],
  ]) {
    const o = await createOrder(stack);
    const A1 = `${o.orderId}-1`;
    await antomNotify(stack, { paymentRequestId: A1, override: { result: S, ...override } });
    await acked(stack, A1);
    assert.equal((await view(stack, o)).state, "awaitingShopper", JSON.stringify(override));
    const op = await operatorView(stack, o.orderId);
    assert.deepEqual(op.notifications.map((n) => [n.applied, n.conflict]), [[false, conflict]], JSON.stringify(override));
    // The real payment still completes, with the pay answer's paymentId.
    await wallet(o.redirectUrl);
    await until(async () => (await view(stack, o)).state === "paid");
    assert.equal((await operatorView(stack, o.orderId)).paymentId, (await payment(stack, A1)).paymentId);
  }
});

test("a notification naming a paymentId no answer has named yet waits for Antom's inquiry: another paymentId is a conflict, Antom's is applied", async () => {
  const S = { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" };
  for (const forged of [true, false]) {
    // The pay answer is lost (U): Antom holds the payment, the Worker has no paymentId for it. Its
    // first inquiry (the rule's first round comes 2 s later) is held, so the notification arrives
    // while nothing has named the paymentId.
    await script(stack, [{ status: "U", code: "UNKNOWN_EXCEPTION" }]);
    const o = await createOrder(stack);
    const A1 = `${o.orderId}-1`;
    const { holdId } = await hold(stack, { api: "inquiryPayment", paymentRequestId: A1, stage: "request", count: 1 });
    assert.equal(o.state, "unknown");
    const p = await payment(stack, A1);
    if (forged) await antomNotify(stack, { paymentRequestId: A1, override: { result: S, paymentId: "2025SOMEONEELSE" } });
    else assert.equal((await wallet(`${stack.standIn.url}/wallet/${p.paymentId}`)).status, 303);
    await acked(stack, A1);
    let op = await operatorView(stack, o.orderId);
    assert.deepEqual([op.state, op.attempts[0].paymentId], ["unknown", undefined], `forged ${forged}`);
    assert.deepEqual(op.notifications.map((n) => [n.applied, n.unconfirmed, n.conflict]), [[false, true, undefined]], `forged ${forged}`);
    // The waiting notification asks for an inquiry now; Antom's answer names the paymentId.
    await until(async () => (await held(stack)).some((h) => h.holdId === holdId), 5_000, "the inquiry held");
    await release(stack, { holdId });
    op = await until(async () => { const op = await operatorView(stack, o.orderId); return !op.notifications[0].unconfirmed && op; }, 10_000, "the notification judged");
    assert.equal(op.attempts[0].paymentId, p.paymentId, "the paymentId Antom names");
    if (forged) {
      assert.deepEqual([op.state, op.notifications[0].applied, op.notifications[0].conflict], ["unknown", false, "paymentId"]);
      // The real payment still completes, with Antom's paymentId.
      await wallet(`${stack.standIn.url}/wallet/${p.paymentId}`);
    } else {
      assert.deepEqual([op.state, op.notifications[0].applied, op.notifications[0].conflict], ["paid", true, undefined]);
    }
    await until(async () => (await view(stack, o)).state === "paid");
    assert.equal((await operatorView(stack, o.orderId)).paymentId, p.paymentId);
  }
});

test("a FAIL notification never overwrites a paid order; a refund needs a paid order", async () => {
  const o = await paidOrder(stack);
  const A1 = `${o.orderId}-1`;
  await antomNotify(stack, { paymentRequestId: A1, override: { result: { resultStatus: "F", resultCode: "PROCESS_FAIL", resultMessage: "fail" } } });
  await acked(stack, A1, 2);
  assert.equal((await view(stack, o)).state, "paid");
  const op = await operatorView(stack, o.orderId);
  assert.deepEqual(op.notifications.map((n) => [n.kind, n.applied, n.conflict ?? null]), [["paid", true, null], ["failed", false, "status"]]);
  // An order that exists but awaits the shopper: nothing is refunded, nothing sent.
  const open = await createOrder(stack);
  const r = await refund(stack, open.orderId, { amount: "1" });
  assert.deepEqual([r.status, r.error], [409, "NOT_PAID"]);
  assert.equal((await ledger(stack)).refunds.filter((x) => x.paymentRequestId === `${open.orderId}-1`).length, 0);
});

test("the operator's refund takes an Idempotency-Key: a double click is one refund; the key with another body is 409", async () => {
  const o = await paidOrder(stack);
  const key = newKey();
  const [a, b] = await Promise.all([refund(stack, o.orderId, { amount: "600" }, { key }), refund(stack, o.orderId, { amount: "600" }, { key })]);
  assert.deepEqual([a.status, b.status, a.refund.refundRequestId], [200, 200, b.refund.refundRequestId]);
  const later = await refund(stack, o.orderId, { amount: "600" }, { key });
  assert.equal(later.refund.refundRequestId, a.refund.refundRequestId);
  const other = await refund(stack, o.orderId, { amount: "500" }, { key });
  assert.deepEqual([other.status, other.error], [409, "IDEMPOTENCY_KEY_REUSED"]);
  const none = await refund(stack, o.orderId, { amount: "600" }, { key: null });
  assert.deepEqual([none.status, none.error], [400, "IDEMPOTENCY_KEY_REQUIRED"]);
  const atAntom = (await ledger(stack)).refunds.filter((x) => x.paymentRequestId === `${o.orderId}-1`);
  assert.deepEqual(atAntom.map((x) => x.amount.value), ["600"]);
});
