// AntomClient against a scripted fake Antom behind a fake fetch (signatures by node:crypto).
import { test } from "node:test";
import assert from "node:assert/strict";
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "antom-checkout";
import { vec, validRequest, fakeAntom, nodeSigns, nodeVerifies, CLIENT_ID } from "./helpers.mjs";

const sign = webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"));
const verify = webCryptoVerifier(vec("keys/antom_sim_public.pem"));

function client(fetch, extra = {}) {
  return new AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign, verify, fetch, retry: { maxAttempts: 3, delayMs: 1 }, ...extra });
}

test("S: redirect, one call", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const o = await client(g.fetch).pay(validRequest());
  assert.equal(o.kind, "redirect");
  assert.equal(o.redirect.redirectUrl, "https://wallet.example/pay?id=PR20250101120000JP0001");
  assert.equal(o.attempts, 1);
  assert.equal(g.calls.length, 1);
  assert.equal(g.calls[0].url, "https://antom.test/ams/api/v1/payments/pay");
  assert.equal(g.calls[0].init.headers["Content-Type"], "application/json; charset=UTF-8");
});

test("F: failed as Antom said, not resent", async () => {
  const g = fakeAntom([{ status: "F", code: "RISK_REJECT" }]);
  const o = await client(g.fetch).pay(validRequest());
  assert.deepEqual([o.kind, o.action, o.retryable, o.resultCode], ["failed", "showDeclined", false, "RISK_REJECT"]);
  assert.equal(g.calls.length, 1);
});

test("U then S: the same paymentRequestId and a byte-identical body, freshly signed", async () => {
  const g = fakeAntom([{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "U", code: "REQUEST_TRAFFIC_EXCEED_LIMIT" }, { status: "S", code: "SUCCESS" }]);
  const o = await client(g.fetch).pay(validRequest());
  assert.equal(o.kind, "redirect");
  assert.equal(o.attempts, 3);
  const bodies = g.calls.map((c) => c.init.body);
  assert.equal(new Set(bodies).size, 1, "resent bodies are byte-identical");
  assert.equal(JSON.parse(bodies[0]).paymentRequestId, "PR20250101120000JP0001");
  // `raw` is the last answer as parsed (the S), not an earlier U.
  assert.equal(o.raw.result.resultStatus, "S");
  assert.equal(o.raw.redirectActionForm.redirectUrl, o.redirect.redirectUrl);
});

test("timeout: the fetch is aborted through its signal and the outcome is unknown", async () => {
  const g = fakeAntom([{ hang: true }]);
  const o = await client(g.fetch, { timeoutMs: 30, retry: { maxAttempts: 2, delayMs: 1 } }).pay(validRequest());
  assert.deepEqual([o.kind, o.reason, o.action, o.attempts], ["unknown", "TIMEOUT", "inquirePayment", 2]);
  assert.ok(g.calls.every((c) => c.init.signal.aborted));
});

test("a fetch that ignores the abort still times out", async () => {
  const g = fakeAntom([{ ignoreAbort: true }]);
  const o = await client(g.fetch, { timeoutMs: 20, retry: { maxAttempts: 1 } }).pay(validRequest());
  assert.deepEqual([o.kind, o.reason], ["unknown", "TIMEOUT"]);
});

test("a thrown fetch and a 500 are unknown, then resolved by the same request", async () => {
  const g = fakeAntom([{ throws: new TypeError("connection reset") }, { http: 500 }, { status: "S", code: "SUCCESS" }]);
  const o = await client(g.fetch).pay(validRequest());
  assert.equal(o.kind, "redirect");
  assert.equal(new Set(g.calls.map((c) => c.init.body)).size, 1);
});

test("a tampered or unsigned answer is not trusted when a verifier is set", async () => {
  for (const step of [{ tamper: true, status: "S", code: "SUCCESS" }, { unsigned: true, status: "S", code: "SUCCESS" }, { unsigned: true, status: "F", code: "PROCESS_FAIL" }]) {
    const g = fakeAntom([step]);
    const o = await client(g.fetch, { retry: { maxAttempts: 1 } }).pay(validRequest());
    assert.equal(o.kind, "unknown", JSON.stringify(step));
    assert.ok(["SIGNATURE_INVALID", "SIGNATURE_MISSING"].includes(o.reason));
    assert.equal(o.redirect, undefined);
  }
  const g = fakeAntom([{ unsigned: true, status: "F", code: "INVALID_SIGNATURE" }]);
  const o = await client(g.fetch, { acceptUnsignedFailures: true }).pay(validRequest());
  assert.deepEqual([o.kind, o.action], ["failed", "fixConfiguration"]);
});

