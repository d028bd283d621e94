// The lean module a checkout page loads ("antom-checkout" in browsers: browser.js, which carries
// antom_checkout_lean_bg.wasm in antom_checkout_lean_module.js), run in Node: the same bytes and
// the same issues as the full module, and nothing a page must not have.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { vec, validRequest } from "./helpers.mjs";

const PKG = new URL("./node_modules/antom-checkout/", import.meta.url);
const lean = await import(new URL("browser.js", PKG));
await lean.initAntomCheckout();
const params = (dir) => Object.fromEntries(vec(`${dir}/params.txt`).trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));

test("the lean entry offers validation, amounts and ids: no prepared request, no client", () => {
  const names = Object.keys(lean).sort();
  assert.deepEqual(names, [
    "AntomCheckoutError", "fromMinorUnits", "initAntomCheckout", "isAntomCheckoutError", "newPaymentRequestId",
    "toMinorUnits", "validateAmount", "validatePayRequest",
  ]);
});

test("the lean module's one operation export knows the page's operations only", async () => {
  const bytes = readFileSync(new URL("antom_checkout_lean_bg.wasm", PKG));
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(exports.includes("op") && exports.includes("inputbuffer") === false && exports.includes("inputBuffer"), exports.join());
  // Its own instance, through its glue: every operation the declaration (src/boundary.rs) keeps
  // out of the lean module is refused; the page's answer.
  const glue = await import(new URL("antom_checkout_lean.js", PKG));
  const { memory } = glue.initSync({ module: bytes });
  const ops = await import(new URL("ops.js", PKG));
  const { ops: declared } = JSON.parse(readFileSync(new URL("./boundary.json", import.meta.url), "utf8"));
  const full = declared.filter((o) => !o.lean);
  assert.ok(full.length >= 10);
  for (const { name } of full) {
    const out = ops[name](glue, 0, 0, 0, 0);
    assert.equal(out[0], String.fromCharCode(ops.Tag.error), name);
    assert.deepEqual(Object.values((({ code, message }) => ({ code, message }))(JSON.parse(out.slice(1)))), ["INVALID_ARGUMENT", "invalid argument: this operation needs antom-checkout/full"], name);
  }
  new Uint8Array(memory.buffer, glue.inputBuffer(16), 16).fill(0); // sixteen zero bytes: the id of zero bits
  assert.equal(ops.newPaymentRequestId(glue, 16), `${String.fromCharCode(ops.Tag.text)}${"A".repeat(22)}`);
});

test("the lean module judges a request as the full module does (the vectors, and each with problems)", () => {
  const inputs = [];
  for (const r of [...["01_pay_request", "02_pay_request_utf8"].map((dir) => JSON.parse(vec(`${dir}/body.json`))), validRequest()]) {
    const bad = structuredClone(r);
    bad.order.merchant.store.storeMCC = "abc";
    delete bad.order.orderDescription;
    bad.paymentAmount.value = "01";
    bad.paymentRedirectUrl = "ftp://x";
    inputs.push(r, bad, { ...r, extra: 1 });
  }
  inputs.push({});
  // The full module in a process of its own: in one process it would serve both entries.
  const full = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `import { readFileSync } from "node:fs";
const full = await import(${JSON.stringify(new URL("node.js", PKG).href)});
console.log(JSON.stringify(JSON.parse(readFileSync(0, "utf8")).map((x) => full.validatePayRequest(x))));`], { input: JSON.stringify(inputs), encoding: "utf8" }));
  assert.deepEqual(inputs.map((x) => lean.validatePayRequest(x)), full);
  assert.ok(full.filter((issues) => issues.length === 0).length >= 2 && full.every((issues, i) => i % 3 !== 1 || issues.length >= 4), JSON.stringify(full.map((i) => i.length)));
});

test("the lean module finds every issue, with paths, and refuses what is not JSON", () => {
  const bad = validRequest();
  bad.order.merchant.store.storeMCC = "abc";
  delete bad.order.env.userAgent;
  bad.paymentNotifyUrl = "nope";
  const issues = lean.validatePayRequest(bad);
  assert.deepEqual(issues.map((i) => i.path).sort(), ["order.env.userAgent", "order.merchant.store.storeMCC", "paymentNotifyUrl"]);
  assert.deepEqual(lean.validatePayRequest(validRequest()), []);
  assert.throws(() => lean.validatePayRequest({ n: 10n }), { code: "INVALID_ARGUMENT" });
  assert.equal(lean.toMinorUnits("12.34", "USD"), "1234");
  assert.equal(lean.fromMinorUnits("5", "USD"), "0.05");
  assert.match(lean.newPaymentRequestId(), /^[A-Za-z0-9_-]{22}$/);
});

