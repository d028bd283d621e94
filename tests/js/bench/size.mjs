// What each entry ships, measured as tests/js/bench/bench.mjs measures it ("what a checkout page
// ships"): the .wasm and the entry bundled by esbuild (minified, ESM, the .wasm external), each
// gzip -9, and their sum against the budgets of docs/benchmarks.md. Needs pkg/ (scripts/build).
// Run: node tests/js/bench/size.mjs (from the repository or from tests/js).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";
import * as esbuild from "esbuild";

const HERE = new URL("./", import.meta.url);
const PKG = new URL("../node_modules/antom-checkout/", import.meta.url);
const root = new URL("..", HERE).pathname;
// Node's zlib at level 9, as bench.mjs measures; GNU gzip -9 (scripts/build's figure) beside it.
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const gnu = (buf) => {
  try {
    return execFileSync("gzip", ["-9c"], { input: buf, maxBuffer: 1 << 26 }).length;
  } catch {
    return NaN;
  }
};

async function bundle(conditions) {
  const r = await esbuild.build({
    stdin: { contents: `export * from "antom-checkout";`, resolveDir: root, loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "browser", conditions,
    external: ["*.wasm"], write: false, logLevel: "silent",
  });
  return Buffer.from(r.outputFiles[0].contents);
}

const entries = [
  // A Worker imports "antom-checkout" under the workerd condition (the full module), as wrangler bundles it.
  ["Worker (workerd, full module)", "antom_checkout_bg.wasm", ["workerd", "worker"], 73_728],
  // A checkout page imports "antom-checkout" (the browser condition: the lean module).
  ["checkout page (browser, lean module)", "antom_checkout_lean_bg.wasm", [], 40_960],
];
let over = false;
for (const [what, file, conditions, budget] of entries) {
  const wasm = readFileSync(new URL(file, PKG));
  const js = await bundle(conditions);
  const [w, j] = [gz(wasm), gz(js)];
  const total = w + j;
  over ||= total > budget;
  console.log(`${what} (GNU gzip -9: .wasm ${gnu(wasm)} B + entry ${gnu(js)} B = ${gnu(wasm) + gnu(js)} B)`);
  console.log(`  ${what}: .wasm ${w} B + entry ${j} B (${js.length} B minified) = ${total} B gzip -9; budget ${budget} B: ${total <= budget ? "met" : "NOT met"} (${budget - total >= 0 ? "" : "+"}${Math.abs(budget - total)} B ${total <= budget ? "to spare" : "over"})`);
}
process.exitCode = over ? 1 : 0;
