// Asynchronous loading for the browser entries (not part of the public API). A page may import
// both entries; the full module, a superset of the lean one, then serves both.
import { state, AntomCheckoutError } from "./internal.js";

const loading = new Map();

/** `rank`: 1 for the lean module, 2 for the full one. */
export function load(init, glue, wasm, rank) {
  let p = loading.get(rank);
  if (p === undefined) {
    p = init(wasm === undefined ? undefined : { module_or_path: wasm }).then(
      (exports) => {
        if (rank >= (state.rank ?? 0)) {
          state.core = glue;
          state.memory = exports.memory;
          state.rank = rank;
        }
        state.ready = true;
      },
      (e) => {
        loading.delete(rank);
        throw new AntomCheckoutError("INIT_FAILED", "the WebAssembly module could not be loaded", { cause: e });
      },
    );
    loading.set(rank, p);
  }
  return p;
}
