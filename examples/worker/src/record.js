// The order's record: every change to a stored order is a pure function of it and of the news
// that changes it (an answer, a notification, a round of the rule), applied to the attempt or
// refund the news names. order.js loads, applies one of these and saves (`#update`); they call
// neither Antom nor storage (they only log), so tests drive them in any order of events
// (tests/js/record.test.mjs).
import { log } from "./http.js";

export const FINAL = new Set(["paid", "failed", "cancelled"]);
/** Sent (or about to be) with no answer that settles it: only Antom can say what happened. */
export const OPEN = new Set(["sending", "unknown"]);
export const OPEN_REFUND = new Set(["sending", "unknown", "processing"]);
/** How soon an open attempt or refund is looked at again when nothing else says when. */
export const RECHECK_MS = 5_000;
/**
 * How soon an attempt whose final news conflicts with the order is looked at again, and an attempt
 * whose waiting notification Antom's inquiry did not confirm.
 */
const SELDOM_MS = 10 * 60_000;
/** The first round of the rule after a pay was answered (the rule's first back-off step). */
const FIRST_ROUND_MS = 2_000;
const TIMELINE = 200;

/**
 * What every save ends with: an attempt with a notification that waits for its paymentId stays on
 * the alarm's list, whatever the change did, until an answer judges the notification.
 */
export function keepLooking(o) {
  for (const a of o.attempts) if (a.checkAt == null && waiting(o, a)) a.checkAt = Date.now();
}

/**
 * An inquiry of attempt `n` made outside the rule (order.js `#inquireOnly`), applied, and when the
 * attempt is looked at next.
 */
export function applyInquiryAlone(o, n, outcome, label) {
  applyInquiry(o, n, outcome, label);
  const a = attemptIn(o, n);
  if (waiting(o, a)) {
    // Still no paymentId: asked again with a growing pause (unknown), seldom when Antom answered
    // without one; the operator view shows the notification as unconfirmed.
    a.waitTries = (a.waitTries ?? 0) + 1;
    a.checkAt = Date.now() + (outcome.kind === "unknown" ? backoff(a.waitTries) : SELDOM_MS);
  } else {
    a.checkAt = FINAL.has(a.state) ? null : Date.now() + RECHECK_MS;
  }
}

export function attemptOf(request, n, expiresAt) {
  return { n, paymentRequestId: request.paymentRequestId, request, state: "sending", expiresAt, sends: 0, checkAt: Date.now() + RECHECK_MS };
}

export function attemptIn(o, n) {
  return o.attempts.find((a) => a.n === n);
}

export function paidAttempt(o) {
  return o.attempts.find((a) => a.state === "paid");
}

export function refundIn(o, refundRequestId) {
  return o.refunds.find((r) => r.refundRequestId === refundRequestId);
}

/** How soon an open refund, or an attempt with a waiting notification, is inquired again, by how often it was tried. */
function backoff(tries) {
  return Math.min(RECHECK_MS * 2 ** Math.max(0, tries - 1), 10 * 60_000);
}

/** A line in the order's timeline (bounded: it is for people reading one order). */
export function note(o, event, fields = {}) {
  o.timeline.push({ at: new Date().toISOString(), event, ...fields });
  if (o.timeline.length > TIMELINE) o.timeline.splice(0, o.timeline.length - TIMELINE);
}

/**
 * The first paymentId an answer names for an attempt is kept; a different one is a conflict. Once
 * it is known, the notifications that waited for it are judged against it (`inquired`: what the
 * inquiry that named it said, when one did).
 */
function notePaymentId(o, a, paymentId, inquired) {
  if (!paymentId) return true;
  if (!a.paymentId) {
    a.paymentId = paymentId;
    for (const rec of o.notifications) if (rec.paymentRequestId === a.paymentRequestId && rec.unconfirmed) confirmNotification(o, a, rec, inquired);
  } else if (a.paymentId !== paymentId) {
    note(o, "conflict: another paymentId for the attempt", { paymentRequestId: a.paymentRequestId, kept: a.paymentId, got: paymentId });
    return false;
  }
  return true;
}

/**
 * Attempt `a` is paid: the order is paid, and every other attempt still open is looked at now
 * (its round cancels it if Antom still has it open: `#round`).
 */
function markPaid(o, a, source) {
  if (a.state === "paid") return;
  if (FINAL.has(a.state)) note(o, `conflict: ${source} says paid, the attempt was ${a.state}`, { paymentRequestId: a.paymentRequestId });
  Object.assign(a, { state: "paid", checkAt: null });
  note(o, `paid (${source})`, { paymentRequestId: a.paymentRequestId, paymentId: a.paymentId });
  for (const b of o.attempts) if (b !== a && !FINAL.has(b.state)) b.checkAt = Date.now();
}

