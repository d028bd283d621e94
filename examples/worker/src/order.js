// One Durable Object per order. The rules that keep money right:
// - An order has attempts; every answer, notification and alarm acts on the attempt whose
//   paymentRequestId it carries or was sent for, never on "the current one".
// - A new attempt only when the shopper retries an attempt that is final and failed or cancelled.
// - An id is stored before it is sent; only Antom's word makes an attempt final. A send that
//   fails or is refused (an expired request, a signer error, the shopper's budget spent) leaves
//   the attempt open, and it is resolved by the Entry Code rule (the library's resolvePayment:
//   inquiry, and cancel at the expiry), never by a new id.
// - State is never held across a network call: each change is a fresh load -> change -> save
//   (`#update`), so news that lands while a call is in flight is never lost or overwritten.
// - Every verified notification is stored before it is acknowledged; one that disagrees with the
//   order is kept as a conflict and never applied, and one naming a paymentId no answer has named
//   yet waits for Antom's inquiry before it is judged.
// - A shopper's request waits for Antom briefly (one send, a short timeout: `shopperCall`); the
//   order's alarm resolves what that leaves unknown, with the client's defaults.
import { DurableObject } from "cloudflare:workers";
import { isAntomCheckoutError } from "antom-checkout/full";
import { SHOPPER_BUDGET_MS, antom, payRequest, paymentTtlMs, shopperCall } from "./antom.js";
import { log, sameBytes } from "./http.js";
import {
  FINAL, OPEN, OPEN_REFUND, RECHECK_MS, applyInquiryAlone, applyNotification, applyPay, applyRefund, applyResolution, attemptIn, attemptOf, keepLooking, mayBePaid, note,
  operatorView, paidAttempt, refundAnswer, refundIn, refundView, shopperView, waiting,
} from "./record.js";

export const MAX_ATTEMPTS = 5;
/** At most one round of the rule started per second per order, however many pages poll. */
const ROUND_EVERY_MS = 1_000;
/** How long a shopper's request waits for a call or round already in flight (then answers what is stored). */
const SHOPPER_WAIT_MS = SHOPPER_BUDGET_MS + 500;

export class Order extends DurableObject {
  /** Calls in flight in this isolate, by what they do: one of each at a time. */
  #flights = new Map();
  #lastRound = 0;

