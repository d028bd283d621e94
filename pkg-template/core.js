// The full API (Workers, Node, and browsers that import "antom-checkout/full"): everything in
// api.js plus prepared requests, signatures, answers, notifications, WebCrypto and the client.
// Rust decides; this file does the I/O the core leaves to the host (fetch with a timeout,
// WebCrypto) and turns answers into values and AntomCheckoutError.
import { CALLS } from "./calls.js";
import { AntomCheckoutError, isAntomCheckoutError, MAX_JSON, encoder, describe, ensureReady, str, toJson, guarded, optionsJson, refuseUnknown, writeInput, writeBytes, bytesOp, prepared, prepareKind, outcome, tagOf, payload } from "./internal.js";
import * as op from "./ops.js";

const { Tag, AnswerVerdict, BodyBytes, ClientFlag, Codec, HandleKind, KeyVersion, NoAnswer, NotificationVerdict, RoundStep, SignResult, Verdict, AbortedWhen } = op;

export * from "./api.js";

/** Validates a pay request and returns everything needed to sign and send it. */
export function preparePayRequest(input, config) {
  return prepareKind(0, input, config);
}

/** Validates and prepares an inquiryPayment request ({ paymentRequestId } or { paymentId }). */
export function prepareInquiry(input, config) {
  return prepareKind(1, input, config);
}

