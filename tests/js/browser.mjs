// Drives the checkout page in headless Chromium (playwright-core with Debian's Chromium), the
// way a shopper does: used by the browser test and by scripts/demo.
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, extname } from "node:path";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
}

/** A shopper's phone: an iPhone-sized touch screen, with the wallet app's user agent. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AlipayClient/10.5.30.6000",
};

/**
 * A new browser context (a phone unless `options` say otherwise) that records what went wrong in
 * its pages: every Content-Security-Policy violation the pages report (`securitypolicyviolation`,
 * listened for before any script of the page runs), console errors and uncaught exceptions.
 * `problems` holds `{ kind: "csp" | "console" | "pageerror", url, text }`; `requests` holds
 * "METHOD /path" for every request of its pages.
 */
export async function newShopper(browser, options = PHONE) {
  const context = await browser.newContext(options);
  const problems = [];
  const requests = [];
  await context.exposeBinding("__reportViolation", ({ frame }, v) => problems.push({ kind: "csp", url: frame.url(), text: JSON.stringify(v) }));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      globalThis.__reportViolation?.({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
    }, true);
  });
  const watch = (page) => {
    page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
    page.on("console", (m) => m.type() === "error" && problems.push({ kind: "console", url: m.location()?.url ?? page.url(), text: m.text() }));
    page.on("pageerror", (e) => problems.push({ kind: "pageerror", url: page.url(), text: e.message }));
  };
  context.on("page", watch);
  const page = await context.newPage();
  return { context, page, problems, requests };
}

/** Taps on a touch screen, clicks otherwise. */
export async function press(page, selector) {
  const touch = await page.evaluate(() => matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0);
  return touch ? page.tap(selector) : page.click(selector);
}

/** Fills the checkout page (already open and ready) and submits it. */
export async function submitPurchase(page, { amount, description }) {
  await page.fill("#amount", amount);
  await page.fill("#description", description);
  await press(page, "#submit");
}

/** From the wallet (the stand-in's page): confirm or decline, then the result page's final state. */
export async function walletThenResult(page, walletAction = "confirm") {
  await page.waitForURL(/\/wallet\//, { timeout: 20_000 });
  await press(page, `#${walletAction}`);
  await page.waitForURL(/\/result(\.html)?\?/);
  await page.waitForFunction(() => ["paid", "failed", "cancelled"].includes(document.body.dataset.state), null, { timeout: 20_000 });
}

/**
 * One checkout through the real page on a phone: amount and note, the wallet, the result page.
 * Returns the page (on the result), its context, the requests the page made and the problems it
 * reported (see newShopper).
 */
export async function shopperCheckout(browser, url, { amount, description, walletAction = "confirm", screenshot } = {}) {
  const shopper = await newShopper(browser);
  const { page } = shopper;
  await page.goto(url);
  await page.waitForSelector("#submit:not([disabled])");
  await submitPurchase(page, { amount, description });
  await walletThenResult(page, walletAction);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  return shopper;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

/**
 * Serves the built files in `dir` on 127.0.0.1, opens `page` in `browser` and answers what the
 * page reported as JSON in `document.body.dataset.result` (throws when it reports nothing).
 */
export async function servePage(browser, dir, page = "index.html") {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    await tab.waitForFunction(() => document.body?.dataset.result, null, { timeout: 20_000 }).catch(() => {});
    const result = await tab.evaluate(() => document.body?.dataset.result);
    if (!result) throw new Error(`the page reported nothing (${errors.join("; ") || "no page error"})`);
    return JSON.parse(result);
  } finally {
    await context.close();
    server.close();
  }
}