export function applyPay(o, n, outcome, label) {
  const a = attemptIn(o, n);
  note(o, `${label}: ${outcome.kind}`, { paymentRequestId: a.paymentRequestId, attempts: outcome.attempts, resultCode: outcome.resultCode, reason: outcome.reason });
  if (outcome.kind !== "unknown" && !notePaymentId(o, a, outcome.paymentId)) return;
  if (!OPEN.has(a.state)) return; // a notification or an inquiry decided it first
  // Awaiting the shopper or unknown, the rule's rounds begin (the alarm's, and the status checks').
  if (outcome.kind === "redirect") {
    Object.assign(a, { state: "awaitingShopper", redirectUrl: outcome.redirect.redirectUrl, checkAt: Date.now() + FIRST_ROUND_MS });
  } else if (outcome.kind === "failed" && outcome.resultCode !== "REPEAT_REQ_INCONSISTENT") {
    Object.assign(a, { state: "failed", resultCode: outcome.resultCode, checkAt: null });
  } else {
    Object.assign(a, { state: "unknown", reason: outcome.reason ?? outcome.resultCode, checkAt: Date.now() + FIRST_ROUND_MS });
  }
  // Another attempt was paid while this pay was out: this one is looked at now.
  if (paidAttempt(o) && !FINAL.has(a.state)) a.checkAt = Date.now();
}

export function applyInquiry(o, n, outcome, label) {
  const a = attemptIn(o, n);
  // Polling repeats the same answer: only what is new goes in the timeline.
  const summary = `${n}/${outcome.kind}/${outcome.paymentStatus ?? ""}/${outcome.reason ?? ""}`;
  if (summary !== o.lastInquiry) note(o, `${label}: inquiry ${outcome.kind}`, { paymentRequestId: a.paymentRequestId, paymentStatus: outcome.paymentStatus, reason: outcome.reason });
  o.lastInquiry = summary;
  if (["paid", "failed", "cancelled", "processing"].includes(outcome.kind) && !notePaymentId(o, a, outcome.paymentId, outcome.kind)) return;
  if (outcome.kind === "paid") return markPaid(o, a, "inquiry");
  if (a.state === "paid" && (outcome.kind === "failed" || outcome.kind === "cancelled")) {
    // Never applied: a paid attempt stays paid; the disagreement is kept for the operator.
    return note(o, `conflict: ${label} inquiry says ${outcome.kind}, the attempt was paid`, { paymentRequestId: a.paymentRequestId });
  }
  if (FINAL.has(a.state)) return;
  if (outcome.kind === "failed" || outcome.kind === "cancelled") {
    Object.assign(a, { state: outcome.kind, resultCode: outcome.paymentResultCode ?? outcome.resultCode, checkAt: null });
  }
}

/** A cancel of attempt `a` (made by a round of the rule) and what it came to. */
function applyCancel(o, a, outcome, why) {
  // A cancel still unknown round after round is noted once, not once a round.
  const event = `cancel (${why}): ${outcome.kind}`;
  const last = o.timeline.at(-1);
  if (!(outcome.kind === "unknown" && last?.event === event && last.paymentRequestId === a.paymentRequestId)) {
    note(o, event, { paymentRequestId: a.paymentRequestId, resultCode: outcome.resultCode, reason: outcome.reason });
  }
  a.cancelTries = (a.cancelTries ?? 0) + 1;
  if (outcome.kind === "cancelled") {
    a.cancel = "done";
    if (a.state === "paid") note(o, "conflict: a cancel went through, the attempt was paid", { paymentRequestId: a.paymentRequestId });
    else if (!FINAL.has(a.state)) Object.assign(a, { state: "cancelled", resultCode: outcome.resultCode ?? "CANCELLED", checkAt: null });
  } else if (outcome.kind === "failed") {
    // Refused (e.g. CANCEL_WINDOW_EXCEED): the rule inquired again in the same round.
    a.cancel = "refused";
    a.cancelCode = outcome.resultCode;
  } else {
    a.cancel = "unknown"; // the rule inquires next round, and cancels again if it is still open
  }
}

/**
 * A round of the rule for attempt `n`, applied to attempt `n` alone through the helpers every
 * answer goes through (so conflicts are noted, FAIL never overwrites paid): the cancel, then the
 * last inquiry; then when the attempt is looked at again.
 */
