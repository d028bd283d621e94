// Defaults that fail closed, through the package: an https gateway, an allow-list of redirect
// schemes, answers bound to their request (its id, its time), verification over the bytes
// received (answers and notifications), no internal field in outcomes, no refund of zero.
// Antom's signatures come from node:crypto with the stand-in's key, independently of the library.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as A from "antom-checkout";
import { vec, validRequest, nodeSigns, CLIENT_ID } from "./helpers.mjs";

const ANTOM_KEY = vec("keys/antom_sim_private_pkcs8.pem");
const sign = A.webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"));
const verify = A.webCryptoVerifier(vec("keys/antom_sim_public.pem"));
const ID = validRequest().paymentRequestId;

/** A fetch that answers `answer(request body)` ({ body, time?, bytes? }), signed like Antom over `body`. */
function antom(answer) {
  return async (url, init) => {
    const { body, time = new Date().toISOString(), bytes } = answer(JSON.parse(init.body));
    const s = nodeSigns(ANTOM_KEY, `POST ${new URL(url).pathname}\n${CLIENT_ID}.${time}.${body}`);
    const headers = { "client-id": CLIENT_ID, "response-time": String(time), signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(s)}` };
    return new Response(bytes ?? body, { status: 200, headers });
  };
}

function client(fetch, extra = {}) {
  return new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign, verify, fetch, retry: { maxAttempts: 1 }, ...extra });
}

const payAnswer = (id, { status = "S", url = "https://wallet.example/pay", message = "m" } = {}) =>
  JSON.stringify({
    result: { resultStatus: status, resultCode: status === "S" ? "SUCCESS" : "RISK_REJECT", resultMessage: message },
    ...(id === undefined ? {} : { paymentRequestId: id }),
    paymentId: "P1",
    redirectActionForm: { method: "GET", redirectUrl: url },
  });

test("the gateway is https; http only for a loopback host or allowInsecureGateway: true", () => {
  const config = (gateway, extra = {}) => ({ clientId: CLIENT_ID, gateway, ...extra });
  for (const gateway of ["http://antom.test", "http://10.0.0.1:8788", "http://127.0.0.1.evil.example", "http://localhost.evil.example", "HTTP://[::2]:80"]) {
    assert.throws(() => A.preparePayRequest(validRequest(), config(gateway)), (e) => e.code === "INVALID_CONFIG" && /https/.test(e.message) && /allowInsecureGateway: true/.test(e.message), gateway);
    assert.throws(() => client(antom(() => ({ body: "{}" })), { gateway }), { code: "INVALID_CONFIG" }, gateway);
  }
  for (const gateway of ["http://127.0.0.1:8788", "http://localhost:9", "http://[::1]:8080", "asia"]) {
    assert.ok(A.preparePayRequest(validRequest(), config(gateway)).url.includes("/ams/api/v1/payments/pay"), gateway);
  }
  // The scheme is read case-insensitively: HTTPS is https.
  assert.equal(A.preparePayRequest(validRequest(), config("HTTPS://Antom.Test:8443")).url, "https://Antom.Test:8443/ams/api/v1/payments/pay");
  assert.equal(A.preparePayRequest(validRequest(), config("http://antom.test", { allowInsecureGateway: true })).url, "http://antom.test/ams/api/v1/payments/pay");
  assert.ok(client(antom(() => ({ body: "{}" })), { gateway: "http://antom.test", allowInsecureGateway: true }));
  assert.throws(() => A.preparePayRequest(validRequest(), config("http://antom.test", { allowInsecureGateways: true })), (e) => e.code === "INVALID_CONFIG" && e.message.includes('did you mean "allowInsecureGateway"?'));
});

test("redirects: https, the wallets' app schemes, loopback http, and the client's redirectSchemes; nothing else", async () => {
  const to = (url, extra) => client(antom((b) => ({ body: payAnswer(b.paymentRequestId, { url }) })), extra).pay(validRequest());
  for (const url of ["https://wallet.example/pay", "alipays://platformapi/startapp?x=1", "GCash://pay", "http://127.0.0.1:8787/wallet/1"]) {
    assert.equal((await to(url)).kind, "redirect", url);
  }
  for (const url of ["myapp://pay", "ms-msdt:/id x", "search-ms:query=x", "jar:https://w.example/a!/", "ftp://w.example/", "http://w.example/"]) {
    const o = await to(url);
    assert.deepEqual([o.kind, o.reason, o.redirect], ["unknown", "UNSAFE_REDIRECT", undefined], url);
  }
  assert.equal((await to("MyApp://pay", { redirectSchemes: ["myapp"] })).kind, "redirect");
  for (const scheme of ["javascript", "data", "http", "intent"]) {
    assert.throws(() => client(antom(() => ({ body: "{}" })), { redirectSchemes: [scheme] }), (e) => e.code === "INVALID_CONFIG" && e.message.includes(`"${scheme}"`), scheme);
  }
  assert.throws(() => client(antom(() => ({ body: "{}" })), { redirectSchemes: "myapp" }), { code: "INVALID_CONFIG" });
  assert.throws(() => client(antom(() => ({ body: "{}" })), { redirectScheme: ["myapp"] }), (e) => e.message.includes('did you mean "redirectSchemes"?'));
});

test("a signed answer naming another request id, or an S naming none, is unknown", async () => {
  assert.equal((await client(antom((b) => ({ body: payAnswer(b.paymentRequestId) }))).pay(validRequest())).kind, "redirect");
  for (const id of ["SOMEONE_ELSE", undefined]) {
    const o = await client(antom(() => ({ body: payAnswer(id) }))).pay(validRequest());
    assert.deepEqual([o.kind, o.reason, o.redirect, o.paymentRequestId], ["unknown", "MISMATCHED_REQUEST_ID", undefined, ID], String(id));
    assert.equal(o.unverified.resultStatus, "S");
  }
  // An F carrying only its result is Antom's word for this request.
  assert.equal((await client(antom(() => ({ body: payAnswer(undefined, { status: "F" }) }))).pay(validRequest())).kind, "failed");
  // Refunds are bound by refundRequestId.
  const refund = { refundRequestId: "RF-1", paymentId: "P1", refundAmount: { currency: "JPY", value: "100" } };
  const refundAnswer = (id) => JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "ok" }, ...(id ? { refundRequestId: id } : {}), refundId: "R1" });
  assert.equal((await client(antom((b) => ({ body: refundAnswer(b.refundRequestId) }))).refund(refund)).kind, "refunded");
  for (const id of ["RF-2", undefined]) {
    const o = await client(antom(() => ({ body: refundAnswer(id) }))).refund(refund);
    assert.deepEqual([o.kind, o.reason, o.refundRequestId], ["unknown", "MISMATCHED_REQUEST_ID", "RF-1"], String(id));
  }
});

test("an answer timed more than 5 minutes before its request is a replay: STALE_ANSWER", async () => {
  const pay = (time) => client(antom((b) => ({ body: payAnswer(b.paymentRequestId), time }))).pay(validRequest());
  const ago = (ms) => new Date(Date.now() - ms).toISOString();
  assert.equal((await pay(ago(4 * 60_000))).kind, "redirect", "clock skew is allowed");
  assert.equal((await pay(String(Date.now() - 4 * 60_000))).kind, "redirect", "epoch milliseconds");
  for (const time of [ago(6 * 60_000), "2025-01-01T12:00:01+09:00", String(Date.now() - 6 * 60_000)]) {
    const o = await pay(time);
    assert.deepEqual([o.kind, o.reason, o.redirect], ["unknown", "STALE_ANSWER", undefined], time);
  }
});

test("a replayed signed F never fails a new pay, and a day-old signed SUCCESS never makes an inquiry paid", async () => {
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const dayAgo = String(Date.now() - 86_400_000);
  // A week-old F, signed by Antom's key for this very request id, answering a new pay.
  const declined = await client(antom((b) => ({ body: payAnswer(b.paymentRequestId, { status: "F" }), time: weekAgo }))).pay(validRequest());
  assert.deepEqual([declined.kind, declined.reason], ["unknown", "STALE_ANSWER"]);
  // The same F timed now is believed: what is refused is the time, not the answer.
  const fresh = await client(antom((b) => ({ body: payAnswer(b.paymentRequestId, { status: "F" }) }))).pay(validRequest());
  assert.deepEqual([fresh.kind, fresh.resultCode], ["failed", "RISK_REJECT"]);
  // A day-old inquiry answer saying SUCCESS, signed, for the id asked about.
  const paidAnswer = (id) => JSON.stringify({
    result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" },
    paymentRequestId: id, paymentId: "P1", paymentStatus: "SUCCESS",
    paymentAmount: { currency: "JPY", value: "100" }, paymentTime: "2026-12-04T10:00:00+09:00",
  });
  const old = await client(antom((b) => ({ body: paidAnswer(b.paymentRequestId), time: dayAgo }))).inquirePayment({ paymentRequestId: ID });
  assert.deepEqual([old.kind, old.reason], ["unknown", "STALE_ANSWER"]);
  const now = await client(antom((b) => ({ body: paidAnswer(b.paymentRequestId) }))).inquirePayment({ paymentRequestId: ID });
  assert.equal(now.kind, "paid");
});

/** `text` (which holds U+FFFD) as UTF-8 bytes, with one byte of that character changed (EF -> F2). */
function replaced(text) {
  const bytes = new TextEncoder().encode(text);
  const i = bytes.findIndex((b, i) => b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd);
  assert.ok(i >= 0);
  bytes[i] = 0xf2;
  // A lenient decoder reads the changed bytes as the very text that was signed.
  assert.equal(new TextDecoder().decode(bytes), text);
  return bytes;
}

test("an answer is verified over the bytes received: one byte changed inside U+FFFD is unknown", async () => {
  const pay = (changed) => client(antom((b) => {
    const body = payAnswer(b.paymentRequestId, { message: "m\uFFFD" });
    return { body, bytes: changed ? replaced(body) : new TextEncoder().encode(body) };
  })).pay(validRequest());
  assert.equal((await pay(false)).kind, "redirect");
  const o = await pay(true);
  assert.deepEqual([o.kind, o.reason, o.redirect], ["unknown", "UNPARSABLE_BODY", undefined]);
  // The sans-IO reading: bytes are decoded strictly, strings are taken as they are.
  const text = payAnswer(ID, { message: "m\uFFFD" });
  assert.equal(A.interpretPayResponse({ status: 200, body: text }).kind, "redirect");
  assert.equal(A.interpretPayResponse({ status: 200, body: new TextEncoder().encode(text) }).kind, "redirect");
  assert.equal(A.interpretPayResponse({ status: 200, body: new TextEncoder().encode(text).buffer }).kind, "redirect");
  for (const body of [replaced(text), replaced(text).buffer, new DataView(replaced(text).buffer)]) {
    assert.deepEqual(Object.entries(A.interpretPayResponse({ status: 200, body })).filter(([k]) => ["kind", "reason", "redirect", "raw"].includes(k)), [["kind", "unknown"], ["reason", "UNPARSABLE_BODY"]]);
  }
  // A byte-order mark is part of the bytes signed: kept, never dropped.
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("{}")]);
  assert.equal(A.contentToVerify({ path: "/p", clientId: "C", time: "1", body: bom }), "POST /p\nC.1.\uFEFF{}");
  assert.throws(() => A.contentToVerify({ path: "/p", clientId: "C", time: "1", body: replaced(text) }), { code: "INVALID_ARGUMENT" });
});

test("a notification is verified over the bytes received: one byte changed inside U+FFFD is refused", async () => {
  const body = vec("04_notify_payment/body.json").replace('"success."', '"success\uFFFD"');
  assert.ok(body.includes("\uFFFD"));
  const time = new Date().toISOString();
  const s = nodeSigns(ANTOM_KEY, `POST /antom/notify\n${CLIENT_ID}.${time}.${body}`);
  const headers = { "client-id": CLIENT_ID, "request-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(s)}` };
  const options = { clientId: CLIENT_ID, verify };
  const request = (bytes) => new Request("https://shop.example/antom/notify", { method: "POST", headers, body: bytes });
  // As sent: accepted, from a Request, from bytes and from the text.
  const exact = new TextEncoder().encode(body);
  for (const r of [request(exact), { path: "/antom/notify", headers, body: exact }, { path: "/antom/notify", headers, body }]) {
    const result = await A.handleNotification(r, options);
    assert.equal(result.accepted, true, JSON.stringify(result));
    assert.equal(result.notification.resultMessage, "success\uFFFD");
  }
  // One byte changed: not UTF-8, refused unverified, and Antom is asked to send it again.
  let verified = 0;
  const counting = { clientId: CLIENT_ID, verify: async (...a) => (verified++, verify(...a)) };
  for (const r of [request(replaced(body)), { path: "/antom/notify", headers, body: replaced(body) }, { path: "/antom/notify", headers, body: replaced(body).buffer }]) {
    const result = await A.handleNotification(r, counting);
    assert.deepEqual([result.accepted, result.reason, result.ack.status], [false, "UNREADABLE", 400]);
    assert.equal(result.ack.body, JSON.parse(JSON.stringify(result.ack.body)));
  }
  assert.equal(verified, 0, "nothing is verified over text that is not the bytes received");
});

test("outcomes carry no internal field: no httpStatus", async () => {
  const sansIo = A.interpretPayResponse({ status: 503, body: "upstream" });
  assert.deepEqual([sansIo.kind, sansIo.reason, "httpStatus" in sansIo], ["unknown", "HTTP_STATUS", false]);
  const o = await client(async () => new Response("oops", { status: 500 })).pay(validRequest());
  assert.deepEqual([o.kind, o.reason, "httpStatus" in o], ["unknown", "HTTP_STATUS", false]);
  const ok = await client(antom((b) => ({ body: payAnswer(b.paymentRequestId) }))).pay(validRequest());
  assert.equal("httpStatus" in ok, false);
});

test("a refund of zero is refused at validation with its path", () => {
  const zero = { refundRequestId: "RF-1", paymentId: "P1", refundAmount: { currency: "JPY", value: "0" } };
  assert.throws(
    () => A.prepareRequest("refund", zero, { clientId: CLIENT_ID, gateway: "asia" }),
    (e) => e.code === "INVALID_REQUEST" && JSON.stringify(e.issues.map((i) => [i.path, i.code])) === JSON.stringify([["refundAmount.value", "OUT_OF_RANGE"]]),
  );
});
