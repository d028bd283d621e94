// The load test's baseline: the Worker example's handler, unchanged, with `antom-checkout`
// replaced (wrangler `alias`) by a hand-written plain-JS client of the kind a merchant writes
// without the library: a few required-field checks, JSON.stringify, WebCrypto, the same retries.
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const enc = new TextEncoder();
const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const der = (pem) => unb64(pem.replace(/\\n/g, "\n").replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""));

export class AntomCheckoutError extends Error {
  constructor(code, message, issues = []) {
    super(message);
    this.name = "AntomCheckoutError";
    this.code = code;
    this.issues = issues;
  }
}
export const isAntomCheckoutError = (e) => e instanceof AntomCheckoutError;

export function toMinorUnits(amount, currency) {
  const digits = { JPY: 0, KRW: 0 }[currency] ?? 2;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m || (m[2] ?? "").length > digits) throw new AntomCheckoutError("INVALID_AMOUNT", "bad amount");
  return String(BigInt(m[1] + (m[2] ?? "").padEnd(digits, "0")));
}

export function validatePayRequest(r) {
  const issues = [];
  for (const p of ["order.orderDescription", "order.orderAmount.value", "order.merchant.store.storeMCC", "order.env.userAgent", "paymentAmount.value", "paymentNotifyUrl"]) {
    if (!p.split(".").reduce((o, k) => o?.[k], r)) issues.push({ path: p, code: "REQUIRED", message: "required" });
  }
  return issues;
}

export function webCryptoSigner(pem) {
  const key = crypto.subtle.importKey("pkcs8", wrapPkcs1(der(pem)), RSA, false, ["sign"]);
  return async (content) => b64(await crypto.subtle.sign(RSA.name, await key, enc.encode(content)));
}

export function webCryptoVerifier(pem) {
  const key = crypto.subtle.importKey("spki", der(pem), RSA, false, ["verify"]);
  return async (content, sig) => crypto.subtle.verify(RSA.name, await key, unb64(sig), enc.encode(content));
}

// The demo's merchant key is PKCS#1; a hand-written client has to wrap it for WebCrypto too.
function wrapPkcs1(d) {
  if (d[4] === 0x02 && d[5] === 0x01 && d[6] === 0x00 && d[7] === 0x30) return d; // already PKCS#8
  const len = (n) => (n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]);
  const octet = [0x04, ...len(d.length), ...d];
  const body = [0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, ...octet];
  return new Uint8Array([0x30, ...len(body.length), ...body]);
}

export class AntomClient {
  constructor(o) {
    this.o = o;
  }
  async #call(path, body, interpret) {
    const full = `/ams/api/v1/payments/${path}`;
    let last;
    for (let attempt = 1; attempt <= (this.o.retry?.maxAttempts ?? 3); attempt++) {
      const time = String(Date.now());
      const sig = await this.o.sign(`POST ${full}\n${this.o.clientId}.${time}.${body}`);
      try {
        const res = await fetch(this.o.gateway + full, {
          method: "POST",
          headers: { "Content-Type": "application/json; charset=UTF-8", "Client-Id": this.o.clientId, "Request-Time": time, Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}` },
          body,
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 8000),
        });
        const text = await res.text();
        const s = decodeURIComponent(/signature=([^,]+)/.exec(res.headers.get("signature") ?? "")?.[1] ?? "");
        const ok = s && (await this.o.verify(`POST ${full}\n${res.headers.get("client-id")}.${res.headers.get("response-time")}.${text}`, s));
        last = ok && res.status === 200 ? interpret(JSON.parse(text)) : { kind: "unknown", reason: "SIGNATURE_INVALID" };
      } catch {
        last = { kind: "unknown", reason: "NETWORK_ERROR" };
      }
      last.attempts = attempt;
      if (last.kind !== "unknown") return last;
    }
    return last;
  }
  pay(r) {
    const body = JSON.stringify({ productCode: "IN_STORE_PAYMENT", paymentRequestId: r.paymentRequestId, order: r.order, paymentAmount: r.paymentAmount, paymentMethod: { paymentMethodType: "CONNECT_WALLET" }, paymentFactor: { inStorePaymentScenario: "EntryCode" }, paymentExpiryTime: r.paymentExpiryTime, paymentRedirectUrl: r.paymentRedirectUrl, paymentNotifyUrl: r.paymentNotifyUrl, settlementStrategy: r.settlementStrategy });
    return this.#call("pay", body, (a) => {
      const s = a.result?.resultStatus;
      if (s === "S") return { kind: "redirect", redirect: a.redirectActionForm, paymentId: a.paymentId, resultCode: a.result.resultCode };
      if (s === "F") return { kind: "failed", resultCode: a.result.resultCode, action: "showDeclined" };
      return { kind: "unknown", reason: "RESULT_UNKNOWN" };
    });
  }
  inquirePayment(ref) {
    return this.#call("inquiryPayment", JSON.stringify(ref), (a) => ({ kind: { SUCCESS: "paid", FAIL: "failed", CANCELLED: "cancelled" }[a.paymentStatus] ?? "processing", paymentStatus: a.paymentStatus }));
  }
  cancel(ref) {
    return this.#call("cancel", JSON.stringify(ref), (a) => ({ kind: a.result?.resultStatus === "S" ? "cancelled" : "failed" }));
  }
}

export async function handleNotification(request, { clientId, verify }) {
  const body = await request.text();
  const h = request.headers;
  const s = decodeURIComponent(/signature=([^,]+)/.exec(h.get("signature") ?? "")?.[1] ?? "");
  const ok = s && h.get("client-id") === clientId && (await verify(`POST ${new URL(request.url).pathname}\n${clientId}.${h.get("request-time")}.${body}`, s));
  const ack = { status: ok ? 200 : 400, headers: { "Content-Type": "application/json" }, body: ok ? '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}' : "{}" };
  if (!ok) return { accepted: false, reason: "SIGNATURE_INVALID", ack };
  const n = JSON.parse(body);
  return { accepted: true, notification: { kind: n.result?.resultStatus === "S" ? "paid" : "failed", paymentRequestId: n.paymentRequestId, paymentId: n.paymentId, resultCode: n.result?.resultCode }, ack };
}
