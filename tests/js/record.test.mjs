// The Worker's order record (examples/worker/src/record.js) driven through every order of the news
// one attempt can get: its pay answer, Antom's SUCCESS notification, a forged one naming another
// paymentId, an inquiry made outside the rule. After each event the record is saved as order.js
// saves it (`keepLooking`), and the invariants are checked then, not only at the end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { applyInquiryAlone, applyNotification, applyPay, attemptOf, keepLooking, shopperView } from "../../examples/worker/src/record.js";

const ID = "0123456789abcdef0123456789abcdef-1";
const P = "2025ANTOMS"; // the paymentId Antom holds for ID
const X = "2025FORGED"; // another one

const newOrder = () => ({
  orderId: ID.split("-")[0], amount: "1200", currency: "JPY", description: "2 coffees", createdAt: Date.now(),
  attempts: [attemptOf({ paymentRequestId: ID }, 1, Date.now() + 600_000)], notifications: [], refunds: [], timeline: [],
});
const amount = { currency: "JPY", value: "1200" };
const success = (paymentId) => ({ kind: "paid", resultCode: "SUCCESS", paymentRequestId: ID, paymentId, paymentAmount: amount });

/** Each kind of news, with the variants an answer can take. */
const NEWS = {
  pay: {
    redirect: (o) => applyPay(o, 1, { kind: "redirect", redirect: { redirectUrl: "https://wallet.example/pay" }, paymentId: P }, "pay"),
    unknown: (o) => applyPay(o, 1, { kind: "unknown", reason: "TIMEOUT" }, "pay"),
    failed: (o) => applyPay(o, 1, { kind: "failed", resultCode: "RISK_REJECT" }, "pay"),
  },
  antoms: { success: (o) => applyNotification(o, success(P)) },
  forged: { success: (o) => applyNotification(o, success(X)) },
  inquiry: {
    paid: (o) => applyInquiryAlone(o, 1, { kind: "paid", paymentStatus: "SUCCESS", paymentId: P }, "inquiry"),
    lagging: (o) => applyInquiryAlone(o, 1, { kind: "processing", paymentStatus: "PROCESSING", paymentId: P }, "inquiry"),
    unknown: (o) => applyInquiryAlone(o, 1, { kind: "unknown", reason: "TIMEOUT" }, "inquiry"),
  },
};

function* permutations(items) {
  if (items.length <= 1) return yield items;
  for (let i = 0; i < items.length; i++) for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
}

function* combinations(kinds) {
  if (!kinds.length) return yield [];
  const [k, ...rest] = kinds;
  for (const v of Object.keys(NEWS[k])) for (const tail of combinations(rest)) yield [[k, v], ...tail];
}

test("every order of the news about one attempt: never paid under another paymentId, a waiting SUCCESS always looked at and shown to the shopper as unknown", () => {
  let sequences = 0;
  for (const news of combinations(Object.keys(NEWS))) {
    for (const order of permutations(news)) {
      sequences++;
      const o = newOrder();
      const a = o.attempts[0];
      const name = order.map(([k, v]) => `${k}:${v}`).join(" → ");
      for (const [k, v] of order) {
        NEWS[k][v](o);
        keepLooking(o);
        const where = `${name} (after ${k}:${v})`;
        assert.notEqual(a.paymentId, X, `${where}: took the forged paymentId`);
        if (a.state === "paid") assert.equal(a.paymentId, P, `${where}: paid without Antom's paymentId`);
        assert.ok(!o.notifications.some((r) => r.paymentId === X && r.applied), `${where}: the forged notification applied`);
        for (const r of o.notifications.filter((r) => r.unconfirmed)) {
          assert.notEqual(a.checkAt, null, `${where}: a waiting notification on an attempt nothing looks at`);
          if (r.kind === "paid") assert.equal(shopperView(o).state, "unknown", `${where}: a SUCCESS waits, the shopper must not see ${shopperView(o).state}`);
        }
      }
      // Once an answer named Antom's paymentId, Antom's SUCCESS is applied and the forged one is
      // a conflict; until then both wait.
      const named = order.some(([k, v]) => (k === "pay" && v === "redirect") || (k === "inquiry" && v !== "unknown"));
      const [antoms, forged] = [P, X].map((id) => o.notifications.find((r) => r.paymentId === id));
      if (named) {
        assert.equal(a.state, "paid", `${name}: ${a.state}`);
        assert.equal(forged.conflict, "paymentId", name);
        assert.ok(!antoms.unconfirmed && !antoms.conflict, name);
        // It is what made the attempt paid, unless an inquiry answered paid before it came.
        const at = (k, v) => order.findIndex(([x, y]) => x === k && (!v || y === v));
        const paidBefore = at("inquiry", "paid") >= 0 && at("inquiry", "paid") < at("antoms");
        assert.equal(antoms.applied, !paidBefore, name);
      } else {
        assert.ok(antoms.unconfirmed && forged.unconfirmed, name);
        assert.notEqual(a.state, "paid", name);
        assert.equal(shopperView(o).state, "unknown", name);
      }
    }
  }
  assert.equal(sequences, 3 * 3 * 24);
});