  async #load() {
    return (await this.ctx.storage.get("order")) ?? null;
  }

  /** Applies `change` to the stored order atomically: no network call between load and save. */
  async #update(change) {
    const o = await this.#load();
    const result = change(o);
    if (o) {
      keepLooking(o);
      await this.ctx.storage.put("order", o);
    }
    return result;
  }

  /** Runs `work` unless the same work is in flight, whose result is then shared. */
  #once(key, work) {
    let flight = this.#flights.get(key);
    if (!flight) {
      flight = work().finally(() => this.#flights.delete(key));
      this.#flights.set(key, flight);
    }
    return flight;
  }

  /** The alarm fires at the earliest time an attempt or a refund has to be looked at. */
  async #arm() {
    const o = await this.#load();
    if (!o) return;
    const times = [...o.attempts, ...o.refunds].map((x) => x.checkAt).filter((t) => typeof t === "number");
    if (times.length) await this.ctx.storage.setAlarm(Math.min(...times));
  }

  // ---- the shopper ---------------------------------------------------------------------------

  /** Creates the order and sends its first attempt; a repeat answers the same order. */
  create({ orderId, secretHash, value, currency, description, userAgent }) {
    // A duplicate that arrives while the first is in flight shares its answer.
    return this.#once("create", async () => {
      const existing = await this.#load();
      if (existing) {
        // The same submit again, its answer lost: resume what is open, under the same id.
        const latest = existing.attempts.at(-1);
        if (OPEN.has(latest.state) && (await this.#shopperSend(latest.n, "pay resent (submit repeated)"))) return INTERNAL;
        return { status: 200, body: shopperView(await this.#load()) };
      }
      const expiresAt = Date.now() + paymentTtlMs(this.env);
      const request = payRequest(this.env, { orderId, n: 1, value, description, userAgent, expiresAt });
      const o = {
        orderId, secretHash, amount: value, currency, description, userAgent, createdAt: Date.now(),
        attempts: [attemptOf(request, 1, expiresAt)],
        notifications: [], refunds: [], timeline: [],
      };
      note(o, "order created", { paymentRequestId: request.paymentRequestId, amount: value, currency });
      // Stored, and the alarm armed, before anything leaves: if this isolate dies mid-send, the
      // alarm resolves the attempt with this id and this request.
      await this.ctx.storage.put("order", o);
      await this.#arm();
      if (await this.#shopperSend(1, "pay sent")) return INTERNAL;
      return { status: 201, body: shopperView(await this.#load()) };
    });
  }

  /**
   * The shopper's view; while the order is open, a round of the rule for its latest attempt.
   * Past the attempt's expiry the rule cancels, and cancels keep the rule's own pace (the alarm,
   * at `checkAt`), never the pace of a polling page.
   */
  async view(secretHash) {
    let o = await this.#load();
    if (!owner(o, secretHash)) return notFound();
    const latest = o.attempts.at(-1);
    const cancelling = Date.now() >= latest.expiresAt && latest.checkAt != null && Date.now() < latest.checkAt;
    if (!paidAttempt(o) && !FINAL.has(latest.state) && !cancelling && !this.#flights.has(`send:${latest.n}`)) {
      await this.#roundThrottled(latest.n);
      o = await this.#load();
    }
    return { status: 200, body: shopperView(o) };
  }

  /**
   * The shopper retries attempt `retryOf`: a new attempt only when it is the latest and final
   * and failed or cancelled; an open one is resent as it is; anything else answers the view.
   */
  async retry(secretHash, { retryOf }) {
    const o = await this.#load();
    if (!owner(o, secretHash)) return notFound();
    const latest = o.attempts.at(-1);
    if (mayBePaid(o) || retryOf !== latest.n) return { status: 200, body: shopperView(o) };
    if (OPEN.has(latest.state)) {
      // The same request again; concurrent retries share one send.
      await this.#shopperSend(latest.n, "pay resent (shopper retried)");
      return { status: 200, body: shopperView(await this.#load()) };
    }
    if (latest.state !== "failed" && latest.state !== "cancelled") return { status: 200, body: shopperView(o) };
    if (o.attempts.length >= MAX_ATTEMPTS) return { status: 409, body: { error: "TOO_MANY_ATTEMPTS", message: `at most ${MAX_ATTEMPTS} attempts per order: start a new order` } };
    const n = latest.n + 1;
    const expiresAt = Date.now() + paymentTtlMs(this.env);
    const request = payRequest(this.env, { orderId: o.orderId, n, value: o.amount, description: o.description, userAgent: o.userAgent, expiresAt });
    const started = await this.#update((o) => {
      // Checked again at the moment of writing: a concurrent retry of the same attempt, or news
      // that the attempt was paid after all, leaves nothing to start.
      const now = o.attempts.at(-1);
      if (now.n !== retryOf || !(now.state === "failed" || now.state === "cancelled") || mayBePaid(o)) return false;
      o.attempts.push(attemptOf(request, n, expiresAt));
      note(o, "attempt started (shopper retried)", { paymentRequestId: request.paymentRequestId, retryOf });
      return true;
    });
    if (!started) return { status: 200, body: shopperView(await this.#load()) };
    await this.#arm();
    if (await this.#shopperSend(n, "pay sent")) return INTERNAL;
    return { status: 201, body: shopperView(await this.#load()) };
  }

  /**
   * Attempt `n`'s pay on a shopper's request: one send with the shopper's budget. A send already
   * in flight (the alarm's) is shared, and waited for no longer than the budget: the shopper is
   * then answered what is stored, and the send goes on.
   */
  #shopperSend(n, label) {
    return within(this.#send(n, label, shopperCall), SHOPPER_WAIT_MS);
  }

  /**
   * A status check's round for attempt `n`: the round in flight is shared (waited for no longer
   * than the shopper's budget); otherwise one is started unless a round started less than a
   * second ago, so that polling pages start at most one a second between them.
   */
  async #roundThrottled(n) {
    let flight = this.#flights.get(`round:${n}`);
    if (!flight) {
      if (Date.now() - this.#lastRound < ROUND_EVERY_MS) return;
      flight = this.#round(n, "status check", shopperCall);
    }
    await within(flight, SHOPPER_WAIT_MS);
  }

  // ---- Antom's calls, each for one attempt ---------------------------------------------------

  /**
   * Sends (or resends: the same stored request, byte for byte) attempt `n`'s pay. `callOptions`
   * makes the call's options when it starts (the shopper's budget); without it the client's
   * defaults apply (the alarm).
   */
  #send(n, label, callOptions) {
    return this.#once(`send:${n}`, async () => {
      const o = await this.#load();
      const a = attemptIn(o, n);
      // Past its expiry a request is refused by the library and no longer useful to Antom: the
      // rule resolves the attempt by inquiry and cancel instead. Nothing is sent for an order
      // that is paid.
      if (!OPEN.has(a.state) || Date.now() >= a.expiresAt || paidAttempt(o)) return;
      await this.#update((o) => {
        const a = attemptIn(o, n);
        a.sends += 1;
        a.checkAt = Date.now() + RECHECK_MS;
      });
      await this.#arm();
      let outcome;
      let fault = null;
      try {
        outcome = await antom(this.env).pay(a.request, callOptions?.(this.env));
      } catch (e) {
        // Refused by the library (an expired request, the signer down) or ended by the shopper's
        // budget before it left: the id may have reached Antom on an earlier send, so nothing is
        // final; the alarm asks Antom.
        outcome = { kind: "unknown", reason: reasonOf(e) };
        fault = configurationFault(e);
        log(outcome.reason === "ABORTED" ? "warn" : "error", "pay not sent", { orderId: a.request.order.referenceOrderId, paymentRequestId: a.paymentRequestId, error: fault ?? outcome.reason });
      }
      await this.#update((o) => applyPay(o, n, outcome, label));
      await this.#arm();
      return fault;
    });
  }

  /**
   * One round of the Entry Code rule (the library's resolvePayment: an inquiry; a cancel when the
   * attempt is open at its expiry or Antom answered the inquiry F; an inquiry after a refused
   * cancel) for attempt `n`, applied to attempt `n` alone. One round in flight per attempt: a
   * second caller shares it. Resolves to the round's resolution, or null when none ran.
   */
  #round(n, label, callOptions) {
    return this.#once(`round:${n}`, async () => {
      this.#lastRound = Date.now();
      const o = await this.#load();
      const a = attemptIn(o, n);
      // A final attempt has nothing to resolve; a paid one is never put through the rule (its
      // cancel would return the shopper's money).
      if (FINAL.has(a.state)) return null;
      // A SUCCESS notification for it waits for Antom's paymentId: an inquiry alone, never the
      // rule, whose cancel past the expiry would return the payment the notification announced.
      if (waiting(o, a, "paid")) {
        await this.#inquireOnly(n, label, callOptions);
        return null;
      }
      const paid = paidAttempt(o);
      // Another attempt is paid: this one must not stay payable. Its expiry is brought forward to
      // now, so that the rule cancels it if Antom still has it open (processing); SUCCESS, FAIL or
      // CANCELLED are final as they are, and an unknown inquiry never leads to a cancel.
      const expiresAt = paid ? Math.min(a.expiresAt, Date.now()) : a.expiresAt;
      let r;
      try {
        r = await antom(this.env).resolvePayment(
          // ORDER_NOT_EXIST is taken for "never reached Antom" only a minute past the attempt's
          // own expiry (sentAt: the grace counts from it), even when the expiry is brought
          // forward: until then a pay still on its way could open a payment the shopper can pay.
          { paymentRequestId: a.paymentRequestId, expiresAt: Math.floor(expiresAt), sentAt: Math.floor(a.expiresAt), round: a.round ?? 0 },
          callOptions?.(this.env),
        );
      } catch (e) {
        // Nothing learnt (the shopper's budget ended the round between two calls, the signer is
        // down): the attempt is looked at again soon.
        const reason = reasonOf(e);
        log(reason === "ABORTED" ? "warn" : "error", "round not completed", { orderId: o.orderId, paymentRequestId: a.paymentRequestId, error: configurationFault(e) ?? (isAntomCheckoutError(e) ? `${e.code}: ${e.message}` : reason) });
        await this.#update((o) => {
          const a = attemptIn(o, n);
          if (!FINAL.has(a.state)) a.checkAt = Math.min(a.checkAt ?? Infinity, Date.now() + RECHECK_MS);
        });
        await this.#arm();
        return null;
      }
      await this.#update((o) => {
        const why = paid ? `attempt ${paid.n} was paid` : Date.now() >= a.expiresAt ? "expired" : "inquiry failed";
        applyResolution(o, n, r, label, why);
      });
      await this.#arm();
      return r;
    });
  }

  /**
   * The alarm's look at attempt `n`: a round of the rule with the client's defaults, then what
   * the round calls for.
   */
  async #resolve(n) {
    const before = await this.#load();
    if (FINAL.has(attemptIn(before, n).state)) {
      // A final attempt is looked at only for a notification that waits for its paymentId.
      if (waiting(before, attemptIn(before, n))) return this.#inquireOnly(n, "for a waiting notification");
      return this.#update((o) => void (attemptIn(o, n).checkAt = null));
    }
    const r = await this.#round(n, "alarm");
    if (!r) return;
    // Read again: news may have landed during the round.
    const o = await this.#load();
    const a = attemptIn(o, n);
    // Antom has no payment under this id (ORDER_NOT_EXIST; within the grace the rule says
    // pending): before its expiry, and while no attempt is paid, the same request is sent again
    // (the same id and bytes, so a pay that did arrive is not doubled).
    if (r.outcome?.kind === "notFound" && OPEN.has(a.state) && Date.now() < a.expiresAt && !paidAttempt(o)) {
      await this.#send(n, "pay resent (Antom has not seen it)");
    }
  }

  /** Every attempt and refund whose time has come is looked at; then the next alarm is set. */
  async alarm() {
    const o = await this.#load();
    if (!o) return;
    const now = Date.now();
    for (const a of o.attempts) {
      if (a.checkAt != null && a.checkAt <= now) await this.#resolve(a.n).catch((e) => log("error", "alarm: attempt not resolved", { orderId: o.orderId, n: a.n, error: String(e?.stack ?? e) }));
    }
    if (o.refunds.some((r) => OPEN_REFUND.has(r.state) && r.checkAt != null && r.checkAt <= now)) {
      await this.#oneRefundAtATime(() => this.#settleOpenRefunds()).catch((e) => log("error", "alarm: refund not settled", { orderId: o.orderId, error: String(e?.stack ?? e) }));
    }
    // Anything still open (or an answer that never came) is looked at again later.
    await this.#update((o) => {
      const soon = Date.now() + RECHECK_MS;
      for (const x of [...o.attempts, ...o.refunds]) if (x.checkAt != null && x.checkAt <= Date.now()) x.checkAt = soon;
    });
    await this.#arm();
  }

  // ---- notifications -------------------------------------------------------------------------

  /**
   * Stores a verified notification with the attempt it names and applies it if it agrees with the
   * order. Resolves to { known: false } when this order has no such attempt (the caller keeps it
   * for reconciliation), otherwise { known: true, applied, conflict? }.
   */
  async recordNotification(n) {
    const r = await this.#update((o) => applyNotification(o, n));
    if (r.known) await this.#arm();
    return r;
  }

  // ---- the operator --------------------------------------------------------------------------

  async operatorView() {
    const o = await this.#load();
    return o ? { status: 200, body: operatorView(o) } : notFound();
  }

  /**
   * Refunds part or all of the paid order: never more than paid in total, the refundRequestId
   * stored before the request leaves, one refund in flight at a time, an unknown refund resolved
   * (inquiry, then the same refund again) before any new one. The same Idempotency-Key and body
   * answer the first refund's result.
   */
  async refund(input) {
    return this.#oneRefundAtATime(() => this.#refund(input));
  }

  /** Runs refund work after the refund work already queued on this order. */
  #oneRefundAtATime(work) {
    const run = (this.refunding ?? Promise.resolve()).catch(() => {}).then(work);
    const tracked = run.finally(() => {
      if (this.refunding === tracked) this.refunding = undefined;
    });
    tracked.catch(() => {});
    this.refunding = tracked;
    return run;
  }

  async #settleOpenRefunds() {
    for (const r of (await this.#load()).refunds) if (OPEN_REFUND.has(r.state)) await this.#resolveRefund(r.refundRequestId);
  }

  async #refund({ value, reason, idempotencyKey, bodyHash, operator }) {
    let o = await this.#load();
    if (!o) return notFound();
    const same = o.refunds.find((r) => r.idempotencyKey === idempotencyKey);
    if (same) {
      if (same.bodyHash !== bodyHash) return { status: 409, body: { error: "IDEMPOTENCY_KEY_REUSED", message: "this Idempotency-Key was used for another refund" } };
      if (OPEN_REFUND.has(same.state)) await this.#resolveRefund(same.refundRequestId);
      return refundAnswer(await this.#load(), same.refundRequestId);
    }
    let paid = paidAttempt(o);
    if (!paid) return { status: 409, body: { error: "NOT_PAID", message: "only a paid order can be refunded" } };
    // Paid with no paymentId recorded (an inquiry's SUCCESS that named none): Antom's inquiry
    // names it.
    if (!paid.paymentId) {
      await this.#inquireOnly(paid.n, "before a refund");
      paid = paidAttempt(await this.#load());
      if (!paid.paymentId) return { status: 503, body: { error: "PAYMENT_ID_UNKNOWN", message: "Antom has not named this payment's paymentId yet; try again shortly" } };
    }
    // An open refund is settled first: a new one could otherwise exceed what was paid.
    await this.#settleOpenRefunds();
    o = await this.#load();
    const open = o.refunds.find((r) => OPEN_REFUND.has(r.state));
    if (open) return { status: 409, body: { error: "REFUND_OPEN", message: `refund ${open.refundRequestId} is ${open.state}; try again later`, ...refundView(o) } };
    const committed = o.refunds.filter((r) => r.state !== "failed").reduce((n, r) => n + BigInt(r.value), 0n);
    if (committed + BigInt(value) > BigInt(o.amount)) {
      return { status: 422, body: { error: "REFUND_TOO_LARGE", message: `at most ${BigInt(o.amount) - committed} (minor units) is left to refund`, ...refundView(o) } };
    }
    const refundRequestId = `${o.orderId}-R${o.refunds.length + 1}`;
    const request = { refundRequestId, paymentId: paidAttempt(o).paymentId, refundAmount: { currency: o.currency, value } };
    if (reason) request.refundReason = reason;
    // Stored before anything is sent: an unknown refund is resolved with this id and request.
    await this.#update((o) => {
      o.refunds.push({ refundRequestId, value, request, state: "sending", operator, idempotencyKey, bodyHash, at: Date.now(), checkAt: Date.now() + RECHECK_MS, tries: 0 });
      note(o, "refund created", { refundRequestId, value, operator });
    });
    await this.#arm();
    const sent = await this.#sendRefund(refundRequestId, "refund sent");
    if (OPEN_REFUND.has(refundIn(await this.#load(), refundRequestId).state)) await this.#resolveRefund(refundRequestId);
    const answer = refundAnswer(await this.#load(), refundRequestId);
    if (!sent && refundIn(await this.#load(), refundRequestId).state !== "refunded") {
      return { status: 502, body: { ...answer.body, error: "REFUND_NOT_SENT", message: "the refund could not be sent; it stays open and is settled by inquiry" } };
    }
    return answer;
  }

  /**
   * An inquiry of attempt `n` alone, outside resolvePayment: for a final attempt (the paymentId a
   * refund needs, or a waiting notification's), and for an open one while a SUCCESS notification
   * waits. The rule's cancel (past the expiry, were Antom to answer processing) could return a
   * paid shopper's money; the answer is applied to attempt `n` like any inquiry.
   */
  async #inquireOnly(n, label, callOptions) {
    const { paymentRequestId } = attemptIn(await this.#load(), n);
    let outcome;
    try {
      outcome = await antom(this.env).inquirePayment({ paymentRequestId }, callOptions?.(this.env));
    } catch (e) {
      outcome = { kind: "unknown", reason: reasonOf(e) };
    }
    await this.#update((o) => applyInquiryAlone(o, n, outcome, label));
    await this.#arm();
  }

  /** Sends the stored refund request; resolves to false when the library could not send it. */
  async #sendRefund(refundRequestId, label) {
    const { request } = refundIn(await this.#load(), refundRequestId);
    let outcome;
    let sent = true;
    try {
      outcome = await antom(this.env).refund(request);
    } catch (e) {
      // Not sent this time; it may have reached Antom before, so it stays open (never "failed").
      sent = false;
      outcome = { kind: "unknown", reason: isAntomCheckoutError(e) ? e.code : "SEND_FAILED" };
      log("error", "refund not sent", { orderId: request.refundRequestId.split("-")[0], refundRequestId, error: outcome.reason });
    }
    await this.#update((o) => applyRefund(o, refundRequestId, `${label}: ${outcome.kind}`, outcome));
    await this.#arm();
    return sent;
  }

  /** An open refund: inquire; one Antom never saw is sent again, the same request. */
  async #resolveRefund(refundRequestId) {
    const r = refundIn(await this.#load(), refundRequestId);
    if (r.state === "sending") return this.#sendRefund(refundRequestId, "refund resent after sending");
    let outcome;
    try {
      outcome = await antom(this.env).inquireRefund({ refundRequestId });
    } catch (e) {
      outcome = { kind: "unknown", reason: isAntomCheckoutError(e) ? e.code : "SEND_FAILED" };
    }
    await this.#update((o) => applyRefund(o, refundRequestId, `refund inquiry: ${outcome.kind}`, outcome));
    if (outcome.action === "resendRefund") await this.#sendRefund(refundRequestId, "refund resent");
    await this.#arm();
  }
}

// ---- what the class needs besides the record ------------------------------------------------
/** The shopper owns the order: the digest of the secret it was given matches. */
function owner(o, secretHash) {
  if (!o || typeof secretHash !== "string") return false;
  const enc = new TextEncoder();
  return sameBytes(enc.encode(o.secretHash), enc.encode(secretHash));
}

/** A fault of the Worker's own configuration: its reason (logged), or null. */
function configurationFault(e) {
  return isAntomCheckoutError(e) && ["INVALID_CONFIG", "INVALID_KEY", "SIGNER_FAILED"].includes(e.code) ? `${e.code}: ${e.message}` : null;
}

/** Why a call threw instead of answering (the shopper's budget spent before it left, a library refusal). */
function reasonOf(e) {
  if (isAntomCheckoutError(e)) return e.code;
  return e?.name === "TimeoutError" || e?.name === "AbortError" ? "ABORTED" : "SEND_FAILED";
}

/** Waits for `promise` at most `ms`; resolves to its value, or undefined when the time ran out first. */
function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What a caller is told of a fault of ours (its reason is in the log, never in the answer). */
const INTERNAL = { status: 500, body: { error: "INTERNAL", message: "something went wrong on our side; try again later" } };

function notFound() {
  return { status: 404, body: { error: "NOT_FOUND", message: "no such order" } };
}
