// The local Antom stand-in judged on its own, through the package from Node: what the Worker
// never provokes (key fields changed under one id, a wrong key, illegal parameters, resends).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { generateKeyPairSync, sign as nodeSign } from "node:crypto";
import { AntomClient, webCryptoSigner, webCryptoVerifier, signatureHeader } from "antom-checkout";
import { startStandIn } from "../../examples/stand-in/antom-stand-in.mjs";
import { vec, validRequest, CLIENT_ID } from "./helpers.mjs";

let antom;
let notifyServer;
const received = [];
before(async () => {
  // A merchant notify endpoint that refuses the first delivery, then acknowledges.
  notifyServer = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      if (received.length === 1) return res.writeHead(500).end("busy");
      res.writeHead(200, { "content-type": "application/json" }).end('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}');
    });
  });
  await new Promise((r) => notifyServer.listen(0, "127.0.0.1", r));
  antom = await startStandIn({ notifyDelaysMs: [0, 100, 200, 400] });
});
after(async () => {
  await antom?.close();
  await new Promise((r) => notifyServer.close(r));
});

const verify = webCryptoVerifier(vec("keys/antom_sim_public.pem"));
const client = (sign = webCryptoSigner(vec("keys/merchant_private_pkcs8.pem")), extra = {}) =>
  new AntomClient({ clientId: CLIENT_ID, gateway: antom.url, sign, verify, retry: { maxAttempts: 1 }, ...extra });

test("a repeat is idempotent; changed key fields under one id are REPEAT_REQ_INCONSISTENT", async () => {
  const c = client();
  const a = await c.pay(validRequest({ paymentRequestId: "SI-REPEAT-1" }));
  const b = await c.pay(validRequest({ paymentRequestId: "SI-REPEAT-1" }));
  assert.equal(a.kind, "redirect");
  assert.equal(b.paymentId, a.paymentId);
  const changed = validRequest({ paymentRequestId: "SI-REPEAT-1", paymentAmount: { currency: "JPY", value: "1300" } });
  const o = await c.pay(changed);
  assert.deepEqual([o.kind, o.resultCode, o.action], ["failed", "REPEAT_REQ_INCONSISTENT", "fixRequest"]);
});

test("a request signed with the wrong key gets an unsigned INVALID_SIGNATURE", async () => {
  const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" });
  const strict = await client(webCryptoSigner(stranger)).pay(validRequest({ paymentRequestId: "SI-KEY-1" }));
  assert.deepEqual([strict.kind, strict.reason, strict.unverified.resultCode], ["unknown", "SIGNATURE_MISSING", "INVALID_SIGNATURE"]);
  const lenient = await client(webCryptoSigner(stranger), { acceptUnsignedFailures: true }).pay(validRequest({ paymentRequestId: "SI-KEY-2" }));
  assert.deepEqual([lenient.kind, lenient.action], ["failed", "fixConfiguration"]);
});

test("illegal parameters (a number where Antom wants a string) are PARAM_ILLEGAL", async () => {
  const body = JSON.stringify({ ...validRequest({ paymentRequestId: "SI-PARAM-1" }), productCode: "IN_STORE_PAYMENT", paymentMethod: { paymentMethodType: "CONNECT_WALLET" }, paymentFactor: { inStorePaymentScenario: "EntryCode" }, paymentAmount: { currency: "JPY", value: 1200 } });
  const time = String(Date.now());
  const sig = nodeSign("sha256", Buffer.from(`POST /ams/api/v1/payments/pay\n${CLIENT_ID}.${time}.${body}`), vec("keys/merchant_private_pkcs8.pem")).toString("base64");
  const r = await fetch(`${antom.url}/ams/api/v1/payments/pay`, { method: "POST", headers: { "content-type": "application/json; charset=UTF-8", "client-id": CLIENT_ID, "request-time": time, signature: signatureHeader(sig, "1") }, body });
  const answer = await r.json();
  assert.deepEqual([answer.result.resultStatus, answer.result.resultCode], ["F", "PARAM_ILLEGAL"]);
  assert.match(answer.result.resultMessage, /paymentAmount\.value/);
});

test("notifications are signed, resent until acknowledged, and inquiry and cancel answer", async () => {
  const c = client();
  const notifyUrl = `http://127.0.0.1:${notifyServer.address().port}/antom/notify`;
  const o = await c.pay(validRequest({ paymentRequestId: "SI-NOTIFY-1", paymentNotifyUrl: notifyUrl }));
  await fetch(`${o.redirect.redirectUrl}/confirm`, { method: "POST", redirect: "manual" });
  for (let i = 0; i < 50 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(received.length, 2, "resent once after the refused delivery, then acknowledged");
  assert.equal(received[0].body, received[1].body);
  const { createPublicKey, verify: nodeVerify } = await import("node:crypto");
  const h = received[1].headers;
  const sig = decodeURIComponent(/signature=([^,]+)/.exec(h.signature)[1]);
  assert.ok(nodeVerify("sha256", Buffer.from(`POST /antom/notify\n${h["client-id"]}.${h["request-time"]}.${received[1].body}`), createPublicKey(vec("keys/antom_sim_public.pem")), Buffer.from(sig, "base64")));
  assert.equal((await c.inquirePayment({ paymentRequestId: "SI-NOTIFY-1" })).kind, "paid");
  assert.equal((await c.inquirePayment({ paymentRequestId: "SI-NOBODY" })).kind, "notFound");
  assert.equal((await c.cancel({ paymentId: o.paymentId })).kind, "cancelled");
  assert.equal((await c.inquirePayment({ paymentId: o.paymentId })).kind, "cancelled");
});
