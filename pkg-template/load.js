// Asynchronous loading for the browser entries (not part of the public API). A page may import
// both entries; the full module, a superset of the lean one, then serves both.
import { AntomCheckoutError, started, encoder } from "./internal.js";
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

// Where the decoder's memory holds its table (384 u16) and then the text: scripts/decode.wat.
const TABLE = 384;
const TEXT = 2 * TABLE;

/**
 * The bytes of a module embedded as printable ASCII (scripts/embed-wasm.mjs: `codes` gives each
 * byte value's code, a two-character one beginning with one of the two `prefixes`), decoded by
 * the small module `decoder` (scripts/decode.wat): several milliseconds less on a phone's main
 * thread than a loop in JavaScript. A text that does not decode to `size` bytes (altered on its
 * way, or read in an encoding that changed it) is refused with what to do, never compiled.
 */
export function bytesOf({ size, prefixes, codes, decoder, text }) {
  const memory = new WebAssembly.Memory({ initial: Math.ceil((TEXT + text.length) / 65536) });
  const table = new Uint16Array(memory.buffer, 0, TABLE).fill(512);
  for (let b = 0, i = 0; b < 256; b++) {
    const c = codes.charCodeAt(i++);
    const p = prefixes.indexOf(codes[i - 1]);
    if (p < 0) table[c] = b;
    else {
      table[c] = 256 + p;
      table[128 * (p + 1) + codes.charCodeAt(i++)] = b;
    }
  }
  const { read, written } = encoder.encodeInto(text, new Uint8Array(memory.buffer, TEXT));
  const { d } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(decoder)), { a: { m: memory } }).exports;
  const n = read === text.length && written === read ? d(written) : -1;
  if (n !== size) {
    throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module could not be loaded: the script carrying it was altered (its text does not decode to the module's ${size} bytes); serve the package's files as they are, with charset=utf-8`);
  }
  return new Uint8Array(memory.buffer, TEXT, size);
}

/**
 * Starts a module once per `rank` (1 the lean module, 2 the full one): `instantiate` gives its
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
 * A module embedded in its entry (`embedded`: as `bytesOf` reads it): no request of its own, and
 * compiled, instantiated and warmed up within the call where the engine does that synchronously,
 * as every current one does; a page is then ready within one task, not after a fetch, a compile
 * and the frames between them (docs/benchmarks.md, the time to ready). Older Chromium compiles
 * and instantiates at most 4 KB so on a page's main thread and says so with a RangeError: then the
 * glue's asynchronous `init` does both.
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

/** A module the glue's `init` fetches or compiles from `wasm` (its default: the .wasm beside it). */
export function load(init, glue, wasm, rank) {
  return startOnce(rank, glue, () => init(wasm === undefined ? undefined : { module_or_path: wasm }));
}
