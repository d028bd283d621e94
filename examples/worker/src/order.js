// One Durable Object per order: the paymentRequestId is stored before the request leaves, one
// payment is in flight at a time, a notification is applied once, and an alarm at the expiry
// inquires and cancels. State is never held across a network call: each change is a fresh
// load -> change -> save, so a notification that lands while pay is in flight is never lost.
import { DurableObject } from "cloudflare:workers";
import { toMinorUnits, validatePayRequest, isAntomCheckoutError } from "antom-checkout/full";
import { antom, store, template, isoAt } from "./antom.js";

const FINAL = new Set(["paid", "failed", "cancelled"]);
const OPEN_REFUND = new Set(["sending", "unknown", "processing"]);
const RECHECK_MS = 5_000;

export class Order extends DurableObject {
  async #load() {
    return (await this.ctx.storage.get("order")) ?? null;
  }

  /** Applies `change` to the stored order atomically (no network call in between). */
  async #update(change) {
    const o = await this.#load();
    const result = change(o);
    if (o) await this.ctx.storage.put("order", o);
    return result;
  }

  #log(o, event, extra = {}) {
    o.timeline.push({ at: new Date().toISOString(), event, ...extra });
    // Bounded: a result page polling for minutes must not grow the stored order.
    if (o.timeline.length > 40) o.timeline.splice(1, o.timeline.length - 40);
  }

  /** Starts (or resumes) the payment of this order. */
  async checkout({ orderId, amount, description, userAgent }) {
    if (this.inflight) return this.inflight; // one payment in flight per order
    this.inflight = this.#checkout({ orderId, amount, description, userAgent }).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async #checkout({ orderId, amount, description, userAgent }) {
    const s = store(this.env);
    let o = await this.#load();
    if (o && (o.state === "paid" || o.state === "awaitingShopper")) return view(o);
    if (o && (o.state === "unknown" || o.state === "sending")) {
      // Never a new id while the outcome is open ("sending" survives an isolate that died
      // mid-send): resend the very same request.
      return this.#send(o.request, `resend after ${o.state}`);
    }
    let value;
    try {
      value = toMinorUnits(String(amount ?? ""), s.currency);
    } catch (e) {
      return { httpStatus: 422, issues: [{ path: "amount", code: e.code, message: e.message }] };
    }
    const attempt = (o?.attempt ?? 0) + 1;
    const request = template(this.env, orderId, s);
    request.paymentRequestId = `${orderId}-${attempt}`;
    request.order.orderDescription = String(description ?? "");
    request.order.orderAmount.value = value;
    request.paymentAmount.value = value;
    request.order.env.userAgent = String(userAgent).slice(0, 2048);
    const expiresAt = Date.now() + Number(this.env.PAYMENT_TTL_MINUTES ?? 10) * 60_000;
    request.paymentExpiryTime = isoAt(expiresAt, s.timeZone ?? "+00:00");
    const issues = validatePayRequest(request);
    if (issues.length) return { httpStatus: 422, issues };
    // Stored before anything is sent: an unknown outcome is resolved with this id and request.
    o = { orderId, attempt, paymentRequestId: request.paymentRequestId, request, state: "sending", amount: value, currency: s.currency, expiresAt, timeline: o?.timeline ?? [], notificationsApplied: 0, notificationsSeen: 0 };
    this.#log(o, "payment created", { paymentRequestId: request.paymentRequestId });
    await this.ctx.storage.put("order", o);
    // Armed before anything leaves: if this isolate dies mid-send, the alarm resolves the order.
    await this.ctx.storage.setAlarm(Date.now() + RECHECK_MS);
    return this.#send(request, "pay sent");
  }

  async #send(request, label) {
    let outcome;
    try {
      outcome = await antom(this.env).client.pay(request);
    } catch (e) {
      if (!isAntomCheckoutError(e)) throw e;
      // Misuse (invalid request, signer down before sending): nothing reached Antom.
      await this.#update((o) => {
        o.state = "failed";
        o.resultCode = e.code;
        this.#log(o, `${label}: not sent`, { error: e.code });
      });
      return { httpStatus: e.code === "INVALID_REQUEST" ? 422 : 502, error: e.code, issues: e.issues };
    }
    const o = await this.#update((o) => {
      this.#log(o, `${label}: ${outcome.kind}`, { attempts: outcome.attempts, resultCode: outcome.resultCode, reason: outcome.reason });
      if (FINAL.has(o.state)) return o; // a notification got here first: it wins
      if (outcome.kind === "redirect") {
        o.state = "awaitingShopper";
        o.redirectUrl = outcome.redirect.redirectUrl;
        o.paymentId = outcome.paymentId;
      } else if (outcome.kind === "failed") {
        o.state = "failed";
        o.resultCode = outcome.resultCode;
        o.action = outcome.action;
      } else {
        o.state = "unknown";
        o.reason = outcome.reason;
      }
      return o;
    });
    await this.ctx.storage.setAlarm(o.state === "unknown" ? Date.now() + RECHECK_MS : o.expiresAt + 1_000);
    return view(o, outcome);
  }

  /** Applies a verified notification once; repeats are acknowledged without effect. */
  async recordNotification(n) {
    return this.#update((o) => {
      if (!o || n.paymentRequestId !== o.paymentRequestId) return false;
      o.notificationsSeen += 1;
      const next = n.kind === "paid" ? "paid" : n.kind === "failed" ? "failed" : null;
      if (!next || FINAL.has(o.state)) {
        this.#log(o, "notification repeated or not final: no effect", { kind: n.kind });
        return false;
      }
      o.state = next;
      o.resultCode = n.resultCode;
      o.paymentId = n.paymentId ?? o.paymentId;
      o.notificationsApplied += 1;
      this.#log(o, `notification: ${n.kind}`, { paymentRequestId: n.paymentRequestId });
      return true;
    });
  }

  /**
   * Refunds part or all of the paid order: never more than was paid in total, the
   * refundRequestId stored before the request leaves, one refund in flight at a time, and a
   * refund whose outcome is unknown resolved (inquiry, then the same refund again) before any
   * new one.
   */
  async refund({ amount, reason }) {
    return this.#oneRefundAtATime(() => this.#refund({ amount, reason }));
  }

  /** Runs refund work after the refund work already queued on this order. */
  #oneRefundAtATime(work) {
    const run = (this.refunding ?? Promise.resolve()).catch(() => {}).then(work);
    const tracked = run.finally(() => {
      if (this.refunding === tracked) this.refunding = undefined;
    });
    tracked.catch(() => {}); // the caller handles run's failure
    this.refunding = tracked;
    return run;
  }

  async #settleOpenRefunds() {
    for (const r of (await this.#load()).refunds ?? []) if (OPEN_REFUND.has(r.state)) await this.#resolveRefund(r.refundRequestId);
  }

  async #refund({ amount, reason }) {
    let o = await this.#load();
    if (!o || o.state !== "paid") return { httpStatus: 409, error: "NOT_PAID", message: "only a paid order can be refunded" };
    // An open refund is settled first: a new one could otherwise exceed what was paid.
    await this.#settleOpenRefunds();
    o = await this.#load();
    const open = (o.refunds ?? []).find((r) => OPEN_REFUND.has(r.state));
    if (open) return { httpStatus: 409, error: "REFUND_OPEN", message: `refund ${open.refundRequestId} is ${open.state}; try again later`, ...refundView(o) };
    let value;
    try {
      value = toMinorUnits(String(amount ?? ""), o.currency);
    } catch (e) {
      return { httpStatus: 422, issues: [{ path: "amount", code: e.code, message: e.message }] };
    }
    const committed = (o.refunds ?? []).filter((r) => r.state !== "failed").reduce((n, r) => n + BigInt(r.value), 0n);
    if (BigInt(value) <= 0n || committed + BigInt(value) > BigInt(o.amount)) {
      return { httpStatus: 422, error: "REFUND_TOO_LARGE", message: `at most ${BigInt(o.amount) - committed} (minor units) is left to refund`, ...refundView(o) };
    }
    const refunds = o.refunds ?? [];
    const refundRequestId = `${o.orderId}-R${refunds.length + 1}`;
    const request = { refundRequestId, paymentId: o.paymentId, refundAmount: { currency: o.currency, value } };
    if (reason) request.refundReason = String(reason).slice(0, 256);
    // Stored before anything is sent: an unknown refund is resolved with this id and request.
    await this.#update((o) => {
      o.refunds = [...(o.refunds ?? []), { refundRequestId, value, request, state: "sending" }];
      this.#log(o, "refund created", { refundRequestId, value });
    });
    // Armed before anything leaves: if this isolate dies mid-send, the alarm settles the refund.
    await this.ctx.storage.setAlarm(Date.now() + RECHECK_MS);
    await this.#sendRefund(refundRequestId, "refund sent");
    if (OPEN_REFUND.has(this.#refundOf(await this.#load(), refundRequestId).state)) await this.#resolveRefund(refundRequestId);
    return refundView(await this.#load(), refundRequestId);
  }

  #refundOf(o, refundRequestId) {
    return o.refunds.find((r) => r.refundRequestId === refundRequestId);
  }

  async #sendRefund(refundRequestId, label) {
    const { request } = this.#refundOf(await this.#load(), refundRequestId);
    let outcome;
    try {
      outcome = await antom(this.env).client.refund(request);
    } catch (e) {
      if (!isAntomCheckoutError(e)) throw e;
      // Nothing reached Antom (an invalid request, the signer down before sending).
      outcome = { kind: "failed", resultCode: e.code };
    }
    await this.#applyRefund(refundRequestId, `${label}: ${outcome.kind}`, outcome);
  }

  async #applyRefund(refundRequestId, label, outcome) {
    await this.#update((o) => {
      const r = this.#refundOf(o, refundRequestId);
      this.#log(o, label, { refundRequestId, resultCode: outcome.resultCode, reason: outcome.reason, attempts: outcome.attempts });
      if (!OPEN_REFUND.has(r.state)) return;
      if (outcome.kind === "refunded") r.state = "refunded";
      else if (outcome.kind === "failed") r.state = "failed";
      else if (outcome.kind === "processing") r.state = "processing";
      else if (outcome.kind !== "notFound") r.state = "unknown";
      if (outcome.refundId) r.refundId = outcome.refundId;
      if (outcome.resultCode && r.state === "failed") r.resultCode = outcome.resultCode;
    });
  }

  /** An open refund: inquire; one Antom never saw is sent again, the same request. */
  async #resolveRefund(refundRequestId) {
    const r = this.#refundOf(await this.#load(), refundRequestId);
    if (r.state === "sending") return this.#sendRefund(refundRequestId, "refund resent after sending");
    const outcome = await antom(this.env).client.inquireRefund({ refundRequestId });
    await this.#applyRefund(refundRequestId, `refund inquiry: ${outcome.kind}`, outcome);
    if (outcome.action === "resendRefund") await this.#sendRefund(refundRequestId, "refund resent");
  }

  /** The order's state; while it is not final, Antom is asked (inquiryPayment). */
  async status() {
    const o = await this.#load();
    if (!o) return { state: "none" };
    if (!this.refunding && (o.refunds ?? []).some((r) => OPEN_REFUND.has(r.state))) {
      await this.#oneRefundAtATime(() => this.#settleOpenRefunds()).catch((e) => console.warn("refund inquiry failed", e?.message));
    }
    if (!FINAL.has(o.state) && !this.inflight && Date.now() - (o.inquiredAt ?? 0) > 1_000) {
      const outcome = await this.#inquire("status check");
      // Antom answered the inquiry F: asking again will not resolve it; cancel the payment.
      if (outcome.action === "cancelPayment") await this.#cancel("inquiry failed");
    }
    return view(await this.#load());
  }

  async #inquire(label) {
    const { paymentRequestId } = await this.#load();
    const outcome = await antom(this.env).client.inquirePayment({ paymentRequestId });
    return this.#update((o) => {
      o.inquiredAt = Date.now();
      // Only inquiries that say something new are recorded (polling repeats the same answer).
      const summary = `${outcome.kind}/${outcome.paymentStatus ?? ""}/${outcome.reason ?? ""}`;
      if (summary !== o.lastInquiry) this.#log(o, `${label}: inquiry ${outcome.kind}`, { paymentStatus: outcome.paymentStatus, reason: outcome.reason });
      o.lastInquiry = summary;
      if (FINAL.has(o.state)) return outcome;
      if (outcome.kind === "paid") o.state = "paid";
      else if (outcome.kind === "failed") o.state = "failed";
      else if (outcome.kind === "cancelled") o.state = "cancelled";
      // "processing" while unknown stays unknown: the next checkout resends the same request
      // (idempotent) to get the redirect back.
      if (outcome.paymentResultCode) o.resultCode = outcome.paymentResultCode;
      return outcome;
    });
  }

  /** At the expiry (or after an unknown outcome): inquire, and cancel what is still open. */
  async alarm() {
    // A refund still open (its answer lost, Antom still processing): settle it, and look again
    // later while it stays open.
    if ((await this.#load())?.refunds?.some((r) => OPEN_REFUND.has(r.state)) && !this.refunding) {
      await this.#oneRefundAtATime(() => this.#settleOpenRefunds()).catch((e) => console.warn("refund inquiry failed", e?.message));
      if ((await this.#load()).refunds.some((r) => OPEN_REFUND.has(r.state))) await this.ctx.storage.setAlarm(Date.now() + RECHECK_MS);
    }
    const o = await this.#load();
    if (!o || FINAL.has(o.state) || this.inflight) return;
    if (o.state === "sending") {
      // The isolate that sent it is gone: resend the same request to learn the outcome.
      await this.#send(o.request, "alarm: resend after sending");
      return;
    }
    const outcome = await this.#inquire("alarm");
    const now = Date.now();
    if (FINAL.has((await this.#load()).state)) return;
    // Expired, or an inquiry Antom answered F (asking again will not resolve it): cancel, so
    // that Antom and the merchant agree nothing is charged.
    if (outcome.action === "cancelPayment") return this.#cancel("inquiry failed");
    if (now < o.expiresAt) {
      await this.ctx.storage.setAlarm(outcome.kind === "processing" ? o.expiresAt + 1_000 : now + RECHECK_MS);
      return;
    }
    await this.#cancel("expired");
  }

  async #cancel(label) {
    const { paymentRequestId } = await this.#load();
    const cancel = await antom(this.env).client.cancel({ paymentRequestId });
    await this.#update((o) => {
      this.#log(o, `${label}: cancel ${cancel.kind}`, { resultCode: cancel.resultCode });
      if (!FINAL.has(o.state) && cancel.kind === "cancelled") o.state = "cancelled";
    });
    if (cancel.kind === "unknown") await this.ctx.storage.setAlarm(Date.now() + RECHECK_MS);
  }
}

function view(o, outcome) {
  const v = { orderId: o.orderId, state: o.state, paymentRequestId: o.paymentRequestId, amount: o.amount, currency: o.currency, timeline: o.timeline };
  if (o.redirectUrl && o.state === "awaitingShopper") v.redirectUrl = o.redirectUrl;
  if (o.resultCode) v.resultCode = o.resultCode;
  if (o.reason) v.reason = o.reason;
  v.notificationsApplied = o.notificationsApplied;
  v.notificationsSeen = o.notificationsSeen;
  if (outcome) v.action = outcome.action;
  if (o.refunds?.length) Object.assign(v, refundView(o));
  return v;
}

function refundView(o, refundRequestId) {
  const refunds = (o.refunds ?? []).map(({ refundRequestId, value, state, refundId, resultCode }) => ({ refundRequestId, amount: value, state, refundId, resultCode }));
  const refunded = refunds.filter((r) => r.state === "refunded").reduce((n, r) => n + BigInt(r.amount), 0n);
  const v = { orderId: o.orderId, refunds, refundedAmount: String(refunded), currency: o.currency };
  if (refundRequestId) v.refund = refunds.find((r) => r.refundRequestId === refundRequestId);
  return v;
}
