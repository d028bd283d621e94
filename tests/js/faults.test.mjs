// A fault campaign: checkouts through the Worker (workerd) while the stand-in drops connections,
// answers 500/502, half bodies, garbage, unsigned, wrongly signed or tampered answers, answers
// after the timeout, U or F. FAULT_COUNT checkouts (default 24; docs/testing.md's campaign used 60).
// Judged against the stand-in's own ledger. The scripted steps fix each order's end state, and it
// is asserted exactly: failed with its code when the first step that is not transient is an F;
// otherwise awaiting the shopper after checkout, then paid (wallet confirmed) or failed (declined).
// The unsigned and wrongly signed steps lie (a success Antom did not send), so only a client that
// verifies gets them right. Every paymentRequestId the stand-in saw is the one the Worker stored,
// nobody is charged twice, and every resend carried the same bytes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "../../examples/stack.mjs";
import { createOrder, retry, view, operatorView } from "./worker-client.mjs";

const COUNT = Number(process.env.FAULT_COUNT ?? 24);
const FAULTS = [
  { drop: true }, { http: 500 }, { http: 502 }, { halfBody: true }, { garbage: true }, { unsigned: true },
  { wrongKey: true }, { tamper: true }, { delayMs: 1500 }, { status: "U", code: "UNKNOWN_EXCEPTION" },
  { status: "U", code: "REQUEST_TRAFFIC_EXCEED_LIMIT" }, { status: "F", code: "RISK_REJECT" }, { status: "F", code: "PROCESS_FAIL" },
];

let seed = 0x9e3779b9;
const rnd = (n) => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) % n;
};

let stack;
before(async () => {
  stack = await startStack({ vars: { TIMEOUT_MS: "800", ORDERS_PER_MINUTE: "100000" } });
});
after(async () => {
  await stack?.stop();
});

const ledger = () => fetch(`${stack.standIn.url}/__control/state`).then((r) => r.json());

test(`fault campaign: ${COUNT} checkouts, every one actionable, nothing lost, nobody charged twice`, async () => {
  const orders = [];
  for (let i = 0; i < COUNT; i++) {
    const steps = Array.from({ length: rnd(5) }, () => FAULTS[rnd(FAULTS.length)]);
    await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ steps }) });
    const order = await createOrder(stack, { amount: String(100 + i), description: `fault ${i}` });
    const { orderId } = order;
    let c = order;
    // The shopper tries again while the page says "not confirmed yet": the same attempt, resent.
    // A shopper's request sends once (the Worker's budget on the shopper's path), so up to four
    // transient faults take up to five requests (one more in case a request shares a send the
    // order's alarm has in flight).
    for (let t = 0; t < 5 && c.state === "unknown"; t++) c = await retry(stack, order, c.attempt);
    let wallet = null;
    let walletStatus = null;
    if (c.state === "awaitingShopper") {
      wallet = rnd(5) === 0 ? "decline" : "confirm";
      walletStatus = (await fetch(`${c.redirectUrl}/${wallet}`, { method: "POST", redirect: "manual" })).status;
    }
    orders.push({ orderId, order, steps, first: c.state, wallet, walletStatus });
  }
  // Let notifications land, then ask each order for its state (the Worker inquires if needed).
  await new Promise((r) => setTimeout(r, 1500));
  const states = {};
  for (const o of orders) {
    await view(stack, o.order); // the Worker inquires while an order is open
    states[o.orderId] = await operatorView(stack, o.orderId);
  }
  const l = await ledger();

  const tally = {};
  for (const o of orders) {
    const s = states[o.orderId];
    tally[s.state] = (tally[s.state] ?? 0) + 1;
    const why = JSON.stringify({ order: o, state: s });
    // Every step but an F is transient: the same request, resent, gets past it.
    const firstFinal = o.steps.find((step) => step.status === "F");
    if (firstFinal) {
      assert.equal(o.first, "failed", `checkout: ${why}`);
      assert.deepEqual([s.state, s.attempts[0].resultCode], ["failed", firstFinal.code], why);
      assert.equal(o.wallet, null, why);
    } else {
      assert.equal(o.first, "awaitingShopper", `checkout: ${why}`);
      assert.equal(o.walletStatus, 303, `the wallet answered ${o.walletStatus}: ${why}`);
      if (o.wallet === "confirm") assert.deepEqual([s.state, l.confirmations[o.orderId]], ["paid", 1], why);
      else assert.deepEqual([s.state, s.attempts[0].resultCode], ["failed", "USER_BALANCE_NOT_ENOUGH"], why);
    }
    // Nobody is charged twice.
    assert.ok((l.confirmations[o.orderId] ?? 0) <= 1, `${o.orderId} charged ${l.confirmations[o.orderId]} times`);
  }
  // Every paymentRequestId that reached Antom is the one the Worker stored for its order.
  const stored = new Set(orders.flatMap((o) => states[o.orderId].attempts.map((a) => a.paymentRequestId)));
  for (const id of [...l.payments.map((p) => p.paymentRequestId), ...Object.keys(l.bodies)]) {
    assert.ok(stored.has(id), `Antom saw ${id}, which the Worker did not store`);
  }
  for (const p of l.payments) {
    if (p.status === "SUCCESS") assert.equal(states[p.paymentRequestId.split("-")[0]].state, "paid", `Antom took ${p.paymentRequestId}`);
  }
  // Every resend of a paymentRequestId carried the same bytes.
  for (const [id, bodies] of Object.entries(l.bodies)) assert.equal(new Set(bodies).size, 1, `${id} was resent with different bytes`);
  console.log(`fault campaign: ${COUNT} checkouts, ${l.payments.length} payments at Antom, ${Object.values(l.bodies).flat().length} pay calls; final states ${JSON.stringify(tally)}`);
});
