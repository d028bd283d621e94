// The client's per-call options (signal, timeout, resends), its events, the checking of its
// options and resolvePayment's rule, against a fake Antom that signs its answers (node:crypto).
import { test } from "node:test";
import assert from "node:assert/strict";
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "antom-checkout";
import { vec, validRequest, fakeAntom, CLIENT_ID } from "./helpers.mjs";

const sign = webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"));
const verify = webCryptoVerifier(vec("keys/antom_sim_public.pem"));

function client(fetch, extra = {}) {
  return new AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign, verify, fetch, retry: { maxAttempts: 3, delayMs: 1 }, ...extra });
}

const why = (reason) => Object.assign(new Error(reason), { name: "AbortError" });

test("a signal aborted before the call: it rejects with the signal's reason and nothing is sent", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const reason = why("shopper left");
  await assert.rejects(client(g.fetch).pay(validRequest(), { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  assert.equal(g.calls.length, 0);
  // Aborted while signing, before the first send: the same, nothing sent.
  const slow = new AbortController();
  const c = client(g.fetch, { sign: (content) => new Promise((resolve) => setTimeout(() => resolve(sign(content)), 200)) });
  const pending = c.pay(validRequest(), { signal: slow.signal });
  setTimeout(() => slow.abort(reason), 20);
  await assert.rejects(pending, (e) => e === reason);
  assert.equal(g.calls.length, 0);
});

test("aborted during a slow answer: unknown (ABORTED) with the same id, and the resend is byte-identical", async () => {
  const g = fakeAntom([{ hang: true }, { status: "S", code: "SUCCESS" }]);
  const c = client(g.fetch);
  const ctl = new AbortController();
  setTimeout(() => ctl.abort(why("client disconnected")), 50);
  const t0 = Date.now();
  const o = await c.pay(validRequest(), { signal: ctl.signal });
  assert.ok(Date.now() - t0 < 2000, "the abort ends the call at once");
  assert.deepEqual([o.kind, o.reason, o.retryable, o.paymentRequestId, o.attempts], ["unknown", "ABORTED", true, "PR20250101120000JP0001", 1]);
  assert.equal(g.calls.length, 1, "nothing more is sent after the abort");
  assert.ok(g.calls[0].init.signal.aborted, "the fetch itself was aborted");
  const again = await c.pay(validRequest());
  assert.equal(again.kind, "redirect");
  assert.equal(g.calls[1].init.body, g.calls[0].init.body, "the resend is byte-identical");
  // Aborted during the wait before a resend: the unknown outcome so far, nothing more sent.
  const h = fakeAntom([{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "S", code: "SUCCESS" }]);
  const waiting = new AbortController();
  const p = client(h.fetch, { retry: { maxAttempts: 3, delayMs: 300 } }).pay(validRequest(), { signal: waiting.signal });
  setTimeout(() => waiting.abort(why("shutdown")), 60);
  const w = await p;
  assert.deepEqual([w.kind, w.reason, h.calls.length], ["unknown", "ABORTED", 1]);
});

test("per-call timeout and resends: one attempt within 2 s for this call, the client's defaults otherwise", async () => {
  const g = fakeAntom([{ hang: true }]);
  const c = client(g.fetch, { timeoutMs: 15_000, retry: { maxAttempts: 3, delayMs: 1 } });
  const t0 = Date.now();
  const o = await c.pay(validRequest(), { timeoutMs: 150, retry: { maxAttempts: 1 } });
  assert.ok(Date.now() - t0 < 1500);
  assert.deepEqual([o.kind, o.reason, o.attempts, g.calls.length], ["unknown", "TIMEOUT", 1, 1]);
  const u = fakeAntom([{ status: "U", code: "UNKNOWN_EXCEPTION" }]);
  const d = await client(u.fetch).pay(validRequest());
  assert.equal(d.attempts, 3, "the client's resends apply where the call says nothing");
});

test("events of a U-then-S pay: request, answer, retry, request, answer, outcome; no key, signature or body", async () => {
  const g = fakeAntom([{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "S", code: "SUCCESS" }]);
  const events = [];
  const o = await client(g.fetch, { onEvent: (e) => events.push(e) }).pay(validRequest());
  assert.equal(o.kind, "redirect");
  assert.deepEqual(events.map((e) => e.type), ["request", "answer", "retry", "request", "answer", "outcome"]);
  const [req1, ans1, retry, req2, ans2, out] = events;
  assert.deepEqual([req1.call, req1.key, req1.id, req1.attempt, req1.requestTime], ["pay", "paymentRequestId", "PR20250101120000JP0001", 1, g.calls[0].init.headers["Request-Time"]]);
  assert.deepEqual([ans1.attempt, ans1.httpStatus, ans1.resultStatus, ans1.resultCode, ans1.verified, ans1.outcome, ans1.reason], [1, 200, "U", "UNKNOWN_EXCEPTION", "verified", "unknown", "RESULT_UNKNOWN"]);
  assert.ok(ans1.elapsedMs >= 0);
  assert.deepEqual([retry.attempt, retry.delayMs, retry.reason], [2, 1, "RESULT_UNKNOWN"]);
  assert.deepEqual([req2.attempt, req2.requestTime], [2, g.calls[1].init.headers["Request-Time"]]);
  assert.deepEqual([ans2.resultStatus, ans2.resultCode, ans2.verified, ans2.outcome], ["S", "SUCCESS", "verified", "redirect"]);
  assert.deepEqual([out.outcome, out.action, out.attempts, out.resultCode], ["redirect", "redirectShopper", 2, "SUCCESS"]);
  assert.ok(out.totalMs >= 0);
  const text = JSON.stringify(events);
  for (const secret of [g.calls[0].init.headers.Signature, g.calls[0].init.body, "wallet.example", "PRIVATE KEY", "orderDescription", "signature="]) {
    assert.ok(!text.includes(secret), `an event holds ${secret.slice(0, 30)}`);
  }
  // A timeout and a tampered answer, as events.
  const h = fakeAntom([{ hang: true }, { status: "S", code: "SUCCESS", tamper: true }]);
  const seen = [];
  await client(h.fetch, { onEvent: (e) => seen.push(e), timeoutMs: 100, retry: { maxAttempts: 2, delayMs: 1 } }).pay(validRequest());
  const answers = seen.filter((e) => e.type === "answer");
  assert.deepEqual(answers.map((e) => [e.error ?? null, e.httpStatus ?? null, e.verified, e.outcome]), [["timeout", null, "notChecked", "unknown"], [null, 200, "notVerified", "unknown"]]);
});

test("a throwing or rejecting onEvent changes nothing, and is reported once", async (t) => {
  const errors = t.mock.method(console, "error", () => {});
  for (const onEvent of [() => { throw new Error("hook"); }, async () => { throw new Error("async hook"); }]) {
    const g = fakeAntom([{ status: "U", code: "UNKNOWN_EXCEPTION" }, { status: "S", code: "SUCCESS" }]);
    const o = await client(g.fetch, { onEvent }).pay(validRequest());
    assert.deepEqual([o.kind, o.attempts, g.calls.length], ["redirect", 2, 2]);
  }
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(errors.mock.callCount(), 2, "once per client");
});

test("every unknown option is refused, functions included, with 'did you mean'", async () => {
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const base = { clientId: CLIENT_ID, gateway: "https://antom.test", sign, verify };
  assert.throws(() => new AntomClient({ ...base, fecth: g.fetch }), (e) => e.code === "INVALID_CONFIG" && /"fecth"/.test(e.message) && /did you mean "fetch"/.test(e.message));
  assert.throws(() => new AntomClient({ ...base, onEvnet: () => {} }), (e) => e.code === "INVALID_CONFIG" && /did you mean "onEvent"/.test(e.message));
  assert.throws(() => new AntomClient({ ...base, timeOutMs: 5 }), (e) => e.code === "INVALID_CONFIG" && /did you mean "timeoutMs"/.test(e.message));
  assert.throws(() => new AntomClient({ ...base, onEvent: "log" }), { code: "INVALID_CONFIG" });
  const c = new AntomClient({ ...base, fetch: g.fetch });
  await assert.rejects(c.pay(validRequest(), { signl: AbortSignal.timeout(10) }), (e) => e.code === "INVALID_CONFIG" && /did you mean "signal"/.test(e.message));
  await assert.rejects(c.pay(validRequest(), { timeoutMs: 0 }), { code: "INVALID_CONFIG" });
  await assert.rejects(c.pay(validRequest(), { signal: "soon" }), { code: "INVALID_CONFIG" });
  await assert.rejects(c.pay(validRequest(), { retry: () => 1 }), { code: "INVALID_CONFIG" });
  assert.equal(g.calls.length, 0, "nothing was sent for a refused option");
});

// resolvePayment: each row of the rule (src/resolve.rs, docs/choices.md, "The rule `resolvePayment` follows").
const ID = "PR-RESOLVE-1";
async function round(script, payment, options) {
  const g = fakeAntom(script);
  const r = await client(g.fetch, { retry: { maxAttempts: 1 } }).resolvePayment({ paymentRequestId: ID, ...payment }, options);
  return { r, apis: g.calls.map((c) => new URL(c.url).pathname.split("/").pop()), bodies: g.calls.map((c) => c.init.body) };
}

test("resolvePayment: paid, failed and cancelled are final after one inquiry", async () => {
  const soon = Date.now() + 60_000;
  for (const [status, state] of [["SUCCESS", "paid"], ["FAIL", "failed"], ["CANCELLED", "cancelled"]]) {
    const { r, apis, bodies } = await round([{ inquiry: status }], { expiresAt: soon });
    assert.deepEqual([r.state, r.checkAgainAt, apis], [state, undefined, ["inquiryPayment"]], status);
    assert.equal(r.outcome.paymentRequestId, ID);
    assert.equal(bodies[0], `{"paymentRequestId":"${ID}"}`);
  }
});

test("resolvePayment: processing before the expiry is pending, by the back-off and never past the expiry", async () => {
  const expiresAt = Date.now() + 60_000;
  const first = await round([{ inquiry: "PROCESSING" }], { expiresAt });
  assert.equal(first.r.state, "pending");
  assert.equal(first.r.round, 1);
  assert.ok(Math.abs(first.r.checkAgainAt - (Date.now() + 2000)) < 500, "2 s after the first round");
  const later = await round([{ inquiry: "PROCESSING" }], { expiresAt, round: 3 });
  assert.ok(Math.abs(later.r.checkAgainAt - (Date.now() + 5000)) < 500, "5 s after the fourth");
  const near = Date.now() + 1000;
  const capped = await round([{ inquiry: "PROCESSING" }], { expiresAt: new Date(near).toISOString() });
  assert.equal(capped.r.checkAgainAt, near, "never past the expiry (given as ISO 8601)");
  // The inquiry itself unknown: pending, never a cancel.
  const unknown = await round([{ http: 503 }], { expiresAt: Date.now() - 1000 });
  assert.deepEqual([unknown.r.state, unknown.apis], ["pending", ["inquiryPayment"]]);
});

test("resolvePayment: open at or after the expiry is cancelled; a cancel answered U is pending, then cancelled", async () => {
  const expiresAt = Date.now() - 1;
  const a = await round([{ inquiry: "PROCESSING" }, { status: "S", code: "SUCCESS" }], { expiresAt });
  assert.deepEqual([a.r.state, a.apis, a.r.cancel?.kind], ["cancelled", ["inquiryPayment", "cancel"], "cancelled"]);
  const b = await round([{ inquiry: "PROCESSING" }, { status: "U", code: "UNKNOWN_EXCEPTION" }], { expiresAt });
  assert.deepEqual([b.r.state, b.apis, b.r.round], ["pending", ["inquiryPayment", "cancel"], 1]);
  assert.ok(b.r.checkAgainAt > Date.now() + 1000);
  const c = await round([{ inquiry: "PROCESSING" }, { status: "S", code: "SUCCESS" }], { expiresAt, round: b.r.round });
  assert.deepEqual([c.r.state, c.apis], ["cancelled", ["inquiryPayment", "cancel"]]);
  assert.equal(c.bodies[1], b.bodies[1], "the same cancel again");
});

test("resolvePayment: an inquiry answered F is cancelled; a cancel answered F is settled by inquiring", async () => {
  const expiresAt = Date.now() + 60_000;
  const f = await round([{ status: "F", code: "ACCESS_DENIED" }, { status: "S", code: "SUCCESS" }], { expiresAt });
  assert.deepEqual([f.r.state, f.apis], ["cancelled", ["inquiryPayment", "cancel"]]);
  const refused = await round([{ inquiry: "PROCESSING" }, { status: "F", code: "CANCEL_WINDOW_EXCEED" }, { inquiry: "SUCCESS" }], { expiresAt: Date.now() - 1 });
  assert.deepEqual([refused.r.state, refused.apis, refused.r.cancel.resultCode], ["paid", ["inquiryPayment", "cancel", "inquiryPayment"], "CANCEL_WINDOW_EXCEED"]);
  const open = await round([{ inquiry: "PROCESSING" }, { status: "F", code: "CANCEL_WINDOW_EXCEED" }, { inquiry: "PROCESSING" }], { expiresAt: Date.now() - 1 });
  assert.deepEqual([open.r.state, open.apis.length], ["pending", 3]);
});

test("resolvePayment: ORDER_NOT_EXIST within the grace is pending, after it notFound", async () => {
  const notThere = [{ status: "F", code: "ORDER_NOT_EXIST" }];
  const within = await round(notThere, { expiresAt: Date.now() + 600_000, sentAt: Date.now() - 10_000 });
  assert.equal(within.r.state, "pending");
  const after = await round(notThere, { expiresAt: Date.now() + 600_000, sentAt: new Date(Date.now() - 61_000).toISOString() });
  assert.deepEqual([after.r.state, after.apis], ["notFound", ["inquiryPayment"]]);
  // Without sentAt, the grace counts from the expiry.
  assert.equal((await round(notThere, { expiresAt: Date.now() - 1000 })).r.state, "pending");
  assert.equal((await round(notThere, { expiresAt: Date.now() - 61_000 })).r.state, "notFound");
});

test("resolvePayment: a bad payment is refused before anything is sent; a signal stops the round", async () => {
  const g = fakeAntom([{ inquiry: "SUCCESS" }]);
  const c = client(g.fetch);
  for (const bad of [{}, { paymentRequestId: ID }, { paymentRequestId: ID, expiresAt: "tomorrow" }, { paymentRequestId: ID, expiresAt: 1, extra: 1 }]) {
    await assert.rejects(c.resolvePayment(bad), { code: "INVALID_ARGUMENT" }, JSON.stringify(bad));
  }
  const reason = why("stop");
  await assert.rejects(c.resolvePayment({ paymentRequestId: ID, expiresAt: Date.now() }, { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  assert.equal(g.calls.length, 0);
});

test("interpretVerified judges an answer to a request sent by hand as the client does", async () => {
  const { interpretVerified } = await import("antom-checkout");
  const { nodeSigns } = await import("./helpers.mjs");
  const id = "PR-BY-HAND-1";
  const body = JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "ok" }, paymentRequestId: id, redirectActionForm: { method: "GET", redirectUrl: "https://wallet.example/pay" } });
  const time = new Date().toISOString();
  const signedOver = (path, text = body) => ({ "client-id": CLIENT_ID, "response-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(nodeSigns(vec("keys/antom_sim_private_pkcs8.pem"), `POST ${path}\n${CLIENT_ID}.${time}.${text}`))}` });
  const opts = { clientId: CLIENT_ID, verify, requestId: id };
  const judged = (headers, text = body, o = opts) => interpretVerified("pay", { status: 200, headers, body: text }, o);
  assert.equal((await judged(signedOver("/ams/api/v1/payments/pay"))).kind, "redirect");
  assert.equal((await judged(signedOver("/ams/sandbox/api/v1/payments/pay"), body, { ...opts, path: "/ams/sandbox/api/v1/payments/pay" })).kind, "redirect");
  const bytes = new TextEncoder().encode(body);
  assert.equal((await interpretVerified("pay", { status: 200, headers: new Headers(signedOver("/ams/api/v1/payments/pay")), body: bytes }, opts)).kind, "redirect");
  const refused = [
    [{}, body, opts, "SIGNATURE_MISSING"],
    [signedOver("/ams/api/v1/payments/pay"), body.replace("wallet.example", "evil.example"), opts, "SIGNATURE_INVALID"],
    [signedOver("/ams/api/v1/payments/inquiryPayment"), body, opts, "SIGNATURE_INVALID"],
    [signedOver("/ams/api/v1/payments/pay"), body, { ...opts, requestId: "PR-OTHER" }, "MISMATCHED_REQUEST_ID"],
    [signedOver("/ams/api/v1/payments/pay"), body, { ...opts, verify: async () => { throw new Error("hsm"); } }, "VERIFIER_FAILED"],
    [signedOver("/ams/api/v1/payments/pay"), new Uint8Array([0xff, 0xfe]), opts, "UNPARSABLE_BODY"],
    [signedOver("/ams/api/v1/payments/pay"), body, { ...opts, requestTime: String(Date.now() + 600_000) }, "STALE_ANSWER"],
  ];
  for (const [headers, text, o, reason] of refused) {
    const r = await judged(headers, text, o);
    assert.deepEqual([r.kind, r.reason], ["unknown", reason], reason);
  }
  await assert.rejects(interpretVerified("pay", { status: 200, headers: {}, body }, { clientId: CLIENT_ID }), { code: "INVALID_CONFIG" });
  await assert.rejects(interpretVerified("pay", { status: 200, headers: {}, body }, { ...opts, verfy: verify }), { code: "INVALID_CONFIG" });
  await assert.rejects(interpretVerified("nope", { status: 200, headers: {}, body }, opts), { code: "INVALID_ARGUMENT" });
});

test("an abort between signing and sending sends nothing; an unsigned inquiry F never cancels; an abort during a round's cancel leaves it pending", async () => {
  // A hook that aborts when the request is about to leave: nothing is sent.
  const g = fakeAntom([{ status: "S", code: "SUCCESS" }]);
  const ctl = new AbortController();
  const reason = why("stop at the door");
  await assert.rejects(client(g.fetch, { onEvent: (e) => e.type === "request" && ctl.abort(reason) }).pay(validRequest(), { signal: ctl.signal }), (e) => e === reason);
  assert.equal(g.calls.length, 0);
  // An inquiry F without a signature is not believed: no cancel.
  const unsigned = await round([{ status: "F", code: "PARAM_ILLEGAL", unsigned: true }, { status: "S", code: "SUCCESS" }], { expiresAt: Date.now() + 60_000 });
  assert.deepEqual([unsigned.r.state, unsigned.apis, unsigned.r.outcome.reason], ["pending", ["inquiryPayment"], "SIGNATURE_MISSING"]);
  // Past the expiry, the cancel hangs and the round's signal aborts it: pending, asked again.
  const h = fakeAntom([{ inquiry: "PROCESSING" }, { hang: true }]);
  const stop = new AbortController();
  const p = client(h.fetch, { retry: { maxAttempts: 1 } }).resolvePayment({ paymentRequestId: ID, expiresAt: Date.now() - 1 }, { signal: stop.signal });
  setTimeout(() => stop.abort(why("shutdown")), 100);
  const r = await p;
  assert.deepEqual([r.state, r.cancel?.reason, h.calls.length], ["pending", "ABORTED", 2]);
  assert.ok(r.checkAgainAt > Date.now());
});
