// Quiescence and the judge: after a schedule, wait until the Worker's alarms have resolved
// everything (bounded), then compare the Worker's record with the stand-in's ledger (Antom's
// truth). Returns a list of violations: [{ invariant, detail }].
const FINAL = new Set(["paid", "failed", "cancelled"]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const attemptOf = (id) => Number(String(id).split("-").pop());

/** Waits until the schedule's orders are settled at the Worker and at Antom (bounded). */
export async function quiesce(rec, { driver, antom, graceMs, maxMs }) {
  const ids = rec.orders.filter((o) => o.order).map((o) => o.order.orderId);
  const unknownIds = rec.unknown.map((u) => u.paymentRequestId.split("-")[0]);
  const end = Date.now() + maxMs;
  for (let round = 0; ; round++) {
    // A consistent cut: the ledger read before and after the Worker's views, judged only when
    // nothing changed at Antom in between (a notification acknowledged while the views were read
    // would otherwise be missing from a view taken before it was recorded).
    const before = await antom.ledger([...ids, ...unknownIds]);
    const snaps = await Promise.all(rec.orders.map((o) => (o.order ? driver.snapshot(o.order) : null)));
    const ledger = await antom.ledger([...ids, ...unknownIds]);
    const stable = JSON.stringify({ ...before, now: 0 }) === JSON.stringify({ ...ledger, now: 0 });
    const now = Date.now();
    const settled = stable && rec.orders.every((o, i) => !o.order || snaps[i]?.settled);
    const antomSettled = ledger.payments.every((p) => p.status !== "PROCESSING" || now > p.expiresAt + graceMs);
    const notified = ledger.notifications.every((n) => n.acked || n.gaveUp || ledger.notifications.some((m) => m.series === n.series && m.acked));
    const quiet = ledger.held.length === 0;
    if ((settled && antomSettled && notified && quiet) || now > end) {
      return { snaps, ledger, quiescent: settled && antomSettled && notified && quiet, waited: round, why: { settled, antomSettled, notified, quiet } };
    }
    await sleep(500);
  }
}

/** The invariants. `q` is quiesce()'s answer; `caps` the driver's. */
export function judge(rec, q, { caps, unmatched, graceMs, responses, killTimes }) {
  const v = [];
  const bad = (invariant, detail) => v.push({ invariant, detail });
  const { ledger } = q;
  const now = Date.now();
  if (!q.quiescent) bad("quiescence", `not settled after the wait: ${JSON.stringify(q.why)}; Worker states ${JSON.stringify(q.snaps.map((s) => s && { state: s.state, attempts: s.attempts.map((a) => `${a.n}:${a.state}`), refunds: s.refunds.map((r) => r.state) }))}`);

  // No 5xx from the Worker for anything the campaign sent (502 only where API.md allows it: an
  // operator refund that could not be sent).
  for (const r of responses) {
    if (r.status >= 500 && !(r.tag === "refund" && r.status === 502)) bad("no 5xx", `${r.method} ${r.path} answered ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  }

  rec.orders.forEach((o, i) => {
    if (!o.order) return;
    const snap = q.snaps[i];
    const id = o.order.orderId;
    const pays = ledger.payments.filter((p) => p.referenceOrderId === id);
    const name = `order ${o.k} (${id})`;
    // A double click creates one order.
    const created = new Set(o.createResponses.filter((r) => r.orderId).map((r) => r.orderId));
    if (created.size > 1) bad("one order per purchase", `${name}: the same Idempotency-Key created ${created.size} orders`);
    if (!snap) return bad("order known", `${name}: the Worker has no view of it`);

    // No shopper charged twice; no paid attempt cancelled.
    const successes = pays.filter((p) => p.status === "SUCCESS");
    if (successes.length > 1) bad("charged at most once", `${name}: ${successes.length} SUCCESS payments at Antom: ${successes.map((p) => p.paymentRequestId).join(", ")}`);
    for (const p of pays.filter((p) => p.cancelledAfterSuccess)) bad("no paid attempt cancelled", `${name}: ${p.paymentRequestId} was paid and then cancelled (funds returned)`);

    // No live attempt cancelled: a cancel of a PROCESSING payment only past its expiry, after an
    // inquiry Antom answered F, or after another attempt was paid.
    for (const p of pays) {
      for (const c of p.cancels ?? []) {
        if (c.statusBefore !== "PROCESSING") continue;
        const expired = c.at >= p.expiresAt;
        const answeredF = ledger.calls.some((x) => x.api === "inquiryPayment" && x.paymentRequestId === p.paymentRequestId && x.resultStatus === "F" && (x.processedAt ?? x.at) <= c.at);
        const otherPaid = pays.some((x) => x !== p && x.paidAt && x.paidAt <= c.at);
        if (!expired && !answeredF && !otherPaid) bad("no live attempt cancelled", `${name}: ${p.paymentRequestId} cancelled ${p.expiresAt - c.at} ms before its expiry, while the shopper could still pay`);
      }
    }

    const attempt = (prId) => snap.attempts.find((a) => a.paymentRequestId === prId);
    // No paid attempt unrecorded: every SUCCESS at Antom is paid at the Worker, and the order paid.
    for (const p of successes) {
      const a = attempt(p.paymentRequestId);
      if (!a) bad("paid attempt recorded", `${name}: Antom took ${p.paymentRequestId}; the Worker ${snap.latestOnly ? `keeps only ${snap.attempts[0].paymentRequestId} (${snap.state})` : "has no such attempt"}`);
      else if (a.state !== "paid") bad("paid attempt recorded", `${name}: Antom took ${p.paymentRequestId}; the Worker says ${a.state}`);
      if (snap.state !== "paid") bad("paid attempt recorded", `${name}: Antom took ${p.paymentRequestId}; the order is ${snap.state}`);
      if (caps.operatorView && snap.paymentId !== p.paymentId) bad("paid order refundable", `${name}: the paid order's paymentId is ${snap.paymentId}, Antom's ${p.paymentId}`);
    }
    // Every final state Antom holds matched by the Worker's attempt state (and back).
    for (const p of pays) {
      const a = attempt(p.paymentRequestId);
      if (!a || p.status === "SUCCESS" || p.cancelledAfterSuccess) continue;
      const ok = p.status === "FAIL" ? (a.state === "failed" || (a.state === "cancelled" && (p.cancels ?? []).length > 0))
        : p.status === "CANCELLED" ? a.state === "cancelled"
        : p.status === "PROCESSING" ? !FINAL.has(a.state) || now > p.expiresAt + graceMs : true;
      if (!ok) bad("Worker agrees with Antom", `${name}: ${p.paymentRequestId} is ${p.status}${p.resultCode ? ` ${p.resultCode}` : ""} at Antom, ${a.state} at the Worker`);
    }
    for (const a of snap.attempts) {
      const p = pays.find((x) => x.paymentRequestId === a.paymentRequestId);
      if (a.state === "paid" && !(p && (p.status === "SUCCESS" || p.cancelledAfterSuccess))) bad("paid only when Antom took it", `${name}: ${a.paymentRequestId} is paid at the Worker, ${p ? p.status : "unknown"} at Antom`);
    }
    if (snap.state === "paid" && !successes.length && !pays.some((p) => p.cancelledAfterSuccess)) bad("paid only when Antom took it", `${name}: the order is paid, Antom has no SUCCESS`);
    // Nothing left PROCESSING at Antom past its expiry and the alarm's grace.
    for (const p of pays.filter((p) => p.status === "PROCESSING" && now > p.expiresAt + graceMs)) {
      bad("nothing left open at Antom", `${name}: ${p.paymentRequestId} still PROCESSING ${now - p.expiresAt} ms after its expiry (Worker: ${attempt(p.paymentRequestId)?.state ?? `not kept; order ${snap.state}`})`);
    }

    // Notifications: every one Antom sent was acknowledged; for a known attempt it is in the
    // operator view; one that disagrees is never applied as paid.
    const mine = ledger.notifications.filter((n) => n.paymentRequestId && String(n.paymentRequestId).startsWith(`${id}-`));
    const series = new Map();
    for (const n of mine) series.set(n.series, [...(series.get(n.series) ?? []), n]);
    for (const [s, sends] of series) {
      const acked = sends.some((n) => n.acked);
      const first = sends[0];
      if (!acked) bad("notifications acknowledged", `${name}: notification ${s} for ${first.paymentRequestId} (${first.kind}) not acknowledged after ${sends.length} sends: ${sends.map((n) => n.status ?? n.error).join(", ")}`);
      const known = attempt(first.paymentRequestId) && snap.storedPaymentRequestIds.has(first.paymentRequestId);
      if (acked && known && caps.operatorView && Array.isArray(snap.notifications)) {
        const b = first.body ?? {};
        const hit = snap.notifications.some((x) => x.paymentRequestId === b.paymentRequestId && (x.paymentId ?? null) === (b.paymentId ?? null)
          && (x.amount === undefined || String(x.amount) === String(b.paymentAmount?.value)) && (x.currency === undefined || x.currency === b.paymentAmount?.currency));
        if (!hit) {
          const ack = sends.find((n) => n.acked);
          const near = (killTimes ?? []).filter((t) => Math.abs(t - (ack.doneAt ?? ack.at)) < 20_000).map((t) => `${t - (ack.doneAt ?? ack.at)} ms`);
          const inUnmatched = unmatched?.some((x) => x.paymentRequestId === b.paymentRequestId && (x.paymentId ?? null) === (b.paymentId ?? null));
          bad("notifications recorded", `${name}: acknowledged notification for ${b.paymentRequestId} (${b.result?.resultCode}, ${b.paymentAmount?.value} ${b.paymentAmount?.currency}, ${b.paymentId}) not in the operator view`
            + ` (sent ${sends.length}x, acknowledged ${ack.doneAt - rec.started} ms into the schedule by HTTP ${ack.status}; workerd restarts relative to the acknowledgement: ${near.join(", ") || "none within 20 s"};`
            + ` in the unmatched list: ${unmatched ? inUnmatched : "not asked"}; the view has ${snap.notifications.filter((x) => x.paymentRequestId === b.paymentRequestId).map((x) => `${x.kind}/${x.paymentId}/${x.amount} ${x.currency}${x.conflict ? ` conflict ${x.conflict}` : ""} x${x.count}`).join("; ") || "none"} for it;`
            + ` Antom sent for it: ${mine.filter((n) => n.paymentRequestId === b.paymentRequestId).map((n) => `#${n.series}.${n.attempt} ${n.kind} ${n.body?.result?.resultCode} ${n.body?.paymentAmount?.currency} at ${n.at - rec.started} ms acked ${n.acked}${n.doneAt ? ` at ${n.doneAt - rec.started} ms` : ""}`).join(", ")};`
            + ` the Worker's timeline: ${(snap.raw?.timeline ?? []).map((e) => `${Date.parse(e.at) - rec.started}ms ${e.event}${e.paymentRequestId ? ` ${String(e.paymentRequestId).split("-").pop()}` : ""}`).join(" | ")})`);
        }
      }
    }
    for (const c of rec.conflicts.filter((c) => c.k === o.k)) {
      const a = attempt(c.paymentRequestId);
      const p = pays.find((x) => x.paymentRequestId === c.paymentRequestId);
      if (a?.state === "paid" && p?.status !== "SUCCESS") bad("disagreeing notification not applied", `${name}: ${c.paymentRequestId} paid at the Worker after a notification with another ${c.what}; Antom says ${p?.status}`);
      if (c.what === "paymentId" && a?.paymentId && a.paymentId === c.override.paymentId) bad("disagreeing notification not applied", `${name}: ${c.paymentRequestId} took the notification's paymentId ${a.paymentId}`);
      if (caps.operatorView && Array.isArray(snap.notifications)) {
        const applied = snap.notifications.filter((x) => x.paymentRequestId === c.paymentRequestId && x.applied && (
          (c.what === "paymentId" && x.paymentId === c.override.paymentId) || (c.what === "amount" && String(x.amount) === c.override.paymentAmount.value) || (c.what === "currency" && x.currency === c.override.paymentAmount.currency)));
        if (applied.length) bad("disagreeing notification not applied", `${name}: a notification with another ${c.what} is marked applied: ${JSON.stringify(applied[0])}`);
      }
    }

    // Refunds: never above paid; the Worker's total is Antom's; one refund per Idempotency-Key.
    const refunds = ledger.refunds.filter((r) => pays.some((p) => p.paymentId === r.paymentId));
    const refundedAtAntom = refunds.filter((r) => r.status === "SUCCESS").reduce((n, r) => n + BigInt(r.amount.value), 0n);
    const paidAmount = successes.reduce((n, p) => n + BigInt(p.amount.value), 0n);
    if (refundedAtAntom > paidAmount) bad("refunds never above paid", `${name}: ${refundedAtAntom} refunded of ${paidAmount} paid`);
    if (BigInt(snap.refundedAmount || 0) > paidAmount) bad("refunds never above paid", `${name}: the Worker says ${snap.refundedAmount} refunded of ${paidAmount} paid`);
    if (q.quiescent && BigInt(snap.refundedAmount || 0) !== refundedAtAntom) bad("refunds recorded", `${name}: the Worker says ${snap.refundedAmount} refunded, Antom ${refundedAtAntom}`);
    const sentKeys = o.refundCalls.filter((c) => c.statuses.some((s) => s === 200 || s === 202)).length;
    if (refunds.length > o.refundCalls.length) bad("one refund per click series", `${name}: ${refunds.length} refunds at Antom for ${o.refundCalls.length} refund requests (${o.refundCalls.map((c) => `${c.amount} x${c.clicks}`).join(", ")}; ${sentKeys} accepted)`);

    // Every id Antom saw is one the Worker stored; every resend byte-identical.
    const seen = new Set([...pays.map((p) => p.paymentRequestId), ...Object.keys(ledger.bodies).filter((k) => k.startsWith(`${id}-`)),
      ...ledger.calls.filter((c) => c.api !== "refund" && c.api !== "inquiryRefund" && c.paymentRequestId?.startsWith(`${id}-`)).map((c) => c.paymentRequestId)]);
    for (const prId of seen) if (!snap.storedPaymentRequestIds.has(prId)) bad("ids stored first", `${name}: Antom saw ${prId}, which the Worker did not store`);
    if (snap.storedRefundRequestIds) {
      const refundIds = new Set([...refunds.map((r) => r.refundRequestId), ...Object.keys(ledger.refundBodies).filter((k) => !ledger.refunds.some((r) => r.refundRequestId === k) && (ledger.refundOrders?.[k] ?? "").startsWith(`${id}-`))]);
      for (const r of refundIds) if (!snap.storedRefundRequestIds.has(r)) bad("ids stored first", `${name}: Antom saw refund ${r}, which the Worker did not store`);
    }
    for (const [k, bodies] of Object.entries(ledger.bodies)) if (k.startsWith(`${id}-`) && new Set(bodies).size > 1) bad("resends byte-identical", `${name}: ${k} was sent with ${new Set(bodies).size} different bodies`);
    for (const r of refunds) {
      const bodies = ledger.refundBodies[r.refundRequestId] ?? [];
      if (new Set(bodies).size > 1) bad("resends byte-identical", `${name}: refund ${r.refundRequestId} was sent with ${new Set(bodies).size} different bodies`);
    }
  });

  // Notifications for unknown orders or attempts: acknowledged, and kept for reconciliation.
  for (const u of rec.unknown) {
    const sends = ledger.notifications.filter((n) => n.series === u.series);
    if (sends.length && !sends.some((n) => n.acked)) bad("notifications acknowledged", `unknown ${u.kind} ${u.paymentRequestId}: not acknowledged (${sends.map((n) => n.status ?? n.error).join(", ")})`);
    if (caps.unmatched && unmatched && sends.some((n) => n.acked) && !unmatched.some((x) => x.paymentRequestId === u.paymentRequestId)) {
      bad("unmatched notifications kept", `the acknowledged notification for unknown ${u.kind} ${u.paymentRequestId} is not in /operator/notifications/unmatched`);
    }
  }
  return v;
}
