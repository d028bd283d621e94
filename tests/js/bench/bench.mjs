// Benchmarks of antom-checkout against what a JS developer would use instead, in one run on one
// machine (ratios, not absolute numbers, are what carries over). `scripts/bench` runs it fully;
// `--quick` proves it works in seconds (scripts/test). Never fails on a timing.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, statSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { cpus, loadavg } from "node:os";
import * as esbuild from "esbuild";
import * as v from "valibot";
import * as A from "antom-checkout";
import { initSync } from "../node_modules/antom-checkout/antom_checkout.js";
import ajvValidate from "./gen/ajv-validate.mjs";
import zodSchema from "./gen/zod-schema.mjs";
import valibotSchema from "./gen/valibot-schema.mjs";
import { vec } from "../helpers.mjs";
import { sign as nodeSign, createPrivateKey } from "node:crypto";
import { timeToReady, NETWORK, CPU_SLOWDOWN } from "./ready.mjs";

const QUICK = process.argv.includes("--quick");
const HERE = new URL("./", import.meta.url);
const PKG = new URL("../node_modules/antom-checkout/", import.meta.url);
const TMP = new URL("../../../.tmp/bench/", import.meta.url);
mkdirSync(TMP, { recursive: true });
const out = [];
const say = (line = "") => {
  out.push(line);
  console.log(line);
};

// ------------------------------------------------------------------ the request (about 2 KB)
const CLIENT_ID = "TEST_5X00000000000000";
const TIME = "1735700400123";
const PATH = "/ams/api/v1/payments/pay";
const expiry = new Date(Date.now() + 3600_000).toISOString().slice(0, 19) + "+00:00";
const goods = (id, name, qty, value) => ({ referenceGoodsId: id, goodsName: name, goodsCategory: "Food/Drinks", goodsUnitAmount: { currency: "JPY", value }, goodsQuantity: qty, deliveryMethodType: "PHYSICAL" });
// Canonical key order with the constants, so JSON.stringify of it is the library's body.
const request = {
  productCode: "IN_STORE_PAYMENT",
  paymentRequestId: "PR20250101120000JP0001",
  order: {
    referenceOrderId: "ORD20250101120000JP0001",
    orderDescription: "Cafe order 0001: 2 lattes, 1 croissant, 1 water",
    orderAmount: { currency: "JPY", value: "1400" },
    merchant: {
      referenceMerchantId: "SM_JP_000123", merchantMCC: "5814", merchantName: "Example Cafe KK", merchantDisplayName: "Example Cafe",
      merchantAddress: { region: "JP", city: "Tokyo", address1: "3-1 Shinjuku", zipCode: "160-0022" },
      store: { referenceStoreId: "ST_JP_0001", storeName: "Example Cafe Shinjuku", storeMCC: "5814", storeTerminalId: "T-01", storeAddress: { region: "JP", city: "Tokyo", address1: "3-1 Shinjuku" }, storePhoneNo: "+81-3-0000-0000" },
    },
    goods: [goods("G-LATTE", "Latte", "2", "450"), goods("G-CROISSANT", "Croissant", "1", "300"), goods("G-WATER", "Mineral water", "1", "200")],
    env: {
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.5.30.6000 Language/ja",
      terminalType: "WAP", osType: "IOS", osVersion: "17.0", clientIp: "203.0.113.7", timeZoneOffset: "-540", deviceLanguage: "ja-JP",
    },
  },
  paymentAmount: { currency: "JPY", value: "1400" },
  paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
  paymentFactor: { inStorePaymentScenario: "EntryCode" },
  paymentExpiryTime: expiry,
  paymentRedirectUrl: "https://merchant.example.com/antom/return?order=ORD20250101120000JP0001",
  paymentNotifyUrl: "https://merchant.example.com/antom/notify",
  settlementStrategy: { settlementCurrency: "JPY" },
};
const invalid = structuredClone(request); // three problems
invalid.order.merchant.store.storeMCC = "abc";
delete invalid.order.goods[2].goodsName;
invalid.paymentNotifyUrl = "nope";
const config = { clientId: CLIENT_ID, gateway: "asia", keyVersion: "1", requestTime: TIME };

