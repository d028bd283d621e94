// The package as bundlers consume it, built the way the README tells each user to: a Node server
// bundled into one file (esbuild --platform=node, as for Lambda or a container) and a checkout
// page bundled with esbuild for the browser (the .wasm emitted as a file and handed to
// initAntomCheckout). Each bundle is built into a fresh directory and run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { validRequest } from "./helpers.mjs";

const HERE = new URL(".", import.meta.url).pathname;
const WASM = new URL("node_modules/antom-checkout/antom_checkout_bg.wasm", import.meta.url).pathname;

function fresh() {
  return mkdtempSync(join(tmpdir(), "antom-bundle-"));
}

test("a Node server bundled into one file imports without its .wasm, then loads it from initAntomCheckout(path)", async () => {
  const dir = fresh();
  try {
    const request = JSON.stringify(validRequest());
    writeFileSync(
      join(dir, "server.mjs"),
      `import { validatePayRequest, initAntomCheckout } from "antom-checkout";
const out = {};
try { validatePayRequest({}); } catch (e) { out.before = e.code; }
try { await initAntomCheckout(); } catch (e) { out.noSource = [e.code, /initAntomCheckout/.test(e.message)]; }
await initAntomCheckout(process.argv[2]);
out.issues = validatePayRequest(${request}).length;
out.invalid = validatePayRequest({ productCode: "IN_STORE_PAYMENT" }).some((i) => i.path === "paymentRequestId");
process.stdout.write(JSON.stringify(out));`,
    );
    await esbuild.build({
      entryPoints: [join(dir, "server.mjs")],
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: join(dir, "dist", "server.mjs"),
      nodePaths: [join(HERE, "node_modules")],
      logLevel: "silent",
    });
    assert.deepEqual(readdirSync(join(dir, "dist")), ["server.mjs"], "one file, no .wasm beside it");
    const out = JSON.parse(execFileSync(process.execPath, [join(dir, "dist", "server.mjs"), WASM], { encoding: "utf8" }));
    assert.deepEqual(out, { before: "NOT_INITIALIZED", noSource: ["INIT_FAILED", true], issues: 0, invalid: true });
    // Copied beside the bundle, the module loads at import as in an unbundled install.
    copyFileSync(WASM, join(dir, "dist", "antom_checkout_bg.wasm"));
    const again = JSON.parse(execFileSync(process.execPath, [join(dir, "dist", "server.mjs"), WASM], { encoding: "utf8" }));
    assert.equal(again.before, undefined, "ready at import");
    assert.equal(again.issues, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("esbuild for the browser: the .wasm emitted as a file (--loader:.wasm=file) and passed to initAntomCheckout", async () => {
  const dir = fresh();
  try {
    writeFileSync(
      join(dir, "page.mjs"),
      `import { initAntomCheckout, validatePayRequest } from "antom-checkout";
import wasmUrl from "antom-checkout/antom_checkout_lean_bg.wasm";
export async function check(request) { await initAntomCheckout(wasmUrl); return validatePayRequest(request); }`,
    );
    await esbuild.build({
      entryPoints: [join(dir, "page.mjs")],
      bundle: true,
      platform: "browser",
      format: "esm",
      outdir: join(dir, "dist"),
      loader: { ".wasm": "file" },
      nodePaths: [join(HERE, "node_modules")],
      logLevel: "silent",
    });
    const files = readdirSync(join(dir, "dist"));
    const wasm = files.find((f) => f.endsWith(".wasm"));
    assert.ok(wasm, `the .wasm is emitted: ${files}`);
    assert.deepEqual(readFileSync(join(dir, "dist", wasm)), readFileSync(WASM.replace("antom_checkout_bg", "antom_checkout_lean_bg")));
    const js = readFileSync(join(dir, "dist", "page.js"), "utf8");
    assert.ok(js.includes(wasm), "the bundle refers to the emitted file");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
