// The HTTP edge: what the Worker refuses before anything reaches an order, and the headers of
// every answer. Bad input is always a 4xx with a code (and issues where there are fields); a 5xx
// is a fault of the Worker's own.

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store" };

/** The checkout page's policy: no inline script or style, no framing, WebAssembly allowed. */
export const PAGE_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

export const json = (value, status = 200, headers = {}) => new Response(JSON.stringify(value), { status, headers: { ...JSON_HEADERS, ...headers } });

/** A request refused at the edge: answered with its status, code and issues. */
export class Refusal extends Error {
  constructor(status, error, message, extra = {}) {
    super(message);
    this.status = status;
    this.error = error;
    this.extra = extra;
  }
  response() {
    const { headers, ...extra } = this.extra;
    return json({ error: this.error, message: this.message, ...extra }, this.status, headers);
  }
}

/** How much of an oversized streamed body is read (and dropped) before the stream is cut. */
const DRAIN_BYTES = 4 << 20;

/** The body's bytes, refused with 413 past `limit` (by its Content-Length before reading, or while reading). */
export async function readBytes(request, limit) {
  const length = request.headers.get("content-length");
  const tooLarge = () => new Refusal(413, "TOO_LARGE", `the body may have at most ${limit} bytes`);
  if (length !== null && !(/^\d{1,12}$/.test(length) && Number(length) <= limit)) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Nothing more is kept. A little more is read and dropped so that the client, still
      // sending, gets the 413 rather than a reset connection; past that the stream is cut (the
      // body stream's cancel, no call to Antom).
      for (let r = await reader.read(); !r.done && size <= DRAIN_BYTES; r = await reader.read()) size += r.value.byteLength;
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** A JSON object body: application/json (415 otherwise), at most `limit` bytes, strict UTF-8. */
export async function readJson(request, limit) {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as Content-Type: application/json");
  const bytes = await readBytes(request, limit);
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new Refusal(400, "INVALID_JSON", "the body is not JSON in UTF-8");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Refusal(400, "INVALID_JSON", "expected a JSON object");
  return value;
}

/**
 * The object's fields as `spec` declares them: strings where strings belong (never coerced),
 * integers where integers belong, within their limits; unknown fields refused. Every problem is
 * reported with its path.
 */
export function fields(input, spec) {
  const issues = [];
  for (const k of Object.keys(input)) if (!(k in spec)) issues.push({ path: k, code: "UNKNOWN_FIELD", message: `unknown field; expected ${Object.keys(spec).join(", ")}` });
  const out = {};
  for (const [k, s] of Object.entries(spec)) {
    const v = input[k];
    if (v === undefined || v === null) {
      if (s.required) issues.push({ path: k, code: "REQUIRED", message: "required" });
    } else if (s.type === "integer" ? !Number.isSafeInteger(v) || v < 1 : typeof v !== "string") {
      issues.push({ path: k, code: s.type === "integer" ? "NOT_AN_INTEGER" : "NOT_A_STRING", message: s.type === "integer" ? "must be a positive integer" : "must be a string" });
    } else if (typeof v === "string" && (v.length < (s.min ?? 0) || v.length > s.max)) {
      issues.push({ path: k, code: v.length > s.max ? "TOO_LONG" : "TOO_SHORT", message: `must have ${s.min ?? 0} to ${s.max} characters` });
    } else {
      out[k] = v;
    }
  }
  if (issues.length) throw new Refusal(400, "INVALID_ARGUMENT", `${issues.length} problem(s) with the request's fields`, { issues });
  return out;
}

/**
 * A state-changing request must come from the site's own pages (or from no browser at all):
 * an `Origin` other than the site's, or a `Sec-Fetch-Site` other than same-origin, is 403.
 */
export function sameSite(request, env) {
  const origin = request.headers.get("origin");
  const site = request.headers.get("sec-fetch-site");
  if ((origin !== null && origin !== new URL(env.PUBLIC_URL).origin) || (site !== null && site !== "same-origin" && site !== "none")) {
    throw new Refusal(403, "CROSS_SITE", "this request must come from the checkout page's own origin");
  }
}

/** The Idempotency-Key header: 16 to 64 of A-Z a-z 0-9 _ - (400 without one). */
export function idempotencyKey(request) {
  const key = request.headers.get("idempotency-key");
  if (key === null || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) {
    throw new Refusal(400, "IDEMPOTENCY_KEY_REQUIRED", "send an Idempotency-Key header: 16 to 64 of A-Z a-z 0-9 _ -, one per submit, the same when the submit is resent");
  }
  return key;
}

/** The bearer secret of the Authorization header, or "". */
export function bearer(request) {
  return /^Bearer ([\x21-\x7e]{1,256})$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
}

export async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Equal byte arrays, compared in a time that does not depend on where they differ. */
export function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** `n` random bytes as base64url. */
export function randomToken(n) {
  const b = crypto.getRandomValues(new Uint8Array(n));
  return btoa(String.fromCharCode(...b)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** One line of JSON per event, for the Worker's logs (never a key, token, secret or signature). */
export function log(level, event, fields = {}) {
  console[level](JSON.stringify({ event, ...fields }));
}
