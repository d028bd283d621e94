// The types of "antom-checkout" in browsers and bundlers: the lean module validates and prepares
// (a checkout page never signs). Everything else is in "antom-checkout/full" (index.d.ts).
export type * from "./pay-request.js";
export type * from "./codes.js";
export type {
  Issue, Gateway, GatewayOptions, PrepareConfig, PreparedRequest, PaymentReference, WasmModuleLike,
} from "./index.js";
export {
  AntomCheckoutError, isAntomCheckoutError, validatePayRequest, preparePayRequest, prepareInquiry,
  prepareCancel, validateAmount, toMinorUnits, fromMinorUnits, newPaymentRequestId,
} from "./index.js";

/**
 * Starts the WebAssembly module, which this entry carries (no .wasm to serve or preload). Needed
 * once, before any other call. Idempotent.
 * @throws {AntomCheckoutError} INIT_FAILED (the rejection; e.g. a Content-Security-Policy without 'wasm-unsafe-eval')
 */
export declare function initAntomCheckout(): Promise<void>;
