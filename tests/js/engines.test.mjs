// The shopper's checkout page in the engines a phone has besides Chromium: Gecko (headless Firefox
// ESR through geckodriver) and WebKit (WebKitGTK's MiniBrowser through WebKitWebDriver, on a
// private Xvfb display), driven over W3C WebDriver (webdriver.mjs) against the Worker in workerd and the
// Antom stand-in. The page is a black box seen through its element ids. Per engine: invalid entries
// shown at their fields and nothing sent; a payment confirmed in the wallet ("Paid. Thank you!");
// one declined ("Payment failed"); and the redirect spellings of redirects.json read by the
// engine's own URL parser, each judged by the package's full browser entry in that engine.
//
// ENGINES=firefox or ENGINES=webkit runs one (default: both). An engine that is not installed
// fails the run (scripts/setup installs both).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startStack } from "../../examples/stack.mjs";
import { ENGINES, startDriver } from "./webdriver.mjs";

const PHONE = { width: 390, height: 844 };
const WANTED = (process.env.ENGINES ?? "firefox,webkit").split(",").map((s) => s.trim()).filter(Boolean);
const REDIRECTS = JSON.parse(readFileSync(new URL("./redirects.json", import.meta.url), "utf8"));

let stack;
before(async () => {
  // Every test here creates orders from the same client: the per-client limit is not under test.
  stack = await startStack({ vars: { ORDERS_PER_MINUTE: "1000" } });
});
after(async () => {
  await stack?.stop();
});

async function standInState() {
  return (await fetch(`${stack.standIn.url}/__control/state`)).json();
}
const confirmed = async () => Object.values((await standInState()).confirmations).reduce((a, b) => a + b, 0);
const payments = async () => (await standInState()).payments.length;

/**
 * A phone-sized window: 390x844 CSS pixels where the driver allows it. The window's height is
 * raised until the viewport is 844 pixels high. Neither window goes as narrow as 390: Firefox's
 * stops at 500 CSS pixels, MiniBrowser's at its toolbar's 447 (WebKitGTK 2.50); each test prints
 * the viewport it got.
 */
async function phone(s) {
  await s.setWindowRect(PHONE);
  let [w, h] = await s.execute("return [innerWidth, innerHeight]");
  if (h < PHONE.height) {
    const rect = await s.cmd("GET", "/window/rect");
    await s.setWindowRect({ width: PHONE.width, height: rect.height + PHONE.height - h });
    [w, h] = await s.execute("return [innerWidth, innerHeight]");
  }
  return { width: w, height: h };
}

/** Opens the checkout page and waits until it is ready for input (the button is enabled). */
async function openCheckout(s) {
  await s.navigate(stack.url);
  await s.waitFor(`const b = document.getElementById("submit"); return !!b && !b.disabled;`, { what: "#submit enabled", timeoutMs: 30_000 });
}

/**
 * What the engine itself saw the page request (Resource Timing): paths and initiator types. The
 * page's fetch() is not wrapped: a function put in the page by a WebDriver script runs outside the
 * page's own compartment in Firefox, and the page's requests through it fail there.
 */
const TIMED = `return performance.getEntriesByType("resource").map((e) => ({ path: new URL(e.name).pathname, by: e.initiatorType }));`;