/** Validates and prepares a cancel request ({ paymentRequestId } or { paymentId }). */
export function prepareCancel(input, config) {
  return prepareKind(2, input, config);
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
/** The complete `Signature` header value for a base64 signature. */
export function signatureHeader(signatureBase64, keyVersion) {
  return guarded(() => {
    if (keyVersion !== undefined && typeof keyVersion !== "string" && !Number.isSafeInteger(keyVersion)) {
      throw new AntomCheckoutError("INVALID_ARGUMENT", "keyVersion must be a string or an integer");
    }
    const core = ensureReady();
    const version = keyVersion === undefined ? "" : String(keyVersion);
    const [n, v] = writeInput(core, str("signatureBase64", signatureBase64), version);
    return payload(op.signatureHeader(core, n, v, keyVersion !== undefined ? KeyVersion.given : KeyVersion.absent));
  });
}

/** Parses a `Signature` header (upper- or lower-case percent escapes). */
export function parseSignatureHeader(value) {
  return guarded(() => {
    const core = ensureReady();
    const [n] = writeInput(core, str("value", value));
    return JSON.parse(payload(op.parseSignatureHeader(core, n)));
  });
}

// A signature covers the bytes as received: bytes are decoded strictly (a byte-order mark kept),
// never with replacement characters, which would make different bytes read as the same text.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes as text, or undefined when they are not UTF-8. */
function decoded(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A body's text: a string as it is, bytes decoded strictly (undefined when not UTF-8). */
function bodyText(body) {
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return decoded(body);
  throw new AntomCheckoutError("INVALID_ARGUMENT", "body must be a string, an ArrayBuffer or a typed array");
}

function statusOf(response) {
  if (response === null || typeof response !== "object") {
    throw new AntomCheckoutError("INVALID_ARGUMENT", "expected { status, headers, body }");
  }
  const { status } = response;
  // The core judges the value (an integer from 100 to 599); only its type is checked here.
  if (typeof status !== "number") throw new AntomCheckoutError("INVALID_ARGUMENT", "status must be an integer HTTP status (100-599)");
  return status;
}

/** Runs an interpretation export on an answer body (through the input buffer). */
function interpret(kind, status, body) {
  const core = ensureReady();
  const text = bodyText(body);
  // Bytes that are not UTF-8: the core answers the outcome of an answer that cannot be verified.
  if (text === undefined) return outcome(op.interpret(core, kind, status, 0, BodyBytes.notUtf8));
  const [n] = writeInput(core, str("body", text, MAX_JSON));
  return outcome(op.interpret(core, kind, status, n, BodyBytes.utf8), text);
}

/** Interprets a raw pay answer into an outcome. Verification is separate (see AntomClient). */
export function interpretPayResponse(response) {
  return guarded(() => {
    const status = statusOf(response);
    return interpret(0, status, response.body);
  });
}

/** The bytes an answer's or a notification's signature covers. */
export function contentToVerify(parts) {
  return guarded(() => {
    if (parts === null || typeof parts !== "object") {
      throw new AntomCheckoutError("INVALID_ARGUMENT", "expected { path, clientId, time, body }");
    }
    const { path, clientId, time, body } = parts;
    const core = ensureReady();
    const head = `${str("path", path)}\0${str("clientId", clientId)}\0${str("time", time)}`;
    const text = bodyText(body);
    if (text === undefined) throw new AntomCheckoutError("INVALID_ARGUMENT", "body is not UTF-8: no signature can be checked over it as text");
    const [h, n] = writeInput(core, head, str("body", text, MAX_JSON));
    return payload(op.contentToVerify(core, h, n));
  });
}

/** Interprets a raw inquiryPayment answer: paid, failed, processing, cancelled, notFound or unknown. */
export function interpretInquiryResponse(response) {
  return guarded(() => interpret(1, statusOf(response), response.body));
}

/** Interprets a raw cancel answer: cancelled, failed or unknown. */
export function interpretCancelResponse(response) {
  return guarded(() => interpret(2, statusOf(response), response.body));
}

/** A call's number in the core, by its client method. */
function callNumber(method) {
  const n = CALLS.findIndex(([m]) => m === method);
  if (n < 0) throw new AntomCheckoutError("INVALID_ARGUMENT", `no such call: ${String(method)}; one of ${CALLS.map(([m]) => m).join(", ")}`);
  return n;
}

/**
 * Validates and prepares the request of any call, named by its client method ("refund"), to sign
 * and send yourself. The id of its body is under the call's key (`refundRequestId` for refunds).
 */
export function prepareRequest(call, input, config) {
  const n = guarded(() => callNumber(call));
  const p = prepareKind(n, input, config);
  const key = CALLS[n][1];
  if (key !== "paymentRequestId") {
    p[key] = p.paymentRequestId;
    delete p.paymentRequestId;
  }
  return p;
}

/** Interprets a raw answer to any call, named by its client method ("refund"). */
export function interpretResponse(call, response) {
  return guarded(() => interpret(callNumber(call), statusOf(response), response.body));
}

/**
 * Interprets an answer to a call you sent yourself as AntomClient judges it: the signature (from
 * the answer's Signature, Response-Time and Client-Id headers, over the call's path) verified
 * with `verify`, the answer bound to `requestId` and refused as a replay against `requestTime`
 * when they are given, redirects judged by the default allow-list. Unsigned, tampered or wrongly
 * signed answers are `unknown`, never S or F. `path` is the request's path (default `/ams/api`
 * and the call's endpoint; `/ams/sandbox/api/...` in the sandbox).
 */
export async function interpretVerified(call, response, options) {
  const { kind, status, text, head, verify } = guarded(() => {
    if (options === null || typeof options !== "object") throw new AntomCheckoutError("INVALID_CONFIG", "expected options { clientId, verify, path?, requestId? }");
    const { clientId, verify, path = "", requestId = "", requestTime = "", ...unknown } = options;
    refuseUnknown(unknown, ["clientId", "verify", "path", "requestId", "requestTime"], "interpretVerified");
    if (typeof verify !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "verify must be a function: an answer is never trusted unverified");
    const kind = callNumber(call);
    const status = statusOf(response);
    const head = `${str("path", path)}\0${str("clientId", clientId)}\0${str("requestId", requestId)}\0${str("requestTime", String(requestTime))}\0${headerText(response.headers)}`;
    return { kind, status, text: bodyText(response.body), head, verify };
  });
  // Bytes that are not UTF-8: unknown, nothing verified (the core words it).
  if (text === undefined) return guarded(() => outcome(op.interpret(ensureReady(), kind, status, 0, BodyBytes.notUtf8)));
  const judge = (verdict) =>
    guarded(() => {
      const core = ensureReady();
      const [n, h] = writeInput(core, str("body", text, MAX_JSON), head);
      return op.interpretVerified(core, kind, status, n, h, verdict);
    });
  let step = judge(AnswerVerdict.first);
  if (tagOf(step) === Tag.verify) {
    const cut = step.indexOf("\0");
    let verdict;
    try {
      verdict = (await verify(step.slice(cut + 1), step.slice(1, cut))) === true ? AnswerVerdict.verified : AnswerVerdict.notVerified;
    } catch {
      verdict = AnswerVerdict.verifyFailed;
    }
    step = judge(verdict);
  }
  return guarded(() => outcome(step, text));
}

/** The body that acknowledges a notification (send it with HTTP 200 once the result is recorded). */
export const NOTIFICATION_ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';
/**
 * Verifies and reads a notifyPayment call. Resolves to `{ accepted: true, notification, ack }`
 * (record the result durably, then answer with `ack`) or `{ accepted: false, reason, ack }`
 * (answer with `ack` so Antom sends it again). Never trusts an unverified notification.
 */
export async function handleNotification(request, options) {
  const { path, headers, body, clientId, verify, toleranceMs, now } = await guardedAsync(async () => {
    if (options === null || typeof options !== "object") {
      throw new AntomCheckoutError("INVALID_CONFIG", "expected options { clientId, verify, toleranceMs? }");
    }
    const { clientId, verify, toleranceMs, now = Date.now, ...unknown } = options;
    refuseUnknown(unknown, ["clientId", "verify", "toleranceMs", "now"], "handleNotification");
    if (typeof now !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "now must be a function returning epoch milliseconds");
    if (typeof verify !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "verify must be a function: notifications are never trusted unverified");
    if (toleranceMs !== undefined && typeof toleranceMs !== "number") throw new AntomCheckoutError("INVALID_CONFIG", "toleranceMs must be a number of milliseconds");
    str("clientId", clientId);
    if (typeof Request !== "undefined" && request instanceof Request) {
      const url = new URL(request.url);
      return { path: url.pathname + url.search, headers: request.headers, body: decoded(await request.arrayBuffer()), clientId, verify, toleranceMs, now };
    }
    if (request === null || typeof request !== "object") throw new AntomCheckoutError("INVALID_ARGUMENT", "expected a Request or { path, headers, body }");
    return { path: request.path, headers: request.headers, body: bodyText(request.body), clientId, verify, toleranceMs, now };
  });
  // Rust decides (what to verify, freshness and its window, the reading, the answer for Antom);
  // this only calls the host's verify and hands back what the core answers. A body whose bytes
  // are not UTF-8 is refused unverified.
  if (body === undefined) return JSON.parse(payload(op.notificationResult(ensureReady(), NotificationVerdict.notUtf8, 0)));
  const check = guarded(() => {
    const core = ensureReady();
    const [h, n] = writeInput(core, `${str("path", path)}\0${clientId}\0${headerText(headers)}`, str("body", body, MAX_JSON));
    return JSON.parse(payload(op.notificationToVerify(core, h, n, Number(now()), toleranceMs ?? -1)));
  });
  if (check.accepted === false) return check;
  let verdict, cause;
  try {
    // A path with a query string: the content over the bare path is Antom's signature too.
    verdict = (await verify(check.content, check.signature)) === true || (check.alternative !== undefined && (await verify(check.alternative, check.signature)) === true) ? NotificationVerdict.verified : NotificationVerdict.notVerified;
  } catch (e) {
    verdict = NotificationVerdict.verifyFailed;
    cause = e;
  }
  const core = ensureReady();
  const [n] = writeInput(core, body);
  const result = JSON.parse(payload(op.notificationResult(core, verdict, n)));
  if (cause !== undefined) result.cause = cause;
  return result;
}

async function guardedAsync(run) {
  try {
    return await run();
  } catch (e) {
    if (isAntomCheckoutError(e) || e instanceof WebAssembly.RuntimeError) throw e;
    throw new AntomCheckoutError("INVALID_ARGUMENT", `the argument cannot be read: ${describe(e)}`, { cause: e });
  }
}

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new AntomCheckoutError("UNSUPPORTED", "crypto.subtle is not available in this runtime");
  return s;
}

/** Base64 text -> bytes, by the core's one codec. */
function fromBase64(core, text) {
  const [n] = writeInput(core, text);
  return bytesOp(core, Codec.fromBase64, n);
}

/** A key's text (PEM or base64) -> the DER WebCrypto imports (`codec`: Codec.privateKeyDer or Codec.publicKeyDer). */
function keyDer(codec, text) {
  const core = ensureReady();
  const [n] = writeInput(core, text);
  return bytesOp(core, codec, n);
}

function isCryptoKey(k) {
  return typeof CryptoKey !== "undefined" && k instanceof CryptoKey;
}

function checkKey(key, type, usage) {
  if (key.type !== type || key.algorithm?.name !== RSA.name || key.algorithm?.hash?.name !== RSA.hash || !key.usages.includes(usage)) {
    throw new AntomCheckoutError("INVALID_KEY", `expected an RSASSA-PKCS1-v1_5 SHA-256 ${type} key with usage "${usage}"`);
  }
}

function importFailed(e) {
  throw new AntomCheckoutError("INVALID_KEY", `WebCrypto refused the key: ${describe(e)}`, { cause: e });
}

/**
 * A `sign` callback on WebCrypto. Takes the merchant's private key as PEM or bare base64
 * (PKCS#8 or PKCS#1), or a non-extractable CryptoKey. Text keys are imported once, as
 * non-extractable keys; the DER copy is wiped after import.
 */
export function webCryptoSigner(privateKey) {
  return guarded(() => {
    const s = subtle();
    let key;
    if (isCryptoKey(privateKey)) {
      checkKey(privateKey, "private", "sign");
      if (privateKey.extractable) {
        throw new AntomCheckoutError("INVALID_KEY", "import the private key with extractable: false");
      }
      key = Promise.resolve(privateKey);
    } else {
      const der = keyDer(Codec.privateKeyDer, str("privateKey", privateKey));
      key = s.importKey("pkcs8", der, RSA, false, ["sign"]).finally(() => der.fill(0));
      key.catch(() => {}); // reported on first use
    }
    return async (content) => {
      const k = await key.catch(importFailed);
      const signature = new Uint8Array(await s.sign(RSA.name, k, encoder.encode(content)));
      const core = ensureReady();
      return bytesOp(core, Codec.toBase64, writeBytes(core, signature));
    };
  });
}

/**
 * A `verify` callback on WebCrypto with Antom's public key (PEM or bare base64, SPKI or PKCS#1,
 * or a CryptoKey). Resolves to false for a malformed signature.
 */
export function webCryptoVerifier(publicKey) {
  return guarded(() => {
    const s = subtle();
    let key;
    if (isCryptoKey(publicKey)) {
      checkKey(publicKey, "public", "verify");
      key = Promise.resolve(publicKey);
    } else {
      const der = keyDer(Codec.publicKeyDer, str("publicKey", publicKey));
      key = s.importKey("spki", der, RSA, true, ["verify"]);
      key.catch(() => {});
    }
    return async (content, signatureBase64) => {
      const k = await key.catch(importFailed);
      let sig;
      try {
        sig = fromBase64(ensureReady(), String(signatureBase64));
      } catch {
        return false;
      }
      return s.verify(RSA.name, k, sig, encoder.encode(content));
    };
  });
}

/**
 * Headers as they cross the boundary (src/boundary.rs): `name NUL value NUL ...`, names in lower
 * case; a name or value holding a NUL (no real header can) is left out.
 */
function headerText(headers) {
  let out = "";
  const add = (k, v) => {
    if (!k.includes("\0") && !v.includes("\0")) out += `${k.toLowerCase()}\0${v}\0`;
  };
  if (headers && typeof headers.forEach === "function" && !Array.isArray(headers)) {
    headers.forEach((v, k) => add(String(k), String(v)));
  } else if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) if (typeof v === "string") add(k, v);
  }
  return out;
}

