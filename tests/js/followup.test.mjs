// inquiryPayment, cancel and notifyPayment through the package.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as A from "antom-checkout";
import { vec, nodeSigns, CLIENT_ID } from "./helpers.mjs";

const verify = A.webCryptoVerifier(vec("keys/antom_sim_public.pem"));
const head = Object.fromEntries(vec("04_notify_payment/http_request_head.txt").split("\r\n").slice(1).filter(Boolean).map((l) => l.split(": ")));
const body = vec("04_notify_payment/body.json");
const at = Date.parse("2025-01-01T12:01:30+09:00");

test("vector 04: a genuine notification is accepted and acknowledged exactly", async () => {
  const r = await A.handleNotification({ path: "/antom/notify", headers: head, body }, { clientId: CLIENT_ID, verify, now: () => at + 5000 });
  assert.equal(r.accepted, true);
  assert.equal(r.notification.kind, "paid");
  assert.equal(r.notification.paymentRequestId, "PR20250101120000JP0001");
  assert.deepEqual([r.ack.status, r.ack.body], [200, vec("04_notify_payment/ack_body.json")]);
  assert.equal(A.NOTIFICATION_ACK, vec("04_notify_payment/ack_body.json"));
  // The same as a Fetch Request (how a Worker receives it).
  const req = new Request("https://merchant.example.com/antom/notify", { method: "POST", headers: head, body });
  assert.equal((await A.handleNotification(req, { clientId: CLIENT_ID, verify, now: () => at })).accepted, true);
});

test("forged, replayed, misaddressed and unsigned notifications are refused", async () => {
  const opts = { clientId: CLIENT_ID, verify, now: () => at };
  const cases = [
    [{ path: "/antom/notify", headers: head, body: body.replace("1200", "120000") }, opts, "SIGNATURE_INVALID"],
    [{ path: "/other/path", headers: head, body }, opts, "SIGNATURE_INVALID"],
    [{ path: "/antom/notify", headers: head, body }, { ...opts, now: () => at + 26 * 3_600_000 }, "STALE"],
    [{ path: "/antom/notify", headers: head, body }, { ...opts, now: () => at + 11 * 60_000, toleranceMs: 600_000 }, "STALE"],
    [{ path: "/antom/notify", headers: head, body }, { ...opts, clientId: "SOMEONE_ELSE" }, "WRONG_CLIENT_ID"],
    [{ path: "/antom/notify", headers: { ...head, Signature: undefined }, body }, opts, "UNSIGNED"],
    [{ path: "/antom/notify", headers: head, body }, { ...opts, verify: async () => { throw new Error("x"); } }, "VERIFIER_FAILED"],
    [{ path: "/antom/notify", headers: head, body }, { ...opts, verify: async () => "true" }, "SIGNATURE_INVALID"],
  ];
  for (const [req, o, reason] of cases) {
    const r = await A.handleNotification(req, o);
    assert.equal(r.accepted, false, reason);
    assert.equal(r.reason, reason);
    assert.notEqual(r.ack.status, 200);
  }
  // A notification signed with the merchant's key (not Antom's) is forged.
  const time = String(at);
  const forged = nodeSigns(vec("keys/merchant_private_pkcs8.pem"), `POST /antom/notify\n${CLIENT_ID}.${time}.${body}`);
  const r = await A.handleNotification({ path: "/antom/notify", headers: { "client-id": CLIENT_ID, "request-time": time, signature: `signature=${encodeURIComponent(forged)}` }, body }, opts);
  assert.deepEqual([r.accepted, r.reason], [false, "SIGNATURE_INVALID"]);
  await assert.rejects(A.handleNotification({ path: "/", headers: {}, body: "" }, { clientId: CLIENT_ID }), { code: "INVALID_CONFIG" });
  for (const bad of [{ toleranceMs: 500 }, { toleranceMs: 49 * 3_600_000 }, { toleranceMs: 1.5e6 + 0.5 }, { tolerance: 5 }]) {
    await assert.rejects(A.handleNotification({ path: "/antom/notify", headers: head, body }, { ...opts, ...bad }), { code: "INVALID_CONFIG" }, JSON.stringify(bad));
  }
});

