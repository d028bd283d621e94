// Who may see and change an order: the Worker example (workerd) probed as an attacker would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { sign } from "node:crypto";
import { startStack } from "../../examples/stack.mjs";
import { createOrder, view, retry, operatorView, refund, ledger, startedCalls, wallet, until, newKey, OPERATOR, notifyHeaders, unmatched } from "./worker-client.mjs";

const WORKER = new URL("../../examples/worker/", import.meta.url).pathname;
let stack;
let brokenKey; // the merchant's private key is malformed
before(async () => {
  [stack, brokenKey] = await Promise.all([
    startStack({ vars: { ORDERS_PER_MINUTE: "3", SUBMIT_SECRET_KEPT_MS: "5000" } }),
    startStack({ secretOverrides: { MERCHANT_PRIVATE_KEY: "this is not a key" } }),
  ]);
});
after(async () => {
  await Promise.all([stack?.stop(), brokenKey?.stop()]);
});

// Each test is its own client (the rate limit counts per client).
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let clients = 0;
const as = () => ({ "cf-connecting-ip": `192.0.2.${++clients}` });

test("an order is read and changed only with its secret: a stranger gets the same 404 as for no order, and nothing is sent", async () => {
  const o = await createOrder(stack, { headers: as() });
  const other = await createOrder(stack, { headers: as(), amount: "100" });
  const missing = await view(stack, { orderId: "0123456789abcdef0123456789abcdef", secret: o.secret });
  for (const secret of ["", "wrong", other.secret, o.secret.slice(0, -1), `${o.secret}x`]) {
    const r = await view(stack, { orderId: o.orderId, secret });
    assert.deepEqual([r.status, r.error, r.message], [missing.status, missing.error, missing.message], `secret ${JSON.stringify(secret)}`);
    assert.equal(r.redirectUrl, undefined);
    assert.equal(r.amount, undefined);
  }
  assert.equal(missing.status, 404);
  const callsBefore = (await ledger(stack)).calls.length;
  // A stranger cannot retry (or re-price) the order, even after a decline.
  await wallet(o.redirectUrl, "decline");
  await until(async () => (await view(stack, o)).state === "failed");
  const stranger = await retry(stack, { orderId: o.orderId, secret: other.secret }, 1);
  assert.equal(stranger.status, 404);
  const withAmount = await fetch(`${stack.url}/orders/${o.orderId}/attempts`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${o.secret}` }, body: JSON.stringify({ retryOf: 1, amount: "49999" }) });
  assert.equal(withAmount.status, 400, "a retry carries no amount: a new price is a new order");
  assert.equal((await ledger(stack)).calls.filter((c) => c.paymentRequestId?.startsWith(o.orderId)).length, (await ledger(stack)).calls.filter((c) => c.paymentRequestId?.startsWith(o.orderId) && c.at <= Date.now()).length);
  assert.ok((await ledger(stack)).calls.length >= callsBefore);
  assert.equal((await ledger(stack)).bodies[`${o.orderId}-2`], undefined, "no attempt started by a stranger");
  // The owner's retry keeps the order's amount.
  const mine = await retry(stack, o, 1);
  assert.deepEqual([mine.status, mine.attempt, mine.amount], [201, 2, "1200"]);
});

test("order ids are minted by the Worker (128 random bits); a page cannot choose one", async () => {
  const ids = new Set();
  for (let i = 0; i < 3; i++) ids.add((await createOrder(stack, { headers: as() })).orderId);
  assert.equal(ids.size, 3);
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  const chosen = await fetch(`${stack.url}/orders`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": newKey(), ...as() }, body: JSON.stringify({ orderId: "AAAAAAAA", amount: "100", description: "x" }) });
  assert.equal(chosen.status, 400);
  for (const id of ["AAAAAAAA", "00000000", "0123456789ABCDEF0123456789ABCDEF", "g".repeat(32)]) assert.equal((await fetch(`${stack.url}/orders/${id}`)).status, 404);
});

test("the shopper's view carries what the page needs and nothing else; the operator's view needs an operator", async () => {
  const o = await createOrder(stack, { headers: as() });
  const v = await view(stack, o);
  const { status, headers, ...body } = v;
  assert.deepEqual(Object.keys(body).sort(), ["amount", "attempt", "currency", "orderId", "redirectUrl", "refund", "refundedAmount", "state"]);
  assert.equal((await operatorView(stack, o.orderId, "wrong-token-wrong-token")).status, 401);
  assert.equal((await operatorView(stack, o.orderId, o.secret)).status, 401, "an order's secret is not an operator token");
  const op = await operatorView(stack, o.orderId);
  assert.ok(op.timeline.length && op.attempts[0].paymentRequestId === `${o.orderId}-1`);
  await until(async () => /operator login failed/.test(stack.output()), 5_000, "the failed login in the log");
});

test("cross-site requests are refused: another Origin or Sec-Fetch-Site is 403, a form or text/plain body is 415", async () => {
  const before = await startedCalls(stack);
  const body = JSON.stringify({ amount: "100", description: "x" });
  const post = (headers) => fetch(`${stack.url}/orders`, { method: "POST", headers: { "idempotency-key": newKey(), ...as(), ...headers }, body });
  assert.equal((await post({ "content-type": "application/json", origin: "https://evil.example" })).status, 403);
  assert.equal((await post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).status, 403);
  assert.equal((await post({ "content-type": "application/json", "sec-fetch-site": "same-site" })).status, 403);
  assert.equal((await post({ "content-type": "text/plain" })).status, 415);
  assert.equal((await post({ "content-type": "application/x-www-form-urlencoded" })).status, 415);
  assert.equal((await post({ "content-type": "multipart/form-data; boundary=x" })).status, 415);
  assert.equal(await startedCalls(stack), before, "nothing reached Antom");
  // The site's own page is welcome.
  const own = await post({ "content-type": "application/json", origin: stack.url, "sec-fetch-site": "same-origin" });
  assert.equal(own.status, 201);
});

test("order creation is limited per client (429 with Retry-After), and one client's limit is not another's", async () => {
  const client = as();
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await createOrder(stack, { headers: client })).status);
  assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
  const r = await fetch(`${stack.url}/orders`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": newKey(), ...client }, body: JSON.stringify({ amount: "1", description: "x" }) });
  assert.ok(Number(r.headers.get("retry-after")) >= 1);
  assert.equal((await createOrder(stack, { headers: as() })).status, 201);
});

test("every page answer carries the security headers; API answers are nosniff and not cached", async () => {
  for (const path of ["/", "/index.html", "/result.html", "/app.js", "/style.css"]) {
    const r = await fetch(stack.url + path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get("content-security-policy"), "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'", path);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", path);
    assert.equal(r.headers.get("referrer-policy"), "no-referrer", path);
    assert.equal(r.headers.get("x-frame-options"), "DENY", path);
  }
  const api = await fetch(`${stack.url}/store`);
  assert.deepEqual([api.headers.get("x-content-type-options"), api.headers.get("cache-control")], ["nosniff", "no-store"]);
});

test("with a malformed merchant key, notifications are still taken, and callers learn nothing about the key", async () => {
  const body = JSON.stringify({ notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: "fedcba9876543210fedcba9876543210-1", paymentAmount: { currency: "JPY", value: "100" } });
  const r = await fetch(`${brokenKey.url}/antom/notify`, { method: "POST", headers: notifyHeaders(body), body });
  assert.equal(r.status, 200, await r.clone().text());
  assert.equal((await r.json()).result.resultStatus, "S");
  assert.ok((await unmatched(brokenKey)).list.some((n) => n.paymentRequestId === "fedcba9876543210fedcba9876543210-1"));
  const o = await createOrder(brokenKey);
  assert.equal(o.status, 500);
  assert.equal(o.error, "INTERNAL");
  assert.doesNotMatch(JSON.stringify({ error: o.error, message: o.message }), /key|PEM|base64/i);
  await until(async () => /INVALID_KEY/.test(brokenKey.output()), 5_000, "the reason in the log");
});

test("the local stack keeps the secrets out of the example's folder", async () => {
  assert.equal(existsSync(`${WORKER}.dev.vars`), false);
  assert.ok(existsSync(`${stack.state}/dev.vars`));
});

test("an operator's refund is recorded with the operator's name; an order's secret cannot refund", async () => {
  const o = await createOrder(stack, { headers: as() });
  await wallet(o.redirectUrl);
  await until(async () => (await view(stack, o)).state === "paid");
  assert.equal((await refund(stack, o.orderId, { amount: "100" }, { token: o.secret })).status, 401);
  const r = await refund(stack, o.orderId, { amount: "100" }, { token: OPERATOR });
  assert.equal(r.refund.operator, "local");
  await until(async () => /"event":"operator action","operator":"local","action":"refund"/.test(stack.output()), 5_000, "the operator's action in the log");
  void sign;
});

test("a resend of a submit gets the order's secret only while its answer may have been lost; after that, 409 without it", async () => {
  const headers = as();
  const first = await createOrder(stack, { headers });
  assert.equal(first.status, 201);
  const again = await createOrder(stack, { headers, key: first.key });
  assert.deepEqual([again.status, again.orderId, again.secret], [200, first.orderId, first.secret]);
  await sleep(6_000); // past SUBMIT_SECRET_KEPT_MS (5 s in this stack)
  const late = await createOrder(stack, { headers, key: first.key });
  assert.deepEqual([late.status, late.error, late.secret, late.orderId], [409, "SUBMIT_EXPIRED", undefined, undefined]);
  // The order itself is untouched, and still the shopper's.
  assert.equal((await view(stack, first)).status, 200);
});

test("the local stack keeps the merchant's key in its own temporary folder, never beside the code, and removes it when it stops", async () => {
  const s = brokenKey;
  brokenKey = undefined; // stopped here, not again by after()
  const devVars = `${s.state}/dev.vars`;
  assert.ok(existsSync(devVars), "the secrets are in the stack's folder while it runs");
  assert.equal(existsSync(`${WORKER}.dev.vars`), false, "no .dev.vars beside the Worker's code");
  await s.stop();
  assert.equal(existsSync(devVars), false, "the secrets are gone once the stack stops");
  assert.equal(existsSync(s.state), false, "and so is its folder");
});
