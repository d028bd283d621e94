// The README's tutorial, run as written: its `ts tutorial:*` blocks are extracted into modules
// (request.ts, browser.ts, env.ts, worker.ts, notify.ts, refund.ts, resolve.ts) with its
// wrangler.toml; type-checked with `tsc --strict` (the Worker's against
// @cloudflare/workers-types, the page's against the DOM), bundled with `wrangler deploy
// --dry-run`, and used the way the README describes: the page built by Vite and run in headless
// Chromium, the Worker, the notification handler, the refund and the settling round in Node
// against the local Antom stand-in, with the shopper's confirmation at the stand-in's wallet in
// between. A block that no longer works fails here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import ts from "typescript";
import { createServer } from "node:http";
import { join } from "node:path";
import { startStandIn } from "../../examples/stand-in/antom-stand-in.mjs";
import { launch, servePage } from "./browser.mjs";
import { vec, CLIENT_ID } from "./helpers.mjs";

const HERE = new URL(".", import.meta.url).pathname;
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The README's code blocks by their `tutorial:` name. */
function blocks() {
  const out = {};
  for (const m of README.matchAll(/^```(?:ts|toml) tutorial:(\w+)\n([\s\S]*?)^```$/gm)) out[m[1]] = m[2];
  return out;
}

const code = blocks();
const TS = ["request", "browser", "env", "worker", "notify", "refund", "resolve"];
let dir;
before(() => {
  mkdirSync(join(HERE, ".bundles"), { recursive: true });
  dir = mkdtempSync(join(HERE, ".bundles", "readme-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const name of TS) {
    assert.ok(code[name], `the README has a tutorial:${name} block`);
    writeFileSync(join(dir, `${name}.ts`), code[name]);
    // Run in Node as the JavaScript TypeScript makes of it (imports of "./x.js" find x.js).
    const js = ts.transpileModule(code[name], { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
    writeFileSync(join(dir, `${name}.js`), js);
  }
  assert.ok(code.wrangler, "the README has a tutorial:wrangler block");
  writeFileSync(join(dir, "wrangler.toml"), code.wrangler);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A KV namespace's put and get, in memory. */
function kv() {
  const m = new Map();
  return { map: m, put: async (k, v) => void m.set(k, v), get: async (k) => m.get(k) ?? null };
}

const order = (overrides = {}) => ({
  id: "ORD-README-1",
  description: "2 lattes",
  amount: "900",
  currency: "JPY",
  userAgent: "Mozilla/5.0 (iPhone) AlipayClient/10.5.30.6000",
  ...overrides,
});

test("the shopper's page (Vite, Chromium) shows each issue at its field and accepts a valid order", async () => {
  writeFileSync(join(dir, "index.html"), `<!doctype html><html><body><form id="f"></form><script type="module" src="./main.ts"></script></body></html>`);
  writeFileSync(
    join(dir, "main.ts"),
    `import { check } from "./browser.ts";
const site = { origin: "https://merchant.example.com", merchantId: "SM_1", storeId: "ST_1" };
const form = document.getElementById("f");
const bad = check(form, ${JSON.stringify(order({ id: "x".repeat(70), description: "" }))}, site);
const shown = [...form.querySelectorAll("[data-issue]")].map((p) => p.dataset.issue);
const badAmount = check(form, ${JSON.stringify(order({ amount: "9.5" }))}, site);
const amountShown = [...form.querySelectorAll("[data-issue]")].map((p) => p.dataset.issue);
const good = check(form, ${JSON.stringify(order())}, site);
document.body.dataset.result = JSON.stringify({ bad, shown, badAmount, amountShown, good, left: form.querySelectorAll("[data-issue]").length });`,
  );
  const { build } = await import("vite");
  await build({ root: dir, logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
  const browser = await launch();
  try {
    const r = await servePage(browser, join(dir, "dist"));
    assert.deepEqual(r, { bad: false, shown: ["order.referenceOrderId", "order.orderDescription"], badAmount: false, amountShown: ["amount"], good: true, left: 0 });
  } finally {
    await browser.close();
  }
});

test("the Worker stores the id, pays at the stand-in, and the notification handler records the shopper's payment", async () => {
  const { default: worker } = await import(join(dir, "worker.js"));
  const { onNotify } = await import(join(dir, "notify.js"));
  const antom = await startStandIn({ notifyDelaysMs: [0, 200, 400] });
  const env = {
    ANTOM_CLIENT_ID: CLIENT_ID,
    ANTOM_GATEWAY: antom.url,
    MERCHANT_PRIVATE_KEY: vec("keys/merchant_private_pkcs8.pem"),
    ANTOM_PUBLIC_KEY: vec("keys/antom_sim_public.pem"),
    ORDERS: kv(),
    PAYMENTS: kv(),
    LOG: (e) => events.push(e),
  };
  const events = [];
  // The merchant's site: the notification handler behind paymentNotifyUrl.
  const site = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url.startsWith("/antom/notify")) return res.writeHead(404).end();
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
    const response = await onNotify(request, env);
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise((r) => site.listen(0, "127.0.0.1", r));
  env.SITE = { origin: `http://127.0.0.1:${site.address().port}`, merchantId: "SM_1", storeId: "ST_1", currency: "JPY" };
  try {
    const post = (body, headers = { "content-type": "application/json" }) =>
      worker.fetch(new Request("http://worker.test/checkout", { method: "POST", headers: { "user-agent": order().userAgent, ...headers }, body: JSON.stringify(body) }), env);
    // Bad input: refused before anything is minted, stored or sent.
    for (const [body, headers] of [[{ amount: "9.5", description: "x" }], [{ amount: 900, description: "x" }], [{ amount: "900", description: "" }], [{ amount: "900", description: "x" }, { "content-type": "text/plain" }]]) {
      const bad = await post(body, headers);
      assert.equal(bad.status, 400, JSON.stringify(body));
    }
    assert.equal(env.ORDERS.map.size, 0, "nothing stored for bad input");
    assert.equal((await (await fetch(`${antom.url}/__control/state`)).json()).calls.length, 0, "nothing sent for bad input");
    const res = await post({ amount: "900", description: "2 lattes" });
    assert.equal(res.status, 200);
    const { redirectUrl, orderId, secret } = await res.json();
    assert.ok(redirectUrl.startsWith(`${antom.url}/wallet/`), redirectUrl);
    assert.match(orderId, /^[0-9a-f]{32}$/, "the Worker minted the order id");
    const stored = JSON.parse(env.ORDERS.map.get(orderId));
    assert.match(stored.paymentRequestId, /^[A-Za-z0-9_-]{22}$/, "the Worker minted and stored the id");
    assert.equal(stored.currency, "JPY", "the currency is the configuration's");
    assert.equal(JSON.stringify(stored).includes(secret), false, "only the secret's digest is stored");
    // The order is read with its secret only.
    const { readOrder } = await import(join(dir, "worker.js"));
    const read = (s) => readOrder(new Request("http://worker.test/", { headers: s ? { authorization: `Bearer ${s}` } : {} }), env, orderId);
    assert.equal((await read(secret)).status, 200);
    for (const s of [null, "wrong", secret.slice(1)]) assert.equal((await read(s)).status, 404);
    // A second order can neither choose the first one's id nor its currency, nor replace it.
    const second = await post({ amount: "1", description: "x", id: orderId, currency: "USD", orderId });
    const other = await second.json();
    assert.notEqual(other.orderId, orderId);
    assert.equal(JSON.parse(env.ORDERS.map.get(orderId)).paymentRequestId, stored.paymentRequestId, "the first order is intact");
    assert.equal(JSON.parse(env.ORDERS.map.get(other.orderId)).currency, "JPY");
    // Before the shopper pays, a round of the Entry Code rule finds it open: pending, asked again
    // before its expiry; the round's calls are seen as events.
    const { settle } = await import(join(dir, "resolve.js"));
    const paysSeen = events.filter((e) => e.type === "request").map((e) => e.call);
    assert.deepEqual(paysSeen, ["pay", "pay"], "the two checkouts' pays were seen as events");
    events.length = 0;
    const open = await settle(env, orderId);
    assert.deepEqual([open.state, open.round, open.outcome.kind], ["pending", 1, "processing"]);
    assert.ok(open.checkAgainAt > Date.now() && open.checkAgainAt <= Date.parse(stored.expiresAt));
    assert.deepEqual(events.map((e) => e.type), ["request", "answer", "outcome"]);
    assert.deepEqual([events[0].call, events[0].id, events[1].verified], ["inquirePayment", stored.paymentRequestId, "verified"]);
    // The shopper confirms in the wallet; Antom (the stand-in) then notifies the merchant.
    const confirm = await fetch(`${redirectUrl}/confirm`, { method: "POST", redirect: "manual" });
    assert.equal(confirm.status, 303);
    assert.equal(confirm.headers.get("location"), `${env.SITE.origin}/orders/${orderId}`, "back to paymentRedirectUrl");
    for (let i = 0; i < 100 && !env.PAYMENTS.map.has(stored.paymentRequestId); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(env.PAYMENTS.map.get(stored.paymentRequestId), "paid", "recorded under the stored id");
    // The next round agrees: paid, final.
    const paid = await settle(env, orderId);
    assert.deepEqual([paid.state, paid.checkAgainAt, JSON.parse(env.ORDERS.map.get(orderId)).round], ["paid", undefined, 2]);
    // The operator refunds one latte (300 of 900 JPY), then the rest; a third refund is refused.
    const { refund } = await import(join(dir, "refund.js"));
    const first = await refund(env, orderId, "300", "one latte returned");
    assert.deepEqual([first.kind, first.refundAmount.value], ["refunded", "300"]);
    const stored2 = JSON.parse(env.ORDERS.map.get(orderId));
    assert.equal(stored2.refunds[0].refundRequestId, first.refundRequestId, "the refund's id was stored");
    assert.equal((await refund(env, orderId, "600", "the rest")).kind, "refunded");
    const over = await refund(env, orderId, "1", "too much");
    assert.deepEqual([over.kind, over.resultCode], ["failed", "REFUND_AMOUNT_EXCEED"]);
    const atAntom = (await (await fetch(`${antom.url}/__control/state`)).json()).refunds;
    assert.deepEqual(atAntom.map((r) => r.amount.value), ["300", "600"]);
  } finally {
    await antom.close();
    await new Promise((r) => site.close(r));
  }
});

test("the tutorial type-checks with tsc --strict and bundles with wrangler deploy --dry-run", () => {
  const bin = (name) => join(HERE, "node_modules", ".bin", name);
  const tsconfig = (name, files, options) =>
    writeFileSync(join(dir, name), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ES2022", moduleResolution: "bundler", skipLibCheck: false, ...options }, files }));
  // The Worker's files as a Worker project; the page's against the DOM, with the lean entry.
  tsconfig("tsconfig.worker.json", ["env.ts", "request.ts", "worker.ts", "notify.ts", "refund.ts", "resolve.ts"], { lib: ["ES2022"], types: ["@cloudflare/workers-types"], customConditions: ["workerd"] });
  tsconfig("tsconfig.page.json", ["request.ts", "browser.ts"], { lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] });
  for (const project of ["tsconfig.worker.json", "tsconfig.page.json"]) {
    try {
      execFileSync(bin("tsc"), ["-p", join(dir, project)], { cwd: dir, encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc --strict -p ${project}:\n${e.stdout}${e.stderr}`);
    }
  }
  // A deliberate type error is caught: the check can fail.
  writeFileSync(join(dir, "wrong.ts"), `import type { Env } from "./env.js";\nexport const n: number = ({} as Env).SITE.currency;\n`);
  tsconfig("tsconfig.wrong.json", ["env.ts", "request.ts", "wrong.ts"], { lib: ["ES2022"], types: ["@cloudflare/workers-types"], customConditions: ["workerd"] });
  assert.throws(() => execFileSync(bin("tsc"), ["-p", join(dir, "tsconfig.wrong.json")], { cwd: dir, stdio: "pipe" }));
  // The Worker bundles as wrangler deploys it, the WebAssembly module included.
  const out = join(dir, "dist");
  execFileSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", out], { cwd: dir, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" } });
  assert.ok(existsSync(join(out, "worker.js")), "wrangler wrote the bundle");
  assert.ok(readFileSync(join(out, "worker.js"), "utf8").includes("resolvePayment"), "the bundle holds the package");
});
