// The package as bundlers and runtimes consume it, built the way the README tells each user to:
// a checkout page bundled by Vite, webpack 5, esbuild and `bun build`, each served on 127.0.0.1
// and loaded in headless Chromium, where it validates a request; a Node server bundled into one
// file (esbuild --platform=node, as for Lambda or a container); Deno and Bun running the package.
// Each bundle is built into a fresh directory under tests/js/.bundles (so that the package
// resolves from tests/js/node_modules, as from a project's own) and removed afterwards.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, readdirSync, readFileSync, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { launch, servePage } from "./browser.mjs";
import { validRequest } from "./helpers.mjs";

const HERE = new URL(".", import.meta.url).pathname;
const BIN = join(HERE, "node_modules", ".bin");
const PKG = join(HERE, "node_modules", "antom-checkout");
const WASM = join(PKG, "antom_checkout_bg.wasm");
const ROOT = join(HERE, ".bundles");

const made = [];
function fresh() {
  mkdirSync(ROOT, { recursive: true });
  const dir = mkdtempSync(join(ROOT, "b-"));
  made.push(dir);
  return dir;
}

// The page every bundler builds: validate a valid and an invalid request, report on the body.
const REQUEST = JSON.stringify(validRequest());
const PAGE_JS = `import { initAntomCheckout, validatePayRequest } from "antom-checkout";
(async () => {
  try {
    await initAntomCheckout();
    const valid = validatePayRequest(${REQUEST});
    const invalid = validatePayRequest({ productCode: "IN_STORE_PAYMENT" });
    document.body.dataset.result = JSON.stringify({ valid: valid.length, invalid: invalid.some((i) => i.path === "paymentRequestId") });
  } catch (e) {
    document.body.dataset.result = JSON.stringify({ error: e.code ?? String(e) });
  }
})();
`;
const HTML = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>bundle</title></head><body><script type="module" src="${script}"></script></body></html>`;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  // Only this file's directories: another test file may be using its own under ROOT.
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const OK = { valid: 0, invalid: true };

// The browser entry carries its module: no bundler emits a .wasm for it, and the page fetches none.
const noWasm = (dir) => assert.deepEqual(readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".wasm")), [], "no .wasm emitted");

test("Vite: the page builds with no configuration and validates in Chromium", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "index.html"), HTML("./main.js"));
  writeFileSync(join(dir, "main.js"), PAGE_JS);
  const { build } = await import("vite");
  await build({ root: dir, logLevel: "silent", build: { outDir: join(dir, "dist"), emptyOutDir: true } });
  noWasm(join(dir, "dist"));
  assert.deepEqual(await servePage(browser, join(dir, "dist")), OK);
});

test("webpack 5: the page builds with no configuration and validates in Chromium", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "main.js"), PAGE_JS);
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) =>
    webpack({ mode: "production", context: dir, entry: "./main.js", output: { path: join(dir, "dist"), filename: "main.js", publicPath: "" }, resolve: { modules: [join(HERE, "node_modules")] } }, (e, s) => (e ? reject(e) : resolve(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  writeFileSync(join(dir, "dist", "index.html"), HTML("./main.js"));
  noWasm(join(dir, "dist"));
  assert.deepEqual(await servePage(browser, join(dir, "dist")), OK);
});

test("esbuild for the browser: the page builds with no loader setting and validates in Chromium", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "main.js"), PAGE_JS);
  await esbuild.build({ entryPoints: [join(dir, "main.js")], bundle: true, minify: true, platform: "browser", format: "esm", outdir: join(dir, "dist"), logLevel: "silent" });
  noWasm(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "index.html"), HTML("./main.js"));
  assert.deepEqual(await servePage(browser, join(dir, "dist")), OK);
});

test("bun build for the browser: the same, with no loader setting", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "main.js"), PAGE_JS);
  execFileSync(join(BIN, "bun"), ["build", "./main.js", "--outdir", "dist", "--target", "browser", "--minify"], { cwd: dir, stdio: "pipe" });
  noWasm(join(dir, "dist"));
  writeFileSync(join(dir, "dist", "index.html"), HTML("./main.js"));
  assert.deepEqual(await servePage(browser, join(dir, "dist")), OK);
});

test("antom-checkout/full with esbuild for the browser: its .wasm imported as a file (--loader:.wasm=file) and handed to initAntomCheckout", async () => {
  const dir = fresh();
  writeFileSync(join(dir, "main.js"), PAGE_JS.replace('from "antom-checkout";', 'from "antom-checkout/full";\nimport wasmUrl from "antom-checkout/antom_checkout_bg.wasm";').replace("initAntomCheckout()", "initAntomCheckout(wasmUrl)"));
  await esbuild.build({ entryPoints: [join(dir, "main.js")], bundle: true, platform: "browser", format: "esm", outdir: join(dir, "dist"), loader: { ".wasm": "file" }, logLevel: "silent" });
  const wasm = readdirSync(join(dir, "dist")).find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, "the .wasm is emitted");
  assert.deepEqual(readFileSync(join(dir, "dist", wasm)), readFileSync(WASM));
  writeFileSync(join(dir, "dist", "index.html"), HTML("./main.js"));
  assert.deepEqual(await servePage(browser, join(dir, "dist")), OK);
});

test("a Node server bundled into one file imports without its .wasm, then loads it from initAntomCheckout(path)", async () => {
  const dir = fresh();
  writeFileSync(
    join(dir, "server.mjs"),
    `import { validatePayRequest, initAntomCheckout } from "antom-checkout";
