// Compiled by `tsc` in scripts/build with bundler resolution, as a browser project sees the
// package: "antom-checkout" is the lean module's API, "antom-checkout/full" everything.
import { initAntomCheckout, validatePayRequest, toMinorUnits, newPaymentRequestId, type Issue } from "antom-checkout";
// @ts-expect-error the client is not in the lean entry
import { AntomClient as NotHere } from "antom-checkout";
// @ts-expect-error nor a prepared request: the merchant's server prepares what it signs
import { preparePayRequest as NotHereEither } from "antom-checkout";
import { AntomClient, interpretPayResponse, preparePayRequest, type PayOutcome } from "antom-checkout/full";

await initAntomCheckout();
// @ts-expect-error the browser entry carries its module: no source to give
await initAntomCheckout("/antom_checkout_lean_bg.wasm");
const issues: Issue[] = validatePayRequest({});
const id: string = newPaymentRequestId();
const value: string = toMinorUnits("1.00", "USD");
const p = preparePayRequest({ paymentRequestId: id, order: {} as never, paymentAmount: { currency: "USD", value }, paymentNotifyUrl: "https://m.example/n", settlementStrategy: { settlementCurrency: "USD" } }, { clientId: "C", gateway: "sg" });
const body: string = p.body;
const outcome: PayOutcome = interpretPayResponse({ status: 200, body });
void [issues, outcome, AntomClient, NotHere, NotHereEither];
