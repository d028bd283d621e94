// The types of "antom-checkout" in browsers and bundlers: the lean module validates, converts
// amounts and makes ids (a checkout page never signs, nor prepares what the merchant's server
// signs). Everything else is in "antom-checkout/full" (index.d.ts).
export type * from "./pay-request.js";
export type * from "./codes.js";
export type { Issue } from "./index.js";
export {
  AntomCheckoutError, isAntomCheckoutError, validatePayRequest, validateAmount, toMinorUnits,
  fromMinorUnits, newPaymentRequestId,
} from "./index.js";

/**
 * Starts the WebAssembly module, which this entry carries (no .wasm to serve or preload). Needed
 * once, before any other call. Idempotent.
 * @throws {AntomCheckoutError} INIT_FAILED (the rejection; e.g. a Content-Security-Policy without 'wasm-unsafe-eval')
 */
export declare function initAntomCheckout(): Promise<void>;