test("Antom's resends: a notification signed 3 hours ago is accepted by default, up to 25 hours", async () => {
  const opts = { clientId: CLIENT_ID, verify };
  for (const late of [3 * 3_600_000, 24 * 3_600_000 + 22 * 60_000, -4 * 60_000]) {
    const r = await A.handleNotification({ path: "/antom/notify", headers: head, body }, { ...opts, now: () => at + late });
    assert.equal(r.accepted, true, `${late} ms`);
  }
  const r = await A.handleNotification({ path: "/antom/notify", headers: head, body }, { ...opts, now: () => at + 25 * 3_600_000 + 1000 });
  assert.deepEqual([r.accepted, r.reason], [false, "STALE"]);
});

test("a notify URL with a query string: signed over the path with its query, or over the bare path, both accepted there", async () => {
  const time = String(at);
  const antomKey = vec("keys/antom_sim_private_pkcs8.pem");
  const signed = (path) => ({ "client-id": CLIENT_ID, "request-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(nodeSigns(antomKey, `POST ${path}\n${CLIENT_ID}.${time}.${body}`))}` });
  const opts = { clientId: CLIENT_ID, verify, now: () => at };
  for (const over of ["/antom/notify?store=7", "/antom/notify"]) {
    const req = new Request("https://merchant.example.com/antom/notify?store=7", { method: "POST", headers: signed(over), body });
    const r = await A.handleNotification(req, opts);
    assert.equal(r.accepted, true, `signed over ${over}`);
    assert.equal((await A.handleNotification({ path: "/antom/notify?store=7", headers: signed(over), body }, opts)).accepted, true);
  }
  // Over another query, or another path: refused.
  for (const over of ["/antom/notify?store=8", "/antom/other?store=7"]) {
    const r = await A.handleNotification({ path: "/antom/notify?store=7", headers: signed(over), body }, opts);
    assert.deepEqual([r.accepted, r.reason], [false, "SIGNATURE_INVALID"], over);
  }
  // Without a query, only the bare path verifies.
  const r = await A.handleNotification({ path: "/antom/notify", headers: signed("/antom/notify?store=7"), body }, opts);
  assert.deepEqual([r.accepted, r.reason], [false, "SIGNATURE_INVALID"]);
});

test("inquiry and cancel: requests and outcomes", () => {
  const cfg = { clientId: CLIENT_ID, gateway: "asia", requestTime: "1735700400123" };
  const q = A.prepareInquiry({ paymentRequestId: "PR1" }, cfg);
  assert.equal(q.contentToSign, `POST /ams/api/v1/payments/inquiryPayment\n${CLIENT_ID}.1735700400123.{"paymentRequestId":"PR1"}`);
  assert.equal(A.prepareCancel({ paymentId: "P1" }, cfg).url, "https://open-sea-global.alipay.com/ams/api/v1/payments/cancel");
  assert.throws(() => A.prepareInquiry({}, cfg), { code: "INVALID_REQUEST" });
  const ok = (status) => ({ status: 200, body: JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentStatus: status }) });
  assert.deepEqual(["SUCCESS", "FAIL", "PROCESSING", "CANCELLED"].map((s) => A.interpretInquiryResponse(ok(s)).kind), ["paid", "failed", "processing", "cancelled"]);
  assert.equal(A.interpretInquiryResponse({ status: 200, body: '{"result":{"resultStatus":"F","resultCode":"ORDER_NOT_EXIST"}}' }).kind, "notFound");
  assert.equal(A.interpretCancelResponse({ status: 200, body: '{"result":{"resultStatus":"S","resultCode":"SUCCESS"}}' }).kind, "cancelled");
  assert.equal(A.interpretCancelResponse({ status: 500, body: "" }).kind, "unknown");
});

test("hostile headers in a notification are a typed error, never a raw one (found by the hostile run)", async () => {
  const trap = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
  await assert.rejects(
    A.handleNotification({ path: "/antom/notify", headers: trap, body }, { clientId: CLIENT_ID, verify }),
    (e) => A.isAntomCheckoutError(e) && e.code === "INVALID_ARGUMENT" && e.cause instanceof Error,
  );
});