/** Settles with `ABORTED` when `signal` aborts (never, without a signal). */
const ABORTED = Symbol("aborted");
function abortOf(signal) {
  if (!signal) return { when: new Promise(() => {}), stop() {}, now: () => false };
  let stop = () => {};
  const when = new Promise((resolve) => {
    const on = () => resolve(ABORTED);
    signal.addEventListener("abort", on, { once: true });
    stop = () => signal.removeEventListener("abort", on);
  });
  return { when, stop, now: () => signal.aborted };
}

function isAbortSignal(s) {
  return typeof AbortSignal !== "undefined" ? s instanceof AbortSignal : s !== null && typeof s === "object" && typeof s.aborted === "boolean" && typeof s.addEventListener === "function";
}

/**
 * One fetch of a `F` step, bounded by `timeoutMs` even if fetch ignores the signal, and cut short
 * when the caller's `abort` settles. Reports the answer (body and headers through the input
 * buffer) or its absence to the call; answers the call's next step and the answer's body.
 */
async function fetchStep(fetchFn, next, step, timeoutMs, abort) {
  // Aborted before the request leaves (an onEvent hook, a signal that fired meanwhile): nothing
  // is sent.
  if (abort.now()) return { step: next(op.aborted, AbortedWhen.noRequestOut, Date.now()), abortedBeforeSend: true };
  const cut = step.indexOf("\0");
  const signature = step.slice(1, cut);
  const req = prepared(step, cut);
  const controller = new AbortController();
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(undefined);
    }, timeoutMs);
  });
  const attempt = (async () => {
    try {
      const res = await fetchFn(req.url, {
        method: req.method,
        headers: { ...req.headers, Signature: signature },
        body: req.body,
        signal: controller.signal,
      });
      const bytes = await res.arrayBuffer();
      if (bytes.byteLength > MAX_JSON) return { message: "answer too large" };
      const body = decoded(bytes);
      if (body === undefined) return { notUtf8: true };
      return { status: res.status, headers: headerText(res.headers), body };
    } catch (e) {
      return controller.signal.aborted ? undefined : { message: describe(e) };
    }
  })();
  let answer;
  try {
    answer = await Promise.race([attempt, expired, abort.when]);
  } finally {
    clearTimeout(timer);
    if (answer === ABORTED) controller.abort();
  }
  const core = ensureReady();
  const now = Date.now();
  if (answer === ABORTED) return { step: next(op.aborted, AbortedWhen.requestOut, now) };
  // Unanswered: the timeout passed, a body that is not UTF-8, the fetch failed.
  if (answer === undefined) return { step: next(op.unanswered, NoAnswer.timedOut, 0, now) };
  if (answer.notUtf8) return { step: next(op.unanswered, NoAnswer.bodyNotUtf8, 0, now) };
  if (answer.status === undefined) return { step: next(op.unanswered, NoAnswer.fetchFailed, writeInput(core, answer.message)[0], now) };
  // The core judges the status (an integer HTTP status, or an answer it cannot read).
  const [n, h] = writeInput(core, answer.body, answer.headers);
  return { step: next(op.answered, Number(answer.status), n, h, now), body: answer.body };
}

