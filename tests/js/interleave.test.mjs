// The interleaving campaign (docs/interleaving.md): seeded, randomized schedules of order
// creation (double clicks), polls, retries (stale and duplicated), wallet confirm and decline,
// calls held and released or dropped at the Antom stand-in, duplicated, late, conflicting and
// unknown notifications, operator refunds (double clicks), waits past the expiry and workerd
// kills, many at a time in one workerd; each schedule judged against the stand-in's ledger once
// the Worker's alarms have settled it. A failing schedule prints its seed and how to replay it.
//
// INTERLEAVE_COUNT (default 240), INTERLEAVE_SEED (default: random, printed), INTERLEAVE_BUDGET_S
// (default 210), INTERLEAVE_CONCURRENCY (16), INTERLEAVE_KILLS (default 1 here), INTERLEAVE_API
// (current | legacy), INTERLEAVE_REPLAY (one schedule seed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { campaign, options } from "./interleave/campaign.mjs";

const opts = options([], { INTERLEAVE_KILLS: "1", ...process.env });
// Schedules that reach a hazard a random campaign finds only now and then (interleave/known.json):
// replayed every run before the random ones.
const known = JSON.parse(readFileSync(new URL("./interleave/known.json", import.meta.url), "utf8"));

test(`known schedules (${opts.api}): ${known.length}, each reaching one hazard`, { skip: opts.replay !== undefined, timeout: 300_000 }, async () => {
  const r = await campaign({ ...opts, replay: known.map((k) => k.seed), budgetS: 240 }, (s) => console.log(s));
  assert.equal(r.ran, known.length, "every known schedule ran");
  assert.equal(r.failed.length, 0, r.failed.map((f) => `seed ${f.seed} (${known.find((k) => k.seed === f.seed).hazard}): ${f.violations.map((v) => `[${v.invariant}] ${v.detail}`).join("; ").slice(0, 600)}`).join("\n"));
});

test(`interleaving campaign (${opts.api}): ${opts.replay !== undefined ? `replay of ${opts.replay}` : `${opts.count} schedules, seed ${opts.seed}, budget ${opts.budgetS} s`}`, { timeout: (opts.budgetS + 180) * 1000 }, async () => {
  const r = await campaign(opts, (s) => console.log(s));
  assert.ok(r.ran > 0, "no schedule ran");
  assert.equal(r.failed.length, 0,
    `${r.failed.length} of ${r.ran} schedules failed (seed ${opts.seed}); replay one: INTERLEAVE_REPLAY=<seed> node tests/js/interleave/campaign.mjs --api ${opts.api} --verbose\n` +
      r.failed.slice(0, 10).map((f) => `  seed ${f.seed}: ${f.violations.map((v) => `[${v.invariant}] ${v.detail}`).join("; ").slice(0, 600)}`).join("\n"));
});
