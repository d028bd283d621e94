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

/**
 * One checkout through the real page: amount and note, the wallet, the result page.
 * Returns the page (on the result) and the requests the page made.
 */
export async function shopperCheckout(browser, url, { amount, description, walletAction = "confirm", screenshot } = {}) {
  const context = await browser.newContext({ userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AlipayClient/10.5.30.6000" });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.goto(url);
  await page.waitForSelector("#submit:not([disabled])");
  await page.fill("#amount", amount);
  await page.fill("#description", description);
  await page.click("#submit");
  await page.waitForURL(/\/wallet\//, { timeout: 20_000 });
  await page.click(`#${walletAction}`);
  await page.waitForURL(/\/result(\.html)?\?/);
  await page.waitForFunction(() => ["paid", "failed", "cancelled"].includes(document.body.dataset.state), null, { timeout: 20_000 });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  return { page, context, requests };
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