/** Frees the core's client when its AntomClient is collected without `free()`. */
const collected = typeof FinalizationRegistry === "function" ? new FinalizationRegistry((h) => op.free(ensureReady(), HandleKind.client, h)) : undefined;

/**
 * The Entry Code client: prepares, signs (host callback), sends (host fetch), verifies (host
 * callback) and interprets, resending unknown outcomes with the same paymentRequestId and the
 * byte-identical body. Rust decides every step, every event and every round of resolvePayment;
 * this does the I/O and delivers what the core answers.
 */
export class AntomClient {
  /** The core's client (a handle). */
  #core;
  #sign;
  #verify;
  #fetch;
  #onEvent;
  #hookFailed = false;

  constructor(options) {
    guarded(() => this.#init(options));
  }

  #init(options) {
    if (options === null || typeof options !== "object") {
      throw new AntomCheckoutError("INVALID_CONFIG", "expected an options object { clientId, gateway, sign, ... }");
    }
    let sign, verify, fetchFn, onEvent, rest;
    try {
      ({ sign, verify, fetch: fetchFn, onEvent, ...rest } = options);
    } catch (e) {
      throw new AntomCheckoutError("INVALID_CONFIG", `the options cannot be read: ${describe(e)}`, { cause: e });
    }
    if (typeof sign !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "sign must be a function (content) => Promise<base64>");
    if (verify !== undefined && typeof verify !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "verify must be a function");
    if (fetchFn !== undefined && typeof fetchFn !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "fetch must be a function");
    if (onEvent !== undefined && typeof onEvent !== "function") throw new AntomCheckoutError("INVALID_CONFIG", "onEvent must be a function (event) => void");
    if (fetchFn === undefined && typeof globalThis.fetch !== "function") {
      throw new AntomCheckoutError("INVALID_CONFIG", "no fetch in this runtime: pass options.fetch");
    }
    const core = ensureReady();
    // Rust reads every other option (an unknown one, a function included, is refused with "did
    // you mean"), decides whether the choice about verification is made (verify, or
    // trustUnverifiedAnswers: true) and words the refusal.
    const [n] = writeInput(core, optionsJson(rest, "the client options"));
    const [handle] = payload(op.client(core, n, (verify !== undefined ? ClientFlag.verifies : ClientFlag.none) | (onEvent !== undefined ? ClientFlag.observes : ClientFlag.none))).split("\0");
    this.#core = Number(handle);
    collected?.register(this, this.#core, this);
    this.#sign = sign;
    this.#verify = verify;
    this.#onEvent = onEvent;
    this.#fetch = fetchFn ?? ((url, init) => globalThis.fetch(url, init));
  }

  // One method per Antom call, from the core's descriptions (calls.js, generated from
  // src/calls.rs): pay, inquirePayment, cancel, refund, ... Each resolves to the outcome and
  // throws only for misuse (an invalid request or option: nothing was sent) or when its signal
  // aborted before anything was sent.
  static {
    CALLS.forEach(([method], kind) => {
      Object.defineProperty(AntomClient.prototype, method, {
        value: async function (input, options) {
          return (await this.#run(kind, toJson(input, "the request"), options)).outcome;
        },
        writable: true,
        configurable: true,
      });
    });
  }

  /**
   * One round of the Entry Code resolution rule (src/resolve.rs): the core says which call to
   * make (an inquiry, a cancel) and, from their outcomes, what the round found.
   */
  async resolvePayment(payment, options) {
    const text = toJson(payment, "the payment");
    const core = this.#live();
    const [n] = writeInput(core, text);
    const round = Number(payload(op.resolve(core, this.#core, n)));
    let last, cancel;
    try {
      let step = op.resolveNext(core, round, RoundStep.first, Date.now());
      for (;;) {
        if (tagOf(step) !== Tag.call) return { ...JSON.parse(payload(step)), outcome: last, ...(cancel ? { cancel } : {}) };
        const cut = step.indexOf("\0");
        const kind = Number(step.slice(1, cut));
        const { outcome, call } = await this.#run(kind, step.slice(cut + 1), options, true);
        try {
          step = op.resolveNext(ensureReady(), round, call, Date.now());
        } finally {
          op.free(ensureReady(), HandleKind.call, call);
        }
        last = outcome;
        if (CALLS[kind][0] === "cancel") cancel = outcome;
      }
    } finally {
      op.free(ensureReady(), HandleKind.round, round);
    }
  }

  #live() {
    if (!this.#core) throw new AntomCheckoutError("INVALID_CONFIG", "this client was freed");
    return ensureReady();
  }

  /** Hands the call's events to onEvent; a hook that fails is reported once and changes nothing. */
  #deliver(core, call) {
    if (!this.#onEvent) return;
    for (const event of JSON.parse(payload(op.events(core, call)))) {
      try {
        const r = this.#onEvent(event);
        if (r !== null && typeof r === "object" && typeof r.then === "function") r.then(undefined, (e) => this.#failedHook(e));
      } catch (e) {
        this.#failedHook(e);
      }
    }
  }

  #failedHook(e) {
    if (this.#hookFailed) return;
    this.#hookFailed = true;
    console.error("antom-checkout: onEvent failed; the calls go on, and later failures of the hook are not reported", e);
  }

  /**
   * Runs one call: the core prepares it and then says, step by step, what to do (sign, fetch,
   * verify, wait); this does it and reports back until the core answers the outcome. `keep`
   * leaves the call to the caller (a resolvePayment round reads its outcome, then frees it).
   */
  async #run(kind, text, options, keep = false) {
    let signal, rest;
    if (options !== undefined) {
      if (options === null || typeof options !== "object") throw new AntomCheckoutError("INVALID_CONFIG", "the call options must be an object { signal?, timeoutMs?, retry? }");
      try {
        ({ signal, ...rest } = options);
      } catch (e) {
        throw new AntomCheckoutError("INVALID_CONFIG", `the call options cannot be read: ${describe(e)}`, { cause: e });
      }
      if (signal !== undefined && !isAbortSignal(signal)) throw new AntomCheckoutError("INVALID_CONFIG", "signal must be an AbortSignal");
    }
    const core = this.#live();
    const [n, m] = writeInput(core, text, rest === undefined ? "" : optionsJson(rest, "the call options"));
    const [call, timeout] = payload(op.call(core, this.#core, kind, n, m, Date.now())).split("\0");
    const timeoutMs = Number(timeout);
    // The call's next step after an event (ops.js: start, signed, answered, unanswered,
    // verified, slept, aborted), its events handed to onEvent first.
    const next = (event, a = 0, b = 0, c = 0, d = 0) => {
      const out = event(core, call, a, b, c, d);
      this.#deliver(core, call);
      return out;
    };
    const abort = abortOf(signal);
    // Aborted: the core ends the call (an error when nothing was sent: the signal's reason).
    const settled = (out) => {
      try {
        tagOf(out);
      } catch {
        throw signal.reason;
      }
      return out;
    };
    const aborted = () => settled(next(op.aborted, AbortedWhen.noRequestOut, Date.now()));
    let cause, lastBody;
    try {
      if (signal?.aborted) throw signal.reason;
      let step = next(op.start, Date.now());
      for (;;) {
        switch (tagOf(step, cause)) {
          case Tag.sign: {
            let sig, failed = false;
            try {
              sig = await Promise.race([this.#sign(step.slice(1)), abort.when]);
              if (sig !== ABORTED && typeof sig !== "string") throw new TypeError("sign must resolve to a base64 string");
            } catch (e) {
              [failed, cause] = [true, e];
            }
            if (sig === ABORTED) step = aborted();
            else if (failed) step = next(op.signed, SignResult.failed, writeInput(core, describe(cause))[0], Date.now());
            else step = next(op.signed, SignResult.signed, writeInput(core, sig)[0], Date.now());
            break;
          }
          case Tag.fetch: {
            const answered = await fetchStep(this.#fetch, next, step, timeoutMs, abort);
            step = answered.abortedBeforeSend ? settled(answered.step) : answered.step;
            lastBody = answered.body;
            break;
          }
          case Tag.verify: {
            const cut = step.indexOf("\0");
            let ok;
            try {
              ok = await Promise.race([this.#verify(step.slice(cut + 1), step.slice(1, cut)), abort.when]);
              if (ok !== ABORTED && typeof ok !== "boolean") throw new TypeError("verify must resolve to a boolean");
            } catch (e) {
              cause = e;
              ok = undefined;
            }
            step = ok === ABORTED ? aborted() : next(op.verified, ok === true ? Verdict.verified : ok === false ? Verdict.notVerified : Verdict.verifyFailed, Date.now());
            break;
          }
          case Tag.wait: {
            let timer;
            const woke = await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, Number(step.slice(1))))), abort.when]);
            clearTimeout(timer);
            step = woke === ABORTED ? aborted() : next(op.slept, Date.now());
            break;
          }
          case Tag.done:
            return { outcome: outcome(step.slice(1), lastBody), call };
          default:
            throw new AntomCheckoutError("INTERNAL", `the core answered a step this client does not know (${step.charAt(0)})`);
        }
      }
    } catch (e) {
      if (keep) op.free(core, HandleKind.call, call);
      throw e;
    } finally {
      abort.stop();
      if (!keep) op.free(core, HandleKind.call, call);
    }
  }

  /** Releases the WebAssembly memory of this client now (it is also released when collected). */
  free() {
    if (this.#core === undefined) return;
    collected?.unregister(this);
    op.free(ensureReady(), HandleKind.client, this.#core);
    this.#core = undefined;
  }
}
