// The main job, end to end on this machine: the local Antom stand-in and the Worker (workerd) on
// 127.0.0.1, one checkout through the real page in headless Chromium (wallet confirmation,
// signed notification, inquiry), a partial refund by the operator, the timeline, a screenshot of
// the result page.
//
//   scripts/demo            run once and stop everything
//   scripts/demo --serve    keep it running to try by hand (Ctrl-C stops it)
//
// With ANTOM_CLIENT_ID, MERCHANT_PRIVATE_KEY, ANTOM_PUBLIC_KEY and ANTOM_GATEWAY (and optionally
// ANTOM_SANDBOX=true) in the environment, the Worker talks to Antom instead of the stand-in; the
// wallet step is then yours: open the printed URL in a wallet app.
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { startStack } from "./stack.mjs";
import { readFileSync } from "node:fs";
import { launch, shopperCheckout } from "../tests/js/browser.mjs";
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "../pkg/node.js";

const serve = process.argv.includes("--serve");
const real = ["ANTOM_CLIENT_ID", "MERCHANT_PRIVATE_KEY", "ANTOM_PUBLIC_KEY", "ANTOM_GATEWAY"].every((k) => process.env[k]);
const shot = new URL("../.tmp/demo-result.png", import.meta.url).pathname;
mkdirSync(new URL("../.tmp/", import.meta.url), { recursive: true });
const t0 = Date.now();
const events = [];
const note = (who, what) => events.push({ at: Date.now(), who, what });

const stack = await startStack({
  port: serve ? 8787 : undefined,
  log: (m) => m.startsWith("[stand-in]") && note("antom", m.slice(11)),
  ...(real && {
    secrets: { ANTOM_CLIENT_ID: process.env.ANTOM_CLIENT_ID, MERCHANT_PRIVATE_KEY: process.env.MERCHANT_PRIVATE_KEY, ANTOM_PUBLIC_KEY: process.env.ANTOM_PUBLIC_KEY, OPERATOR_TOKENS: process.env.OPERATOR_TOKENS ?? "{}" },
    vars: { ANTOM_GATEWAY: process.env.ANTOM_GATEWAY, ANTOM_SANDBOX: process.env.ANTOM_SANDBOX ?? "false" },
  }),
});
let stopped = false;
const stop = async () => {
  if (!stopped) {
    stopped = true;
    await stack.stop();
  }
};
process.on("SIGINT", () => stop().then(() => process.exit(130)));

try {
  console.log(`Worker (workerd):  ${stack.url}`);
  console.log(real ? `Antom gateway:     ${process.env.ANTOM_GATEWAY}` : `Antom stand-in:    ${stack.standIn.url}`);
  if (real) {
    const r = await fetch(`${stack.url}/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomBytes(18).toString("base64url") },
      body: JSON.stringify({ amount: process.env.DEMO_AMOUNT ?? "100", description: "antom-checkout demo" }),
    });
    const answer = await r.json();
    console.log(JSON.stringify({ ...answer, secret: answer.secret && "(the order's secret)" }, null, 2));
    if (answer.redirectUrl) console.log(`\nOpen in the wallet app: ${answer.redirectUrl}\nStatus: curl -H "Authorization: Bearer <the order's secret>" ${stack.url}/orders/${answer.orderId}`);
  } else {
    const browser = await launch();
    note("shopper", "opens the checkout page from the entry code");
    const { page } = await shopperCheckout(browser, stack.url, { amount: "1200", description: "2 coffees", screenshot: shot });
    note("shopper", `result page: "${await page.textContent("#status")}"`);
    const orderId = new URL(page.url()).searchParams.get("order");
    await browser.close();
    // The shopper returns one coffee: the operator refunds part of the order.
    note("operator", "refunds 600 JPY of the order (one coffee returned)");
    const operator = { authorization: "Bearer local-operator-token-0123456789" };
    const refund = await (await fetch(`${stack.url}/operator/orders/${orderId}/refunds`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomBytes(18).toString("base64url"), ...operator },
      body: JSON.stringify({ amount: "600", reason: "one coffee returned" }),
    })).json();
    note("operator", `refund ${refund.refund?.refundRequestId}: ${refund.refund?.state}; refunded in total ${refund.refundedAmount} ${refund.currency}`);
    const order = await (await fetch(`${stack.url}/operator/orders/${orderId}`, { headers: operator })).json();
    for (const e of order.timeline) events.push({ at: Date.parse(e.at), who: "worker", what: `${e.event}${e.paymentRequestId ? ` (${e.paymentRequestId})` : ""}${e.refundRequestId ? ` (${e.refundRequestId})` : ""}${e.paymentStatus ? ` paymentStatus=${e.paymentStatus}` : ""}` });
    events.sort((a, b) => a.at - b.at);
    console.log("\nTimeline (ms since start)");
    for (const e of events) console.log(`  ${String(e.at - t0).padStart(6)}  ${e.who.padEnd(8)} ${e.what}`);
    // Reconcile from the merchant's back office (Node): inquiryPayment through the package.
    const keys = new URL("../tests/vectors/keys/", import.meta.url);
    const backOffice = new AntomClient({
      clientId: "TEST_5X00000000000000",
      gateway: stack.standIn.url,
      sign: webCryptoSigner(readFileSync(new URL("merchant_private_pkcs8.pem", keys), "utf8")),
      verify: webCryptoVerifier(readFileSync(new URL("antom_sim_public.pem", keys), "utf8")),
    });
    const paid = order.attempts.find((a) => a.state === "paid");
    const inquiry = await backOffice.inquirePayment({ paymentRequestId: paid.paymentRequestId });
    console.log(`  ${String(Date.now() - t0).padStart(6)}  ${"node".padEnd(8)} inquiryPayment: ${inquiry.kind} (paymentStatus ${inquiry.paymentStatus}, signature verified)`);
    const st = await (await fetch(`${stack.standIn.url}/__control/state`)).json();
    console.log(`\nOrder ${orderId}: ${order.state}; confirmations at Antom: ${st.confirmations[orderId]}; notifications applied: ${order.notifications.filter((n) => n.applied).length}`);
    console.log(`Screenshot of the result page: ${shot}`);
    console.log(`Refunded: ${order.refundedAmount} of ${order.amount} ${order.currency} (${order.refunds.map((r) => `${r.refundRequestId} ${r.state}`).join(", ")}); refunds at Antom: ${st.refunds.length}`);
    if (order.state !== "paid" || inquiry.kind !== "paid") throw new Error(`the demo checkout ended ${order.state} / ${inquiry.kind}`);
    if (order.refundedAmount !== "600" || st.refunds.length !== 1) throw new Error(`the demo refund ended ${JSON.stringify(order.refunds)}`);
  }
  if (serve) {
    console.log(`\nTry it by hand: ${stack.url}  (Ctrl-C stops the Worker and the stand-in)`);
    await new Promise(() => {});
  } else {
    console.log(`\nTo try it by hand: scripts/demo --serve, then open http://127.0.0.1:8787`);
  }
} finally {
  if (!serve) await stop();
}