test("validateAmount: the amount problems a page shows at its field, as issues with the path given, never a throw", () => {
  assert.deepEqual(lean.validateAmount("12.34", "USD"), []);
  assert.deepEqual(lean.validateAmount("1200", "JPY", "paymentAmount.value"), []);
  const one = (amount, currency, path) => lean.validateAmount(amount, currency, path).map((i) => [i.path, i.code]);
  assert.deepEqual(one("12.5", "JPY", "paymentAmount.value"), [["paymentAmount.value", "INVALID_VALUE"]]);
  assert.deepEqual(one("", "JPY"), [["amount", "REQUIRED"]]);
  assert.deepEqual(one("abc", "USD", "amount"), [["amount", "INVALID_FORMAT"]]);
  assert.deepEqual(one("-1", "USD", "amount"), [["amount", "INVALID_FORMAT"]]);
  assert.deepEqual(one("12.34", "ZZZ", "amount"), [["amount", "UNSUPPORTED_CURRENCY"]]);
  assert.deepEqual(one("99999999999999999", "JPY", "amount"), [["amount", "OUT_OF_RANGE"]]);
  // The same judgement as toMinorUnits: what converts has no issue, what has one throws there.
  for (const [amount, currency] of [["12.5", "JPY"], ["", "USD"], ["1.234", "BHD"], ["1e3", "USD"], ["0.10", "USD"]]) {
    const issues = lean.validateAmount(amount, currency);
    let threw = false;
    try {
      lean.toMinorUnits(amount, currency);
    } catch {
      threw = true;
    }
    assert.equal(issues.length > 0, threw, `${amount} ${currency}`);
  }
});

test("initAntomCheckout's warm-up validates a valid request (the path a page's first validation takes, compiled during init)", async () => {
  const { warmUp } = await import(new URL("load.js", PKG));
  assert.deepEqual(warmUp(), []);
});

test("the entry carries the .wasm byte for byte, in printable ASCII a bundler writes as it is", async () => {
  const { default: embedded } = await import(new URL("antom_checkout_lean_module.js", PKG));
  const { bytesOf } = await import(new URL("load.js", PKG));
  const wasm = readFileSync(new URL("antom_checkout_lean_bg.wasm", PKG));
  assert.equal(embedded.size, wasm.length);
  assert.ok(Buffer.from(bytesOf(embedded)).equals(wasm), "the decoded bytes are the .wasm's");
  // A reference decoder in JavaScript, from the codes alone (scripts/decode.wat decodes the same).
  const code = new Map();
  for (let b = 0, i = 0; b < 256; b++) {
    const n = embedded.prefixes.includes(embedded.codes[i]) ? 2 : 1;
    code.set(embedded.codes.slice(i, i + n), b);
    i += n;
  }
  assert.equal(code.size, 256);
  const reference = [];
  for (let i = 0; i < embedded.text.length; ) {
    const n = embedded.prefixes.includes(embedded.text[i]) ? 2 : 1;
    reference.push(code.get(embedded.text.slice(i, i + n)));
    i += n;
  }
  assert.ok(Buffer.from(reference).equals(wasm), "the reference decoder agrees");
  assert.match(embedded.text, /^[\x20-\x7e]+$/);
  assert.doesNotMatch(embedded.text + embedded.codes, /["'`\\$<]/);
  assert.match(readFileSync(new URL("antom_checkout_lean_module.js", PKG), "utf8"), /^\/\/ Generated by scripts\/build/);
});

test("the decoder reads back every byte sequence the encoder writes, and refuses any other text", async () => {
  const { encode } = await import(new URL("../../scripts/embed-wasm.mjs", import.meta.url));
  const { bytesOf } = await import(new URL("load.js", PKG));
  const { default: { decoder } } = await import(new URL("antom_checkout_lean_module.js", PKG));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
  const refused = (e) => e.code === "INIT_FAILED" && /was altered \(its text does not decode to the module's \d+ bytes\)/.test(e.message);
  for (let round = 0; round < 200; round++) {
    // Skewed bytes (as a module's are), every value present in some rounds, of up to 70,000 bytes
    // (two pages of the decoder's memory).
    const n = round < 3 ? [0, 1, 70000][round] : random() % 3000;
    const bytes = Uint8Array.from({ length: n }, () => (random() % 4 ? random() % 16 : random() % 256));
    const e = encode(bytes);
    assert.ok(Buffer.from(bytesOf({ ...e, decoder })).equals(Buffer.from(bytes)), `round ${round}`);
    if (n === 0) continue;
    // Altered: a character cut, one added, one outside the alphabet, a non-ASCII one, a prefix at the end.
    const at = random() % e.text.length;
    for (const text of [e.text.slice(0, -1), e.text + "A", e.text.slice(0, at) + '"' + e.text.slice(at + 1), e.text.slice(0, at) + "\u00e9" + e.text.slice(at + 1), e.text + " "]) {
      assert.throws(() => bytesOf({ ...e, decoder, text }), refused, `round ${round}`);
    }
  }
});

test("initAntomCheckout takes no source in the browser entry, and says why", async () => {
  await assert.rejects(lean.initAntomCheckout("/antom_checkout_lean_bg.wasm"), (e) => e.code === "INVALID_ARGUMENT" && /no argument/.test(e.message));
  assert.equal(await lean.initAntomCheckout(), undefined, "still started");
});

// A fresh process each (the module starts once per process), with WebAssembly.Module replaced by
// \`prelude\`: what the entry's start then resolves or rejects with, and a validation after it.
const BROWSER = JSON.stringify(new URL("browser.js", PKG).href);
const startIn = (prelude) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `const Sync = WebAssembly.Module;
${prelude}
WebAssembly.Module.prototype = Sync.prototype;
const lean = await import(${BROWSER});
const tries = [];
for (let i = 0; i < 2; i++) {
  try { await lean.initAntomCheckout(); tries.push({ issues: lean.validatePayRequest({}).length }); break; }
  catch (e) { tries.push({ code: e.code, message: e.message }); }
}
console.log(JSON.stringify({ tries, refused: globalThis.refused }));`], { encoding: "utf8" }));

