// Browsers and bundlers: the .wasm next to this file is fetched and compiled asynchronously.
// Call `await initAntomCheckout()` once before using the other exports.
import init from "./antom_checkout.js";
import { state } from "./ready.js";
import { AntomCheckoutError } from "./core.js";

let loading;

/**
 * Loads the WebAssembly module. Idempotent: every call returns the same promise; after a failure
 * the next call tries again.
 * @param {string | URL | Request | Response | BufferSource | WebAssembly.Module} [wasm]
 *   where to load the module from (default: `antom_checkout_bg.wasm` next to this file).
 */
export function initAntomCheckout(wasm) {
  loading ??= init(wasm === undefined ? undefined : { module_or_path: wasm }).then(
    () => {
      state.ready = true;
    },
    (e) => {
      loading = undefined;
      throw new AntomCheckoutError("INIT_FAILED", "the WebAssembly module could not be loaded", { cause: e });
    },
  );
  return loading;
}

export * from "./core.js";
