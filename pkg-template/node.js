// Node (and Deno/Bun through the "node" condition): the module is read from disk and
// instantiated synchronously at import, from beside this file. When it is not there (a server
// bundled into one file, for Lambda or a container), importing still succeeds and
// `initAntomCheckout(source)` loads it: a path, a file: URL, bytes or a compiled module.
import { readFileSync } from "node:fs";
import { initSync, exports as glue } from "./full-sync.js";
import { state, AntomCheckoutError, started } from "./internal.js";

function start(bytesOrModule) {
  const module = bytesOrModule instanceof WebAssembly.Module ? bytesOrModule : new WebAssembly.Module(bytesOrModule);
  started(glue, initSync({ module }).memory);
}

let missing;
try {
  start(readFileSync(new URL("./antom_checkout_bg.wasm", import.meta.url)));
} catch (e) {
  if (e?.code !== "ENOENT" && e?.code !== "ERR_INVALID_URL" && e?.code !== "ERR_INVALID_URL_SCHEME") throw e;
  missing = e;
}

export * from "./core.js";

/**
 * Resolves at once when the module was beside this file. Otherwise loads it from `source`: a
 * file path or file: URL of `antom_checkout_bg.wasm`, its bytes, or a `WebAssembly.Module`.
 */
export async function initAntomCheckout(source) {
  if (state.ready) return;
  try {
    if (source instanceof WebAssembly.Module || source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      start(source);
    } else if (typeof source === "string" || source instanceof URL) {
      start(readFileSync(source));
    } else {
      throw new TypeError(
        `antom_checkout_bg.wasm is not beside the package's node.js (${missing?.message ?? "not found"}): pass its path, bytes or module to initAntomCheckout, or copy it beside your bundle`,
      );
    }
  } catch (e) {
    throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module could not be loaded: ${e.message}`, { cause: e });
  }
}
