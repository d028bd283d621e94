// The browser baseline, stated and held (docs/browsers.md says which browsers it means and why).
// What the built package asks of a browser is derived from pkg/ itself:
//   - every .wasm module is validated against EXACTLY the stated WebAssembly feature set (binaryen's
//     validator, the wasm-opt pinned in this folder's package-lock.json, started with
//     --mvp-features and each stated feature enabled, nothing else): a module that needs a feature
//     outside the set (SIMD, threads, tail calls, exception handling, GC...) fails;
//   - every browser entry, and every module it imports, is parsed by acorn (pinned in the lock
//     file) at the entry's stated ECMAScript level: a construct of a later edition fails.
// A failure here means the floor in docs/browsers.md went up: lower the code back, or raise the
// statement (here and in the doc) on purpose. The features each module really needs, and the
// lowest level each entry parses at, are printed as diagnostics, so a floor that came down shows.
// BASELINE_PKG=<dir> checks another build (a copy with a newer construct, to see this fail).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "acorn";

const PKG = resolve(process.env.BASELINE_PKG ?? new URL("../../pkg", import.meta.url).pathname);
const WASM_OPT = new URL("./node_modules/.bin/wasm-opt", import.meta.url).pathname;

/**
 * The WebAssembly the modules may use: the MVP plus these five (binaryen's names). Mutable
 * globals are not used (no global is imported or exported mutable), SIMD and everything later
 * not at all. Floor: reference types (Chrome 96, Safari 15) and bulk memory (Firefox 79).
 */
export const WASM_FEATURES = ["sign-ext", "nontrapping-float-to-int", "multivalue", "bulk-memory", "reference-types"];

/**
 * The browser entries and the ECMAScript edition each is written in (acorn's ecmaVersion).
 * browser.js ("antom-checkout" in a browser, the lean module): ES2020 (optional chaining, ??,
 * import.meta). browser-full.js ("antom-checkout/full"): ES2022, for the class static block and
 * private methods of core.js (the static block is what sets its Safari floor at 16.4).
 */
export const ENTRIES = {
  "browser.js": { ecmaVersion: 2020 },
  "browser-full.js": { ecmaVersion: 2022 },
};

function wasmOpt(file, features) {
  // No passes, no output: wasm-opt reads the module and validates it with exactly these features.
  const r = spawnSync(WASM_OPT, [file, "--mvp-features", ...features.map((f) => `--enable-${f}`), "--quiet"], { encoding: "utf8" });
  if (r.error) throw r.error;
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.replace(/warning: no (passes specified|output file specified)[^\n]*\n?/g, "").trim() };
}

/** The first line of each validator complaint, without the (long) expression it prints. */
const complaints = (out) => [...new Set(out.split("\n").filter((l) => l.startsWith("[wasm-validator error")).map((l) => l.replace(/, on\s*$/, "").replace(/^\[wasm-validator error in [^\]]*\] /, "")))].slice(0, 5);

const modules = existsSync(PKG) ? readdirSync(PKG).filter((f) => f.endsWith(".wasm")) : [];

test("the package has the browser entries and wasm modules the baseline speaks of (run scripts/build first)", () => {
  assert.ok(existsSync(WASM_OPT), `${WASM_OPT}: run npm ci in tests/js`);
  assert.ok(modules.length >= 2, `no .wasm modules in ${PKG}`);
  for (const e of Object.keys(ENTRIES)) assert.ok(existsSync(join(PKG, e)), `${e} in ${PKG}`);
});

for (const m of modules) {
  test(`${m} validates with the MVP + ${WASM_FEATURES.join(", ")} and nothing else`, (t) => {
    const { ok, out } = wasmOpt(join(PKG, m), WASM_FEATURES);
    assert.ok(ok, `${m} needs a WebAssembly feature outside the stated baseline (docs/browsers.md):\n${complaints(out).join("\n") || out}`);
    // What the module really needs: each stated feature taken away in turn.
    const needed = WASM_FEATURES.filter((f) => !wasmOpt(join(PKG, m), WASM_FEATURES.filter((g) => g !== f)).ok);
    t.diagnostic(`${m} needs: ${needed.join(", ") || "the MVP only"}`);
    const unneeded = WASM_FEATURES.filter((f) => !needed.includes(f));
    if (unneeded.length) t.diagnostic(`${m} does not use ${unneeded.join(", ")}: its floor may be lower than stated`);
  });
}

/** The entry and every module it imports (static imports, re-exports, literal dynamic imports). */
function graph(entry) {
  const seen = new Map();
  const todo = [join(PKG, entry)];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    const source = readFileSync(file, "utf8");
    seen.set(file, source);
    const ast = parse(source, { ecmaVersion: "latest", sourceType: "module" });
    const walk = (n) => {
      if (!n || typeof n.type !== "string") return;
      const spec = n.source?.type === "Literal" && typeof n.source.value === "string" ? n.source.value : null;
      if (spec && ["ImportDeclaration", "ExportAllDeclaration", "ExportNamedDeclaration", "ImportExpression"].includes(n.type)) {
        assert.ok(spec.startsWith("./") || spec.startsWith("../"), `${relative(PKG, file)} imports ${spec}: a browser entry imports only its own files`);
        todo.push(resolve(dirname(file), spec));
      }
      for (const [k, v] of Object.entries(n)) {
        if (k === "loc") continue;
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") walk(v);
      }
    };
    walk(ast);
  }
  return seen;
}

const LEVELS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const parsesAt = (source, ecmaVersion) => {
  try {
    parse(source, { ecmaVersion, sourceType: "module", locations: true });
    return null;
  } catch (e) {
    return e;
  }
};

for (const [entry, { ecmaVersion }] of Object.entries(ENTRIES)) {
  test(`${entry} and everything it imports parse as ES${ecmaVersion}`, (t) => {
    const files = graph(entry);
    const lowest = [];
    for (const [file, source] of files) {
      const name = relative(PKG, file);
      const e = parsesAt(source, ecmaVersion);
      const line = e?.loc ? source.split("\n")[e.loc.line - 1].trim().slice(0, 120) : "";
      assert.ok(!e, `${name} (imported by ${entry}) needs a later edition than ES${ecmaVersion}: ${e?.message}\n  ${line}`);
      lowest.push(`${name} ES${LEVELS.find((v) => !parsesAt(source, v))}`);
    }
    t.diagnostic(`${entry}: ${lowest.join(", ")}`);
    // ES2020's `export * as ns from` is Firefox 80: above the lean entry's Firefox 79 floor.
    if (ecmaVersion === 2020) {
      for (const [file, source] of files) {
        const ast = parse(source, { ecmaVersion, sourceType: "module" });
        const found = ast.body.find((n) => n.type === "ExportAllDeclaration" && n.exported);
        assert.equal(found, undefined, `${relative(PKG, file)}: \`export * as\` needs Firefox 80, above the stated floor`);
      }
    }
  });
}
