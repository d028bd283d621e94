// A fault campaign: checkouts through the Worker (workerd) while the stand-in drops connections,
// answers 500/502, half bodies, garbage, unsigned, wrongly signed or tampered answers, answers
// after the timeout, U or F. FAULT_COUNT checkouts (default 24; the README's campaign used 60).
// Judged against the stand-in's own ledger: every checkout ends in a state the merchant can act
// on, no paymentRequestId that reached Antom is unknown to the Worker, every payment Antom took is
// recorded as paid, nobody is charged twice, and every resend carried the same bytes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "../../examples/stack.mjs";

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
  stack = await startStack({ vars: { TIMEOUT_MS: "800" } });
});
after(async () => {
  await stack?.stop();
});

const post = (path, body) =>
  fetch(stack.url + path, { method: "POST", headers: { "content-type": "application/json", "user-agent": "Mozilla/5.0 AlipayClient/10.5" }, body: JSON.stringify(body) }).then((r) => r.json());
const status = (orderId) => fetch(`${stack.url}/payments/${orderId}`).then((r) => r.json());
const ledger = () => fetch(`${stack.standIn.url}/__control/state`).then((r) => r.json());

test(`fault campaign: ${COUNT} checkouts, every one actionable, nothing lost, nobody charged twice`, async () => {
  const orders = [];
  for (let i = 0; i < COUNT; i++) {
    const orderId = `fault${Date.now().toString(36)}${i}x`;
    const steps = Array.from({ length: rnd(5) }, () => FAULTS[rnd(FAULTS.length)]);
    await fetch(`${stack.standIn.url}/__control/next`, { method: "POST", body: JSON.stringify({ steps }) });
    let c = await post("/checkout", { orderId, amount: String(100 + i), description: `fault ${i}` });
    // The shopper retries while the page says "not confirmed yet" (the same order, never a new id).
    for (let t = 0; t < 3 && c.state === "unknown"; t++) c = await post("/checkout", { orderId, amount: String(100 + i), description: `fault ${i}` });
    let wallet = null;
    if (c.state === "awaitingShopper") {
      wallet = rnd(5) === 0 ? "decline" : "confirm";
      await fetch(`${c.redirectUrl}/${wallet}`, { method: "POST", redirect: "manual" });
    }
    orders.push({ orderId, steps, first: c.state, wallet });
  }
  // Let notifications land, then ask each order for its state (the Worker inquires if needed).
  await new Promise((r) => setTimeout(r, 1500));
  const states = {};
  for (const o of orders) states[o.orderId] = await status(o.orderId);
  const l = await ledger();

  const tally = {};
  for (const o of orders) {
    const s = states[o.orderId];
    tally[s.state] = (tally[s.state] ?? 0) + 1;
    // Actionable: final, or waiting for the shopper, or unknown with the reason and what to do.
    assert.ok(["paid", "failed", "cancelled", "awaitingShopper", "unknown"].includes(s.state), JSON.stringify(s));
    if (s.state === "unknown") assert.ok(s.reason, `unknown without a reason: ${JSON.stringify(s)}`);
    if (s.state === "failed") assert.ok(s.resultCode, `failed without a code: ${JSON.stringify(s)}`);
    if (o.wallet === "confirm") assert.equal(s.state, "paid", `confirmed in the wallet but ${s.state}: ${JSON.stringify(o)}`);
    // Nobody is charged twice.
    assert.ok((l.confirmations[o.orderId] ?? 0) <= 1, `${o.orderId} charged ${l.confirmations[o.orderId]} times`);
  }
  // Every payment that reached Antom belongs to an order the Worker knows, with that very id.
  const ids = new Set(orders.map((o) => states[o.orderId].paymentRequestId));
  for (const p of l.payments) {
    const orderId = p.paymentRequestId.split("-")[0];
    assert.ok(states[orderId], `a payment Antom holds is unknown to the Worker: ${p.paymentRequestId}`);
    if (p.status === "SUCCESS") {
      assert.ok(ids.has(p.paymentRequestId));
      assert.equal(states[orderId].state, "paid", `Antom took ${p.paymentRequestId} but the Worker says ${states[orderId].state}`);
    }
  }
  // Every resend of a paymentRequestId carried the same bytes.
  for (const [id, bodies] of Object.entries(l.bodies)) assert.equal(new Set(bodies).size, 1, `${id} was resent with different bytes`);
  console.log(`fault campaign: ${COUNT} checkouts, ${l.payments.length} payments at Antom, ${Object.values(l.bodies).flat().length} pay calls; final states ${JSON.stringify(tally)}`);
});
