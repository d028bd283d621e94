// Refunds end to end through the package from Node against the local stand-in (which checks
// every request's signature with node:crypto and keeps its own books): partial and repeated
// refunds up to the paid amount, idempotency on refundRequestId, refusals, a lost answer resent
// with the byte-identical body, a refund in progress resolved by inquiry.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AntomClient, webCryptoSigner, webCryptoVerifier, interpretResponse, AntomCheckoutError } from "antom-checkout";
import { startStandIn } from "../../examples/stand-in/antom-stand-in.mjs";
import { vec, validRequest, CLIENT_ID } from "./helpers.mjs";

let antom;
before(async () => {
  antom = await startStandIn({ notifyDelaysMs: [] });
});
after(() => antom?.close());

const client = (extra = {}) =>
  new AntomClient({
    clientId: CLIENT_ID,
    gateway: antom.url,
    sign: webCryptoSigner(vec("keys/merchant_private_pkcs8.pem")),
    verify: webCryptoVerifier(vec("keys/antom_sim_public.pem")),
    retry: { maxAttempts: 3, delayMs: 10 },
    timeoutMs: 1000,
    ...extra,
  });
const control = (path, body) => fetch(`${antom.url}/__control/${path}`, { method: "POST", body: JSON.stringify(body) });
const standInState = async () => (await fetch(`${antom.url}/__control/state`)).json();

/** A payment the shopper confirmed: its paymentId. */
async function paid(c, id, value = "1200") {
  const o = await c.pay(validRequest({ paymentRequestId: id, paymentAmount: { currency: "JPY", value } }));
  assert.equal(o.kind, "redirect");
  await fetch(`${o.redirect.redirectUrl}/confirm`, { method: "POST", redirect: "manual" });
  assert.equal((await c.inquirePayment({ paymentRequestId: id })).kind, "paid");
  return o.paymentId;
}
const refundOf = (refundRequestId, paymentId, value, extra = {}) => ({ refundRequestId, paymentId, refundAmount: { currency: "JPY", value }, ...extra });

test("partial and repeated refunds up to the paid amount, then REFUND_AMOUNT_EXCEED", async () => {
  const c = client();
  const paymentId = await paid(c, "RF-PAY-1");
  const first = await c.refund(refundOf("RF-1a", paymentId, "200", { refundReason: "one coffee returned" }));
  assert.deepEqual([first.kind, first.action, first.refundRequestId, first.refundAmount.value], ["refunded", "recordRefund", "RF-1a", "200"]);
  assert.ok(first.refundId && first.refundTime);
  const again = await c.refund(refundOf("RF-1a", paymentId, "200", { refundReason: "one coffee returned" }));
  assert.deepEqual([again.kind, again.refundId], ["refunded", first.refundId], "a repeat is the same refund");
  assert.equal((await c.refund(refundOf("RF-1b", paymentId, "1000"))).kind, "refunded");
  const over = await c.refund(refundOf("RF-1c", paymentId, "1"));
  assert.deepEqual([over.kind, over.resultCode, over.action], ["failed", "REFUND_AMOUNT_EXCEED", "fixRequest"]);
  const { refunds } = await standInState();
  assert.deepEqual(refunds.filter((r) => r.paymentId === paymentId).map((r) => r.amount.value), ["200", "1000"]);
});

test("a reused refundRequestId with another body is REPEAT_REQ_INCONSISTENT; unknown and unpaid payments are refused", async () => {
  const c = client();
  const paymentId = await paid(c, "RF-PAY-2");
  assert.equal((await c.refund(refundOf("RF-2a", paymentId, "100"))).kind, "refunded");
  const changed = await c.refund(refundOf("RF-2a", paymentId, "300"));
  assert.deepEqual([changed.kind, changed.resultCode, changed.action], ["failed", "REPEAT_REQ_INCONSISTENT", "fixRequest"]);
  const nobody = await c.refund(refundOf("RF-2b", "NO-SUCH-PAYMENT", "100"));
  assert.deepEqual([nobody.kind, nobody.resultCode], ["failed", "ORDER_NOT_EXIST"]);
  const unpaid = await c.pay(validRequest({ paymentRequestId: "RF-PAY-2u" }));
  const early = await c.refund(refundOf("RF-2c", unpaid.paymentId, "100"));
  assert.deepEqual([early.kind, early.resultCode, early.action], ["failed", "ORDER_STATUS_INVALID", "inquirePayment"]);
});

test("a lost answer is resent with the same refundRequestId and the byte-identical body; one refund at Antom", async () => {
  const c = client();
  const paymentId = await paid(c, "RF-PAY-3");
  await control("next", { refundRequestId: "RF-3a", steps: [{ drop: true }, { status: "U" }] });
  const o = await c.refund(refundOf("RF-3a", paymentId, "500"));
  assert.deepEqual([o.kind, o.attempts, o.refundRequestId], ["refunded", 3, "RF-3a"]);
  const s = await standInState();
  const bodies = s.refundBodies["RF-3a"];
  assert.equal(bodies.length, 3);
  assert.ok(bodies.every((b) => b === bodies[0]), "every attempt sent the same bytes");
  assert.equal(s.refunds.filter((r) => r.refundRequestId === "RF-3a").length, 1);
});

test("a refund still unknown after every attempt says: inquire with the same refundRequestId", async () => {
  const c = client({ retry: { maxAttempts: 2, delayMs: 10 } });
  const paymentId = await paid(c, "RF-PAY-4");
  await control("next", { refundRequestId: "RF-4a", steps: [{ drop: true }, { drop: true }] });
  const o = await c.refund(refundOf("RF-4a", paymentId, "100"));
  assert.deepEqual([o.kind, o.action, o.refundRequestId, o.attempts], ["unknown", "inquireRefund", "RF-4a", 2]);
  assert.match(o.advice, /refundRequestId/);
});

