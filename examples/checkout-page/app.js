// The page a shopper reaches from the store's entry code: amount and note, validated in the
// browser with the same rules the Worker applies (errors next to the fields, before any
// request), then a new order (POST /orders) and a redirect to the wallet.
//
// A purchase is what the shopper is paying for: its amount and note. Its first submit creates the
// order with an Idempotency-Key made for that submit and kept until the submit is answered (a
// resend after a network error gets the same order). The order's secret, from the 201 answer, is
// kept in localStorage for the result page. Pay again with the same amount and note after a failed,
// cancelled or unconfirmed attempt retries that attempt of the same order; another amount or note
// is another purchase: a new order. Nothing is kept across a new visit of this page: "New payment"
// always starts a clean purchase.
import { initAntomCheckout, validatePayRequest, validateAmount, toMinorUnits } from "/vendor/antom-checkout/browser.js";
import { $, call, newIdempotencyKey, pruneOrders, saveOrder, showStartFailure, walletLink } from "./shared.js";

const FIELD = {
  "order.orderDescription": "description",
  "paymentAmount.value": "amount",
  "order.orderAmount.value": "amount",
  amount: "amount",
  description: "description",
};
// An id in the Worker's form for the page's own check (the Worker mints the real one).
const PLACEHOLDER_ID = "0".repeat(32);
const LABEL = "Pay with your wallet";

let store;
/** The purchase: { amount, description, key?, orderId?, secret?, attempt?, state? }. */
let purchase = null;
let busy = false;
let leaving = false;
let touched = false;

function show(errors) {
  for (const f of ["amount", "description", "form"]) {
    $(`${f}-error`).textContent = errors[f] ?? "";
    if (f !== "form") $(f).setAttribute("aria-invalid", errors[f] ? "true" : "false");
  }
}

/** Builds the request the Worker will send and checks it with the library's rules. */
function check() {
  const errors = {};
  const amount = $("amount").value.trim();
  // The amount's problems as issues at its field: nothing to catch.
  const [problem] = validateAmount(amount, store.currency, "amount");
  if (problem) {
    errors.amount = problem.code === "REQUIRED" ? "Enter the amount." : `Not a valid ${store.currency} amount: ${problem.message.split(": ").pop()}`;
  }
  const value = problem ? "1" : toMinorUnits(amount, store.currency);
  const request = JSON.parse(JSON.stringify(store.template).replaceAll("ORDERID", PLACEHOLDER_ID));
  request.order.orderDescription = $("description").value;
  request.order.orderAmount.value = value;
  request.paymentAmount.value = value;
  request.order.env.userAgent = navigator.userAgent;
  for (const issue of validatePayRequest(request)) {
    const field = FIELD[issue.path] ?? "form";
    const message = issue.code === "REQUIRED" && field === "description" ? "Say what the payment is for." : issue.message;
    errors[field] ??= field === "form" ? `${issue.path}: ${message}` : message;
  }
  return errors;
}

function setBusy(on) {
  busy = on;
  $("submit").disabled = on;
  $("submit").textContent = on ? "Opening your wallet…" : LABEL;
  $("pay").setAttribute("aria-busy", on ? "true" : "false");
}

function go(url) {
  leaving = true;
  location.assign(url);
}