// ------------------------------------------------------------------ the candidates
function peer(validate) {
  return (input) => {
    const issues = validate(input);
    if (issues) return { issues };
    if (input.paymentExpiryTime && Date.parse(input.paymentExpiryTime) <= Date.now()) return { issues: ["expired"] };
    const body = JSON.stringify(input);
    return { body, contentToSign: `POST ${PATH}\n${CLIENT_ID}.${TIME}.${body}` };
  };
}
const peers = {
  "Ajv standalone": peer((x) => (ajvValidate(x) ? null : ajvValidate.errors)),
  "zod 4 jitless": peer((x) => {
    const r = zodSchema.safeParse(x);
    return r.success ? null : r.error.issues;
  }),
  valibot: peer((x) => {
    const r = v.safeParse(valibotSchema, x, { abortEarly: false });
    return r.success ? null : r.issues;
  }),
};
const floor = (x) => {
  const body = JSON.stringify(x);
  return { body, contentToSign: `POST ${PATH}\n${CLIENT_ID}.${TIME}.${body}` };
};
const ours = (x) => A.preparePayRequest(x, config);
const oursInvalid = (x) => A.validatePayRequest(x);

// Honesty first: every candidate produces the library's bytes and finds the three problems.
const mine = ours(request);
for (const [name, f] of Object.entries({ ...peers, floor })) {
  const r = f(request);
  if (r.body !== mine.body || r.contentToSign !== mine.contentToSign) throw new Error(`${name} does not produce the same bytes`);
}
const found = Object.fromEntries(Object.entries(peers).map(([n, f]) => [n, f(invalid).issues?.length ?? 0]));
if (oursInvalid(invalid).length !== 3 || Object.values(found).some((n) => n < 3)) throw new Error(`not every validator finds the three problems: ${JSON.stringify(found)}`);

// ------------------------------------------------------------------ a checkout page's time to ready (measured first)
// Before the other sections, while this process's heap is small: its servers send the pages, and
// a collection of a large heap during a load would land on one page of a pair. Printed as section 6.
const READY_ROUNDS = QUICK ? 2 : 80;
const readyLoad = loadavg()[0];
const root = new URL("..", HERE).pathname;
const ready = await timeToReady({ dir: new URL("ready/", TMP), request, root, bench: HERE.pathname, rounds: READY_ROUNDS });

// ------------------------------------------------------------------ timing
function calibrate(fn, arg) {
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn(arg);
    if (performance.now() - t > (QUICK ? 2 : 15)) return n;
    n *= 2;
  }
}

/**
 * Interleaved rounds: each round takes one sample of every candidate, so noise hits all alike;
 * the order is reversed every other round, so no candidate always runs right after another.
 */
function race(cands, arg, rounds = QUICK ? 5 : 40) {
  const ns = cands.map(([, f]) => calibrate(f, arg));
  const samples = cands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? cands.map((_, i) => i) : cands.map((_, i) => cands.length - 1 - i);
    for (const i of order) {
      const f = cands[i][1];
      const t = performance.now();
      for (let k = 0; k < ns[i]; k++) f(arg);
      samples[i][r] = ((performance.now() - t) * 1000) / ns[i];
    }
  }
  return summarize(cands, samples);
}

function quantiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
}

/**
 * The median over rounds of a's time over b's in the same round, and its 95% interval from
 * resampling the rounds (4,000 draws, a fixed seed: the same samples give the same interval).
 */
