// A checkout page's time to ready on a phone: from navigation start to the first validation done,
// in headless Chromium with 4x CPU throttling and a 4G-like network (40 ms latency, 9 Mbit/s
// down), for a page on antom-checkout's lean entry (which carries its module), the same page with
// the module as a separate .wasm preloaded by the page (the choice the entry's embedding is
// measured against), a page that only compiles the same module from the same embedded bytes (the
// floor for its size), and a page on valibot doing the same validation. All are minimal pages
// bundled by esbuild with no setting for the module, served gzip by a node:http server on
// 127.0.0.1 (stopped at the end). Each run is a fresh browser context (nothing cached); the pages
// are measured in the same round, the order reversed every other round. Used by bench.mjs; never
// fails on a timing, only when a page finds an issue in the valid request, warns, fetches a file
// more than once, or fetches a .wasm other than by its preload.
import { createServer } from "node:http";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { extname } from "node:path";
import * as esbuild from "esbuild";
import { launch } from "../browser.mjs";

export const NETWORK = { latency: 40, downloadMbit: 9, uploadMbit: 3 };
export const CPU_SLOWDOWN = 4;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm" };

// The page's HTML: one module script (then the preload of a separate .wasm, for the page that has
// one: the script, which must run first, asks first).
const html = (title, preload) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<script type="module" src="/page.js"></script>
${preload ? `<link rel="preload" href="${preload}" as="fetch" crossorigin>\n` : ""}</head>
<body><p id="state">Loading…</p></body>
</html>
`;

// What both pages do once validated: record the time and tell the driver (a console message
// arrives without the driver polling the page, which would take main-thread time).
const REPORT = `
// \`fetched\`: a resource the page loaded (its URL) whose timing entry is awaited before reporting;
// the browser may queue that entry after the compile that consumed the response has finished.
async function report(issues, t0, t1, t2, fetched) {
  document.getElementById("state").textContent = issues.length ? "invalid" : "ready";
  const name = fetched && new URL(fetched, location.href).href;
  for (let i = 0; name && i < 250 && !performance.getEntriesByName(name, "resource").length; i++) await new Promise((r) => setTimeout(r, 20));
  const resources = performance.getEntriesByType("resource").map((e) => ({ name: new URL(e.name).pathname, initiator: e.initiatorType, start: e.startTime, end: e.responseEnd }));
  const nav = performance.getEntriesByType("navigation")[0];
  console.log("ready " + JSON.stringify({ ready: t2, document: { start: nav.requestStart, end: nav.responseEnd }, beforeInit: t0, init: t1 - t0, validate: t2 - t1, issues: issues.length, resources }));
}
`;
// The request of the other benchmarks, its expiry an hour from the page's now.
const requestCode = (request) => `
const request = ${JSON.stringify(request)};
request.paymentExpiryTime = new Date(Date.now() + 3600000).toISOString().slice(0, 19) + "+00:00";
`;

/**
 * Builds the pages into `dir` (one folder each) as docs/bundlers.md has them built: esbuild, bundled and
 * minified ES modules, with no setting for the module (the entry carries it).
 * `extra`: more pages to measure alongside (`{ name: { code, resolveDir, preload? } }`, `$REQUEST`
 * in the code standing for the request and `report`), e.g. a variant of the package's build.
 */
export async function buildPages(dir, request, { root, bench, extra = {} }) {
  rmSync(dir, { recursive: true, force: true });
  const antom = `import { initAntomCheckout, validatePayRequest } from "antom-checkout";
${requestCode(request)}${REPORT}
const t0 = performance.now();
await initAntomCheckout();
const t1 = performance.now();
const issues = validatePayRequest(request);
report(issues, t0, t1, performance.now());
`;
  const pkg = "./node_modules/antom-checkout";
  const pages = {
    antom: { resolveDir: root, code: antom },
    // The module as a separate file: the .wasm emitted by esbuild's file loader at the root,
    // preloaded by the page, fetched and compiled by the wasm-bindgen glue's asynchronous loader,
    // then the same start (version check, warm-up).
    "separate-wasm": {
      resolveDir: root, preload: "/antom_checkout_lean_bg.wasm",
      code: `import init, * as glue from "${pkg}/antom_checkout_lean.js";
import { load } from "${pkg}/load.js";
import { validatePayRequest } from "${pkg}/api.js";
import wasmUrl from "${pkg}/antom_checkout_lean_bg.wasm";
${requestCode(request)}${REPORT}
const t0 = performance.now();
await load(init, glue, wasmUrl, 1);
const t1 = performance.now();
const issues = validatePayRequest(request);
report(issues, t0, t1, performance.now(), wasmUrl);
`,
    },
    // The same module from the same embedded text, decoded and compiled, nothing instantiated or
    // run: the floor of any page that carries a module of this size, whatever the module does.
    floor: {
      resolveDir: root,
      code: `import embedded from "${pkg}/antom_checkout_lean_module.js";
import { bytesOf } from "${pkg}/load.js";
${REPORT}
const t0 = performance.now();
const bytes = bytesOf(embedded);
const t1 = performance.now();
new WebAssembly.Module(bytes);
// Reported as init, the decoding, and validate, the compile.
report([], t0, t1, performance.now());
`,
    },
    valibot: {
      resolveDir: bench,
      code: `import * as v from "valibot";
