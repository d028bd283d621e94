// Browsers and bundlers: the lean module (validation, preparation, amounts, ids; a checkout page
// never signs). The .wasm next to this file is fetched and compiled asynchronously: call
// `await initAntomCheckout()` once before using the other exports. The client, answers and
// notifications are in "antom-checkout/full".
import init, * as glue from "./antom_checkout_lean.js";
import { load } from "./load.js";

/**
 * Loads the WebAssembly module. Idempotent: every call returns the same promise; after a failure
 * the next call tries again.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [wasm]
 *   where to load the module from (default: `antom_checkout_lean_bg.wasm` next to this file).
 */
export function initAntomCheckout(wasm) {
  return load(init, glue, wasm, 1);
}

export * from "./api.js";
