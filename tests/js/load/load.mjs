// A bounded load test on 127.0.0.1: wrk drives POST /orders (a new order each time) against the
// Worker in workerd with the local stand-in, for the library's Worker and for the same handler on
// a plain-JS client (plain-antom.js). Reports requests/s, p99, errors and workerd's memory.
//   node tests/js/load/load.mjs [--quick]     (60 s per variant; --quick: 5 s)
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { writeFileSync } from "node:fs";
import { startStack } from "../../../examples/stack.mjs";

const QUICK = process.argv.includes("--quick");
const DURATION = QUICK ? 5 : 60;
const HERE = new URL("./", import.meta.url).pathname;
const rssKb = (pgid) =>
  execFileSync("ps", ["-o", "rss=,comm=", "-g", String(pgid)], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("workerd"))
    .reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0]), 0);

const rows = [];
/** The answers by state, as outcomes.lua printed them. */
const counts = (out) => {
  const m = /outcomes: awaitingShopper=(\d+) other=(\d+)/.exec(out);
  if (!m) throw new Error(`wrk printed no outcome counts:\n${out}`);
  return { awaiting: Number(m[1]), other: Number(m[2]) };
};
const inquiryRows = [];
for (const [name, config] of [["antom-checkout", undefined], ["plain JS client", `${HERE}wrangler.plain.toml`]]) {
  const stack = await startStack({ config, standIn: { notifyDelaysMs: [] }, vars: { ORDERS_PER_MINUTE: "100000000" } });
  const newOrder = (description, i) =>
    fetch(`${stack.url}/orders`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": `${description}-${i}-${Date.now()}-xxxxxxxx` }, body: JSON.stringify({ amount: "1200", description }) }).then((r) => r.json());
  try {
    // Warm up the isolate and the Durable Object namespace.
    for (let i = 0; i < 20; i++) {
      await newOrder("warm", i);
    }
    const before = rssKb(stack.pid);
    const samples = [];
    const sampler = setInterval(() => samples.push(rssKb(stack.pid)), 5000);
    // Asynchronously: the stand-in answers from this very process.
    const paysBefore = (await (await fetch(`${stack.standIn.url}/__control/state`)).json()).calls.filter((c) => c.api === "pay").length;
    const { stdout: out } = await promisify(execFile)("wrk", ["-t2", "-c16", `-d${DURATION}s`, "--latency", "-s", `${HERE}checkout.lua`, stack.url], { encoding: "utf8", env: { ...process.env, LUA_DIR: HERE } });
    clearInterval(sampler);
    const after = rssKb(stack.pid);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]);
    const p99 = /\s99%\s+([\d.]+\w+)/.exec(out)[1];
    const total = Number(/(\d+) requests in/.exec(out)[1]);
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: (.*)/.exec(out)?.[1] ?? "none";
    const state = await (await fetch(`${stack.standIn.url}/__control/state`)).json();
    const outcomes = counts(out);
    const pays = state.calls.filter((c) => c.api === "pay").length - paysBefore;
    rows.push({ name, total, rps, p99, non2xx, socket, before, after, samples, payments: state.payments.length, outcomes, pays });

    // Phase 2, a bounded set of Durable Objects: GET /orders/:id over 50 open orders, each
    // request a signed, verified inquiryPayment, throttled per order by the Worker.
    const orders = [];
    for (let i = 0; i < 50; i++) {
      const { orderId, secret } = await newOrder("inquiry", i);
      orders.push({ orderId, secret });
    }
    const callsBefore = (await (await fetch(`${stack.standIn.url}/__control/state`)).json()).calls.filter((c) => c.api === "inquiryPayment").length;
    const before2 = rssKb(stack.pid);
    const samples2 = [];
    const sampler2 = setInterval(() => samples2.push(rssKb(stack.pid)), 5000);
    const { stdout: out2 } = await promisify(execFile)("wrk", ["-t2", "-c16", `-d${DURATION}s`, "--latency", "-s", `${HERE}status.lua`, stack.url], { encoding: "utf8", env: { ...process.env, ORDERS: orders.map((o) => `${o.orderId}:${o.secret}`).join(","), LUA_DIR: HERE } });
    clearInterval(sampler2);
    const calls2 = (await (await fetch(`${stack.standIn.url}/__control/state`)).json()).calls.filter((c) => c.api === "inquiryPayment");
    const inquiries = calls2.length - callsBefore;
    // Inquiries per order.
    const perOrder = new Map(orders.map((o) => [o.orderId, 0]));
    for (const c of calls2.slice(callsBefore)) {
      const id = String(c.paymentRequestId ?? "").split("-")[0];
      if (perOrder.has(id)) perOrder.set(id, perOrder.get(id) + 1);
    }
    inquiryRows.push({
      name, total: Number(/(\d+) requests in/.exec(out2)[1]), rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out2)[1]), p99: /\s99%\s+([\d.]+\w+)/.exec(out2)[1],
      non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out2)?.[1] ?? 0), socket: /Socket errors: (.*)/.exec(out2)?.[1] ?? "none",
      inquiries, before: before2, after: rssKb(stack.pid), samples: samples2, outcomes: counts(out2), perOrder: [...perOrder.values()],
    });
  } finally {
    await stack.stop();
  }
}
const lines = [
  `| handler | requests | req/s | p99 | non-2xx | socket errors | payments at the stand-in | workerd RSS before → after (MB) |`,
  `| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |`,
  ...rows.map((r) => `| ${r.name} | ${r.total} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.non2xx} | ${r.socket} | ${r.payments} | ${(r.before / 1024).toFixed(0)} → ${(r.after / 1024).toFixed(0)} (every 5 s: ${r.samples.map((k) => (k / 1024).toFixed(0)).join(", ")}) |`),
];
const mbs = (k) => (k / 1024).toFixed(0);
lines.push(
  "",
  `Bounded objects: GET /orders/:id over 50 open orders (signed, verified inquiryPayment calls, throttled per order by the Worker), wrk -t2 -c16 -d${DURATION}s:`,
  "",
  `| handler | requests | req/s | p99 | non-2xx | socket errors | inquiries sent | workerd RSS before → after (MB) |`,
  `| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |`,
  ...inquiryRows.map((r) => `| ${r.name} | ${r.total} | ${r.rps.toFixed(0)} | ${r.p99} | ${r.non2xx} | ${r.socket} | ${r.inquiries} | ${mbs(r.before)} → ${mbs(r.after)} (every 5 s: ${r.samples.map(mbs).join(", ")}) |`),
);
console.log(`wrk -t2 -c16 -d${DURATION}s, POST /orders, a new order per request\n\n${lines.join("\n")}`);
if (!QUICK) writeFileSync(`${HERE}results.md`, `# Load test (${new Date().toISOString().slice(0, 10)})\n\nwrk -t2 -c16 -d${DURATION}s against POST /orders on 127.0.0.1, a new order per request, the Worker in workerd (wrangler dev) with the local stand-in.\n\n${lines.join("\n")}\n`);
// Transport first, then what the answers say: a client that resolves nothing (unknown to
// everything, answered 200) must fail here too.
for (const r of rows) {
  if (r.non2xx || r.socket !== "none") throw new Error(`${r.name}: errors under load`);
  if (r.outcomes.other !== 0 || r.outcomes.awaiting !== r.total) throw new Error(`${r.name}: not every checkout is awaiting the shopper: ${JSON.stringify(r.outcomes)} of ${r.total}`);
  // One pay call per payment at the stand-in (no hidden retries); wrk may leave up to its 16
  // connections' last requests unanswered, already sent.
  if (r.pays !== r.payments - 20 || r.pays < r.total || r.pays > r.total + 16) throw new Error(`${r.name}: ${r.pays} pay calls, ${r.payments - 20} payments, ${r.total} checkouts answered`);
}
for (const r of inquiryRows) {
  if (r.non2xx || r.socket !== "none") throw new Error(`${r.name}: errors under inquiry load`);
  if (r.outcomes.other !== 0) throw new Error(`${r.name}: status answers other than awaitingShopper: ${JSON.stringify(r.outcomes)}`);
  // Every order asked about; polling throttled (about once a second per order; an inquiry per
  // status request would be several times this bound).
  if (r.perOrder.some((n) => n < 1 || n > 3 * DURATION + 3)) throw new Error(`${r.name}: inquiries per order out of bounds: ${r.perOrder.join(",")}`);
}
console.log(rows.map((r) => `${r.name}: ${r.outcomes.awaiting} checkouts awaiting the shopper, ${r.pays} pay calls for ${r.payments - 20} payments`).join("\n"));
console.log(inquiryRows.map((r) => `${r.name}: ${r.outcomes.awaiting} status answers awaiting the shopper; inquiries per order ${Math.min(...r.perOrder)} to ${Math.max(...r.perOrder)}`).join("\n"));
