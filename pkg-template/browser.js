// Browsers and bundlers: the lean module (validation, amounts, ids; a checkout page never signs,
// nor prepares what the merchant's server signs). The module is in this entry
// (antom_checkout_lean_module.js): no .wasm to serve, preload or configure a bundler for. Call
// `await initAntomCheckout()` once before using the other exports. Prepared requests, the client,
// answers and notifications are in "antom-checkout/full".
import init, { initSync, op, inputBuffer } from "./antom_checkout_lean.js";
import embedded from "./antom_checkout_lean_module.js";
import { AntomCheckoutError } from "./internal.js";
import { loadEmbedded } from "./load.js";

/**
 * Starts the WebAssembly module carried by this entry. Idempotent: every call returns the same
 * promise; after a failure the next call tries again.
 */
export function initAntomCheckout(wasm) {
  if (wasm !== undefined) {
    return Promise.reject(new AntomCheckoutError("INVALID_ARGUMENT", "initAntomCheckout() takes no argument in the browser entry: its module is in the entry itself"));
  }
  return loadEmbedded(init, initSync, { op, inputBuffer }, embedded, 1);
}

export * from "./api.js";