const out = {};
try { validatePayRequest({}); } catch (e) { out.before = e.code; }
try { await initAntomCheckout(); } catch (e) { out.noSource = [e.code, /initAntomCheckout/.test(e.message)]; }
await initAntomCheckout(process.argv[2]);
out.issues = validatePayRequest(${REQUEST}).length;
out.invalid = validatePayRequest({ productCode: "IN_STORE_PAYMENT" }).some((i) => i.path === "paymentRequestId");
process.stdout.write(JSON.stringify(out));`,
  );
  await esbuild.build({ entryPoints: [join(dir, "server.mjs")], bundle: true, platform: "node", format: "esm", outfile: join(dir, "dist", "server.mjs"), logLevel: "silent" });
  assert.deepEqual(readdirSync(join(dir, "dist")), ["server.mjs"], "one file, no .wasm beside it");
  const out = JSON.parse(execFileSync(process.execPath, [join(dir, "dist", "server.mjs"), WASM], { encoding: "utf8" }));
  assert.deepEqual(out, { before: "NOT_INITIALIZED", noSource: ["INIT_FAILED", true], issues: 0, invalid: true });
  // Copied beside the bundle, the module loads at import as in an unbundled install.
  copyFileSync(WASM, join(dir, "dist", "antom_checkout_bg.wasm"));
  const again = JSON.parse(execFileSync(process.execPath, [join(dir, "dist", "server.mjs"), WASM], { encoding: "utf8" }));
  assert.equal(again.before, undefined, "ready at import");
  assert.equal(again.issues, 0);
});

// A script for the runtimes: the full entry, a prepared request and a signature header.
const RUNTIME_SCRIPT = `import { preparePayRequest, signatureHeader, validatePayRequest, AntomClient } from "antom-checkout";
const p = preparePayRequest(${REQUEST}, { clientId: "TEST_5X00000000000000", gateway: "asia" });
console.log(JSON.stringify({ url: p.url, body: p.body.length > 0, header: signatureHeader("c2lnbmF0dXJl", "1"), invalid: validatePayRequest({}).length > 0, client: typeof AntomClient }));
`;
const RUNTIME_OK = { url: "https://open-sea-global.alipay.com/ams/api/v1/payments/pay", body: true, header: "algorithm=RSA256,keyVersion=1,signature=c2lnbmF0dXJl", invalid: true, client: "function" };

test("CommonJS: require() gets a CommonJS entry (no require of an ES module, which needs Node 20.19)", () => {
  const dir = fresh();
  writeFileSync(
    join(dir, "check.cjs"),
    `const A = require("antom-checkout");
const F = require("antom-checkout/full");
console.log(JSON.stringify({ file: require.resolve("antom-checkout").split("/").pop(), same: A === F, issues: A.validatePayRequest(${REQUEST}).length, header: A.signatureHeader("c2lnbmF0dXJl", "1"), client: typeof F.AntomClient }));`,
  );
  // --no-experimental-require-module: the Node 20.17 and 18 behaviour, where require() of an
  // ES module throws ERR_REQUIRE_ESM.
  const out = execFileSync(process.execPath, ["--no-experimental-require-module", join(dir, "check.cjs")], { cwd: HERE, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), { file: "node.cjs", same: true, issues: 0, header: "algorithm=RSA256,keyVersion=1,signature=c2lnbmF0dXJl", client: "function" });
});

test("Deno runs the package from node_modules (the node export condition)", () => {
  const dir = fresh();
  writeFileSync(join(dir, "check.mjs"), RUNTIME_SCRIPT);
  const out = execFileSync(join(BIN, "deno"), ["run", "--allow-read", "--allow-env", "--no-prompt", join(dir, "check.mjs")], { cwd: HERE, encoding: "utf8", env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } });
  assert.deepEqual(JSON.parse(out), RUNTIME_OK);
});

test("Bun runs the package", () => {
  const dir = fresh();
  writeFileSync(join(dir, "check.mjs"), RUNTIME_SCRIPT);
  const out = execFileSync(join(BIN, "bun"), [join(dir, "check.mjs")], { cwd: HERE, encoding: "utf8" });
  assert.deepEqual(JSON.parse(out), RUNTIME_OK);
});
