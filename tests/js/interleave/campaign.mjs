// The interleaving campaign's runner: starts one stack (the Worker in workerd and the Antom
// stand-in), runs seeded schedules CONCURRENCY at a time, quiesces and judges each, and (when
// kills are on) kills workerd now and then and starts it again on the same storage.
//
//   node tests/js/interleave/campaign.mjs [--api current|legacy] [--count N] [--seed S]
//        [--budget SECONDS] [--concurrency C] [--kills] [--replay SEED[,SEED...]] [--stack path/to/stack.mjs]
//        [--config path/to/wrangler.toml] [--verbose]
//
// Environment (the same, for the node:test wrapper): INTERLEAVE_API, INTERLEAVE_COUNT,
// INTERLEAVE_SEED, INTERLEAVE_BUDGET_S, INTERLEAVE_CONCURRENCY, INTERLEAVE_KILLS (1/0),
// INTERLEAVE_REPLAY, INTERLEAVE_STACK, INTERLEAVE_CONFIG, INTERLEAVE_TTL_MINUTES,
// INTERLEAVE_STOP_AFTER (failures), INTERLEAVE_VERBOSE.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { plan, execute, scheduleSeed, antomControl } from "./schedule.mjs";
import { quiesce, judge } from "./judge.mjs";
import { makeDriver } from "./driver.mjs";

const ROOT = new URL("../../../", import.meta.url).pathname;
const DEFAULT_STACK = join(ROOT, "examples/stack.mjs");

export function options(argv = [], env = process.env) {
  const arg = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const flag = (name) => argv.includes(`--${name}`);
  const num = (v, d) => (v === undefined || v === "" ? d : Number(v));
  const replay = arg("replay") ?? env.INTERLEAVE_REPLAY;
  return {
    api: arg("api") ?? env.INTERLEAVE_API ?? "current",
    count: num(arg("count") ?? env.INTERLEAVE_COUNT, 240),
    seed: num(arg("seed") ?? env.INTERLEAVE_SEED, Math.floor(Math.random() * 2 ** 32)) >>> 0,
    budgetS: num(arg("budget") ?? env.INTERLEAVE_BUDGET_S, 210),
    concurrency: num(arg("concurrency") ?? env.INTERLEAVE_CONCURRENCY, 16),
    kills: flag("kills") || env.INTERLEAVE_KILLS === "1",
    killGapS: num(arg("kill-gap") ?? env.INTERLEAVE_KILL_GAP_S, 30),
    // One schedule seed or several, comma-separated: those schedules alone, all of them run.
    replay: replay === undefined ? undefined : String(replay).split(",").map((x) => Number(x) >>> 0),
    stack: arg("stack") ?? env.INTERLEAVE_STACK ?? DEFAULT_STACK,
    // Another wrangler.toml (e.g. a frozen copy of the Worker for a long run): startStack's config.
    config: arg("config") ?? env.INTERLEAVE_CONFIG,
    ttlMinutes: arg("ttl") ?? env.INTERLEAVE_TTL_MINUTES ?? "0.1",
    stopAfter: num(arg("stop-after") ?? env.INTERLEAVE_STOP_AFTER, Infinity),
    verbose: flag("verbose") || env.INTERLEAVE_VERBOSE === "1",
  };
}

