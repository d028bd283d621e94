// The package as a package user has it (run scripts/build first): every file its entry points
// reach is published; every relative link in README.md, GUIDE.md and docs/ names a file the
// package ships, the tutorial is there, and nothing points at the repository (its scripts, tests
// or examples).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const PKG = new URL("../../pkg/", import.meta.url).pathname;
const files = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).files;
const shipped = (path) => files.some((f) => (f.endsWith("/") ? path.startsWith(f) : path === f));
const docs = ["README.md", "GUIDE.md", ...readdirSync(join(PKG, "docs")).map((f) => `docs/${f}`)];

test("every file an entry point reaches (imports, re-exports, requires, types) is in the published files", () => {
  const { exports } = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const targets = (v) => (typeof v === "string" ? [v] : Object.values(v).flatMap(targets));
  const todo = targets(exports).map((t) => t.replace(/^\.\//, ""));
  const seen = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    assert.ok(existsSync(join(PKG, file)), `${file} exists in pkg/`);
    if (!/\.(c?js|d\.c?ts)$/.test(file)) continue;
    const text = readFileSync(join(PKG, file), "utf8");
    for (const [, spec] of text.matchAll(/(?:from|import|require)\s*\(?\s*["'](\.\/[^"']+)["']/g)) {
      const path = join(file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "", spec).replaceAll("\\", "/");
      todo.push(/\.d\.c?ts$/.test(file) && path.endsWith(".js") ? path.replace(/\.js$/, ".d.ts") : path);
    }
  }
  assert.ok(seen.has("antom_checkout_lean_module.js") && seen.has("antom_checkout_bg.wasm"), [...seen].join());
  assert.deepEqual([...seen].filter((f) => !shipped(f) && f !== "package.json").sort(), [], "npm always publishes package.json");
});

test("every relative link in the package's documents names a file the package ships", () => {
  const broken = [];
  for (const doc of docs) {
    const dir = doc.includes("/") ? doc.slice(0, doc.lastIndexOf("/") + 1) : "";
    for (const [, target] of readFileSync(join(PKG, doc), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target) || target.startsWith("#")) continue;
      const path = join(dir, target.split("#")[0]).replaceAll("\\", "/");
      if (!shipped(path) || !existsSync(join(PKG, path))) broken.push(`${doc}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test("the package README links the tutorial and the user documents; the guide holds every tutorial block", () => {
  const readme = readFileSync(join(PKG, "README.md"), "utf8");
  for (const link of ["GUIDE.md", "docs/calls.md", "docs/validation.md", "docs/security.md"]) assert.ok(readme.includes(`](${link})`), link);
  const guide = readFileSync(join(PKG, "GUIDE.md"), "utf8");
  const project = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const blocks = (text) => [...text.matchAll(/^```(?:ts|toml) tutorial:(\w+)\n([\s\S]*?)^```$/gm)].map((m) => m[0]);
  assert.ok(blocks(project).length >= 7);
  assert.deepEqual(blocks(guide), blocks(project));
  // Building from the repository is not the package user's business.
  assert.equal(/scripts\/(build|test|demo)/.test(guide), false, "the guide names the repository's scripts");
});
