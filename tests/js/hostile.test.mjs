// Hostile JS values into every export: each call returns or throws a typed AntomCheckoutError,
// never anything else, and the module keeps answering correctly afterwards (no trap, no
// poisoned instance). HOSTILE_COUNT sets the number of values (default 20000).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as A from "antom-checkout";
import { vec, validRequest, CLIENT_ID } from "./helpers.mjs";

let seed = 0x2545f491;
const rnd = (n) => {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return (seed >>> 0) % n;
};

function hostile(depth = 0) {
  switch (rnd(depth > 3 ? 16 : 22)) {
    case 0: return null;
    case 1: return undefined;
    case 2: return rnd(2) === 0 ? NaN : -0;
    case 3: return [Infinity, 1e308, -1, 2 ** 53 + 1, 0.1][rnd(5)];
    case 4: return 10n ** BigInt(rnd(30));
    case 5: return Symbol("s");
    case 6: return () => 1;
    case 7: return "😀".repeat(rnd(3) === 0 ? 300_000 : rnd(50));
    case 8: return "\ud800" + "x".repeat(rnd(10)); // lone surrogate
    case 9: return ["", "S", "F", "U", "SUCCESS", "USD", "12.34", "https://a.b", "signature=%zz", "-----BEGIN PRIVATE KEY-----"][rnd(10)];
    case 10: return "x".repeat(rnd(2) ? 2_000_000 : 70_000);
    case 11: return new Date(rnd(2) ? NaN : 0);
    case 12: return new Uint8Array(rnd(10));
    case 13: return { get status() { throw new Error("getter"); }, get body() { throw new Error("getter"); } };
    case 14: {
      const o = { a: 1 };
      o.self = o;
      return o;
    }
    case 15: return new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
    case 16: return JSON.parse(`{"__proto__":{"order":1},"constructor":{"prototype":{}},"paymentAmount":{"value":"1"}}`);
    case 17: {
      const r = validRequest();
      r.order[["merchant", "env", "goods", "orderAmount"][rnd(4)]] = hostile(depth + 1);
      return r;
    }
    case 18: return Array.from({ length: rnd(4) }, () => hostile(depth + 1));
    case 19: {
      const o = {};
      for (let i = rnd(4); i > 0; i--) {
        const key = ["order", "status", "body", "headers", "clientId", "gateway", "__proto__", "toJSON"][rnd(8)];
        Object.defineProperty(o, key, { value: hostile(depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return o;
    }
    case 20: {
      let d = {};
      const root = d;
      for (let i = 0; i < 5000; i++) d = d.order = {};
      return root;
    }
    default: return { status: 200, headers: hostile(depth + 1), body: hostile(depth + 1) };
  }
}

const calls = [
  (a) => A.validatePayRequest(a),
  (a, b) => A.preparePayRequest(a, b),
  (a) => A.preparePayRequest(validRequest(), a),
  (a, b) => A.signatureHeader(a, b),
  (a) => A.parseSignatureHeader(a),
  (a) => A.interpretPayResponse(a),
  (a) => A.contentToVerify(a),
  (a, b) => A.toMinorUnits(a, b),
  (a, b) => A.fromMinorUnits(a, b),
  (a) => A.webCryptoSigner(a),
  (a) => A.webCryptoVerifier(a),
  (a) => new A.AntomClient(a),
  (a) => A.isAntomCheckoutError(a),
  (a, b) => A.prepareInquiry(a, b),
  (a) => A.prepareCancel(a, { clientId: CLIENT_ID, gateway: "sg" }),
  (a) => A.interpretInquiryResponse(a),
  (a) => A.interpretCancelResponse(a),
];

function stillCorrect() {
  const body = vec("body.json");
  const p = A.preparePayRequest(JSON.parse(body), { clientId: CLIENT_ID, gateway: "asia", keyVersion: "1", requestTime: "1735700400123" });
  assert.equal(p.contentToSign, vec("content.txt"));
  assert.equal(A.toMinorUnits("12.34", "USD"), "1234");
}

test("hostile values into every export get typed errors, and the module keeps working", async () => {
  const count = Number(process.env.HOSTILE_COUNT ?? 20000);
  const codes = new Map();
  for (let i = 0; i < count; i++) {
    const f = calls[rnd(calls.length)];
    const a = hostile();
    const b = hostile();
    try {
      f(a, b);
    } catch (e) {
      if (!A.isAntomCheckoutError(e) || !(e instanceof Error) || typeof e.code !== "string") {
        throw new Error(`call ${i} (${f}) threw a non-typed error: ${e?.stack ?? e}`);
      }
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    }
    if (i % 2000 === 0) stillCorrect();
  }
  stillCorrect();
  for (let i = 0; i < 3000; i++) {
    try {
      const r = await A.handleNotification(hostile(), rnd(2) ? hostile() : { clientId: CLIENT_ID, verify: async () => true });
      assert.equal(r.accepted, false);
    } catch (e) {
      assert.ok(A.isAntomCheckoutError(e), String(e?.stack ?? e));
    }
  }
  stillCorrect();
  assert.ok(codes.size >= 5, `expected several kinds of typed error, got ${[...codes.keys()]}`);
});

test("hostile callbacks: throwing, lying and never-settling hosts cannot break a client", async () => {
  const bytes = (text) => new TextEncoder().encode(text).buffer;
  const sign = A.webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"));
  const hosts = [
    { sign: () => { throw new Proxy({}, { get() { throw new Error("x"); } }); } },
    { sign: async () => "not base64!" },
    { sign, fetch: async () => ({ status: "200", arrayBuffer: async () => bytes("{}") }) },
    { sign, fetch: async () => ({ status: 200, headers: null, arrayBuffer: async () => { throw new Error("body"); } }) },
    { sign, fetch: async () => ({ status: 200, headers: new Proxy({}, { ownKeys() { throw new Error("trap"); } }), arrayBuffer: async () => bytes("{}") }) },
    { sign, fetch: async () => null },
    { sign, fetch: async () => ({ status: 200, headers: {}, arrayBuffer: async () => bytes("x".repeat(3_000_000)) }) },
    // A host whose response has only text(): text with replacement characters is not the bytes
    // received, so nothing is read from it.
    { sign, fetch: async () => ({ status: 200, headers: {}, text: async () => "{}" }) },
  ];
  for (const h of hosts) {
    const c = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", retry: { maxAttempts: 2, delayMs: 0 }, timeoutMs: 50, trustUnverifiedAnswers: true, ...h });
    try {
      const o = await c.pay(validRequest());
      assert.equal(o.kind, "unknown", JSON.stringify(o));
    } catch (e) {
      assert.ok(A.isAntomCheckoutError(e), String(e));
    }
  }
  // Hostile per-call options and payments to resolve: typed errors only, nothing sent.
  let sent = 0;
  const counted = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", retry: { maxAttempts: 1 }, timeoutMs: 50, trustUnverifiedAnswers: true, sign, fetch: async () => { sent += 1; return new Response("{}"); } });
  for (let i = 0; i < 2000; i++) {
    for (const run of [() => counted.pay(validRequest(), hostile()), () => counted.resolvePayment(hostile(), rnd(2) ? hostile() : undefined)]) {
      try {
        await run();
      } catch (e) {
        assert.ok(A.isAntomCheckoutError(e), `call ${i}: ${String(e?.stack ?? e)}`);
      }
    }
  }
  assert.ok(sent < 2000, "most hostile options are refused before anything is sent");
  // A verifier that answers the string "yes" judges a complete success with a redirect: only
  // refusing a non-boolean keeps it from being followed.
  const success = JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: validRequest().paymentRequestId, redirectActionForm: { redirectUrl: "https://wallet.example/pay" } });
  const headers = { signature: "algorithm=RSA256,keyVersion=1,signature=YWJj", "response-time": new Date().toISOString(), "client-id": CLIENT_ID };
  const yes = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", retry: { maxAttempts: 1 }, sign, verify: async () => "yes", fetch: async () => new Response(success, { headers }) });
  const o = await yes.pay(validRequest());
  assert.deepEqual([o.kind, o.reason, o.redirect], ["unknown", "VERIFIER_FAILED", undefined]);
  // The same answer with a verifier that says true is followed: the answer itself is complete.
  const ok = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", retry: { maxAttempts: 1 }, sign, verify: async () => true, fetch: async () => new Response(success, { headers }) });
  assert.equal((await ok.pay(validRequest())).kind, "redirect");
  stillCorrect();
});
