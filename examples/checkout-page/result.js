// Shows the order's final state: the Worker answers from its Durable Object and asks Antom
// (inquiryPayment) while the payment is not final. A redirect back is never proof of payment.
import { initAntomCheckout, fromMinorUnits } from "antom-checkout";

await initAntomCheckout();
const $ = (id) => document.getElementById(id);
const order = new URLSearchParams(location.search).get("order");
const TEXT = {
  paid: ["Paid. Thank you!", "paid"],
  failed: ["Payment failed", "failed"],
  cancelled: ["Payment cancelled", "cancelled"],
  awaitingShopper: ["Waiting for your wallet…", ""],
  unknown: ["Checking with the payment provider…", ""],
  sending: ["Checking with the payment provider…", ""],
  none: ["No such payment", "failed"],
};

for (let i = 0; i < 120; i++) {
  let s;
  try {
    s = await (await fetch(`/payments/${encodeURIComponent(order)}`)).json();
  } catch {
    await new Promise((r) => setTimeout(r, 1000));
    continue;
  }
  const [text, cls] = TEXT[s.state] ?? [s.state, ""];
  $("status").textContent = text;
  $("status").className = cls;
  $("detail").textContent = `Order ${order}${s.resultCode && s.state !== "paid" ? ` · ${s.resultCode}` : ""}`;
  if (s.amount) $("amount").textContent = `${fromMinorUnits(s.amount, s.currency)} ${s.currency}`;
  document.body.dataset.state = s.state;
  if (["paid", "failed", "cancelled", "none"].includes(s.state)) break;
  await new Promise((r) => setTimeout(r, 1000));
}
