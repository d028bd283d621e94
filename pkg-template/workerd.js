// Cloudflare Workers (workerd): the bundler hands over the compiled WebAssembly.Module, which is
// instantiated synchronously at import (no fetch, no eval).
import module from "./antom_checkout_bg.wasm";
import { initSync, exports as glue } from "./full-sync.js";
import { started } from "./internal.js";

started(glue, initSync({ module }).memory);

export * from "./core.js";

/** Resolves at once: this entry loads the module synchronously. */
export function initAntomCheckout() {
  return Promise.resolve();
}