export function applyResolution(o, n, r, label, why) {
  const a = attemptIn(o, n);
  a.round = r.round;
  if (r.cancel) applyCancel(o, a, r.cancel, why);
  if (r.outcome && r.outcome !== r.cancel) applyInquiry(o, n, r.outcome, label);
  if (FINAL.has(a.state)) {
    a.checkAt = null;
  } else if (r.state === "pending") {
    a.checkAt = r.checkAgainAt ?? Date.now() + RECHECK_MS;
  } else if (r.state === "notFound" && OPEN.has(a.state)) {
    // A minute past its expiry, Antom still has no payment under this id: the pay never reached
    // Antom, and nothing can be charged under it.
    Object.assign(a, { state: "failed", resultCode: "ORDER_NOT_EXIST", checkAt: null });
    note(o, "attempt never reached Antom", { paymentRequestId: a.paymentRequestId });
  } else {
    // Final news the attempt did not take (a conflict, noted above for the operator), or Antom
    // not knowing an attempt it gave a wallet link for: looked at again, seldom.
    a.checkAt = Date.now() + SELDOM_MS;
  }
}

/** The fields of a notification that must agree with the order before it is applied. */
function conflictOf(o, a, n) {
  if (n.kind === "paid" && !n.paymentAmount) return "amount";
  // Antom's notifyPayment always names the paymentId: a SUCCESS without one cannot be checked.
  if (n.kind === "paid" && !n.paymentId) return "paymentId";
  if (n.paymentAmount && n.paymentAmount.value !== o.amount) return "amount";
  if (n.paymentAmount && n.paymentAmount.currency !== o.currency) return "currency";
  if (n.paymentId && a.paymentId && n.paymentId !== a.paymentId) return "paymentId";
  return null;
}

/**
 * A notification that agrees with the order applied to attempt `a`: paid always wins (a conflict
 * with a final state is noted by `markPaid`); failed never overwrites a final state.
 */
function applyAgreed(o, a, rec) {
  if (rec.kind === "paid") {
    notePaymentId(o, a, rec.paymentId);
    rec.applied = a.state !== "paid";
    markPaid(o, a, "notification");
  } else if (rec.kind === "failed") {
    if (a.state === "paid") rec.conflict = "status";
    else if (!FINAL.has(a.state)) {
      notePaymentId(o, a, rec.paymentId);
      Object.assign(a, { state: "failed", resultCode: rec.resultCode, checkAt: null });
      rec.applied = true;
    }
  }
}

/**
 * A notification that waited for the attempt's paymentId, now that an answer named it. A FAIL is
 * not applied when the inquiry that named the paymentId says the payment is open or paid.
 */
function confirmNotification(o, a, rec, inquired) {
  delete rec.unconfirmed;
  if (rec.paymentId !== a.paymentId) rec.conflict = "paymentId";
  else if (rec.kind === "failed" && (inquired === "processing" || inquired === "paid")) rec.conflict = "status";
  else applyAgreed(o, a, rec);
  noteNotification(o, rec, " (waited)");
}

/** Whether a notification (for attempt `a`, or any; of `kind`, or any) waits for its paymentId. */
export function waiting(o, a, kind) {
  return o.notifications.some((r) => r.unconfirmed && (!a || r.paymentRequestId === a.paymentRequestId) && (!kind || r.kind === kind));
}

/** Paid, or maybe paid: a SUCCESS notification waits for Antom's word. Nothing to retry then. */
export function mayBePaid(o) {
  return Boolean(paidAttempt(o)) || waiting(o, null, "paid");
}

function noteNotification(o, rec, how) {
  note(o, `notification ${rec.kind}${how}: ${rec.conflict ? `conflict (${rec.conflict}), not applied` : rec.applied ? "applied" : "no change"}`, { paymentRequestId: rec.paymentRequestId });
  if (rec.conflict) log("warn", "notification conflicts with the order", { orderId: o.orderId, paymentRequestId: rec.paymentRequestId, conflict: rec.conflict });
}

