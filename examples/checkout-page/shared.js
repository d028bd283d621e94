// What both pages share: the order secrets kept in this browser, the Worker's API, and a clear
// message when the page cannot start. Loaded as a module under the Worker's Content-Security-Policy
// (no inline script or style anywhere on these pages).

export const $ = (id) => document.getElementById(id);

/** The Worker mints every order id: 32 lowercase hex characters. */
export const ORDER_ID = /^[0-9a-f]{32}$/;

const PREFIX = "antom-order:";
const KEEP_MS = 24 * 60 * 60 * 1000;

/** Forgets the order secrets kept for more than a day (and any entry this page cannot read). */
export function pruneOrders(now = Date.now()) {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      let at;
      try {
        at = JSON.parse(localStorage.getItem(key)).at;
      } catch {}
      if (typeof at !== "number" || !(now - at < KEEP_MS) || at > now + KEEP_MS) localStorage.removeItem(key);
    }
  } catch {} // storage disabled: nothing kept, nothing to prune
}

/** Keeps an order's secret in this browser, so that its result page can ask for it. */
export function saveOrder(orderId, secret) {
  try {
    localStorage.setItem(PREFIX + orderId, JSON.stringify({ secret, at: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

/** The secret kept for an order, or null (another device or browser, or more than a day old). */
export function orderSecret(orderId) {
  try {
    const entry = JSON.parse(localStorage.getItem(PREFIX + orderId));
    if (typeof entry?.secret !== "string" || typeof entry.at !== "number" || !(Date.now() - entry.at < KEEP_MS)) return null;
    return entry.secret;
  } catch {
    return null;
  }
}

/**
 * The wallet link from the Worker, or null when it is not one a page may navigate to (the Worker
 * already refuses script URLs; a page that merchants copy checks again).
 */
export function walletLink(url) {
  try {
    const u = new URL(url);
    return ["javascript:", "vbscript:", "data:", "blob:", "file:", "about:"].includes(u.protocol) ? null : u.href;
  } catch {
    return null;
  }
}

/** A fresh Idempotency-Key: 18 random bytes as base64url (24 characters). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * One request to the Worker's API: `{ status, body, headers }` for any HTTP answer (the body is
 * `{}` when it is not JSON); throws only when no answer came (a network problem).
 */
export async function call(path, { method = "GET", secret, idempotencyKey, body } = {}) {
  const headers = {};
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "same-origin",
  });
  let answer = {};
  try {
    answer = await res.json();
  } catch {}
  return { status: res.status, body: answer ?? {}, headers: res.headers };
}

/** What to tell the shopper (and the merchant reading it) when the page could not start. */
export function startFailure(error) {
  const messages = [];
  for (let e = error, depth = 0; e && depth < 4; e = e.cause, depth++) {
    const m = e instanceof Error ? e.message : String(e);
    if (m && !messages.includes(m)) messages.push(m);
  }
  let text = (messages.join(": ") || "unknown error").replace(/[.\s]+$/, "");
  if (/webassembly|wasm|\bcsp\b|content.security.policy/i.test(text)) {
    text += ". The page's Content-Security-Policy must allow 'wasm-unsafe-eval' (in script-src).";
  }
  return text;
}

/** Replaces the page's loading state with the reason it could not start. */
export function showStartFailure(error, heading) {
  console.error("the page could not start", error);
  heading.textContent = "This page could not start";
  heading.className = "failed";
  const p = $("page-error");
  p.textContent = startFailure(error);
  document.body.dataset.state = "broken";
}