test("where an engine compiles and instantiates only small modules synchronously (RangeErrors, as older Chromium), the module is started asynchronously", () => {
  const big = "if the buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.";
  const prelude = (refuse) => `globalThis.refused = 0;
const SyncInstance = WebAssembly.Instance;
WebAssembly.Module = function (bytes) { if (${refuse.includes("Module")} && bytes.length > 4096) { globalThis.refused++; throw new RangeError("WebAssembly.Compile is disallowed on the main thread, ${big}"); } return new Sync(bytes); };
WebAssembly.Instance = function (module, imports) { if (Sync.exports(module).some((e) => e.name === "op")) { globalThis.refused++; throw new RangeError("WebAssembly.Instance is disallowed on the main thread, ${big}"); } return new SyncInstance(module, imports); };
WebAssembly.Instance.prototype = SyncInstance.prototype;`;
  // Both refused, then the instance alone (the compile allowed): started either way.
  assert.deepEqual(startIn(prelude("Module,Instance")), { tries: [{ issues: lean.validatePayRequest({}).length }], refused: 1 });
  assert.deepEqual(startIn(prelude("Instance")), { tries: [{ issues: lean.validatePayRequest({}).length }], refused: 1 });
});

test("a module text that was altered is refused before anything is compiled, saying so", async () => {
  const { loadEmbedded } = await import(new URL("load.js", PKG));
  const { default: embedded } = await import(new URL("antom_checkout_lean_module.js", PKG));
  const never = () => assert.fail("nothing is compiled");
  // A character read as two (a script decoded in another charset) or lost.
  for (const text of [embedded.text.replace("A", "\u00c3\u00a9"), embedded.text.slice(1)]) {
    await assert.rejects(loadEmbedded(never, never, {}, { ...embedded, text }, 9), (e) => e.code === "INIT_FAILED" && /the script carrying it was altered .*; serve the package's files as they are, with charset=utf-8/.test(e.message));
  }
});

test("a compilation a policy refuses is INIT_FAILED naming 'wasm-unsafe-eval', and the next call tries again", () => {
  const out = startIn(`globalThis.refused = 0;
WebAssembly.Module = function (bytes) { if (globalThis.refused++ === 0) throw new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: script-src 'self'"); return new Sync(bytes); };`);
  assert.equal(out.tries.length, 2, JSON.stringify(out));
  assert.equal(out.tries[0].code, "INIT_FAILED");
  assert.match(out.tries[0].message, /Content-Security-Policy refused to compile WebAssembly; add 'wasm-unsafe-eval' to its script-src/);
  assert.deepEqual(out.tries[1], { issues: lean.validatePayRequest({}).length });
});
