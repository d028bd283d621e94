// The page a shopper reaches from the store's entry code: amount and note, validated in the
// browser with the same rules the Worker applies (errors next to the fields, before any
// request), then a redirect to the wallet.
import { initAntomCheckout, validatePayRequest, toMinorUnits } from "antom-checkout";

const $ = (id) => document.getElementById(id);
await initAntomCheckout();
const store = await (await fetch("/store")).json();
$("merchant").textContent = store.merchantName;
$("store").textContent = store.storeName;
$("currency").textContent = `(${store.currency})`;

const orderId = sessionStorage.getItem("orderId") ?? [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, "0")).join("");
sessionStorage.setItem("orderId", orderId);

const FIELD = { "order.orderDescription": "description", "paymentAmount.value": "amount", "order.orderAmount.value": "amount" };

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
  let value = "1";
  if (amount === "") errors.amount = "Enter the amount.";
  else {
    try {
      value = toMinorUnits(amount, store.currency);
    } catch (e) {
      errors.amount = e.code === "INVALID_AMOUNT" ? `Not a valid ${store.currency} amount: ${e.message.split(": ").pop()}` : e.message;
    }
  }
  const request = JSON.parse(JSON.stringify(store.template).replaceAll("ORDERID", orderId));
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

let touched = false;
for (const f of ["amount", "description"]) $(f).addEventListener("input", () => touched && show(check()));
$("submit").disabled = false;

$("pay").addEventListener("submit", async (event) => {
  event.preventDefault();
  touched = true;
  const errors = check();
  show(errors);
  if (Object.keys(errors).length) return;
  $("submit").disabled = true;
  $("submit").textContent = "Opening your wallet…";
  try {
    const res = await fetch("/checkout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId, amount: $("amount").value.trim(), description: $("description").value }),
    });
    const answer = await res.json();
    if (answer.redirectUrl) {
      location.assign(answer.redirectUrl);
      return;
    }
    if (answer.state === "paid") {
      location.assign(`/result.html?order=${orderId}`);
      return;
    }
    const issues = answer.issues ?? [];
    show(Object.fromEntries(issues.map((i) => [FIELD[i.path] ?? (i.path === "amount" ? "amount" : "form"), i.message])));
    if (!issues.length) show({ form: answer.state === "unknown" ? "We could not confirm the payment yet. Please wait a moment and try again: you will not be charged twice." : `The payment did not go through (${answer.resultCode ?? answer.error ?? answer.state}).` });
  } catch {
    show({ form: "Network problem. Please try again: you will not be charged twice." });
  }
  $("submit").disabled = false;
  $("submit").textContent = "Pay with your wallet";
});
