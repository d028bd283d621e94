// Shared helpers for the JS suites: the vectors, node:crypto as the independent RSA reference,
// and a scripted fake Antom gateway behind a fake fetch.
import { readFileSync } from "node:fs";
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";

const VECTORS = new URL("../vectors/", import.meta.url);
export const vec = (rel) => readFileSync(new URL(rel, VECTORS), "utf8");
export const CLIENT_ID = "TEST_5X00000000000000";

export function nodeVerifies(publicPem, content, signatureB64) {
  return nodeVerify("sha256", Buffer.from(content, "utf8"), createPublicKey(publicPem), Buffer.from(signatureB64, "base64"));
}

export function nodeSigns(privatePem, content) {
  return nodeSign("sha256", Buffer.from(content, "utf8"), createPrivateKey(privatePem)).toString("base64");
}

/** A valid request as a caller writes it (constants left to the library). */
export function validRequest(overrides = {}) {
  return {
    paymentRequestId: "PR20250101120000JP0001",
    order: {
      referenceOrderId: "ORD1",
      orderDescription: "Cafe order 0001",
      orderAmount: { currency: "JPY", value: "1200" },
      merchant: {
        referenceMerchantId: "SM_JP_000123",
        merchantMCC: "5814",
        merchantName: "Example Cafe KK",
        store: { referenceStoreId: "ST_JP_0001", storeName: "Example Cafe Shinjuku", storeMCC: "5814" },
      },
      env: { userAgent: "Mozilla/5.0 AlipayClient/10.5.30.6000" },
    },
    paymentAmount: { currency: "JPY", value: "1200" },
    paymentNotifyUrl: "https://merchant.example.com/antom/notify",
    settlementStrategy: { settlementCurrency: "JPY" },
    ...overrides,
  };
}

const ANTOM_KEY = () => vec("keys/antom_sim_private_pkcs8.pem");

/**
 * A fake fetch that answers like Antom from a script of steps, signing answers with the simulated
 * Antom key and checking the merchant's signature over exactly what it received.
 * Steps: { status: "S"|"F"|"U", code } | { hang: true } | { throws: Error } | { http: 500 }
 *        | { unsigned: true, status, code } | { tamper: true }
 *        | { inquiry: "SUCCESS" | ... } (an inquiry answer S with that paymentStatus; with unsigned: true too)
 */
export function fakeAntom(script) {
  const calls = [];
  const fetch = async (url, init) => {
    const step = script[Math.min(calls.length, script.length - 1)];
    calls.push({ url, init });
    const path = new URL(url).pathname;
    const sig = /signature=([^,]+)/.exec(init.headers.Signature)[1];
    const content = `POST ${path}\n${init.headers["Client-Id"]}.${init.headers["Request-Time"]}.${init.body}`;
    if (!nodeVerifies(vec("keys/merchant_public.pem"), content, decodeURIComponent(sig))) {
      throw new Error("fake gateway: the merchant signature does not verify");
    }
    if (step.hang) {
      return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
    }
    if (step.ignoreAbort) return new Promise(() => {});
    if (step.throws) throw step.throws;
    if (step.http) return new Response("upstream error", { status: step.http });
    const id = JSON.parse(init.body).paymentRequestId;
    const redirect = step.status === "S" ? `,"redirectActionForm":{"method":"GET","redirectUrl":"https://wallet.example/pay?id=${id}"}` : "";
    let body = step.inquiry
      ? `{"result":{"resultStatus":"S","resultCode":"SUCCESS","resultMessage":"success"},"paymentStatus":"${step.inquiry}","paymentRequestId":"${id}","paymentId":"P-${id}"}`
      : `{"result":{"resultStatus":"${step.status}","resultCode":"${step.code}","resultMessage":"m"},"paymentRequestId":"${id}","paymentId":"P-${id}"${redirect}}`;
    if (step.unsigned) return new Response(body, { status: 200 });
    // Answered when asked: the client refuses answers timed well before their request (replays).
    const time = init.headers["Request-Time"];
    const s = nodeSigns(ANTOM_KEY(), `POST ${path}\n${CLIENT_ID}.${time}.${body}`);
    if (step.tamper) body = body.replace("wallet.example", "evil.example");
    return new Response(body, {
      status: 200,
      headers: { "client-id": CLIENT_ID, "response-time": time, signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(s)}` },
    });
  };
  return { fetch, calls };
}