test("REFUND_IN_PROCESS is processing; the refund's state is read by interpreting inquiryRefund's answer", async () => {
  const c = client();
  const paymentId = await paid(c, "RF-PAY-5");
  await control("next", { refundRequestId: "RF-5a", steps: [{ processing: true }] });
  const o = await c.refund(refundOf("RF-5a", paymentId, "100"));
  assert.deepEqual([o.kind, o.action, o.resultCode], ["processing", "inquireRefund", "REFUND_IN_PROCESS"]);
  // The raw answer of a refund, read without the client.
  const raw = { status: 200, body: JSON.stringify({ result: { resultStatus: "F", resultCode: "REFUND_WINDOW_EXCEED", resultMessage: "x" } }) };
  assert.deepEqual(Object.values((({ kind, action }) => ({ kind, action }))(interpretResponse("refund", raw))), ["failed", "contactSupport"]);
  assert.throws(() => interpretResponse("refundEverything", raw), (e) => e instanceof AntomCheckoutError && e.code === "INVALID_ARGUMENT");
});

test("an invalid refund throws INVALID_REQUEST with every issue's path, and nothing is sent", async () => {
  const c = client();
  const before = (await standInState()).calls.length;
  await assert.rejects(c.refund({ paymentId: "P", refundAmount: { currency: "JPY", value: "0" }, refundReason: "x".repeat(257) }), (e) => {
    assert.equal(e.code, "INVALID_REQUEST");
    assert.deepEqual(e.issues.map((i) => i.path).sort(), ["refundAmount.value", "refundReason", "refundRequestId"]);
    return true;
  });
  assert.equal((await standInState()).calls.length, before);
});

test("inquireRefund: refunded after processing, notFound for a refund that never arrived (then resend it)", async () => {
  const c = client();
  const paymentId = await paid(c, "RF-PAY-6");
  await control("next", { refundRequestId: "RF-6a", steps: [{ processing: true }] });
  assert.equal((await c.refund(refundOf("RF-6a", paymentId, "300"))).kind, "processing");
  const later = await c.inquireRefund({ refundRequestId: "RF-6a" });
  assert.deepEqual([later.kind, later.action, later.refundStatus, later.refundAmount.value], ["processing", "inquireRefund", "PROCESSING", "300"]);
  const settled = await c.inquireRefund({ refundId: later.refundId });
  assert.deepEqual([settled.kind, settled.refundStatus], ["refunded", "SUCCESS"]);
  // A refund whose every send was lost: Antom never saw it.
  await control("next", { refundRequestId: "RF-6b", steps: [{ drop: true }, { drop: true }, { drop: true }] });
  const lost = await c.refund(refundOf("RF-6b", paymentId, "100"));
  assert.equal(lost.kind, "unknown");
  const absent = await c.inquireRefund({ refundRequestId: "RF-6b" });
  assert.deepEqual([absent.kind, absent.action], ["notFound", "resendRefund"]);
  const resent = await c.refund(refundOf("RF-6b", paymentId, "100"));
  assert.equal(resent.kind, "refunded");
  await assert.rejects(c.inquireRefund({}), (e) => e.code === "INVALID_REQUEST" && e.issues[0].path === "refundRequestId");
});

test("prepareRequest: a refund prepared without the client, signed by node:crypto and sent by hand, is refunded once", async () => {
  const { prepareRequest, signatureHeader, parseSignatureHeader, contentToVerify } = await import("antom-checkout");
  const { sign, verify, createPublicKey } = await import("node:crypto");
  const c = client();
  const paymentId = await paid(c, "RF-PAY-7");
  const p = prepareRequest("refund", refundOf("RF-7a", paymentId, "250"), { clientId: CLIENT_ID, gateway: antom.url });
  assert.equal(p.refundRequestId, "RF-7a");
  assert.equal(p.paymentRequestId, undefined);
  assert.equal(p.path, "/ams/api/v1/payments/refund");
  assert.equal(p.contentToSign, `POST ${p.path}\n${CLIENT_ID}.${p.requestTime}.${p.body}`);
  const sig = sign("sha256", Buffer.from(p.contentToSign), vec("keys/merchant_private_pkcs8.pem")).toString("base64");
  const res = await fetch(p.url, { method: "POST", headers: { ...p.headers, Signature: signatureHeader(sig, "1") }, body: p.body });
  const body = await res.text();
  // Antom's answer verified with node:crypto over the library's content to verify.
  const antomSig = parseSignatureHeader(res.headers.get("signature")).signature;
  const content = contentToVerify({ path: p.path, clientId: CLIENT_ID, time: res.headers.get("response-time"), body });
  assert.ok(verify("sha256", Buffer.from(content), createPublicKey(vec("keys/antom_sim_public.pem")), Buffer.from(antomSig, "base64")));
  const o = (await import("antom-checkout")).interpretResponse("refund", { status: res.status, body });
  assert.deepEqual([o.kind, o.refundRequestId, o.refundAmount.value], ["refunded", "RF-7a", "250"]);
  assert.equal((await standInState()).refunds.filter((r) => r.refundRequestId === "RF-7a").length, 1);
  assert.throws(() => prepareRequest("refund", { refundRequestId: "RF-7b" }, { clientId: CLIENT_ID, gateway: antom.url }), (e) => e.code === "INVALID_REQUEST" && e.issues.length === 2);
});
