// A local stand-in for Antom's gateway, for the demo and the tests. Node only, no dependencies,
// 127.0.0.1 only. It is written from Antom's documents, independently of the library: it checks
// request signatures with the merchant's public key, validates like Antom (PARAM_ILLEGAL), keeps
// idempotency per paymentRequestId, signs its answers with its own key, serves a wallet page
// where the shopper confirms or declines, sends signed notifyPayment calls (resent until
// acknowledged), and answers inquiryPayment and cancel. Refunds: partial and repeated up to
// the paid amount, idempotent per refundRequestId (REPEAT_REQ_INCONSISTENT for a reused id with
// another body), refused for unknown or unpaid payments; inquiryRefund answers their state.
// Faults can be scripted per payment and per refund.
//
//   node examples/stand-in/antom-stand-in.mjs [--port 8788]
//
// Control (for tests): POST /__control/next  {"steps":[...]} applies to the next new payment
// (or {"paymentRequestId":..., "steps":[...]}; {"api":"refund","steps":[...]} for the next new
// refund, {"refundRequestId":...,"steps":[...]} for one); POST /__control/inquiry {"paymentRequestId","code"}
// answers that payment's next inquiry F ({"paymentRequestId","stale":"PROCESSING"}: answers it S with
// that status whatever the payment's, as an inquiry lagging behind the payment); POST /__control/cancel {"paymentRequestId","code"} answers
// its next cancel F (default CANCEL_WINDOW_EXCEED); GET /__control/state; POST /__control/reset.
// Steps, one per pay call: {"status":"U","code":"UNKNOWN_EXCEPTION"}, {"status":"F","code":"RISK_REJECT"},
// {"delayMs":3000}, {"unsigned":true}, {"tamper":true}, {"http":502}, {"drop":true}, {"garbage":true},
// {"halfBody":true}, {"wrongKey":true}, {"status":"F","keep":true} (answered F, yet the payment is
// created and payable: an answer Antom's own ledger contradicts); for refunds also {"processing":true} (answered U
// REFUND_IN_PROCESS; the refund succeeds by its next inquiry).
//
// A slow network to Antom (holds), for interleaving tests:
//   POST /__control/hold {"api":"pay"|"inquiryPayment"|"cancel"|"refund"|"inquiryRefund",
//        "paymentRequestId"?, "refundRequestId"?, "stage":"request"|"answer", "count"?:1} -> {holdId}
//     The next `count` calls of that api (for that id, if given; a cancel or refund naming only
//     the paymentId matches its payment's paymentRequestId) are held. Stage "request": the call
//     is not processed until released (it reaches Antom late). Stage "answer": processed at once,
//     its answer withheld until released. A held call the caller gave up on is still processed
//     when released (stage "request"): Antom saw it, late.
//   GET  /__control/held -> [{holdId, callId, api, paymentRequestId, refundRequestId, stage, since}]
//   POST /__control/release {"holdId"?, "callId"?, "drop"?:true, "disarm"?:true} -> {released:[callId]}
//     Releases the matching held calls (no holdId/callId: all of them). drop: the connection is
//     closed without an answer (stage "request": the call is then never processed). disarm: the
//     hold's remaining count is cleared too, so no further calls are held by it.
// Antom's news:
//   POST /__control/notify {"paymentRequestId", "override"?: {...}} sends a signed notifyPayment for a
//     known payment (its current state), with `override`'s fields merged into the body (e.g.
//     paymentAmount, paymentId, result); {"body": {...}, "notifyUrl": "..."} sends any body.
//     Resent like Antom's until acknowledged (notifyDelaysMs). Answers {ok, index, series}: the
//     ledger's notifications[index] is the first send; every resend carries the same series.
// Ledger: GET /__control/state[?order=<referenceOrderId>&...] (only what belongs to those orders):
//   payments [{paymentRequestId, referenceOrderId, amount, paymentId, status (PROCESSING, SUCCESS,
//     FAIL, CANCELLED), resultCode, expiresAt (ms), expiry (as sent), createdAt, paidAt?, closedAt?,
//     cancelledAt?, cancelledAfterSuccess?, cancels [{at, statusBefore}], history [{at, event, status}]}],
//   bodies {paymentRequestId: [raw]}, refunds, refundBodies {refundRequestId: [raw]}, refundOrders
//   {refundRequestId: paymentRequestId}, confirmations {referenceOrderId: n}, notifications [{index,
//   series, kind (wallet|control|override|custom), paymentRequestId, attempt, at, notifyUrl, body,
//   acked, status?, error?, gaveUp?}], calls [{callId, api, at, processedAt?, releasedAt?,
//   paymentRequestId, refundRequestId, hold?, stage?, dropped?, httpStatus?, resultStatus?,
//   resultCode?, paymentStatus?, refundStatus?, fault?}], holds, held, config, now.
//   POST /__control/config {"closeAfterExpiryMs"?, "walletAfterExpiry"?, "notifyDelaysMs"?} changes them live.
// Semantics: cancelling a PROCESSING payment makes it CANCELLED; cancelling a SUCCESS one returns
// the funds (CANCELLED, `cancelledAfterSuccess: true`); cancelling a FAIL one answers S and leaves
// it FAIL (recorded in `cancels`). The wallet confirms or declines only a PROCESSING payment, and
// (unless `walletAfterExpiry: true`) only until its paymentExpiryTime. A payment still PROCESSING
// at its expiry + closeAfterExpiryMs (an option, default 60 s) closes as FAIL ORDER_IS_CLOSED.
import { createServer } from "node:http";
import { createPrivateKey, createPublicKey, sign, verify, randomBytes, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const KEYS = new URL("../../tests/vectors/keys/", import.meta.url);

/** Starts the stand-in; resolves to { url, port, state, close() }. */
export async function startStandIn(options = {}) {
  const cfg = {
    port: 0,
    clientId: "TEST_5X00000000000000",
    merchantPublicKey: readFileSync(new URL("merchant_public.pem", KEYS), "utf8"),
    antomPrivateKey: readFileSync(new URL("antom_sim_private_pkcs8.pem", KEYS), "utf8"),
    notifyDelaysMs: [0, 300, 1000, 2000, 4000, 8000, 15000, 30000],
    // How long after paymentExpiryTime an unpaid payment stays PROCESSING before it is closed.
    closeAfterExpiryMs: 60_000,
    // Whether the wallet still lets the shopper confirm or decline after paymentExpiryTime.
    walletAfterExpiry: false,
    log: () => {},
    ...options,
  };
  const merchantKey = createPublicKey(cfg.merchantPublicKey);
  const antomKey = createPrivateKey(cfg.antomPrivateKey);
  const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const state = {
    payments: new Map(), // paymentRequestId -> payment
    byPaymentId: new Map(),
    bodies: new Map(), // paymentRequestId -> [raw bodies received]
    confirmations: new Map(), // referenceOrderId (or paymentRequestId) -> count of confirmed payments
    notifications: [], // { paymentRequestId, attempt, status, acked }
    scripts: new Map(),
    nextScript: null,
    nextInquiries: new Map(), // paymentRequestId -> the next inquiry's answer: F with this resultCode, or { stale } status
    cancelRefusals: new Map(), // paymentRequestId -> resultCode of the next cancel answered F
    refunds: new Map(), // refundRequestId -> refund
    refundBodies: new Map(), // refundRequestId -> [raw bodies received]
    refundPayments: new Map(), // refundRequestId -> paymentRequestId of the payment it named (refused ones too)
    nextRefundScript: null,
    calls: [],
    holds: [], // { holdId, api, paymentRequestId?, refundRequestId?, stage, count, remaining }
    held: new Map(), // callId -> { holdId, callId, api, paymentRequestId, refundRequestId, stage, since, release(drop) }
  };
  let callSeq = 0;
  let holdSeq = 0;
  let notifySeq = 0;
  const now = () => Date.now();
  const iso = (ms = Date.now()) => new Date(ms).toISOString().replace("Z", "+00:00");
  const mark = (p, event) => p.history.push({ at: now(), event, status: p.status });
  const timers = new Set();
  const later = (ms, fn) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  let base = "";

  function signed(res, path, status, bodyText, step = {}) {
    if (res.__call) {
      try {
        const a = JSON.parse(bodyText);
        Object.assign(res.__call, { httpStatus: status, resultStatus: a?.result?.resultStatus, resultCode: a?.result?.resultCode, paymentStatus: a?.paymentStatus, refundStatus: a?.refundStatus });
      } catch {}
      if (step.unsigned || step.wrongKey || step.tamper || step.halfBody) res.__call.fault = Object.keys(step).join(",");
    }
    const headers = { "content-type": "application/json; charset=UTF-8" };
    let body = bodyText;
    if (!step.unsigned) {
      const time = new Date().toISOString().replace("Z", "+00:00");
      const key = step.wrongKey ? strangerKey : antomKey;
      const sig = sign("sha256", Buffer.from(`POST ${path}\n${cfg.clientId}.${time}.${bodyText}`), key).toString("base64");
      Object.assign(headers, { "client-id": cfg.clientId, "response-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}` });
      if (step.tamper) body = body.replace(/"value":"(\d+)"/, (_, v) => `"value":"${Number(v) + 1}"`).replace("/wallet/", "/wallet-evil/");
    }
    if (step.halfBody) {
      res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      return res.destroy();
    }
    res.writeHead(status, headers);
    res.end(body);
  }

  const result = (status, code, message) => ({ resultStatus: status, resultCode: code, resultMessage: message ?? code.toLowerCase().replaceAll("_", " ") });

  /** Checks the merchant's request signature; returns an error code or null. */
  function checkSignature(req, path, raw) {
    const clientId = req.headers["client-id"];
    const time = req.headers["request-time"];
    const header = req.headers.signature ?? "";
    if (clientId !== cfg.clientId) return "CLIENT_INVALID";
    const m = /(?:^|,)\s*signature=([^,]+)/i.exec(header);
    if (!time || !m) return "INVALID_SIGNATURE";
    let sig;
    try {
      sig = Buffer.from(decodeURIComponent(m[1]), "base64");
    } catch {
      return "INVALID_SIGNATURE";
    }
    const ok = verify("sha256", Buffer.from(`POST ${path}\n${clientId}.${time}.${raw}`), merchantKey, sig);
    return ok ? null : "INVALID_SIGNATURE";
  }

  /** Antom's validation, restated: every scalar a string, required fields, Entry Code constants. */
  function paramProblem(b) {
    const scalarsAreStrings = (v, path) => {
      if (Array.isArray(v)) return v.map((x, i) => scalarsAreStrings(x, `${path}[${i}]`)).find(Boolean);
      if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => scalarsAreStrings(x, path ? `${path}.${k}` : k)).find(Boolean);
      return typeof v === "string" ? null : `${path} must be a string`;
    };
    const bad = scalarsAreStrings(b, "");
    if (bad) return bad;
    const need = ["productCode", "paymentRequestId", "order.orderDescription", "order.orderAmount.currency", "order.orderAmount.value", "order.merchant.referenceMerchantId",
      "order.merchant.merchantMCC", "order.merchant.merchantName", "order.merchant.store.referenceStoreId", "order.merchant.store.storeName", "order.merchant.store.storeMCC",
      "order.env.userAgent", "paymentAmount.currency", "paymentAmount.value", "paymentMethod.paymentMethodType", "paymentNotifyUrl"];
    for (const p of need) {
      const v = p.split(".").reduce((o, k) => (o == null ? undefined : o[k]), b);
      if (typeof v !== "string" || v === "") return `${p} is required`;
    }
    if (b.productCode !== "IN_STORE_PAYMENT") return "productCode";
    if (b.paymentMethod.paymentMethodType !== "CONNECT_WALLET") return "paymentMethodType";
    if (b.paymentFactor?.inStorePaymentScenario !== "EntryCode") return "inStorePaymentScenario";
    if (b.paymentRequestId.length > 64) return "paymentRequestId too long";
    if (!/^\d{1,16}$/.test(b.paymentAmount.value) || !/^[A-Z]{3}$/.test(b.paymentAmount.currency)) return "paymentAmount";
    if (!/^https?:\/\/[^\s]+$/.test(b.paymentNotifyUrl)) return "paymentNotifyUrl";
    return null;
  }

  function nextStep(id, isNew, slot = "nextScript") {
    if (isNew && state[slot] && !state.scripts.has(id)) {
      state.scripts.set(id, state[slot]);
      state[slot] = null;
    }
    const steps = state.scripts.get(id);
    return steps && steps.length ? steps.shift() : {};
  }

  function expire(p) {
    if (p.status === "PROCESSING" && p.expiresAt && Date.now() > p.expiresAt + cfg.closeAfterExpiryMs) {
      p.status = "FAIL";
      p.resultCode = "ORDER_IS_CLOSED";
      p.closedAt = now();
      mark(p, "closed");
    }
  }

  /** The checks every API call gets; answers the failure itself and returns null, or the body. */
  function authenticated(req, res, path, raw) {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
      signed(res, path, 200, JSON.stringify({ result: result("F", "MEDIA_TYPE_NOT_ACCEPTABLE") }));
      return null;
    }
    const sigError = checkSignature(req, path, raw);
    if (sigError) {
      // Antom leaves INVALID_SIGNATURE answers unsigned.
      signed(res, path, 200, JSON.stringify({ result: result("F", sigError) }), { unsigned: sigError === "INVALID_SIGNATURE" });
      return null;
    }
    try {
      return JSON.parse(raw);
    } catch {
      signed(res, path, 200, JSON.stringify({ result: result("F", "PARAM_ILLEGAL", "body is not JSON") }));
      return null;
    }
  }

  /** A scripted fault (a dropped connection, an HTTP error, garbage, an F), answered here: true. */
  function fault(req, res, path, step) {
    if (res.__call && (step.drop || step.http || step.garbage)) res.__call.fault = step.drop ? "drop" : step.http ? `http${step.http}` : "garbage";
    if (step.drop) req.socket.destroy();
    else if (step.http) res.writeHead(step.http).end("bad gateway");
    else if (step.garbage) res.writeHead(200, { "content-type": "application/json" }).end("<html>oops</html>");
    else if (step.status === "F") signed(res, path, 200, JSON.stringify({ result: result("F", step.code ?? "PROCESS_FAIL") }), step);
    else return false;
    return true;
  }

  /** Sends `answer` signed as the step says, after its delay if it has one. */
  function reply(res, path, answer, step) {
    const send = () => signed(res, path, 200, JSON.stringify(answer), step);
    if (step.delayMs) later(step.delayMs, send);
    else send();
  }

  async function pay(req, res, path, raw) {
    const b = authenticated(req, res, path, raw);
    if (!b) return;
    const problem = paramProblem(b);
    if (problem) return signed(res, path, 200, JSON.stringify({ result: result("F", "PARAM_ILLEGAL", `illegal parameter: ${problem}`) }));
    const id = b.paymentRequestId;
    state.bodies.set(id, [...(state.bodies.get(id) ?? []), raw]);
    const existing = state.payments.get(id);
    const step = nextStep(id, !existing);
    cfg.log(`pay ${id} attempt ${state.bodies.get(id).length} ${JSON.stringify(step)}`);
    // An F that keeps the payment is answered once the payment exists.
    const keep = step.status === "F" && step.keep;
    if (!keep && fault(req, res, path, step)) return;
    if ((step.unsigned || step.wrongKey) && !step.status) {
      // A lie: a success Antom did not send (no payment is created, the wallet link leads
      // nowhere). Only a client that verifies signatures refuses it.
      return signed(res, path, 200, JSON.stringify({
        result: result("S", "SUCCESS", "success"),
        paymentRequestId: id,
        paymentId: `LIE${Date.now()}`,
        paymentAmount: b.paymentAmount,
        redirectActionForm: { method: "GET", redirectUrl: `${base}/wallet/LIE-${id}`, actionFormType: "RedirectActionForm" },
      }), step);
    }
    if (existing && (existing.amount.value !== b.paymentAmount.value || existing.amount.currency !== b.paymentAmount.currency)) {
      return signed(res, path, 200, JSON.stringify({ result: result("F", "REPEAT_REQ_INCONSISTENT") }));
    }
    // The payment exists from the first call that reached us, whatever the answer says.
    const p = existing ?? {
      paymentRequestId: id,
      paymentId: `2025${Date.now()}${randomBytes(4).toString("hex")}`,
      amount: b.paymentAmount,
      order: b.order.referenceOrderId ?? id,
      referenceOrderId: b.order.referenceOrderId ?? id,
      merchantName: b.order.merchant.merchantName,
      description: b.order.orderDescription,
      notifyUrl: b.paymentNotifyUrl,
      returnUrl: b.paymentRedirectUrl,
      expiresAt: b.paymentExpiryTime ? Date.parse(b.paymentExpiryTime) : Date.now() + 10 * 60_000,
      expiry: b.paymentExpiryTime,
      createTime: new Date().toISOString().replace("Z", "+00:00"),
      createdAt: now(),
      status: "PROCESSING",
      cancels: [],
      history: [],
    };
    if (!existing) {
      state.payments.set(id, p);
      state.byPaymentId.set(p.paymentId, p);
      mark(p, "created");
    }
    if (keep) return fault(req, res, path, step);
    const answer =
      step.status === "U"
        ? { result: result("U", step.code ?? "UNKNOWN_EXCEPTION") }
        : {
            result: result("S", "SUCCESS", "success"),
            paymentRequestId: id,
            paymentId: p.paymentId,
            paymentAmount: p.amount,
            paymentCreateTime: p.createTime,
            redirectActionForm: { method: "GET", redirectUrl: `${base}/wallet/${p.paymentId}`, actionFormType: "RedirectActionForm" },
          };
    reply(res, path, answer, step);
  }

  function reference(req, res, path, raw) {
    const b = authenticated(req, res, path, raw);
    if (!b) return;
    const p = (b.paymentId && state.byPaymentId.get(b.paymentId)) || state.payments.get(b.paymentRequestId);
    if (!p) return signed(res, path, 200, JSON.stringify({ result: result("F", "ORDER_NOT_EXIST") }));
    expire(p);
    const failure = path.endsWith("/inquiryPayment") && state.nextInquiries.get(p.paymentRequestId);
    if (failure?.stale) {
      state.nextInquiries.delete(p.paymentRequestId);
      mark(p, `inquiry answered stale ${failure.stale}`);
      return signed(res, path, 200, JSON.stringify({ result: result("S", "SUCCESS", "success"), paymentStatus: failure.stale, paymentRequestId: p.paymentRequestId, paymentId: p.paymentId, paymentAmount: p.amount, paymentCreateTime: p.createTime }));
    }
    if (failure) {
      state.nextInquiries.delete(p.paymentRequestId);
      mark(p, `inquiry answered F ${failure}`);
      return signed(res, path, 200, JSON.stringify({ result: result("F", failure) }));
    }
    const refusal = path.endsWith("/cancel") && state.cancelRefusals.get(p.paymentRequestId);
    if (refusal) {
      state.cancelRefusals.delete(p.paymentRequestId);
      p.cancels.push({ at: now(), statusBefore: p.status, refused: refusal });
      mark(p, `cancel answered F ${refusal}`);
      return signed(res, path, 200, JSON.stringify({ result: result("F", refusal) }));
    }
    if (path.endsWith("/cancel")) {
      p.cancels.push({ at: now(), statusBefore: p.status });
      if (p.status === "PROCESSING" || p.status === "SUCCESS") {
        // Cancelling a paid payment returns the shopper's funds: the shopper paid and was refunded.
        if (p.status === "SUCCESS") p.cancelledAfterSuccess = true;
        p.status = "CANCELLED";
        p.cancelTime = iso();
        p.cancelledAt = now();
        mark(p, "cancelled");
      } else if (!p.cancelTime) {
        p.cancelTime = iso(); // a FAIL payment stays FAIL: nothing to cancel, the answer is S
      }
      return signed(res, path, 200, JSON.stringify({ result: result("S", "SUCCESS", "success"), paymentId: p.paymentId, paymentRequestId: p.paymentRequestId, cancelTime: p.cancelTime }));
    }
    signed(res, path, 200, JSON.stringify({
      result: result("S", "SUCCESS", "success"),
      paymentStatus: p.status,
      paymentResultCode: p.resultCode ?? (p.status === "SUCCESS" ? "SUCCESS" : undefined),
      paymentRequestId: p.paymentRequestId,
      paymentId: p.paymentId,
      paymentAmount: p.amount,
      paymentCreateTime: p.createTime,
      paymentTime: p.paymentTime,
    }));
  }

  /** Antom's checks of a refund body, restated. */
  function refundProblem(b) {
    for (const k of ["refundRequestId", "paymentId"]) {
      if (typeof b[k] !== "string" || b[k] === "" || b[k].length > 64) return `${k} is required (at most 64 characters)`;
    }
    const a = b.refundAmount;
    if (!a || typeof a.currency !== "string" || typeof a.value !== "string") return "refundAmount is required";
    if (!/^[1-9]\d{0,15}$/.test(a.value) || !/^[A-Z]{3}$/.test(a.currency)) return "refundAmount";
    for (const k of ["referenceRefundId", "refundReason"]) if (b[k] !== undefined && typeof b[k] !== "string") return `${k} must be a string`;
    return null;
  }

  const refunded = (p) => [...state.refunds.values()].filter((r) => r.paymentId === p.paymentId && r.status !== "FAIL").reduce((n, r) => n + BigInt(r.amount.value), 0n);

  function refundAnswer(r) {
    return {
      result: r.status === "PROCESSING" ? result("U", "REFUND_IN_PROCESS") : result("S", "SUCCESS", "success"),
      refundRequestId: r.refundRequestId,
      refundId: r.refundId,
      paymentId: r.paymentId,
      refundAmount: r.amount,
      refundTime: r.refundTime,
    };
  }

  function refund(req, res, path, raw) {
    const b = authenticated(req, res, path, raw);
    if (!b) return;
    const problem = refundProblem(b);
    if (problem) return signed(res, path, 200, JSON.stringify({ result: result("F", "PARAM_ILLEGAL", `illegal parameter: ${problem}`) }));
    const id = b.refundRequestId;
    state.refundBodies.set(id, [...(state.refundBodies.get(id) ?? []), raw]);
    const of = state.byPaymentId.get(b.paymentId);
    if (of && !state.refundPayments.has(id)) state.refundPayments.set(id, of.paymentRequestId);
    const existing = state.refunds.get(id);
    const step = nextStep(id, !existing, "nextRefundScript");
    cfg.log(`refund ${id} attempt ${state.refundBodies.get(id).length} ${JSON.stringify(step)}`);
    if (fault(req, res, path, step)) return;
    if (existing) {
      const same = existing.paymentId === b.paymentId && existing.amount.value === b.refundAmount.value && existing.amount.currency === b.refundAmount.currency;
      if (!same) return signed(res, path, 200, JSON.stringify({ result: result("F", "REPEAT_REQ_INCONSISTENT") }));
    } else {
      const p = state.byPaymentId.get(b.paymentId);
      if (!p) return signed(res, path, 200, JSON.stringify({ result: result("F", "ORDER_NOT_EXIST") }));
      expire(p);
      if (p.status !== "SUCCESS") return signed(res, path, 200, JSON.stringify({ result: result("F", "ORDER_STATUS_INVALID") }));
      if (b.refundAmount.currency !== p.amount.currency) return signed(res, path, 200, JSON.stringify({ result: result("F", "PARAM_ILLEGAL", "refund currency differs from the payment's") }));
      if (refunded(p) + BigInt(b.refundAmount.value) > BigInt(p.amount.value)) {
        return signed(res, path, 200, JSON.stringify({ result: result("F", "REFUND_AMOUNT_EXCEED") }));
      }
      // The refund exists from the first call that reached us, whatever the answer says.
      state.refunds.set(id, {
        refundRequestId: id,
        refundId: `2025R${Date.now()}${randomBytes(4).toString("hex")}`,
        paymentId: p.paymentId,
        paymentRequestId: p.paymentRequestId,
        amount: b.refundAmount,
        reason: b.refundReason,
        status: step.processing ? "PROCESSING" : "SUCCESS",
        refundTime: step.processing ? undefined : new Date().toISOString().replace("Z", "+00:00"),
      });
    }
    const r = state.refunds.get(id);
    const answer = step.status === "U" ? { result: result("U", step.code ?? "UNKNOWN_EXCEPTION") } : refundAnswer(r);
    reply(res, path, answer, step);
  }

  function inquiryRefund(req, res, path, raw) {
    const b = authenticated(req, res, path, raw);
    if (!b) return;
    const r = (b.refundId && [...state.refunds.values()].find((x) => x.refundId === b.refundId)) || state.refunds.get(b.refundRequestId);
    if (!r) return signed(res, path, 200, JSON.stringify({ result: result("F", "REFUND_NOT_EXIST") }));
    const answer = { ...refundAnswer(r), result: result("S", "SUCCESS", "success"), refundStatus: r.status, refundReason: r.reason };
    signed(res, path, 200, JSON.stringify(answer));
    if (r.status === "PROCESSING") {
      r.status = "SUCCESS";
      r.refundTime = new Date().toISOString().replace("Z", "+00:00");
    }
  }

  /** The notifyPayment body for a payment as it stands. */
  function notificationBody(p) {
    return {
      notifyType: "PAYMENT_RESULT",
      result: p.status === "SUCCESS" ? result("S", "SUCCESS", "success") : result("F", p.resultCode ?? "PROCESS_FAIL"),
      paymentRequestId: p.paymentRequestId,
      paymentId: p.paymentId,
      paymentAmount: p.amount,
      paymentCreateTime: p.createTime,
      paymentTime: p.paymentTime,
    };
  }

  /** Sends a signed notification, resent with the same bytes until acknowledged; the record. */
  function sendNotification({ bodyText, notifyUrl, kind }, attempt = 0, series = ++notifySeq) {
    const url = new URL(notifyUrl);
    const time = new Date().toISOString().replace("Z", "+00:00");
    const sig = sign("sha256", Buffer.from(`POST ${url.pathname}\n${cfg.clientId}.${time}.${bodyText}`), antomKey).toString("base64");
    let body = null;
    try {
      body = JSON.parse(bodyText);
    } catch {}
    const record = { index: state.notifications.length, series, kind, paymentRequestId: body?.paymentRequestId, attempt: attempt + 1, at: now(), notifyUrl, body, acked: false };
    state.notifications.push(record);
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=UTF-8", "client-id": cfg.clientId, "request-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}` },
      body: bodyText,
      signal: AbortSignal.timeout(5000),
    })
      .then(async (r) => {
        const text = await r.text();
        record.status = r.status;
        try {
          record.acked = r.status === 200 && JSON.parse(text)?.result?.resultStatus === "S";
        } catch {
          record.acked = false;
        }
      })
      .catch((e) => {
        record.error = String(e?.message ?? e);
      })
      .finally(() => {
        record.doneAt = now();
        cfg.log(`notify ${record.paymentRequestId} attempt ${record.attempt} acked=${record.acked}`);
        const delay = cfg.notifyDelaysMs[attempt + 1];
        if (!record.acked && delay !== undefined && !closed) later(delay, () => sendNotification({ bodyText, notifyUrl, kind }, attempt + 1, series));
        else if (!record.acked) record.gaveUp = true;
      });
    return record;
  }

  function notify(p, { override, kind = "wallet" } = {}) {
    const body = { ...notificationBody(p), ...(override ?? {}) };
    return sendNotification({ bodyText: JSON.stringify(body), notifyUrl: p.notifyUrl, kind: override ? "override" : kind });
  }

  function walletPage(res, p, note = "") {
    const major = p.amount.currency === "JPY" || p.amount.currency === "KRW" ? p.amount.value : (Number(p.amount.value) / 100).toFixed(2);
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const actions = p.status === "PROCESSING"
      ? `<form method="post" action="/wallet/${p.paymentId}/confirm"><button id="confirm" type="submit">Pay ${esc(major)} ${esc(p.amount.currency)}</button></form>
         <form method="post" action="/wallet/${p.paymentId}/decline"><button id="decline" type="submit">Decline</button></form>`
      : `<p id="wallet-status">${esc(p.status)}</p>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Wallet (Antom stand-in)</title>
<style>body{font:16px system-ui;max-width:24rem;margin:2rem auto;padding:0 1rem}button{font-size:1.1rem;padding:.6rem 1.2rem;margin:.3rem 0;width:100%}#confirm{background:#1677ff;color:#fff;border:0;border-radius:6px}</style>
<h1>Wallet</h1><p>${esc(p.merchantName)}: ${esc(p.description)}</p><p><strong>${esc(major)} ${esc(p.amount.currency)}</strong></p>${actions}<p>${esc(note)}</p>
<p><small>Local Antom stand-in: no real money moves.</small></p>`);
  }

  function wallet(req, res, url) {
    const [, , paymentId, action] = url.pathname.split("/");
    const p = state.byPaymentId.get(paymentId);
    if (!p) return res.writeHead(404).end("no such payment");
    expire(p);
    if (req.method === "GET") return walletPage(res, p);
    const late = !cfg.walletAfterExpiry && p.expiresAt && Date.now() > p.expiresAt;
    if (p.status === "PROCESSING" && late && (action === "confirm" || action === "decline")) {
      return res.writeHead(409, { "content-type": "text/plain" }).end("this payment has expired");
    }
    if (p.status === "PROCESSING" && (action === "confirm" || action === "decline")) {
      p.status = action === "confirm" ? "SUCCESS" : "FAIL";
      p.resultCode = action === "confirm" ? "SUCCESS" : "USER_BALANCE_NOT_ENOUGH";
      p.paymentTime = new Date().toISOString().replace("Z", "+00:00");
      if (p.status === "SUCCESS") p.paidAt = now();
      mark(p, `wallet ${action}`);
      if (p.status === "SUCCESS") state.confirmations.set(p.order, (state.confirmations.get(p.order) ?? 0) + 1);
      cfg.log(`wallet ${action} ${p.paymentRequestId}`);
      notify(p);
    }
    if (p.returnUrl) return res.writeHead(303, { location: p.returnUrl }).end();
    walletPage(res, p, "You can close this page.");
  }

  function control(req, res, url, raw) {
    const json = (v) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(v));
    if (url.pathname === "/__control/state") {
      for (const p of state.payments.values()) expire(p);
      // ?order=<referenceOrderId>: only what belongs to that order (its payments, their ids,
      // refunds, notifications and calls; ids of the form <order>-... count as the order's).
      const orders = url.searchParams.getAll("order");
      const mine = (id) => {
        if (!orders.length) return true;
        if (typeof id !== "string") return false;
        const p = state.payments.get(id);
        if (p) return orders.includes(p.referenceOrderId);
        const r = state.refunds.get(id)?.paymentRequestId ?? state.refundPayments.get(id);
        if (r) return mine(r);
        return orders.some((o) => id.startsWith(`${o}-`));
      };
      const pick = (m) => Object.fromEntries([...m].filter(([k]) => mine(k)));
      return json({
        payments: [...state.payments.values()].filter((p) => mine(p.paymentRequestId)),
        bodies: pick(state.bodies),
        refunds: [...state.refunds.values()].filter((r) => mine(r.refundRequestId)),
        refundBodies: pick(state.refundBodies),
        refundOrders: pick(state.refundPayments),
        confirmations: orders.length ? Object.fromEntries([...state.confirmations].filter(([k]) => orders.includes(k))) : Object.fromEntries(state.confirmations),
        notifications: state.notifications.filter((n) => mine(n.paymentRequestId)),
        calls: state.calls.filter((c) => !orders.length || mine(c.paymentRequestId) || mine(c.refundRequestId)),
        holds: state.holds.filter((h) => !orders.length || mine(h.paymentRequestId) || mine(h.refundRequestId)),
        held: [...state.held.values()].map(({ release, ...h }) => h).filter((h) => !orders.length || mine(h.paymentRequestId) || mine(h.refundRequestId)),
        config: { closeAfterExpiryMs: cfg.closeAfterExpiryMs, walletAfterExpiry: cfg.walletAfterExpiry },
        now: now(),
      });
    }
    if (url.pathname === "/__control/next" && req.method === "POST") {
      const { paymentRequestId, refundRequestId, api, steps } = JSON.parse(raw || "{}");
      const id = paymentRequestId ?? refundRequestId;
      if (id) state.scripts.set(id, [...steps]);
      else if (api === "refund") state.nextRefundScript = [...steps];
      else state.nextScript = [...steps];
      return json({ ok: true });
    }
    if (url.pathname === "/__control/inquiry" && req.method === "POST") {
      const { paymentRequestId, code, stale } = JSON.parse(raw || "{}");
      state.nextInquiries.set(paymentRequestId, stale ? { stale } : code ?? "PROCESS_FAIL");
      return json({ ok: true });
    }
    if (url.pathname === "/__control/cancel" && req.method === "POST") {
      const { paymentRequestId, code } = JSON.parse(raw || "{}");
      state.cancelRefusals.set(paymentRequestId, code ?? "CANCEL_WINDOW_EXCEED");
      return json({ ok: true });
    }
    if (url.pathname === "/__control/notify" && req.method === "POST") {
      const b = JSON.parse(raw || "{}");
      let record;
      if (b.body !== undefined) {
        if (typeof b.notifyUrl !== "string") return res.writeHead(400).end("notifyUrl required with body");
        record = sendNotification({ bodyText: typeof b.body === "string" ? b.body : JSON.stringify(b.body), notifyUrl: b.notifyUrl, kind: "custom" });
      } else {
        const p = state.payments.get(b.paymentRequestId);
        if (!p) return res.writeHead(404).end();
        expire(p);
        record = notify(p, { override: b.override, kind: "control" });
      }
      return json({ ok: true, index: record.index, series: record.series });
    }
    if (url.pathname === "/__control/hold" && req.method === "POST") {
      const b = JSON.parse(raw || "{}");
      if (!["pay", "inquiryPayment", "cancel", "refund", "inquiryRefund"].includes(b.api) || !["request", "answer"].includes(b.stage ?? "request")) {
        return res.writeHead(400).end("api and stage");
      }
      const count = Number.isInteger(b.count) && b.count > 0 ? b.count : 1;
      const hold = { holdId: `h${++holdSeq}`, api: b.api, paymentRequestId: b.paymentRequestId, refundRequestId: b.refundRequestId, stage: b.stage ?? "request", count, remaining: count, at: now() };
      state.holds.push(hold);
      return json({ holdId: hold.holdId });
    }
    if (url.pathname === "/__control/held" && req.method === "GET") {
      return json([...state.held.values()].map(({ release, ...h }) => h));
    }
    if (url.pathname === "/__control/release" && req.method === "POST") {
      const b = JSON.parse(raw || "{}");
      const released = releaseHeld(b);
      if (b.disarm) for (const h of state.holds) if (!b.holdId || h.holdId === b.holdId) h.remaining = 0;
      return json({ released });
    }
    if (url.pathname === "/__control/config" && req.method === "POST") {
      const b = JSON.parse(raw || "{}");
      for (const k of ["closeAfterExpiryMs", "walletAfterExpiry", "notifyDelaysMs"]) if (b[k] !== undefined) cfg[k] = b[k];
      return json({ closeAfterExpiryMs: cfg.closeAfterExpiryMs, walletAfterExpiry: cfg.walletAfterExpiry, notifyDelaysMs: cfg.notifyDelaysMs });
    }
    if (url.pathname === "/__control/reset" && req.method === "POST") {
      for (const m of [state.payments, state.byPaymentId, state.bodies, state.confirmations, state.scripts, state.nextInquiries, state.cancelRefusals, state.refunds, state.refundBodies, state.refundPayments]) m.clear();
      state.nextRefundScript = null;
      releaseHeld({ drop: true });
      state.holds.length = 0;
      state.notifications.length = 0;
      state.calls.length = 0;
      state.nextScript = null;
      return json({ ok: true });
    }
    res.writeHead(404).end();
  }

  /** A response whose writes are kept until replay() (an answer Antom withholds). */
  function deferredResponse(res) {
    const ops = [];
    let live = false;
    const op = (m) => (...a) => {
      if (live) res[m](...a);
      else ops.push([m, a]);
      if (m === "writeHead") fake.headersSent = true;
      return m === "write" ? true : fake;
    };
    const fake = { headersSent: false, writeHead: op("writeHead"), write: op("write"), end: op("end"), destroy: op("destroy") };
    return {
      fake,
      replay() {
        live = true;
        for (const [m, a] of ops.splice(0)) res[m](...a);
      },
    };
  }

  /** Releases held calls matching {holdId?, callId?} (all without either); returns their callIds. */
  function releaseHeld({ holdId, callId, drop } = {}) {
    const released = [];
    for (const [id, h] of [...state.held]) {
      if ((holdId && h.holdId !== holdId) || (callId !== undefined && h.callId !== Number(callId))) continue;
      state.held.delete(id);
      released.push(id);
      const call = state.calls.find((c) => c.callId === id);
      if (call) call.releasedAt = Date.now();
      try {
        h.release(Boolean(drop));
      } catch (e) {
        cfg.log(`release ${id} failed: ${e.message}`);
      }
    }
    return released;
  }

  let closed = false;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url, base);
      const path = url.pathname;
      try {
        if (path.startsWith("/__control/")) return control(req, res, url, raw);
        if (path.startsWith("/wallet/")) return wallet(req, res, url);
        const api = /^\/ams(?:\/sandbox)?\/api\/v1\/payments\/(pay|inquiryPayment|cancel|refund|inquiryRefund)$/.exec(path);
        if (!api) return signed(res, path, 404, JSON.stringify({ result: result("F", "NO_INTERFACE_DEF") }));
        if (req.method !== "POST") return signed(res, path, 405, JSON.stringify({ result: result("F", "METHOD_NOT_SUPPORTED") }));
        let named = {};
        try {
          named = JSON.parse(raw) ?? {};
        } catch {
          named = {}; // an unreadable body is answered below
        }
        const idOf = (k) => (typeof named[k] === "string" ? named[k] : undefined);
        const byPaymentId = idOf("paymentId") && state.byPaymentId.get(idOf("paymentId"));
        const refundOf = idOf("refundRequestId") && state.refunds.get(idOf("refundRequestId"));
        const call = {
          callId: ++callSeq,
          api: api[1],
          at: Date.now(),
          paymentRequestId: idOf("paymentRequestId") ?? byPaymentId?.paymentRequestId ?? refundOf?.paymentRequestId,
          refundRequestId: idOf("refundRequestId"),
        };
        state.calls.push(call);
        res.on("error", () => {});
        const run = (r) => {
          call.processedAt = Date.now();
          r.__call = call;
          try {
            if (api[1] === "pay") return pay(req, r, path, raw);
            if (api[1] === "refund") return refund(req, r, path, raw);
            if (api[1] === "inquiryRefund") return inquiryRefund(req, r, path, raw);
            return reference(req, r, path, raw);
          } catch (e) {
            cfg.log(`stand-in error: ${e.stack}`);
            if (!r.headersSent) r.writeHead(500).end();
          }
        };
        const hold = state.holds.find((h) => h.remaining > 0 && h.api === call.api && (!h.paymentRequestId || h.paymentRequestId === call.paymentRequestId) && (!h.refundRequestId || h.refundRequestId === call.refundRequestId));
        if (!hold) return run(res);
        hold.remaining -= 1;
        Object.assign(call, { hold: hold.holdId, stage: hold.stage });
        const entry = { holdId: hold.holdId, callId: call.callId, api: call.api, paymentRequestId: call.paymentRequestId, refundRequestId: call.refundRequestId, stage: hold.stage, since: Date.now() };
        cfg.log(`hold ${hold.holdId} ${call.api} ${call.paymentRequestId ?? call.refundRequestId} (${hold.stage})`);
        if (hold.stage === "request") {
          entry.release = (drop) => {
            if (drop) {
              call.dropped = true;
              req.socket.destroy();
            } else run(res);
          };
        } else {
          const d = deferredResponse(res);
          run(d.fake);
          entry.release = (drop) => {
            if (drop) {
              call.dropped = true;
              req.socket.destroy();
            } else d.replay();
          };
        }
        state.held.set(call.callId, entry);
        return;
      } catch (e) {
        cfg.log(`stand-in error: ${e.stack}`);
        if (!res.headersSent) res.writeHead(500).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(cfg.port, "127.0.0.1", resolve));
  const port = server.address().port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    state,
    close: () =>
      new Promise((resolve) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        releaseHeld({ drop: true });
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const s = await startStandIn({ port: i > 0 ? Number(process.argv[i + 1]) : 8788, log: (m) => console.log(`[stand-in] ${m}`) });
  console.log(JSON.stringify({ standIn: s.url }));
  const stop = () => s.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
