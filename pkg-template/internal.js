// Shared by api.js and core.js; not part of the public API. The core's operations and the tags
// of its answers come from ops.js, generated from their declaration (src/boundary.rs). The entry
// file sets `state` once the WebAssembly module is instantiated: `core` is its wasm-bindgen glue,
// `memory` its memory.
import { Tag, VERSION, bytes as bytesCodec, prepare, version } from "./ops.js";
export const state = { ready: false, core: undefined, memory: undefined, rank: 0 };

/** Largest JSON text accepted for a request or an answer (a pay request is about 2 KB). */
export const MAX_JSON = 1 << 20;
/** Largest plain string argument (amounts, headers, keys). */
export const MAX_STRING = 64 * 1024;
export const encoder = new TextEncoder();

/** Errors thrown by antom-checkout. Declines from Antom are outcomes, never errors. */
export class AntomCheckoutError extends Error {
  constructor(code, message, options = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "AntomCheckoutError";
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/** True for errors thrown by this library (also across module copies). */
export function isAntomCheckoutError(e) {
  try {
    return (
      e instanceof AntomCheckoutError ||
      (typeof e === "object" && e !== null && e.name === "AntomCheckoutError" && typeof e.code === "string")
    );
  } catch {
    return false; // a Proxy whose traps throw is not our error
  }
}

export function describe(e) {
  try {
    const m = e && typeof e === "object" && "message" in e ? e.message : e;
    return String(m).slice(0, 200);
  } catch {
    return "unreadable error";
  }
}

/**
 * Records an instantiated module (`glue` its wasm-bindgen glue, `memory` its memory; `rank` 1 the
 * lean module, 2 the full one, which serves both when a page loads both). Every entry starts here.
 */
export function started(glue, memory, rank = 2) {
  // A module from another build may number its operations and values otherwise: refused, never
  // called. The version holds a hash of the boundary's declaration (src/boundary.rs).
  const built = payload(version(glue));
  if (built !== VERSION) {
    throw new AntomCheckoutError("INIT_FAILED", `the WebAssembly module is from another build of antom-checkout (${built}), this JavaScript from ${VERSION}: serve the files of one build together`);
  }
  if (rank >= state.rank) {
    state.core = glue;
    state.memory = memory;
    state.rank = rank;
  }
  state.ready = true;
}

export function ensureReady() {
  if (!state.ready) {
    throw new AntomCheckoutError("NOT_INITIALIZED", "call `await initAntomCheckout()` before using antom-checkout");
  }
  return state.core;
}

/** The error a body `{code, message, issues}` from the core describes. */
export function failure(body, cause) {
  const e = JSON.parse(body);
  const options = { issues: e.issues };
  if (cause !== undefined) options.cause = cause;
  return new AntomCheckoutError(e.code, e.message, options);
}

/**
 * The tag of an answer of the core (ops.js `Tag`): every answer is decoded here. An error answer
 * is thrown as the AntomCheckoutError it describes (with `cause`, the host's error, if given).
 */
export function tagOf(out, cause) {
  const tag = out.charCodeAt(0);
  if (tag === Tag.error) throw failure(out.slice(1), cause);
  return tag;
}

/** The payload of an answer that is not an error. */
export function payload(out) {
  tagOf(out);
  return out.slice(1);
}

export function str(name, v, max = MAX_STRING) {
  if (typeof v !== "string") {
    throw new AntomCheckoutError("INVALID_ARGUMENT", `${name} must be a string, got ${v === null ? "null" : typeof v}`);
  }
  if (v.length > max) throw new AntomCheckoutError("INVALID_ARGUMENT", `${name} is longer than ${max} characters`);
  return v;
}

export function toJson(value, what) {
  // undefined is read as null: both are "no object", and both get the same issue or error.
  if (value === undefined) return "null";
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new AntomCheckoutError("INVALID_ARGUMENT", `${what} cannot be read as JSON: ${describe(e)}`, { cause: e });
  }
  if (typeof text !== "string") throw new AntomCheckoutError("INVALID_ARGUMENT", `${what} must be a JSON object`);
  if (text.length > MAX_JSON) throw new AntomCheckoutError("INVALID_ARGUMENT", `${what} is larger than ${MAX_JSON} bytes`);
  return text;
}

/**
 * Options as JSON for the core, which checks every name (a misspelt one is refused with "did you
 * mean"): a function is written as a marker, so that an unknown callback (`fecth`) is refused
 * like any unknown option instead of being dropped by JSON.
 */
export function optionsJson(value, what) {
  let text;
  try {
    text = JSON.stringify(value ?? {}, (_, v) => (typeof v === "function" ? "[function]" : v));
  } catch (e) {
    throw new AntomCheckoutError("INVALID_CONFIG", `${what} cannot be read as JSON: ${describe(e)}`, { cause: e });
  }
  if (text.length > MAX_JSON) throw new AntomCheckoutError("INVALID_CONFIG", `${what} are larger than ${MAX_JSON} bytes`);
  return text;
}

/** Refuses options a function does not know (the ones it reads itself, without the core). */
export function refuseUnknown(rest, known, what) {
  const names = Object.keys(rest);
  if (names.length) throw new AntomCheckoutError("INVALID_CONFIG", `unknown ${what} option "${names[0].slice(0, 40)}"; expected ${known.join(", ")}`);
}

let lastConfig;

/**
 * The JSON text of a configuration. A configuration is usually the same object with the same
 * values on every call: when its own keys and primitive values are those of the last one, in
 * the same order, the last text is reused (JSON.stringify would write the same).
 */
export function configJson(config, what) {
  if (lastConfig !== undefined && config !== null && typeof config === "object" && Object.getPrototypeOf(config) === Object.prototype) {
    const keys = Object.keys(config);
    const last = lastConfig.entries;
    if (keys.length === last.length && keys.every((k, i) => k === last[i][0] && config[k] === last[i][1])) return lastConfig.text;
  }
  const text = toJson(config, what);
  const entries = config !== null && typeof config === "object" && Object.getPrototypeOf(config) === Object.prototype ? Object.entries(config) : undefined;
  const plain = entries?.every(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v));
  lastConfig = plain ? { entries, text } : undefined;
  return text;
}

