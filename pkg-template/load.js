// Asynchronous loading for the browser entries (not part of the public API). A page may import
// both entries; the full module, a superset of the lean one, then serves both.
import { AntomCheckoutError, started } from "./internal.js";
import { validatePayRequest } from "./api.js";

const loading = new Map();

/**
 * What a page's Content-Security-Policy must allow when it refused to compile the module (the
 * browsers' messages name the policy, or WebAssembly code generation being disallowed).
 */
function policyHint(e) {
  const text = String(e?.message ?? e);
  return /content.security.policy|\bCSP\b|wasm-unsafe-eval|unsafe-eval|code generation/i.test(text)
    ? `: the page's Content-Security-Policy refused to compile WebAssembly; add 'wasm-unsafe-eval' to its script-src (${text})`
    : `: ${text}`;
}

/**
 * Browsers compile a WebAssembly function on its first call, on the page's main thread. One
 * validation of a small valid request here compiles what a page's first validation runs, so that
 * the first check of the shopper's input does not pay for it. (Measured in docs/benchmarks.md.)
 */
export function warmUp() {
  const amount = { currency: "JPY", value: "1" };
  const url = "https://a.example/";
  return validatePayRequest({
    productCode: "IN_STORE_PAYMENT", paymentRequestId: "w",
    order: {
      orderDescription: "w", orderAmount: amount,
      merchant: { referenceMerchantId: "w", merchantMCC: "1234", merchantName: "w", merchantAddress: { region: "JP" }, store: { referenceStoreId: "w", storeName: "w", storeMCC: "1234" } },
      goods: [{ referenceGoodsId: "w", goodsName: "w", goodsUnitAmount: amount, goodsQuantity: "1", deliveryMethodType: "PHYSICAL" }],
      env: { userAgent: "w", terminalType: "WAP", timeZoneOffset: "0" },
    },
    paymentAmount: amount, paymentMethod: { paymentMethodType: "CONNECT_WALLET" }, paymentFactor: { inStorePaymentScenario: "EntryCode" },
    paymentExpiryTime: "2999-01-01T00:00:00+00:00", paymentRedirectUrl: url, paymentNotifyUrl: url,
    settlementStrategy: { settlementCurrency: "JPY" },
  });
}

/**
 * The bytes of a module embedded as one character per byte (scripts/embed-wasm.mjs). A script read
 * in another encoding than UTF-8 (a classic script on a page in another charset) changes the
 * characters: refused with what to do, never compiled.
 */
export function bytesOf({ text, size }) {
  if (text.length !== size) {
    throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module could not be loaded: the script carrying it was not read as UTF-8 (${text.length} characters, not ${size}); serve it with charset=utf-8 or as a module script`);
  }
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Starts a module once per \`rank\` (1 the lean module, 2 the full one): \`instantiate\` gives its
 * exports, then the version check and the warm-up. A failure to instantiate is INIT_FAILED, naming
 * the policy when one refused; after any failure the next call tries again.
 */
function startOnce(rank, glue, instantiate) {
  let p = loading.get(rank);
  if (p === undefined) {
    p = (async () => {
      let exports;
      try {
        exports = await instantiate();
      } catch (e) {
        if (e instanceof AntomCheckoutError) throw e;
        throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module could not be loaded${policyHint(e)}`, { cause: e });
      }
      started(glue, exports.memory, rank);
      warmUp();
    })();
    loading.set(rank, p);
    // The failure may come before this line (a synchronous one).
    p.catch(() => loading.get(rank) === p && loading.delete(rank));
  }
  return p;
}

/**
 * A module embedded in its entry (\`embedded\`: its text and size): no request of its own, and
 * compiled, instantiated and warmed up within the call where the engine does that synchronously,
 * as every current one does; a page is then ready within one task, not after a fetch, a compile
 * and the frames between them (docs/benchmarks.md, the time to ready). Older Chromium compiles
 * and instantiates at most 4 KB so on a page's main thread and says so with a RangeError: then the
 * glue's asynchronous \`init\` does both.
 */
export function loadEmbedded(init, initSync, glue, embedded, rank) {
  return startOnce(rank, glue, async () => {
    const bytes = bytesOf(embedded);
    try {
      return initSync({ module: new WebAssembly.Module(bytes) });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return init({ module_or_path: bytes });
    }
  });
}

/** A module the glue's \`init\` fetches or compiles from \`wasm\` (its default: the .wasm beside it). */
export function load(init, glue, wasm, rank) {
  return startOnce(rank, glue, () => init(wasm === undefined ? undefined : { module_or_path: wasm }));
}
