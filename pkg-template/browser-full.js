// Browsers and bundlers, everything ("antom-checkout/full"): the client, answers and notifications
// besides what the lean entry has. Call `await initAntomCheckout()` once before the other exports.
import init, * as glue from "./antom_checkout.js";
import { load } from "./load.js";

/**
 * Loads the WebAssembly module. Idempotent: every call returns the same promise; after a failure
 * the next call tries again.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [wasm]
 *   where to load the module from (default: `antom_checkout_bg.wasm` next to this file).
 */
export function initAntomCheckout(wasm) {
  return load(init, glue, wasm, 2);
}

export * from "./core.js";