import schema from "./gen/valibot-schema.mjs";
${requestCode(request)}${REPORT}
const t0 = performance.now();
const r = v.safeParse(schema, request, { abortEarly: false });
const issues = r.success ? (Date.parse(request.paymentExpiryTime) <= Date.now() ? ["expired"] : []) : r.issues;
const t2 = performance.now();
report(issues, t0, t0, t2);
`,
    },
  };
  for (const [name, p] of Object.entries(extra)) pages[name] = { ...p, code: p.code.replace("$REQUEST", requestCode(request) + REPORT) };
  for (const [name, p] of Object.entries(pages)) {
    const out = new URL(`${name}/`, dir);
    mkdirSync(out, { recursive: true });
    // As with the command esbuild page.js --bundle --format=esm --minify --outdir=dist (a
    // separate .wasm: --loader:.wasm=file --asset-names=[name] --public-path=/)
    await esbuild.build({
      stdin: { contents: p.code, resolveDir: p.resolveDir, loader: "js", sourcefile: "page.js" },
      bundle: true, format: "esm", minify: true, platform: "browser", loader: { ".wasm": "file" },
      assetNames: "[name]", publicPath: "/", outfile: new URL("page.js", out).pathname, logLevel: "silent",
    });
    writeFileSync(new URL("index.html", out), html(name, p.preload));
  }
  return Object.fromEntries(Object.entries(pages).map(([n, p]) => [n, { dir: new URL(`${n}/`, dir), preload: Boolean(p.preload) }]));
}

/** Serves a built page gzip (as any CDN would), counting the requests of each path. */
export async function servePage(dir) {
  const files = new Map();
  for (const f of readdirSync(dir)) {
    const body = readFileSync(new URL(f, dir));
    files.set(`/${f}`, { type: TYPES[extname(f)] ?? "application/octet-stream", gz: gzipSync(body, { level: 9 }), raw: body });
  }
  const counts = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = files.get(path === "/" ? "/index.html" : path);
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (!file) return res.writeHead(404).end();
    const gz = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-cache", ...(gz ? { "content-encoding": "gzip" } : {}) });
    res.end(gz ? file.gz : file.raw);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const bytes = Object.fromEntries([...files].map(([p, f]) => [p, f.gz.length]));
  return { url: `http://127.0.0.1:${server.address().port}/`, counts, bytes, close: () => new Promise((r) => server.close(r)) };
}

/** One load of a page in a fresh context, throttled; resolves to what the page reported. */
async function loadOnce(browser, site) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: NETWORK.latency,
      downloadThroughput: (NETWORK.downloadMbit * 1e6) / 8, uploadThroughput: (NETWORK.uploadMbit * 1e6) / 8,
    });
    const warnings = [];
    page.on("console", (m) => m.type() !== "log" && warnings.push(m.text()));
    page.on("pageerror", (e) => warnings.push(e.message));
    site.counts.clear();
    const ready = page.waitForEvent("console", { predicate: (m) => m.text().startsWith("ready "), timeout: 60_000 });
    await page.goto(site.url, { waitUntil: "commit" });
    const result = JSON.parse((await ready).text().slice(6));
    result.requests = Object.fromEntries(site.counts);
    result.warnings = warnings;
    return result;
  } finally {
    await context.close();
  }
}

/**
 * Paired rounds of both pages: `rounds` timed rounds after one untimed round (which warms the
 * browser and the disk cache, not the pages: every run is a fresh context). Returns the pages'
 * results by round, the bytes each page transfers (gzip) and the browser's version.
 */
export async function timeToReady({ dir, request, root, bench, rounds, extra }) {
  const built = await buildPages(dir, request, { root, bench, extra });
  const sites = {};
  const browser = await launch();
  try {
    for (const [n, d] of Object.entries(built)) sites[n] = { ...(await servePage(d.dir)), preload: d.preload };
    const names = Object.keys(sites);
    const runs = Object.fromEntries(names.map((n) => [n, []]));
    for (let r = -1; r < rounds; r++) {
      const order = (r + 2) % 2 === 0 ? names : [...names].reverse();
      for (const n of order) {
        const res = await loadOnce(browser, sites[n]);
        if (res.issues !== 0) throw new Error(`the ${n} page found ${res.issues} issue(s) in the valid request`);
        if (res.warnings.length) throw new Error(`the ${n} page warned: ${res.warnings.join("; ")}`);
        const wasm = res.resources.filter((e) => e.name.endsWith(".wasm")).map((e) => e.initiator);
        if (wasm.join() !== (sites[n].preload ? "link" : "")) throw new Error(`the ${n} page fetched a .wasm other than by its preload: ${wasm.join(", ")}`);
        for (const [path, count] of Object.entries(res.requests)) {
          if (count !== 1) throw new Error(`the ${n} page fetched ${path} ${count} times (a preload not used?)`);
        }
        if (r >= 0) runs[n].push(res);
      }
    }
    const bytes = Object.fromEntries(names.map((n) => [n, sites[n].bytes]));
    return { runs, bytes, version: browser.version() };
  } finally {
    await browser.close();
    for (const s of Object.values(sites)) await s.close();
  }
}
