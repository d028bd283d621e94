// The types of "antom-checkout" in browsers and bundlers: the lean module validates and prepares
// (a checkout page never signs). Everything else is in "antom-checkout/full" (index.d.ts).
export type * from "./pay-request.js";
export type * from "./codes.js";
export type {
  Issue, Gateway, GatewayOptions, PrepareConfig, PreparedRequest, PaymentReference, WasmModuleLike,
} from "./index.js";
export {
  AntomCheckoutError, isAntomCheckoutError, validatePayRequest, preparePayRequest, prepareInquiry,
  prepareCancel, validateAmount, toMinorUnits, fromMinorUnits, newPaymentRequestId, initAntomCheckout,
} from "./index.js";
