// The shopper's checkout page in headless Chromium against the Worker in workerd and the stand-in.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStack } from "../../examples/stack.mjs";
import { launch, shopperCheckout } from "./browser.mjs";

let stack;
let browser;
before(async () => {
  [stack, browser] = await Promise.all([startStack(), launch()]);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("invalid entries are shown next to their fields, and nothing is sent", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const posts = [];
  page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
  await page.goto(stack.url);
  await page.waitForSelector("#submit:not([disabled])");
  assert.equal(await page.textContent("#merchant"), "Example Cafe KK");
  await page.fill("#amount", "12.5"); // JPY has no decimals
  await page.click("#submit");
  assert.match(await page.textContent("#amount-error"), /Not a valid JPY amount/);
  assert.match(await page.textContent("#description-error"), /Say what the payment is for/);
  assert.equal(await page.getAttribute("#amount", "aria-invalid"), "true");
  await page.fill("#amount", "1200");
  await page.fill("#description", "x".repeat(257));
  assert.equal(await page.textContent("#amount-error"), "");
  assert.match(await page.textContent("#description-error"), /at most 256 characters/);
  await page.fill("#amount", "abc");
  assert.match(await page.textContent("#amount-error"), /Not a valid JPY amount/);
  assert.deepEqual(posts, [], "no request while the form is invalid");
  await context.close();
});

test("a shopper pays: wallet, notification, result page shows Paid", async () => {
  const { page, context, requests } = await shopperCheckout(browser, stack.url, { amount: "1200", description: "2 coffees" });
  assert.equal(await page.textContent("#status"), "Paid. Thank you!");
  assert.equal(await page.textContent("#amount"), "1200 JPY");
  assert.ok(requests.includes("POST /checkout"));
  const state = await (await fetch(`${stack.standIn.url}/__control/state`)).json();
  assert.equal(Object.values(state.confirmations).reduce((a, b) => a + b, 0), 1);
  await context.close();
});

test("a declined payment shows as failed", async () => {
  const { page, context } = await shopperCheckout(browser, stack.url, { amount: "800", description: "cake", walletAction: "decline" });
  assert.equal(await page.textContent("#status"), "Payment failed");
  await context.close();
});

test("a redirect is judged the way Chromium's own URL parser reads it", async () => {
  const { readFileSync } = await import("node:fs");
  const list = JSON.parse(readFileSync(new URL("./redirects.json", import.meta.url), "utf8"));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(stack.url);
  await page.waitForSelector("#submit:not([disabled])");
  // In the page: Chromium's URL parser, and the package's full browser entry
  // ("antom-checkout/full": answers are read there, the lean entry only validates and prepares).
  const seen = await page.evaluate(async (list) => {
    const A = await import("/vendor/antom-checkout/browser-full.js");
    await A.initAntomCheckout();
    return list.map(({ url }) => {
      let protocol;
      try { protocol = new URL(url).protocol; } catch { protocol = "invalid"; }
      const body = JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, redirectActionForm: { redirectUrl: url } });
      return { url, protocol, kind: A.interpretPayResponse({ status: 200, body }).kind };
    });
  }, list);
  const scripts = new Set(["javascript:", "vbscript:", "data:"]);
  for (let i = 0; i < list.length; i++) {
    assert.equal(seen[i].protocol, list[i].protocol, `Chromium reads ${JSON.stringify(list[i].url)} as ${seen[i].protocol}`);
    assert.equal(seen[i].kind, list[i].safe ? "redirect" : "unknown", JSON.stringify(list[i].url));
    if (scripts.has(seen[i].protocol)) assert.equal(seen[i].kind, "unknown", JSON.stringify(list[i].url));
  }
  await context.close();
});
