// Shows the order's state, from the Worker (GET /orders/:id with the order's secret kept in this
// browser); the Worker asks Antom while the payment is not final. A redirect back is never proof of
// payment. Polling stops on a final state, when this browser cannot show the order, and after a
// bounded time. A failed or cancelled payment can be tried again: a new attempt of the same order,
// for the same amount (POST /orders/:id/attempts { retryOf: the attempt shown }); an unconfirmed
// one too: the Worker then sends the same request again.
import { initAntomCheckout, fromMinorUnits } from "/vendor/antom-checkout/browser.js";
import { $, ORDER_ID, call, orderSecret, pruneOrders, showStartFailure, walletLink } from "./shared.js";

const POLL_FOR_MS = 3 * 60 * 1000;
const UNAVAILABLE = "We can't show this payment here. Open it on the device you paid with.";
const TEXT = {
  paid: ["Paid. Thank you!", "paid"],
  failed: ["Payment failed", "failed"],
  cancelled: ["Payment cancelled", "cancelled"],
  awaitingShopper: ["Waiting for your wallet…", ""],
  unknown: ["Checking with the payment provider…", ""],
  sending: ["Checking with the payment provider…", ""],
};
const FINAL = new Set(["paid", "failed", "cancelled"]);
const RETRYABLE = new Set(["failed", "cancelled", "unknown"]);

const order = new URLSearchParams(location.search).get("order") ?? "";
let secret = null;
let view = null;
let round = 0; // a new polling round (after a retry) ends the one before
let leaving = false;

function money(value, currency) {
  try {
    return `${fromMinorUnits(String(value), currency)} ${currency}`;
  } catch {
    return `${value} (minor units) ${currency}`;
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function setState(state) {
  document.body.dataset.state = state;
}

/** This browser cannot show the order: no secret here, or the Worker does not know it. */
function unavailable() {
  round++;
  $("status").textContent = "Payment not available";
  $("status").className = "";
  $("detail").textContent = UNAVAILABLE;
  $("amount").textContent = "";
  $("retry").hidden = true;
  setState("unavailable");
  document.body.dataset.polling = "stopped";
}

function render(v) {
  view = v;
  let [text, cls] = TEXT[v.state] ?? [v.state, ""];
  if (v.state === "paid" && v.refund === "full") [text, cls] = ["Refunded", "refunded"];
  else if (v.state === "paid" && v.refund === "partial") text = `Paid, partly refunded: ${money(v.refundedAmount ?? 0, v.currency)} refunded`;
  $("status").textContent = text;
  $("status").className = cls;
  $("detail").textContent = `Order ${v.orderId}${v.resultCode && v.state !== "paid" ? ` · ${v.resultCode}` : ""}`;
  $("amount").textContent = v.amount !== undefined && v.currency ? money(v.amount, v.currency) : "";
  $("retry").hidden = !RETRYABLE.has(v.state);
  $("retry").disabled = false;
  setState(v.state);
  document.body.dataset.refund = v.refund ?? "none";
}

async function poll() {
  const mine = ++round;
  document.body.dataset.polling = "on";
  const until = Date.now() + POLL_FOR_MS;
  for (let i = 0; Date.now() < until; i++) {
    let answer;
    try {
      answer = await call(`/orders/${order}`, { secret });
    } catch {
      answer = null; // a network problem: ask again
    }
    if (mine !== round) return;
    if (answer?.status === 404) return unavailable();
    if (answer?.status === 200) {
      render(answer.body);
      $("page-error").textContent = "";
      if (FINAL.has(answer.body.state)) {
        document.body.dataset.polling = "stopped";
        return;
      }
    }
    await sleep(i < 20 ? 1000 : 3000);
    if (mine !== round) return;
  }
  document.body.dataset.polling = "stopped";
  $("page-error").textContent = "We could not get a final answer yet. Reload this page in a minute to check again.";
}

async function retry() {
  if (!view || leaving) return;
  $("retry").disabled = true;
  $("page-error").textContent = "";
  round++; // no poll meanwhile
  let answer;
  try {
    answer = await call(`/orders/${order}/attempts`, { method: "POST", secret, body: { retryOf: view.attempt } });
  } catch {
    $("retry").disabled = false;
    $("page-error").textContent = "Network problem. Please try again: you will not be charged twice.";
    if (!FINAL.has(view.state)) poll();
    return;
  }
  const { status, body } = answer;
  if ((status === 200 || status === 201) && body.state) {
    const link = body.state === "awaitingShopper" && body.redirectUrl ? walletLink(body.redirectUrl) : null;
    if (link) {
      leaving = true;
      location.assign(link);
      return;
    }
    render(body);
    if (!FINAL.has(body.state)) poll();
    return;
  }
  if (status === 404) return unavailable();
  if (status === 409 && body.error === "TOO_MANY_ATTEMPTS") {
    $("retry").hidden = true;
    $("page-error").textContent = "This payment has been tried too many times. Start a new payment.";
    return;
  }
  $("retry").disabled = false;
  $("page-error").textContent = `The payment could not be tried again (${body.error ?? `HTTP ${status}`}). Please try again.`;
  if (!FINAL.has(view.state)) poll();
}

async function main() {
  pruneOrders();
  await initAntomCheckout();
  $("retry").addEventListener("click", retry);
  addEventListener("pageshow", (e) => {
    if (e.persisted && leaving) {
      leaving = false;
      if (view) render(view);
      poll();
    }
  });
  if (!ORDER_ID.test(order)) return unavailable();
  secret = orderSecret(order);
  if (!secret) return unavailable();
  await poll();
}

main().catch((e) => showStartFailure(e, $("status")));