/** Runs a campaign; resolves to { ran, failed: [{ seed, violations, rec }], stats }. */
export async function campaign(opts, print = (s) => console.log(s)) {
  const { startStack } = await import(pathToFileURL(opts.stack).href);
  const ttlMs = Number(opts.ttlMinutes) * 60_000;
  const vars = { PAYMENT_TTL_MINUTES: String(opts.ttlMinutes), TIMEOUT_MS: "2500", ORDERS_PER_MINUTE: "100000" };
  const standIn = { closeAfterExpiryMs: 120_000 };
  const config = opts.config ? { config: opts.config } : {};
  let stack = await startStack({ vars, standIn, ...config });
  const started = Date.now();
  // What schedules see: the Worker's URL (the same port after a restart) and a killer.
  let restarting = null;
  let lastKill = 0;
  let kills = 0;
  const killTimes = [];
  let broken = null;
  const stackRef = {
    url: stack.url,
    ready: () => restarting ?? Promise.resolve(),
    async kill() {
      if (restarting) {
        await restarting;
        return false;
      }
      if (Date.now() - lastKill < opts.killGapS * 1000) return false;
      lastKill = Date.now();
      restarting = (async () => {
        await stack.kill();
        // Started again on the same port and storage (a few tries: wrangler can fail to start,
        // e.g. while pkg/ is being rebuilt).
        for (let t = 1; ; t++) {
          try {
            stack = await startStack({ restartOf: stack, vars, standIn, ...config });
            break;
          } catch (e) {
            if (t >= 3) {
              broken = e;
              throw e;
            }
            print(`(workerd did not start again, try ${t}: ${String(e.message).split("\n")[0]})`);
            await new Promise((r) => setTimeout(r, 5000));
          }
        }
        kills += 1;
        killTimes.push(Date.now());
      })();
      try {
        await restarting;
      } finally {
        restarting = null;
      }
      return true;
    },
  };
  const antom = antomControl(stack.standIn.url);
  const graceMs = 12_000;
  const seeds = opts.replay !== undefined ? opts.replay : Array.from({ length: opts.count }, (_, i) => scheduleSeed(opts.seed, i));
  const failed = [];
  const stats = { ran: 0, skipped: 0, violations: {}, first: {}, coverage: { heldCalls: 0, droppedCalls: 0, staleInquiries: 0, retriesToNewAttempt: 0, cancels: 0, notificationsSent: 0, conflictingNotifications: 0, unknownNotifications: 0, refundsAtAntom: 0, walletActions: 0, workerRequests: 0 }, orders: 0, attempts: 0, paid: 0, kills: 0, notQuiescent: 0, durationsMs: [] };
  const deadline = started + opts.budgetS * 1000;
  let next = 0;
  const one = async (seed) => {
    const responses = [];
    const driver = makeDriver(opts.api, stackRef, { log: (r) => responses.push(r) });
    const p = plan(seed, { kills: opts.kills });
    const t0 = Date.now();
    const rec = await execute(p, { driver, antom, stack: stackRef, ttlMs });
    // A workerd restart during the schedule delays its alarms: more grace for those.
    const killed = () => killTimes.some((t) => t >= t0 - ttlMs) || restarting !== null;
    const grace = graceMs + (killed() ? 20_000 : 0);
    const q = await quiesce(rec, { driver, antom, graceMs: grace, maxMs: ttlMs + grace + 15_000 });
    const judged = (unmatched) => judge(rec, q, { caps: driver.caps, unmatched, graceMs: killed() ? graceMs + 20_000 : grace, responses, killTimes });
    let violations = judged(rec.unknown.length ? await driver.unmatched() : null);
    // A notification missing from the view: is it in the unmatched list? (for the diagnosis)
    if (violations.some((x) => x.invariant === "notifications recorded") && !rec.unknown.length) violations = judged(await driver.unmatched());
    stats.ran += 1;
    stats.durationsMs.push(Date.now() - t0);
    stats.orders += rec.orders.filter((o) => o.order).length;
    stats.attempts += q.ledger.payments.length;
    stats.paid += q.ledger.payments.filter((x) => x.status === "SUCCESS").length;
    if (!q.quiescent) stats.notQuiescent += 1;
    const c = stats.coverage;
    const mineCalls = q.ledger.calls;
    c.heldCalls += mineCalls.filter((x) => x.hold).length;
    c.droppedCalls += mineCalls.filter((x) => x.dropped).length;
    c.staleInquiries += rec.events.filter((e) => /^inquiry of attempt \d+ held: [1-9]/.test(e.what)).length;
    c.retriesToNewAttempt += q.ledger.payments.filter((x) => !x.paymentRequestId.endsWith("-1")).length;
    c.cancels += q.ledger.payments.reduce((n, x) => n + (x.cancels?.length ?? 0), 0);
    c.notificationsSent += q.ledger.notifications.length;
    c.conflictingNotifications += rec.conflicts.length;
    c.unknownNotifications += rec.unknown.length;
    c.refundsAtAntom += q.ledger.refunds.length;
    c.walletActions += rec.events.filter((e) => e.what.startsWith("wallet ")).length;
    c.workerRequests += responses.length;
    if (violations.length) {
      failed.push({ seed, violations, rec: { events: rec.events, notes: rec.notes, plan: p } });
      for (const x of new Set(violations.map((x) => x.invariant))) {
        stats.violations[x] = (stats.violations[x] ?? 0) + 1;
        stats.first[x] ??= { schedule: stats.ran, seed, second: Math.round((Date.now() - started) / 1000) };
      }
      print(`FAIL schedule seed ${seed} (0x${seed.toString(16)}), schedule #${stats.ran} of this run, ${Math.round((Date.now() - started) / 1000)} s in:`);
      for (const x of violations) print(`  [${x.invariant}] ${x.detail}`);
      if (opts.verbose) print(`  events: ${rec.events.map((e) => `${e.at}ms ${e.what}${e.status !== undefined ? ` -> ${e.status}` : ""}`).join(" | ")}`);
      print(`  replay: INTERLEAVE_API=${opts.api} INTERLEAVE_REPLAY=${seed}${opts.kills ? " INTERLEAVE_KILLS=1" : ""}${opts.stack !== DEFAULT_STACK ? ` INTERLEAVE_STACK=${opts.stack}` : ""}${opts.config ? ` INTERLEAVE_CONFIG=${opts.config}` : ""} node tests/js/interleave/campaign.mjs --verbose`);
    } else if (opts.verbose) {
      print(`ok schedule ${seed}: ${rec.events.map((e) => e.what).join(" | ")}`);
    }
  };
  const worker = async () => {
    while (next < seeds.length && Date.now() < deadline && failed.length < opts.stopAfter && !broken) {
      const seed = seeds[next++];
      try {
        await one(seed);
      } catch (e) {
        failed.push({ seed, violations: [{ invariant: "harness", detail: e.stack }] });
        print(`FAIL schedule seed ${seed}: the harness threw ${e.stack}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, seeds.length) }, worker));
  } finally {
    await restarting?.catch(() => {});
    await stack.stop().catch(() => {});
  }
  if (broken) print(`the campaign stopped early: workerd could not be started again (${String(broken.message).split("\n")[0]})`);
  stats.skipped = seeds.length - stats.ran;
  stats.kills = kills;
  stats.seconds = Math.round((Date.now() - started) / 1000);
  const d = stats.durationsMs.sort((a, b) => a - b);
  stats.scheduleMs = d.length ? { median: d[Math.floor(d.length / 2)], max: d[d.length - 1] } : null;
  delete stats.durationsMs;
  print(`interleave (${opts.api}): seed ${opts.seed}${opts.replay !== undefined ? ` replay ${opts.replay.join(",")}` : ""}, ${stats.ran} schedules in ${stats.seconds} s (${stats.skipped} not run: budget), ${failed.length} failed; ${JSON.stringify(stats)}`);
  return { ran: stats.ran, failed, stats };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const opts = options(process.argv.slice(2));
  const r = await campaign(opts);
  process.exit(r.failed.length ? 1 : 0);
}
