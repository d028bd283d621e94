// One AntomClient per isolate: the private key is imported once, as a non-extractable
// WebCrypto key, from the Worker's secrets.
import { AntomClient, webCryptoSigner, webCryptoVerifier } from "antom-checkout/full";

let cached;

export function antom(env) {
  if (!cached) {
    const verify = webCryptoVerifier(env.ANTOM_PUBLIC_KEY);
    cached = {
      verify,
      clientId: env.ANTOM_CLIENT_ID,
      client: new AntomClient({
        clientId: env.ANTOM_CLIENT_ID,
        gateway: env.ANTOM_GATEWAY,
        sandbox: env.ANTOM_SANDBOX === "true",
        sign: webCryptoSigner(env.MERCHANT_PRIVATE_KEY),
        verify,
        timeoutMs: Number(env.TIMEOUT_MS ?? 8000),
        retry: { maxAttempts: 3, delayMs: 500 },
      }),
    };
  }
  return cached;
}

export function store(env) {
  return JSON.parse(env.STORE);
}

/**
 * The pay request for an order, with the store's fixed details (the page builds the same). The
 * paymentRequestId is the order's first attempt; the Worker sets the attempt it stores.
 */
export function template(env, orderId, s = store(env)) {
  return {
    paymentRequestId: `${orderId}-1`,
    order: {
      referenceOrderId: orderId,
      orderDescription: "",
      orderAmount: { currency: s.currency, value: "" },
      merchant: { referenceMerchantId: s.referenceMerchantId, merchantMCC: s.merchantMCC, merchantName: s.merchantName, store: s.store },
      env: { userAgent: "" },
    },
    paymentAmount: { currency: s.currency, value: "" },
    paymentRedirectUrl: `${env.PUBLIC_URL}/result.html?order=${orderId}`,
    paymentNotifyUrl: `${env.PUBLIC_URL}/antom/notify`,
    settlementStrategy: { settlementCurrency: s.currency },
  };
}

/** ISO 8601 with the store's numeric offset, as Antom writes times. */
export function isoAt(ms, offset) {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h, m] = offset.slice(1).split(":").map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}