test("a FAIL notification waiting for the paymentId is not applied when the inquiry that names it says the payment is open", () => {
  const o = newOrder();
  applyPay(o, 1, { kind: "unknown", reason: "TIMEOUT" }, "pay");
  applyNotification(o, { kind: "failed", resultCode: "USER_CANCELLED", paymentRequestId: ID, paymentId: P, paymentAmount: amount });
  keepLooking(o);
  assert.equal(o.notifications[0].unconfirmed, true);
  applyInquiryAlone(o, 1, { kind: "processing", paymentStatus: "PROCESSING", paymentId: P }, "inquiry");
  assert.deepEqual([o.attempts[0].state, o.notifications[0].conflict, o.notifications[0].applied], ["unknown", "status", false]);

  // Nor when it says paid: the attempt is paid, the FAIL a conflict.
  const r = newOrder();
  applyPay(r, 1, { kind: "unknown", reason: "TIMEOUT" }, "pay");
  applyNotification(r, { kind: "failed", resultCode: "USER_CANCELLED", paymentRequestId: ID, paymentId: P, paymentAmount: amount });
  applyInquiryAlone(r, 1, { kind: "paid", paymentStatus: "SUCCESS", paymentId: P }, "inquiry");
  assert.deepEqual([r.attempts[0].state, r.notifications[0].conflict, r.notifications[0].applied], ["paid", "status", false]);

  // The same FAIL confirmed by a pay answer (older news than the notification) is applied.
  const q = newOrder();
  applyNotification(q, { kind: "failed", resultCode: "USER_CANCELLED", paymentRequestId: ID, paymentId: P, paymentAmount: amount });
  applyPay(q, 1, { kind: "redirect", redirect: { redirectUrl: "https://wallet.example/pay" }, paymentId: P }, "pay");
  assert.deepEqual([q.attempts[0].state, q.notifications[0].applied], ["failed", true]);
});

test("a SUCCESS naming no paymentId is a conflict; an inquiry that never names one is asked again with a growing pause, at most every 10 minutes", () => {
  const o = newOrder();
  applyNotification(o, { kind: "paid", resultCode: "SUCCESS", paymentRequestId: ID, paymentAmount: amount });
  assert.deepEqual([o.notifications[0].conflict, o.attempts[0].state], ["paymentId", "sending"]);

  const q = newOrder();
  applyPay(q, 1, { kind: "failed", resultCode: "RISK_REJECT" }, "pay");
  applyNotification(q, success(P));
  keepLooking(q);
  const pauses = [];
  for (let i = 0; i < 10; i++) {
    const before = Date.now();
    applyInquiryAlone(q, 1, { kind: "unknown", reason: "TIMEOUT" }, "inquiry");
    pauses.push(Math.round((q.attempts[0].checkAt - before) / 1000));
  }
  assert.deepEqual(pauses, [5, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
  applyInquiryAlone(q, 1, { kind: "notFound", resultCode: "ORDER_NOT_EXIST" }, "inquiry");
  assert.equal(Math.round((q.attempts[0].checkAt - Date.now()) / 60_000), 10);
  assert.equal(q.notifications[0].unconfirmed, true);
  applyInquiryAlone(q, 1, { kind: "paid", paymentStatus: "SUCCESS", paymentId: P }, "inquiry");
  assert.deepEqual([q.attempts[0].state, q.attempts[0].checkAt, q.notifications[0].applied], ["paid", null, true]);
});
