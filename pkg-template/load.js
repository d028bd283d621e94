// Asynchronous loading for the browser entries (not part of the public API). A page may import
// both entries; the full module, a superset of the lean one, then serves both.
import { AntomCheckoutError, started } from "./internal.js";

const loading = new Map();

/**
 * What a page's Content-Security-Policy must allow when it refused to compile the module (the
 * browsers' messages name the policy, or WebAssembly code generation being disallowed).
 */
function policyHint(e) {
  const text = String(e?.message ?? e);
  return /content.security.policy|wasm-unsafe-eval|unsafe-eval|code generation|disallowed/i.test(text)
    ? `: the page's Content-Security-Policy refused to compile WebAssembly; add 'wasm-unsafe-eval' to its script-src (${text})`
    : `: ${text}`;
}

/** `rank`: 1 for the lean module, 2 for the full one. */
export function load(init, glue, wasm, rank) {
  let p = loading.get(rank);
  if (p === undefined) {
    p = init(wasm === undefined ? undefined : { module_or_path: wasm }).then(
      (exports) => started(glue, exports.memory, rank),
      (e) => {
        loading.delete(rank);
        throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module could not be loaded${policyHint(e)}`, { cause: e });
      },
    );
    loading.set(rank, p);
  }
  return p;
}