/** Acts on the Worker's answer to POST /orders or POST /orders/:id/attempts. */
function answered({ status, body, headers }) {
  if ((status === 200 || status === 201) && typeof body.orderId === "string") {
    if (typeof body.secret === "string") {
      purchase.orderId = body.orderId;
      purchase.secret = body.secret;
      saveOrder(body.orderId, body.secret);
    }
    purchase.attempt = body.attempt;
    purchase.state = body.state;
    if (body.state === "awaitingShopper" && body.redirectUrl) {
      const link = walletLink(body.redirectUrl);
      return link ? go(link) : show({ form: "The wallet link could not be opened. Please try again later." });
    }
    if (body.state === "paid" || body.state === "awaitingShopper") return go(`/result.html?order=${encodeURIComponent(purchase.orderId)}`);
    if (body.state === "failed" || body.state === "cancelled") {
      return show({ form: `The payment did not go through${body.resultCode ? ` (${body.resultCode})` : ""}. Press Pay to try again, or change the amount or note for a new payment.` });
    }
    return show({ form: "We could not confirm the payment yet. Press Pay to try again: you will not be charged twice." });
  }
  const issues = Array.isArray(body.issues) ? body.issues : [];
  if (issues.length) {
    const errors = {};
    for (const i of issues) {
      const field = FIELD[i.path] ?? "form";
      errors[field] ??= field === "form" ? `${i.path}: ${i.message}` : i.message;
    }
    return show(errors);
  }
  if (status === 429) {
    const wait = Number(headers.get("retry-after"));
    return show({ form: `Too many payments were started from here. Please wait ${wait > 0 ? `${wait} seconds` : "a minute"} and try again.` });
  }
  if (status === 409 && body.error === "TOO_MANY_ATTEMPTS") {
    purchase = null;
    return show({ form: "This payment has been tried too many times. Press Pay to start a new payment." });
  }
  if (status === 404 && purchase.orderId) {
    purchase = null; // this browser no longer holds the order: a new purchase
    return show({ form: "We could not find this payment. Press Pay to start a new payment." });
  }
  if (status >= 500) return show({ form: "Something went wrong on our side. Please try again: you will not be charged twice." });
  return show({ form: `The payment could not be started (${body.error ?? `HTTP ${status}`}). Please try again.` });
}

async function submit(event) {
  event.preventDefault();
  if (busy || leaving) return;
  touched = true;
  const errors = check();
  show(errors);
  if (Object.keys(errors).length) return;
  const amount = $("amount").value.trim();
  const description = $("description").value;
  // Another amount or note, or a paid order: a new purchase (a new order).
  if (!purchase || purchase.amount !== amount || purchase.description !== description || purchase.state === "paid") {
    purchase = { amount, description };
  }
  setBusy(true);
  try {
    if (purchase.orderId) {
      // The same purchase after a failed, cancelled or unconfirmed attempt: retry that attempt.
      answered(await call(`/orders/${encodeURIComponent(purchase.orderId)}/attempts`, { method: "POST", secret: purchase.secret, body: { retryOf: purchase.attempt } }));
    } else {
      purchase.key ??= newIdempotencyKey();
      const answer = await call("/orders", { method: "POST", idempotencyKey: purchase.key, body: { amount, description } });
      // Answered: the key is spent. A fault of the Worker's may have made the order: keep it.
      if (answer.status < 500) delete purchase.key;
      if (answer.status === 409 && answer.body.error === "IDEMPOTENCY_KEY_REUSED") {
        show({ form: "Please press Pay again." });
      } else answered(answer);
    }
  } catch {
    show({ form: "Network problem. Please try again: you will not be charged twice." });
  } finally {
    if (!leaving) setBusy(false);
  }
}

async function main() {
  pruneOrders();
  await initAntomCheckout();
  const res = await fetch("/store", { cache: "no-store" });
  if (!res.ok) throw new Error(`the store's details could not be loaded (HTTP ${res.status})`);
  store = await res.json();
  $("merchant").textContent = store.merchantName;
  $("store").textContent = store.storeName;
  $("currency").textContent = `(${store.currency})`;
  for (const f of ["amount", "description"]) $(f).addEventListener("input", () => touched && show(check()));
  $("pay").addEventListener("submit", submit);
  // Back from the wallet (the page restored as it was left): the form works again.
  addEventListener("pageshow", (e) => {
    if (e.persisted && leaving) {
      leaving = false;
      setBusy(false);
    }
  });
  setBusy(false);
}

main().catch((e) => {
  showStartFailure(e, $("merchant"));
  $("pay").hidden = true;
});