test("a failing signer throws SIGNER_FAILED with the original error as cause; nothing is sent", async () => {
  const original = new Error("KMS unavailable");
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const c = new AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign: async () => { throw original; }, verify, fetch: g.fetch });
  await assert.rejects(c.pay(validRequest()), (e) => e.code === "SIGNER_FAILED" && e.cause === original && e.name === "AntomCheckoutError");
  const bad = new AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign: async () => 42, verify, fetch: g.fetch });
  await assert.rejects(bad.pay(validRequest()), (e) => e.code === "SIGNER_FAILED" && e.cause instanceof TypeError);
  assert.equal(g.calls.length, 0);
});

test("a throwing verifier makes the answer unknown, never trusted", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const c = client(g.fetch, { verify: () => { throw new Error("bad key"); }, retry: { maxAttempts: 1 } });
  const o = await c.pay(validRequest());
  assert.deepEqual([o.kind, o.reason], ["unknown", "VERIFIER_FAILED"]);
});

test("invalid input throws INVALID_REQUEST before any send; bad options throw INVALID_CONFIG", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  await assert.rejects(client(g.fetch).pay({ order: {} }), (e) => e.code === "INVALID_REQUEST" && e.issues.length > 3);
  assert.equal(g.calls.length, 0);
  assert.throws(() => new AntomClient({ clientId: CLIENT_ID, gateway: "asia" }), { code: "INVALID_CONFIG" });
  assert.throws(() => new AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign, timeoutMs: 0 }), { code: "INVALID_CONFIG" });
  assert.throws(() => new AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign, retry: { maxAttempts: 50 } }), { code: "INVALID_CONFIG" });
  assert.throws(() => new AntomClient(null), { code: "INVALID_CONFIG" });
});

test("verification is a decision: a verifier or trustUnverifiedAnswers, never neither, never both", async () => {
  assert.throws(
    () => new AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign }),
    (e) => e.code === "INVALID_CONFIG" && e.message.includes("webCryptoVerifier") && e.message.includes("Antom Dashboard") && e.message.includes("trustUnverifiedAnswers"),
  );
  assert.throws(() => new AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign, verify, trustUnverifiedAnswers: true }), { code: "INVALID_CONFIG" });
  assert.throws(() => new AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign, trustUnverifiedAnswers: "yes" }), { code: "INVALID_CONFIG" });
  // The unsigned inquiry SUCCESS that would ship goods: unknown with a verifier, believed only
  // after the explicit opt-out.
  const g = fakeAntom([{ unsigned: true, inquiry: "SUCCESS" }]);
  const checked = await client(g.fetch, { retry: { maxAttempts: 1 } }).inquirePayment({ paymentRequestId: "PR1" });
  assert.deepEqual([checked.kind, checked.reason], ["unknown", "SIGNATURE_MISSING"]);
  const trusting = new AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign, fetch: g.fetch, trustUnverifiedAnswers: true, retry: { maxAttempts: 1 } });
  assert.equal((await trusting.inquirePayment({ paymentRequestId: "PR1" })).kind, "paid");
});

test("an inquiry Antom answered F is cancelled, not asked again", async () => {
  const g = fakeAntom([{ status: "F", code: "PROCESS_FAIL" }]);
  const o = await client(g.fetch).inquirePayment({ paymentRequestId: "PR1" });
  assert.deepEqual([o.kind, o.action, o.retryable, o.reason, o.attempts], ["unknown", "cancelPayment", false, "INQUIRY_FAILED", 1]);
  assert.equal(g.calls.length, 1);
});

test("concurrent payments on one client keep their own ids and outcomes", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const c = client(g.fetch);
  const ids = Array.from({ length: 20 }, (_, i) => `PAR${i}`);
  const outs = await Promise.all(ids.map((id) => c.pay(validRequest({ paymentRequestId: id }))));
  assert.deepEqual(outs.map((o) => o.paymentRequestId), ids);
  assert.ok(outs.every((o, i) => o.redirect.redirectUrl.endsWith(ids[i])));
  c.free();
  await assert.rejects(c.pay(validRequest()), { code: "INVALID_CONFIG" });
});