/**
 * Writes one or two texts back to back into the module's input buffer (UTF-8, no intermediate
 * copy) and answers their lengths in bytes. The next core call reads them from there.
 */
let input = { core: undefined, ptr: 0, cap: 0 };

export function writeInput(core, a, b = "") {
  const cap = (a.length + b.length) * 3;
  // The buffer only grows, and stays where it is until it must grow: ask the module only then.
  if (input.core !== core || cap > input.cap) input = { core, ptr: core.inputBuffer(cap), cap };
  const view = new Uint8Array(state.memory.buffer, input.ptr, cap);
  const first = encoder.encodeInto(a, view).written;
  const second = b.length === 0 ? 0 : encoder.encodeInto(b, view.subarray(first)).written;
  return [first, second];
}

/** Writes bytes into the module's input buffer; answers their length. */
export function writeBytes(core, bytes) {
  input = { core: undefined, ptr: 0, cap: 0 };
  const ptr = core.inputBuffer(bytes.length);
  new Uint8Array(state.memory.buffer, ptr, bytes.length).set(bytes);
  return bytes.length;
}

/**
 * Runs the core's byte codec (`bytes`, src/wasm/api.rs) on the input buffer: answers a copy of
 * the bytes it leaves there (then wiped: a key's DER stays nowhere but in the copy) or its text.
 */
export function bytesOp(core, codec, len) {
  const out = bytesCodec(core, codec, len);
  if (tagOf(out) !== Tag.bytes) return out.slice(1);
  // The buffer may have moved: the next writeInput asks where it is.
  input = { core: undefined, ptr: 0, cap: 0 };
  const n = Number(out.slice(1));
  const view = new Uint8Array(state.memory.buffer, core.inputBuffer(0), n);
  const copy = view.slice();
  view.fill(0);
  return copy;
}

/**
 * Runs an export's body so that any failure to read a hostile argument (a throwing getter or
 * Proxy trap, a null where an object belongs) becomes a typed error. A WebAssembly.RuntimeError
 * is never masked: it would mean a bug in the core, and tests must see it.
 */
export function guarded(run) {
  try {
    return run();
  } catch (e) {
    throw argumentError(e);
  }
}

/** What `guarded` throws for an error caught while reading arguments. */
export function argumentError(e) {
  if (isAntomCheckoutError(e) || e instanceof WebAssembly.RuntimeError) return e;
  return new AntomCheckoutError("INVALID_ARGUMENT", `the argument cannot be read: ${describe(e)}`, { cause: e });
}

/**
 * Reads the core's compact prepared request (src/wasm/lean.rs): NUL-led fields from `at`
 * (url, path, Request-Time, paymentRequestId, the content to sign without the body, the number
 * of headers, each header's name and value), the body last; or `body`, when given.
 */
export function prepared(out, at, body = undefined) {
  at += 1;
  const next = () => {
    const end = out.indexOf("\0", at);
    const field = out.slice(at, end);
    at = end + 1;
    return field;
  };
  const url = next();
  const path = next();
  const requestTime = next();
  const paymentRequestId = next();
  const contentPrefix = next();
  const n = Number(next());
  const headers = {};
  for (let i = 0; i < n; i++) {
    const name = next();
    headers[name] = next();
  }
  if (body === undefined) body = out.slice(at);
  return { method: "POST", url, path, headers, body, contentToSign: contentPrefix + body, requestTime, paymentRequestId };
}

/**
 * An outcome answer of the core: its JSON. With `Tag.outcomeRawIsBody`, `raw` is `body` (the
 * answer's text, which is JSON), so it does not cross the boundary twice.
 */
export function outcome(text, body, cause) {
  const tag = tagOf(text, cause);
  const o = JSON.parse(text.slice(1));
  if (tag === Tag.outcomeRawIsBody) o.raw = JSON.parse(body);
  return o;
}

/** Validates and prepares the request of the call `kind` (its number in the core). */
export function prepareKind(kind, input, config) {
  try {
    const core = ensureReady();
    const text = toJson(input, "the request");
    const [a, b] = writeInput(core, text, configJson(config, "the configuration"));
    const out = prepare(core, kind, a, b, Date.now());
    // The body is the request's text unchanged: it does not cross back.
    return prepared(out, 1, tagOf(out) === Tag.preparedAsInput ? text : undefined);
  } catch (e) {
    throw argumentError(e);
  }
}