function pairedInterval(a, b, draws = 4000) {
  const ratios = a.map((v, k) => v / b[k]);
  let seed = 0x9e3779b9;
  const random = () => {
    let t = (seed = (seed + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const medians = [];
  for (let d = 0; d < draws; d++) medians.push(quantiles(ratios.map(() => ratios[Math.floor(random() * ratios.length)])).median);
  medians.sort((x, y) => x - y);
  return { median: quantiles(ratios).median, low: medians[Math.floor(0.025 * draws)], high: medians[Math.floor(0.975 * draws)] };
}
const interval = ({ median, low, high }) => `${median.toFixed(2)} (95% interval ${low.toFixed(2)} to ${high.toFixed(2)})`;

function summarize(cands, samples) {
  return cands.map(([name], i) => ({ name, samples: samples[i], ...quantiles(samples[i]) }));
}

/**
 * The medians and their ratios; with a baseline, also the paired ratio: for each round, the
 * candidate's time over the baseline's time in that same round, as median (p10 to p90). Pairs
 * cancel what drifts between rounds (other work on a shared machine), which ratios of separate
 * medians do not.
 */
function table(results, baseline, unit = "µs") {
  const names = results.map((r) => r.name);
  const base = results.find((r) => r.name === baseline);
  const paired = base ? " | paired ÷ " + baseline + " (p10–p90)" : "";
  say(`| candidate | median ${unit} | p10–p90 ${unit} | ${names.map((n) => `÷ ${n}`).join(" | ")}${paired} |`);
  say(`| --- | ---: | ---: | ${names.map(() => "---:").join(" | ")}${base ? " | ---:" : ""} |`);
  for (const r of results) {
    let pair = "";
    if (base) {
      const q = quantiles(r.samples.map((v, k) => v / base.samples[k]));
      pair = ` | ${q.median.toFixed(2)} (${q.p10.toFixed(2)}–${q.p90.toFixed(2)})`;
    }
    say(`| ${r.name} | ${r.median.toFixed(1)} | ${r.p10.toFixed(1)}–${r.p90.toFixed(1)} | ${results.map((o) => (r.median / o.median).toFixed(2)).join(" | ")}${pair} |`);
  }
  say();
}

say(`# antom-checkout benchmarks${QUICK ? " (quick mode: too short to mean anything)" : ""}`);
say();
say(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Request: ${mine.body.length} bytes of JSON, 3 goods.`);
say();
say("## 1. Prepare a valid request (validate every rule, then body and content to sign)");
say();
table(race([["antom-checkout", ours], ...Object.entries(peers), ["floor: JSON.stringify", floor]], request), "Ajv standalone");
say("## 1b. Validate an invalid request (three problems, all reported)");
say();
table(race([["antom-checkout", oursInvalid], ...Object.entries(peers)], invalid), "zod 4 jitless");

// ------------------------------------------------------------------ a whole signed pay, as a Worker does it
const subtle = crypto.subtle;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const signKey = await subtle.importKey("pkcs8", Buffer.from(vec("keys/merchant_private_pkcs8.b64"), "base64"), RSA, false, ["sign"]);
const verifyKey = await subtle.importKey("spki", Buffer.from(vec("keys/antom_sim_public.b64"), "base64"), RSA, false, ["verify"]);
const answerBody = vec("03_pay_response/body.json");
const answerTime = "2025-01-01T12:00:00+09:00";
const answerSig = nodeSign("sha256", Buffer.from(`POST ${PATH}\n${CLIENT_ID}.${answerTime}.${answerBody}`), createPrivateKey(vec("keys/antom_sim_private_pkcs8.pem"))).toString("base64");
const answerHeader = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(answerSig)}`;
const enc = new TextEncoder();
const b64 = (buf) => Buffer.from(buf).toString("base64");

async function signedOurs() {
  const p = A.preparePayRequest(request, config);
  const header = A.signatureHeader(b64(await subtle.sign(RSA.name, signKey, enc.encode(p.contentToSign))), "1");
  const { signature } = A.parseSignatureHeader(answerHeader);
  const content = A.contentToVerify({ path: p.path, clientId: CLIENT_ID, time: answerTime, body: answerBody });
  const ok = await subtle.verify(RSA.name, verifyKey, Buffer.from(signature, "base64"), enc.encode(content));
  const outcome = A.interpretPayResponse({ status: 200, body: answerBody });
  if (!ok || outcome.kind !== "redirect" || !header) throw new Error("signed pay failed");
}
async function signedPeer() {
  const p = peers["Ajv standalone"](request);
  const sig = b64(await subtle.sign(RSA.name, signKey, enc.encode(p.contentToSign)));
  const header = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}`;
  const signature = decodeURIComponent(/signature=([^,]+)/.exec(answerHeader)[1]);
  const ok = await subtle.verify(RSA.name, verifyKey, Buffer.from(signature, "base64"), enc.encode(`POST ${PATH}\n${CLIENT_ID}.${answerTime}.${answerBody}`));
  const answer = JSON.parse(answerBody);
  if (!ok || answer.result.resultStatus !== "S" || !answer.redirectActionForm?.redirectUrl || !header) throw new Error("signed pay failed");
}
async function raceAsync(cands, rounds = QUICK ? 4 : 60, n = QUICK ? 5 : 20) {
  const samples = cands.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? cands.map((_, i) => i) : cands.map((_, i) => cands.length - 1 - i);
    for (const i of order) {
      const f = cands[i][1];
      const t = performance.now();
      for (let k = 0; k < n; k++) await f();
      samples[i][r] = ((performance.now() - t) * 1000) / n;
    }
  }
  return summarize(cands, samples);
}
say("## 2. A whole signed pay as a Worker does it (prepare, WebCrypto RSA-2048 sign, verify and interpret a signed answer)");
say();
table(await raceAsync([["antom-checkout", signedOurs], ["Ajv standalone + same WebCrypto", signedPeer]]), "Ajv standalone + same WebCrypto");

// ------------------------------------------------------------------ size
const z = (buf) => [buf.length, gzipSync(buf, { level: 9 }).length, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
async function bundle(contents, resolveDir, conditions = []) {
  const r = await esbuild.build({ stdin: { contents, resolveDir, loader: "js" }, bundle: true, minify: true, format: "esm", platform: "browser", conditions, external: ["*.wasm"], write: false, logLevel: "silent" });
  return Buffer.from(r.outputFiles[0].contents);
}
const sizes = [];
const wasm = readFileSync(new URL("antom_checkout_bg.wasm", PKG));
const shipped = (what, mod, glue) => mod === null ? [
  [`${what}: entry bundled with its module (esbuild, minified)`, ...z(glue)],
  [`**${what}: total**`, ...z(glue)],
] : [
  [`${what}: .wasm`, ...z(mod)],
  [`${what}: entry bundled (esbuild, minified)`, ...z(glue)],
  [`**${what}: total**`, mod.length + glue.length, z(mod)[1] + z(glue)[1], z(mod)[2] + z(glue)[2]],
];
// A checkout page imports "antom-checkout" (the browser condition: the lean module, in its entry).
sizes.push(...shipped("checkout page (`antom-checkout`, lean module)", null, await bundle(`export * from "antom-checkout";`, root)));
// A Worker imports "antom-checkout" under the workerd condition (the full module), as wrangler bundles it.
sizes.push(...shipped("Worker (`antom-checkout` under workerd, full module)", wasm, await bundle(`export * from "antom-checkout";`, root, ["workerd", "worker"])));
const peerEntry = (imp, call) => `${imp}\nexport function prepare(x){const r=${call};if(!r)throw new Error("invalid");const b=JSON.stringify(x);return{body:b,contentToSign:"POST ${PATH}\\n${CLIENT_ID}.${TIME}."+b}}`;
sizes.push(["Ajv standalone validator + prepare", ...z(await bundle(peerEntry(`import validate from "./gen/ajv-validate.mjs";`, "validate(x)"), HERE.pathname))]);
sizes.push(["zod 4 schema + prepare", ...z(await bundle(peerEntry(`import s from "./gen/zod-schema.mjs";`, "s.safeParse(x).success"), HERE.pathname))]);
sizes.push(["valibot schema + prepare", ...z(await bundle(peerEntry(`import * as v from "valibot"; import s from "./gen/valibot-schema.mjs";`, "v.safeParse(s,x,{abortEarly:false}).success"), HERE.pathname))]);
try {
  const dir = new URL("ams-checkout/", TMP);
  if (!existsSync(new URL("package/package.json", dir))) {
    mkdirSync(dir, { recursive: true });
    const file = execFileSync("npm", ["pack", "@alipay/ams-checkout@1.47.2", "--silent"], { cwd: dir, encoding: "utf8" }).trim().split("\n").pop();
    execFileSync("tar", ["xzf", file], { cwd: dir });
  }
  const pj = JSON.parse(readFileSync(new URL("package/package.json", dir), "utf8"));
  const main = "dist/umd/ams-checkout.min.js"; // the browser bundle it ships (its ESM entry pulls in many modules)
  const sdk = readFileSync(new URL(`package/${main}`, dir));
  sizes.push([`Antom's browser SDK @alipay/ams-checkout@1.47.2 (${main}, as shipped)`, ...z(sdk)]);
} catch (e) {
  say(`(Antom's browser SDK could not be measured: ${e.message})`);
}
say("## 3. Size (raw, gzip -9, brotli 11)");
say();
say("| what | raw | gzip | brotli |");
say("| --- | ---: | ---: | ---: |");
for (const [name, raw, gz, br] of sizes) say(`| ${name} | ${kb(raw)} | ${kb(gz)} | ${kb(br)} |`);
say();
// The budgets of docs/benchmarks.md ("Against the targets"), in bytes of gzip -9.
for (const [what, budget] of [["checkout page (`antom-checkout`, lean module)", 40_960], ["Worker (`antom-checkout` under workerd, full module)", 73_728]]) {
  const total = sizes.find(([name]) => name === `**${what}: total**`)[2];
  say(`- ${what}: ${total} B of its ${budget} B budget: ${total <= budget ? `met, ${budget - total} B to spare` : `not met, ${total - budget} B over`}`);
}
say();

// ------------------------------------------------------------------ cold start
function coldStart(code, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: new URL("..", HERE).pathname, encoding: "utf8" });
    times.push(Number(t));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const runs = QUICK ? 3 : 21;
const withPkg = coldStart(`const t=performance.now();await import("antom-checkout");process.stdout.write(String(performance.now()-t))`, runs);
const baseline = coldStart(`const t=performance.now();await import("node:zlib");process.stdout.write(String(performance.now()-t))`, runs);
const compile = [];
for (let i = 0; i < (QUICK ? 3 : 50); i++) {
  const t = performance.now();
  await WebAssembly.compile(wasm);
  compile.push(performance.now() - t);
}
compile.sort((a, b) => a - b);
say("## 4. Cold start (median of fresh processes)");
say();
say(`| what | ms |`);
say(`| --- | ---: |`);
say(`| Node: \`import("antom-checkout")\` in a fresh process (read, compile, instantiate, glue) | ${withPkg.toFixed(2)} |`);
say(`| Node: the same for a built-in module (baseline) | ${baseline.toFixed(2)} |`);
say(`| Node: what the package adds | ${(withPkg - baseline).toFixed(2)} |`);
say(`| \`WebAssembly.compile\` of the .wasm alone (in-process, median) | ${compile[Math.floor(compile.length / 2)].toFixed(2)} |`);
say();

// ------------------------------------------------------------------ memory
const memory = initSync({ module: wasm }).memory; // the already-initialised instance
const mb = () => memory.buffer.byteLength;
const N = QUICK ? 10_000 : 100_000;
const marks = [];
for (let i = 1; i <= N; i++) {
  ours(request);
  if (i % (N / 10) === 0) marks.push(mb());
}
const afterPrepares = mb();
for (let i = 1; i <= N; i++) {
  oursInvalid(invalid);
  if (i % (N / 10) === 0) marks.push(mb());
}
const sign = A.webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"));
// Linear memory never shrinks: what matters is that it stops growing once freed clients are reused.
const batches = [];
for (let b = 0; b < 4; b++) {
  for (let i = 0; i < (QUICK ? 1000 : 20_000); i++) new A.AntomClient({ clientId: CLIENT_ID, gateway: "asia", sign, verify: async () => true });
  for (let k = 0; k < 3; k++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  batches.push(mb());
}
say("## 5. Memory (WebAssembly linear memory)");
say();
say(`- after each tenth of ${N.toLocaleString("en")} prepares, then of ${N.toLocaleString("en")} failed validations: ${[...new Set(marks.map((m) => kb(m)))].join(" → ")} (${marks.every((m) => m === marks[0]) ? "flat from the first tenth on" : "grew"})`);
say(`- 4 batches of ${(QUICK ? 1000 : 20_000).toLocaleString("en")} AntomClient instances created and dropped (GC forced between batches): memory after each batch ${batches.map(kb).join(", ")} (${batches.slice(1).every((m) => m === batches[1]) ? "flat after the first batch: freed clients are reused" : "still growing"})`);
say();
// ------------------------------------------------------------------ a checkout page's time to ready
const med = (xs) => quantiles(xs).median;
say(`## 6. A checkout page's time to ready on a phone (headless Chromium, ${CPU_SLOWDOWN}x CPU throttling, ${NETWORK.latency} ms latency, ${NETWORK.downloadMbit} Mbit/s down; ${READY_ROUNDS} paired rounds, a fresh context per run)`);
say();
say(`From navigation start to the first validation done (\`performance.now()\` in the page), the valid request above; the pages bundled by esbuild (minified, no setting for the module) and served gzip by node:http on 127.0.0.1. Chromium ${ready.version}, ${new Date().toISOString().slice(0, 10)}, load average ${readyLoad.toFixed(1)} when the section started, measured before the others (a throttled main thread that is also descheduled by other work spreads every figure; the pairs share it).`);
say();
const readyResults = [["antom-checkout (lean entry)", "antom"], ["the same with the module as a separate .wasm, preloaded", "separate-wasm"], ["floor: the same module compiled from the same bytes, nothing run", "floor"], ["valibot", "valibot"]].map(([name, key]) => ({ name, key, samples: ready.runs[key].map((x) => x.ready), ...quantiles(ready.runs[key].map((x) => x.ready)) }));
table(readyResults, "valibot", "ms");
const readyOf = (key) => ready.runs[key].map((x) => x.ready);
say(`- Paired medians, with 95% intervals from resampling the ${READY_ROUNDS} rounds: the page ÷ valibot ${interval(pairedInterval(readyOf("antom"), readyOf("valibot")))}; with a separate .wasm ÷ valibot ${interval(pairedInterval(readyOf("separate-wasm"), readyOf("valibot")))}; the page ÷ the same with a separate .wasm ${interval(pairedInterval(readyOf("antom"), readyOf("separate-wasm")))}.`);
const A0 = ready.runs.antom;
const F0 = ready.runs.floor;
const jsRes = (x) => x.resources.find((e) => e.name.endsWith(".js"));
const transfer = (key) => Object.values(ready.bytes[key]).reduce((a, b) => a + b, 0);
say(`- antom-checkout page, medians: its script (the entry with its module) downloads from ${med(A0.map((x) => jsRes(x).start)).toFixed(1)} ms to ${med(A0.map((x) => jsRes(x).end)).toFixed(1)} ms and runs at ${med(A0.map((x) => x.beforeInit)).toFixed(1)} ms; \`initAntomCheckout\` (decode, compile, instantiate, the version check, the warm-up) takes ${med(A0.map((x) => x.init)).toFixed(1)} ms, the first \`validatePayRequest\` ${med(A0.map((x) => x.validate)).toFixed(2)} ms. No .wasm is fetched.`);
const S0 = ready.runs["separate-wasm"];
const wasmRes = (x) => x.resources.find((e) => e.name.endsWith(".wasm"));
say(`- the same page with a separate .wasm, medians: its script downloads until ${med(S0.map((x) => jsRes(x).end)).toFixed(1)} ms and runs at ${med(S0.map((x) => x.beforeInit)).toFixed(1)} ms, the .wasm (preloaded, fetched once) until ${med(S0.map((x) => wasmRes(x).end)).toFixed(1)} ms; \`initAntomCheckout\` (fetch from the preload, compile, instantiate, the version check, the warm-up) takes ${med(S0.map((x) => x.init)).toFixed(1)} ms.`);
say(`- the floor page, medians: its script runs at ${med(F0.map((x) => x.beforeInit)).toFixed(1)} ms; decoding the module's text (the entry's \`bytesOf\`: its decoder compiled and run, the first WebAssembly of the page) takes ${med(F0.map((x) => x.init)).toFixed(1)} ms and compiling the module ${med(F0.map((x) => x.validate)).toFixed(1)} ms; what antom-checkout's page adds to it (instantiate, the version check, the warm-up, the first validation, the API's code): ${(med(A0.map((x) => x.ready)) - med(F0.map((x) => x.ready))).toFixed(1)} ms of the medians.`);
say(`- valibot page, medians: the bundle runs at ${med(ready.runs.valibot.map((x) => x.beforeInit)).toFixed(1)} ms, the first validation takes ${med(ready.runs.valibot.map((x) => x.validate)).toFixed(2)} ms.`);
const files = (key) => `${kb(transfer(key))} (${Object.entries(ready.bytes[key]).map(([p, n]) => `${p} ${kb(n)}`).join(", ")})`;
say(`- transferred (gzip): antom-checkout page ${files("antom")}, with a separate .wasm ${files("separate-wasm")}, valibot page ${kb(transfer("valibot"))}.`);
say();
if (!QUICK) writeFileSync(new URL("results.md", HERE), out.join("\n") + "\n");
