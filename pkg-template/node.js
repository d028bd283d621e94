// Node (and Deno/Bun through the "node" condition): the module is read from disk and
// instantiated synchronously at import.
import { readFileSync } from "node:fs";
import { initSync, exports as glue } from "./full-sync.js";
import { state } from "./internal.js";

state.memory = initSync({ module: readFileSync(new URL("./antom_checkout_bg.wasm", import.meta.url)) }).memory;
state.core = glue;
state.ready = true;

export * from "./core.js";

/** Resolves at once: this entry loads the module synchronously. */
export function initAntomCheckout() {
  return Promise.resolve();
}
