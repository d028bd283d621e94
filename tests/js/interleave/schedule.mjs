// One seeded schedule: its plan (generated from the seed alone, so one seed replays one schedule)
// and its execution against the Worker (through a driver) and the Antom stand-in (its controls).
import { randomBytes } from "node:crypto";

/** mulberry32: a small seeded PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const chance = (p) => next() < p;
  const weighted = (table) => {
    const total = table.reduce((n, [, w]) => n + w, 0);
    let r = next() * total;
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  return { next, int, pick, chance, weighted, hex: (n) => Array.from({ length: n }, () => int(0, 15).toString(16)).join("") };
}

/** The schedule seed of campaign seed `base`, schedule `i`. */
export function scheduleSeed(base, i) {
  let h = (base ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const MENU = (kills) => [
  ["poll", 3], ["confirm", 2.5], ["decline", 2], ["retry", 2.5], ["staleInquiry", 1.2], ["holdPayNext", 1], ["holdInquiry", 0.8],
  ["holdCancel", 1], ["notify", 1.5], ["notifyOld", 1], ["notifyConflict", 1], ["notifyUnknown", 0.6], ["refund", 2],
  ["waitExpiry", 0.8], ["sleep", 1], ["confirmOld", 0.6], ...(kills ? [["kill", 0.35]] : []),
];

/** The plan of schedule `seed`: what each order does, in what order, with what parameters. */
export function plan(seed, { kills = false } = {}) {
  const r = prng(seed);
  const nOrders = r.chance(0.3) ? 2 : 1;
  const orders = [];
  for (let k = 0; k < nOrders; k++) {
    const amount = String(r.int(100, 9999));
    const steps = [{ t: "create", clicks: r.int(1, 10) <= 7 ? r.int(2, 5) : 1, startDelayMs: k ? r.int(0, 1500) : 0 }];
    // The stale inquiry (a held inquiry answered after the shopper declined and retried) is the
    // interleaving the old Worker gets wrong; about a third of the schedules play it.
    const macroAt = r.chance(0.4) ? r.int(0, 3) : -1;
    const n = r.int(3, 9);
    for (let i = 0; i < n; i++) {
      if (i === macroAt) steps.push(stepOf("staleInquiry", r));
      steps.push(stepOf(r.weighted(MENU(kills)), r));
    }
    if (r.chance(0.5)) steps.push(stepOf(r.chance(0.6) ? "confirm" : "decline", r));
    if (r.chance(0.3)) steps.push(stepOf("refund", r));
    if (kills && r.chance(0.2)) steps.push(stepOf("waitExpiry", r), stepOf("kill", r));
    orders.push({ amount, description: `interleave ${seed.toString(16)} #${k}`, steps });
  }
  return { seed, orders };
}

function stepOf(t, r) {
  switch (t) {
    case "poll": return { t, n: r.int(1, 4), background: r.chance(0.3) };
    case "confirm": case "decline": return { t, background: r.chance(0.2) };
    case "confirmOld": return { t };
    case "retry": return { t, of: r.chance(0.2) ? "stale" : "latest", dup: r.chance(0.4) ? r.int(2, 3) : 1, viewFirst: r.chance(0.7) };
    case "staleInquiry":
      return { t, stage: r.chance(0.75) ? "request" : "answer", drop: r.chance(0.15), confirmNewEarly: r.chance(0.3), retryAgain: r.chance(0.8), payOld: r.chance(0.7), payNew: r.chance(0.8), releaseDelayMs: r.int(0, 600) };
    case "holdPayNext": return { t, stage: r.chance(0.5) ? "request" : "answer", drop: r.chance(0.3), releaseMs: r.pick([200, 800, 1500, 3500]) };
    case "holdInquiry": return { t, stage: r.chance(0.5) ? "request" : "answer", drop: r.chance(0.3), releaseMs: r.pick([300, 1200, 3500]) };
    case "holdCancel": return { t, stage: r.chance(0.5) ? "request" : "answer", drop: r.chance(0.3), releaseMs: r.pick([300, 1500, 3500]) };
    case "notify": return { t, dup: r.int(1, 3) };
    case "notifyOld": return { t, dup: r.int(1, 2) };
    case "notifyConflict": return { t, what: r.pick(["amount", "currency", "paymentId"]), which: r.chance(0.7) ? "latest" : "old" };
    case "notifyUnknown": return { t, kind: r.chance(0.6) ? "order" : "attempt", dup: r.int(1, 2) };
    case "refund": return { t, size: r.weighted([["part", 3], ["rest", 2], ["full", 1], ["over", 1]]), clicks: r.chance(0.6) ? r.int(2, 3) : 1, holdAnswer: r.chance(0.15) };
    case "waitExpiry": return { t };
    case "sleep": return { t, ms: r.pick([100, 300, 700, 1500]) };
    case "kill": return { t };
    default: throw new Error(t);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The stand-in's controls. */
export function antomControl(standInUrl) {
  const post = (path, body) => fetch(`${standInUrl}/__control/${path}`, { method: "POST", body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) }).then(async (r) => (r.ok ? r.json() : { status: r.status }));
  return {
    hold: (h) => post("hold", h),
    release: (b) => post("release", b),
    notify: (b) => post("notify", b),
    held: () => fetch(`${standInUrl}/__control/held`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.json()),
    ledger: (orderIds) => fetch(`${standInUrl}/__control/state?${orderIds.map((o) => `order=${encodeURIComponent(o)}`).join("&")}`, { signal: AbortSignal.timeout(20_000) }).then((r) => r.json()),
    async heldBy(holdId, ms) {
      const end = Date.now() + ms;
      for (;;) {
        const h = (await this.held()).filter((x) => x.holdId === holdId);
        if (h.length || Date.now() > end) return h;
        await sleep(100);
      }
    },
  };
}

/**
 * Runs one schedule. `env`: { driver, antom (antomControl), stack (url, killer), ttlMs, log }.
 * Returns the record the judge needs.
 */
export async function execute(p, env) {
  const { driver, antom } = env;
  const rec = { seed: p.seed, orders: [], events: [], holds: [], conflicts: [], unknown: [], kills: 0, started: Date.now(), notes: [] };
  const ev = (what, extra = {}) => rec.events.push({ at: Date.now() - rec.started, what, ...extra });
  const bg = [];
  const nonce = randomBytes(3).toString("hex");
  await Promise.all(p.orders.map(async (o, k) => {
    const ctx = {
      legacyOrderId: `il${p.seed.toString(16).padStart(8, "0")}${nonce}${k}`,
      order: null, amount: o.amount, attempts: new Map(), latest: 0, lastView: null, createResponses: [], refundCalls: [], k,
    };
    rec.orders.push(ctx);
    const learn = (r) => {
      const b = r?.body;
      if (!b || typeof b !== "object" || !(r.status >= 200 && r.status < 300)) return;
      if (Number.isInteger(b.attempt)) {
        if (b.attempt >= ctx.latest) {
          ctx.latest = b.attempt;
          ctx.lastView = b;
        }
        if (b.redirectUrl) {
          const a = ctx.attempts.get(b.attempt) ?? {};
          a.redirectUrl = b.redirectUrl;
          a.paymentId = new URL(b.redirectUrl).pathname.split("/").pop();
          ctx.attempts.set(b.attempt, a);
        }
      }
    };
    const prId = (n) => driver.paymentRequestId(ctx.order, n);
    const view = async () => {
      const r = await driver.view(ctx.order);
      learn(r);
      return r;
    };
    const wallet = async (n, action) => {
      const a = ctx.attempts.get(n);
      if (!a?.redirectUrl) return null;
      let status = 0;
      try {
        status = (await fetch(`${a.redirectUrl}/${action}`, { method: "POST", redirect: "manual", signal: AbortSignal.timeout(10_000) })).status;
      } catch {}
      ev(`wallet ${action} attempt ${n}`, { status });
      return status;
    };
    const releaseLater = (holdId, { releaseMs, drop, waitMs = 8000 }) => {
      bg.push((async () => {
        const held = await antom.heldBy(holdId, waitMs);
        if (!held.length) return;
        await sleep(releaseMs);
        await antom.release({ holdId, drop });
        ev(`released ${holdId}${drop ? " (dropped)" : ""}`);
      })());
    };
    const hold = async (h) => {
      const { holdId } = await antom.hold(h);
      rec.holds.push(holdId);
      ev(`hold ${h.api} ${h.paymentRequestId ?? ""} ${h.stage}`, { holdId });
      return holdId;
    };
    const awaitingLatest = () => ctx.lastView?.state === "awaitingShopper" && ctx.attempts.get(ctx.latest)?.redirectUrl;
    const payment = async (id) => (await antom.ledger([ctx.order.orderId])).payments.find((x) => x.paymentRequestId === id);

    for (const s of o.steps) {
      if (s.t === "create") {
        if (s.startDelayMs) await sleep(s.startDelayMs);
        const key = `il-${p.seed.toString(16)}-${nonce}-${k}-create`;
        const rs = await Promise.all(Array.from({ length: s.clicks }, () => driver.create(ctx, { amount: o.amount, description: o.description, key })));
        ctx.createResponses = rs.map((r) => ({ status: r.status, orderId: r.order?.orderId ?? r.body?.orderId, error: r.error }));
        const got = rs.find((r) => r.order);
        ev(`create x${s.clicks}`, { statuses: rs.map((r) => r.status) });
        if (!got) {
          rec.notes.push(`order ${k} was not created (${rs.map((r) => r.status || r.error).join(",")})`);
          return;
        }
        ctx.order = got.order;
        for (const r of rs) learn(r);
        continue;
      }
      if (!ctx.order) return;
      ev(`step ${s.t}`, { step: s });
      switch (s.t) {
        case "poll": {
          const work = Promise.all(Array.from({ length: s.n }, () => view()));
          if (s.background) bg.push(work);
          else await work;
          break;
        }
        case "confirm": case "decline": {
          if (!awaitingLatest()) await view();
          const work = wallet(ctx.latest, s.t);
          if (s.background) bg.push(work);
          else await work;
          break;
        }
        case "confirmOld": {
          // The shopper's older wallet tab: confirming an attempt the page has moved past.
          for (const n of [...ctx.attempts.keys()].filter((n) => n < ctx.latest)) await wallet(n, "confirm");
          break;
        }
        case "retry": {
          if (s.viewFirst) await view();
          const of = s.of === "stale" ? Math.max(1, ctx.latest - 1) : ctx.latest;
          const rs = await Promise.all(Array.from({ length: s.dup }, () => driver.retry(ctx.order, of)));
          rs.forEach(learn);
          ev(`retry of ${of} x${s.dup}`, { statuses: rs.map((r) => r.status), attempts: rs.map((r) => r.body?.attempt) });
          break;
        }
        case "staleInquiry": {
          // An inquiry about attempt n reaches Antom late (or its answer does) while the shopper
          // declines attempt n, sees it failed and retries: the answer about n must not be
          // taken for attempt n+1.
          await view();
          if (!awaitingLatest()) break;
          const n = ctx.latest;
          const holdId = await hold({ api: "inquiryPayment", paymentRequestId: prId(n), stage: s.stage, count: 1 });
          await sleep(1100); // the Worker starts at most one inquiry a second
          const polling = view();
          bg.push(polling);
          const held = await antom.heldBy(holdId, 3000);
          ev(`inquiry of attempt ${n} held: ${held.length}`);
          await wallet(n, "decline");
          // The decline's notification acknowledged (or a few seconds passed).
          for (let i = 0; i < 30; i++) {
            const l = await antom.ledger([ctx.order.orderId]);
            if (l.notifications.some((x) => x.paymentRequestId === prId(n) && x.acked)) break;
            await sleep(100);
          }
          await view();
          const r = await driver.retry(ctx.order, n);
          learn(r);
          ev(`retry of ${n}`, { status: r.status, attempt: r.body?.attempt, state: r.body?.state });
          if (s.confirmNewEarly && ctx.latest > n) await wallet(ctx.latest, "confirm");
          await sleep(s.releaseDelayMs);
          await antom.release({ holdId, drop: s.drop, disarm: true });
          ev(`released ${holdId}${s.drop ? " (dropped)" : ""}`);
          await Promise.race([polling, sleep(2500)]);
          await sleep(200);
          // The page looks again (not waited for more than 3 s: the shopper acts on what it shows).
          const looking = view();
          bg.push(looking);
          const after = (await Promise.race([looking, sleep(3000)])) ?? { body: ctx.lastView };
          if (s.retryAgain && (after.body?.state === "failed" || after.body?.state === "cancelled")) {
            const again = await driver.retry(ctx.order, ctx.latest);
            learn(again);
            ev(`retry again of ${ctx.latest}`, { status: again.status, attempt: again.body?.attempt });
          }
          if (s.payNew) await wallet(ctx.latest, "confirm");
          // The shopper still has the wallet of the attempt before open, and pays there too.
          if (s.payOld) for (const m of [...ctx.attempts.keys()].filter((m) => m > n && m < ctx.latest)) await wallet(m, "confirm");
          break;
        }
        case "holdPayNext": {
          const holdId = await hold({ api: "pay", paymentRequestId: prId(ctx.latest + 1), stage: s.stage, count: 1 });
          releaseLater(holdId, { releaseMs: s.releaseMs, drop: s.drop, waitMs: 15_000 });
          break;
        }
        case "holdInquiry": {
          const holdId = await hold({ api: "inquiryPayment", paymentRequestId: prId(ctx.latest), stage: s.stage, count: 1 });
          releaseLater(holdId, { releaseMs: s.releaseMs, drop: s.drop, waitMs: 8000 });
          bg.push(view());
          break;
        }
        case "holdCancel": {
          const holdId = await hold({ api: "cancel", paymentRequestId: prId(ctx.latest), stage: s.stage, count: 1 });
          releaseLater(holdId, { releaseMs: s.releaseMs, drop: s.drop, waitMs: Math.max(2000, env.ttlMs + 6000) });
          break;
        }
        case "notify": case "notifyOld": {
          // Antom's news again: a notification Antom already sent for that attempt, resent with
          // the same bytes (duplicated, late, reordered); or, for a final payment never
          // notified, its result. Antom notifies only final results: nothing for a PROCESSING one.
          const n = s.t === "notify" ? ctx.latest : ctx.latest - 1;
          if (n < 1) break;
          const l = await antom.ledger([ctx.order.orderId]);
          const sent = l.notifications.filter((x) => x.paymentRequestId === prId(n) && x.kind === "wallet");
          const pay = l.payments.find((x) => x.paymentRequestId === prId(n));
          for (let i = 0; i < s.dup; i++) {
            let a;
            if (sent.length) a = await antom.notify({ body: sent[0].body, notifyUrl: sent[0].notifyUrl });
            else if (pay && (pay.status === "SUCCESS" || pay.status === "FAIL")) a = await antom.notify({ paymentRequestId: prId(n) });
            else break;
            ev(`notify attempt ${n}${sent.length ? " (resent)" : ""}`, { index: a.index });
          }
          break;
        }
        case "notifyConflict": {
          const n = s.which === "latest" ? ctx.latest : ctx.latest - 1;
          if (n < 1) break;
          const pay = await payment(prId(n));
          if (!pay) break;
          const success = { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" };
          const override = s.what === "amount" ? { result: success, paymentAmount: { currency: pay.amount.currency, value: String(Number(pay.amount.value) + 1) } }
            : s.what === "currency" ? { result: success, paymentAmount: { currency: pay.amount.currency === "USD" ? "EUR" : "USD", value: pay.amount.value } }
            : { result: success, paymentId: `2025CONFLICT${randomBytes(6).toString("hex")}` };
          const a = await antom.notify({ paymentRequestId: prId(n), override });
          rec.conflicts.push({ k, paymentRequestId: prId(n), what: s.what, series: a.series, override });
          ev(`notify conflicting ${s.what} attempt ${n}`, { index: a.index });
          break;
        }
        case "notifyUnknown": {
          const id = s.kind === "order" ? `${randomBytes(16).toString("hex")}-1` : prId(9);
          const body = {
            notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS", resultMessage: "success" }, paymentRequestId: id,
            paymentId: `2025UNKNOWN${randomBytes(6).toString("hex")}`, paymentAmount: { currency: "JPY", value: o.amount }, paymentCreateTime: new Date().toISOString(),
          };
          for (let i = 0; i < s.dup; i++) {
            const a = await antom.notify({ body, notifyUrl: `${env.stack.url}/antom/notify` });
            rec.unknown.push({ paymentRequestId: id, series: a.series, kind: s.kind });
          }
          ev(`notify unknown ${s.kind} ${id}`);
          break;
        }
        case "refund": {
          const v = await view();
          const paid = BigInt(ctx.amount);
          const done = BigInt(v.body?.refundedAmount ?? 0);
          const amount = s.size === "part" ? (paid / 3n > 0n ? paid / 3n : 1n) : s.size === "rest" ? (paid - done > 0n ? paid - done : 1n) : s.size === "full" ? paid : paid + 1n;
          const key = `il-${p.seed.toString(16)}-${nonce}-${k}-refund-${ctx.refundCalls.length}`;
          if (s.holdAnswer && v.body?.state === "paid") {
            const holdId = await hold({ api: "refund", paymentRequestId: prId(ctx.latest), stage: "answer", count: 1 });
            releaseLater(holdId, { releaseMs: 1500, drop: false, waitMs: 5000 });
          }
          const rs = await Promise.all(Array.from({ length: s.clicks }, () => driver.refund(ctx.order, { amount: String(amount), key, reason: "interleave" })));
          ctx.refundCalls.push({ key, amount: String(amount), clicks: s.clicks, statuses: rs.map((r) => r.status), paidAtTheTime: v.body?.state === "paid" });
          ev(`refund ${amount} x${s.clicks}`, { statuses: rs.map((r) => r.status), bodies: rs.map((r) => r.body?.error ?? r.body?.refund?.state) });
          break;
        }
        case "waitExpiry": {
          const pay = await payment(prId(ctx.latest));
          const until = (pay?.expiresAt ?? Date.now() + env.ttlMs) + 1500;
          const ms = Math.min(until - Date.now(), env.ttlMs + 3000);
          if (ms > 0) await sleep(ms);
          break;
        }
        case "sleep":
          await sleep(s.ms);
          break;
        case "kill":
          if (await env.stack.kill?.(`schedule ${p.seed.toString(16)}`)) {
            rec.kills += 1;
            ev("workerd killed and restarted");
          } else ev("kill coalesced");
          break;
        default:
          throw new Error(s.t);
      }
    }
  }));
  // Everything still held by this schedule is let go (answered), and its holds disarmed.
  for (const holdId of rec.holds) await antom.release({ holdId, disarm: true });
  await Promise.race([Promise.allSettled(bg), sleep(20_000)]);
  for (const holdId of rec.holds) await antom.release({ holdId, disarm: true });
  rec.finished = Date.now();
  return rec;
}