/** Fills the form, submits it, answers in the wallet, and waits for the result page's final state. */
async function checkout(s, { amount, description, walletAction }) {
  await openCheckout(s);
  await s.fill("#amount", amount);
  await s.fill("#description", description);
  await s.click("#submit");
  await s.waitForUrl(/\/wallet\//, 30_000);
  await s.find(`#${walletAction}`);
  await s.click(`#${walletAction}`);
  await s.waitForUrl(/\/result(\.html)?\?/, 30_000);
  const state = await s.waitFor(`const st = document.body && document.body.dataset.state; return ["paid", "failed", "cancelled", "broken"].includes(st) && st;`, {
    what: "the result page's final state",
    timeoutMs: 30_000,
  });
  return { state, status: await s.text("#status") };
}

for (const key of WANTED) {
  const engine = ENGINES[key];
  if (!engine) throw new Error(`unknown engine ${key}: ENGINES takes ${Object.keys(ENGINES).join(", ")}`);

  describe(`${engine.name} (${key})`, () => {
    let driver;
    before(async () => {
      driver = await startDriver(engine);
    });
    after(async () => {
      await driver?.stop();
    });

    /** A fresh session (empty storage) in a phone-sized window, deleted after `fn`. */
    async function withSession(t, fn) {
      const s = await driver.newSession();
      try {
        const size = await phone(s);
        t.diagnostic(`${s.capabilities.browserName} ${s.capabilities.browserVersion}, viewport ${size.width}x${size.height}`);
        return await fn(s);
      } finally {
        await s.delete();
      }
    }

    test("invalid entries are shown at their fields, and nothing is sent", async (t) => {
      await withSession(t, async (s) => {
        const before = await payments();
        await openCheckout(s);
        assert.equal(await s.text("#merchant"), "Example Cafe KK");
        await s.fill("#amount", "12.5"); // JPY has no decimals
        await s.fill("#description", "");
        await s.click("#submit");
        await s.waitFor(`return document.getElementById("amount-error").textContent !== "";`, { what: "#amount-error shown" });
        assert.match(await s.text("#amount-error"), /Not a valid JPY amount/);
        assert.match(await s.text("#description-error"), /Say what the payment is for/);
        assert.equal(await s.attribute("#amount", "aria-invalid"), "true");
        assert.equal(await s.attribute("#description", "aria-invalid"), "true");
        await s.fill("#amount", "1200");
        await s.fill("#description", "x".repeat(257));
        await s.click("#submit");
        await s.waitFor(`return /at most 256 characters/.test(document.getElementById("description-error").textContent);`, { what: "#description-error: at most 256" });
        assert.equal(await s.text("#amount-error"), "");
        assert.equal(await s.attribute("#amount", "aria-invalid"), "false");
        await s.fill("#amount", "abc");
        await s.click("#submit");
        await s.waitFor(`return /Not a valid JPY amount/.test(document.getElementById("amount-error").textContent);`, { what: "#amount-error for abc" });
        const timed = await s.execute(TIMED);
        // The engine's record holds the page's own requests (the store's details, read at start)...
        assert.ok(timed.some((e) => e.by === "fetch"), `the page's fetches are in the engine's record: ${JSON.stringify(timed)}`);
        // ...and none to /orders.
        assert.deepEqual(timed.filter((e) => e.path.startsWith("/orders")), [], "the engine sent nothing to /orders");
        assert.equal(await payments(), before, "no payment reached the stand-in");
        assert.equal(await s.text("#form-error"), "");
      });
    });

    test("a shopper pays: the form, the wallet, Paid. Thank you!", async (t) => {
      await withSession(t, async (s) => {
        const before = await confirmed();
        const made = await payments();
        const { state, status } = await checkout(s, { amount: "1200", description: "2 coffees", walletAction: "confirm" });
        assert.equal(state, "paid", `the result page: ${status}`);
        assert.equal(status, "Paid. Thank you!");
        assert.equal(await s.text("#amount"), "1200 JPY");
        const order = new URL(await s.url()).searchParams.get("order");
        assert.match(order, /^[0-9a-f]{32}$/, "the Worker's order id");
        const kept = JSON.parse(await s.execute("return localStorage.getItem(arguments[0])", [`antom-order:${order}`]));
        assert.match(kept.secret, /^[A-Za-z0-9_-]{43}$/, "the order's secret, kept for its result page");
        assert.equal((await confirmed()) - before, 1, "one payment confirmed");
        assert.equal((await payments()) - made, 1, "one payment made at the stand-in");
      });
    });

    test("a declined payment shows Payment failed", async (t) => {
      await withSession(t, async (s) => {
        const before = await confirmed();
        const { state, status } = await checkout(s, { amount: "450", description: "juice", walletAction: "decline" });
        assert.equal(state, "failed", `the result page: ${status}`);
        assert.match(status, /Payment failed/);
        assert.equal(await confirmed(), before, "nothing confirmed");
      });
    });

    test("redirect spellings: the engine's own URL parser, judged by the full browser entry", async (t) => {
      await withSession(t, async (s) => {
        await openCheckout(s);
        await s.setTimeouts({ script: 30_000 });
        const seen = await s.executeAsync(
          `const [list, done] = arguments;
          import("/vendor/antom-checkout/browser-full.js")
            .then(async (A) => {
              await A.initAntomCheckout();
              done({ ok: list.map((url) => {
                let protocol;
                try { protocol = new URL(url).protocol; } catch { protocol = "invalid"; }
                const body = JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, redirectActionForm: { redirectUrl: url } });
                return { url, protocol, kind: A.interpretPayResponse({ status: 200, body }).kind };
              }) });
            })
            .catch((e) => done({ error: String(e && (e.stack || e.message) || e) }));`,
          [REDIRECTS.map((r) => r.url)],
          60_000,
        );
        assert.ok(seen.ok, `the full browser entry in ${engine.name}: ${seen.error}`);
        const scripts = new Set(["javascript:", "vbscript:", "data:"]);
        const differ = [];
        for (let i = 0; i < REDIRECTS.length; i++) {
          const what = JSON.stringify(REDIRECTS[i].url);
          // Never a redirect that this engine would run as script.
          if (scripts.has(seen.ok[i].protocol)) assert.equal(seen.ok[i].kind, "unknown", `${engine.name} reads ${what} as ${seen.ok[i].protocol}`);
          assert.equal(seen.ok[i].kind, REDIRECTS[i].safe ? "redirect" : "unknown", what);
          if (seen.ok[i].protocol !== REDIRECTS[i].protocol) differ.push(`${what}: ${engine.name} ${seen.ok[i].protocol}, Chromium ${REDIRECTS[i].protocol}`);
        }
        assert.deepEqual(differ, [], `${engine.name} reads these spellings unlike Chromium`);
      });
    });
  });
}