export function applyNotification(o, n) {
  const a = o && o.attempts.find((x) => x.paymentRequestId === n.paymentRequestId);
  if (!a) return { known: false };
  const key = JSON.stringify([n.kind, n.resultCode ?? null, n.paymentId ?? null, n.paymentAmount?.value ?? null, n.paymentAmount?.currency ?? null]);
  const seen = o.notifications.find((r) => r.paymentRequestId === n.paymentRequestId && r.key === key);
  if (seen) {
    seen.count += 1;
    seen.lastAt = new Date().toISOString();
    return { known: true, applied: false, repeated: true };
  }
  const rec = {
    at: new Date().toISOString(), key, paymentRequestId: n.paymentRequestId, kind: n.kind, resultCode: n.resultCode, paymentId: n.paymentId,
    amount: n.paymentAmount?.value, currency: n.paymentAmount?.currency, applied: false, count: 1,
  };
  o.notifications.push(rec);
  rec.conflict = conflictOf(o, a, n) ?? undefined;
  if (!rec.conflict && n.paymentId && !a.paymentId && (n.kind === "paid" || n.kind === "failed")) {
    // No answer has named this attempt's paymentId yet (its pay answer lost or still on its way),
    // so the notification's cannot be checked: it waits, and an inquiry now names Antom's
    // (`notePaymentId` then applies the notification, or keeps it as a conflict).
    rec.unconfirmed = true;
    a.checkAt = Date.now();
    note(o, `notification ${n.kind}: waits for Antom's paymentId`, { paymentRequestId: n.paymentRequestId });
    return { known: true, applied: false };
  }
  if (!rec.conflict) applyAgreed(o, a, rec);
  noteNotification(o, rec, "");
  return { known: true, applied: rec.applied, conflict: rec.conflict };
}

export function applyRefund(o, refundRequestId, label, outcome) {
  const r = refundIn(o, refundRequestId);
  note(o, label, { refundRequestId, resultCode: outcome.resultCode, reason: outcome.reason, attempts: outcome.attempts });
  if (!OPEN_REFUND.has(r.state)) return;
  r.tries += 1;
  if (outcome.kind === "refunded") Object.assign(r, { state: "refunded", checkAt: null });
  else if (outcome.kind === "failed") Object.assign(r, { state: "failed", resultCode: outcome.resultCode, checkAt: null });
  else {
    if (outcome.kind === "processing") r.state = "processing";
    else if (outcome.kind !== "notFound") r.state = "unknown";
    r.checkAt = Date.now() + backoff(r.tries);
  }
  if (outcome.refundId) r.refundId ??= outcome.refundId;
}

/** What the shopper's page needs, and nothing more. */
export function shopperView(o) {
  const latest = o.attempts.at(-1);
  const paid = o.attempts.some((a) => a.state === "paid");
  // A SUCCESS notification waiting for Antom's word: the shopper is told it is being checked.
  const state = paid ? "paid" : waiting(o, null, "paid") ? "unknown" : latest.state;
  const v = { orderId: o.orderId, state, attempt: latest.n, amount: o.amount, currency: o.currency };
  if (state === "awaitingShopper") v.redirectUrl = latest.redirectUrl;
  if ((state === "failed" || state === "cancelled") && latest.resultCode) v.resultCode = latest.resultCode;
  const refunded = refundedOf(o);
  v.refundedAmount = String(refunded);
  v.refund = refunded === 0n ? "none" : refunded >= BigInt(o.amount) ? "full" : "partial";
  return v;
}

function refundedOf(o) {
  return o.refunds.filter((r) => r.state === "refunded").reduce((n, r) => n + BigInt(r.value), 0n);
}

export function operatorView(o) {
  const paid = o.attempts.some((a) => a.state === "paid");
  return {
    orderId: o.orderId,
    state: paid ? "paid" : o.attempts.at(-1).state,
    amount: o.amount,
    currency: o.currency,
    description: o.description,
    createdAt: new Date(o.createdAt).toISOString(),
    paymentId: paidAttempt(o)?.paymentId,
    attempts: o.attempts.map(({ n, paymentRequestId, state, expiresAt, paymentId, resultCode, sends, cancel }) => ({ n, paymentRequestId, state, expiresAt: new Date(expiresAt).toISOString(), paymentId, resultCode, sends, cancel })),
    notifications: o.notifications.map(({ key, ...r }) => r),
    ...refundView(o),
    timeline: o.timeline,
  };
}

export function refundView(o) {
  const refunds = o.refunds.map(({ refundRequestId, value, state, refundId, resultCode, operator }) => ({ refundRequestId, amount: value, state, refundId, resultCode, operator }));
  return { refunds, refundedAmount: String(refundedOf(o)), currency: o.currency };
}

export function refundAnswer(o, refundRequestId) {
  const v = refundView(o);
  const refund = v.refunds.find((r) => r.refundRequestId === refundRequestId);
  const status = refund.state === "refunded" ? 200 : refund.state === "failed" ? 422 : 202;
  return { status, body: { orderId: o.orderId, refund, ...v } };
}
