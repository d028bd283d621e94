// Compiled by `tsc` in scripts/build: what the types accept, and what they must refuse
// (each @ts-expect-error line fails the build if it ever stops being an error).
import {
  AntomClient, preparePayRequest, validatePayRequest, interpretPayResponse, toMinorUnits,
  webCryptoSigner, webCryptoVerifier, isAntomCheckoutError, signatureHeader,
  type PayOutcome, type PayRequest, type Issue,
} from "antom-checkout";

const request: PayRequest = {
  paymentRequestId: "PR1",
  order: {
    orderDescription: "Cafe",
    orderAmount: { currency: "JPY", value: toMinorUnits("1200", "JPY") },
    merchant: { referenceMerchantId: "M", merchantMCC: "5814", merchantName: "Cafe", store: { referenceStoreId: "S", storeName: "Cafe", storeMCC: "5814" } },
    env: { userAgent: "UA", terminalType: "WAP", timeZoneOffset: -540 },
    goods: [{ referenceGoodsId: "G", goodsName: "Latte", goodsQuantity: 2 }],
  },
  paymentAmount: { currency: "JPY", value: "1200" },
  paymentNotifyUrl: "https://m.example/notify",
  settlementStrategy: { settlementCurrency: "JPY" },
};

// @ts-expect-error Entry Code only: another product code is refused by the type too.
const wrongProduct: PayRequest = { ...request, productCode: "CASHIER_PAYMENT" };
// @ts-expect-error terminalType is a closed set.
const wrongTerminal: PayRequest["order"]["env"] = { userAgent: "UA", terminalType: "PC" };

const issues: Issue[] = validatePayRequest(request);
const prepared = preparePayRequest(request, { clientId: "C", gateway: "asia", keyVersion: 1 });
const header: string = signatureHeader("YWJj", "1") + prepared.contentToSign;

// @ts-expect-error gateway is required.
preparePayRequest(request, { clientId: "C" });
// @ts-expect-error a misspelt field is a type error (storeMCC).
preparePayRequest({ ...request, order: { ...request.order, merchant: { ...request.order.merchant, store: { referenceStoreId: "S", storeName: "Cafe", storeMcc: "5814" } } } }, { clientId: "C", gateway: "asia" });
// @ts-expect-error amounts are strings in minor units, never numbers.
preparePayRequest({ ...request, paymentAmount: { currency: "JPY", value: 12.5 } }, { clientId: "C", gateway: "asia" });
// @ts-expect-error the merchant owns paymentRequestId: it is required.
const noId: PayRequest = { order: request.order, paymentAmount: request.paymentAmount, paymentNotifyUrl: "https://m.example/n", settlementStrategy: { settlementCurrency: "JPY" } };
// @ts-expect-error verification is a decision: verify, or trustUnverifiedAnswers: true.
new AntomClient({ clientId: "C", gateway: "asia", sign: webCryptoSigner("k") });
// @ts-expect-error not both.
new AntomClient({ clientId: "C", gateway: "asia", sign: webCryptoSigner("k"), verify: webCryptoVerifier("p"), trustUnverifiedAnswers: true });
const trusting = new AntomClient({ clientId: "C", gateway: "http://127.0.0.1:8788", sign: webCryptoSigner("k"), trustUnverifiedAnswers: true });
// Looser than the defaults only by options that say so: an http gateway, more redirect schemes.
const insecure = new AntomClient({ clientId: "C", gateway: "http://antom.test", allowInsecureGateway: true, redirectSchemes: ["myapp"], sign: webCryptoSigner("k"), verify: webCryptoVerifier("p") });
preparePayRequest(request, { clientId: "C", gateway: "http://antom.test", allowInsecureGateway: true });
// @ts-expect-error redirectSchemes is a list of schemes.
new AntomClient({ clientId: "C", gateway: "asia", redirectSchemes: "myapp", sign: webCryptoSigner("k"), verify: webCryptoVerifier("p") });
// @ts-expect-error the HTTP status is not part of an outcome.
interpretPayResponse({ status: 500, body: "" }).httpStatus;
const stale: boolean = interpretPayResponse({ status: 200, body: "" }).reason === "STALE_ANSWER";

async function flow(env: { KEY: string; PUB: string }): Promise<string> {
  const client = new AntomClient({ clientId: "C", gateway: "asia", sign: webCryptoSigner(env.KEY), verify: webCryptoVerifier(env.PUB), timeoutMs: 5000, retry: { maxAttempts: 3 } });
  const o: PayOutcome = await client.pay(request);
  switch (o.kind) {
    case "redirect":
      return o.redirect.redirectUrl;
    case "failed":
      // @ts-expect-error a failure is never "retrySameRequest".
      o.action === "retrySameRequest";
      return o.resultStatus;
    case "unknown":
      return o.reason;
  }
}

async function inquiry(client: AntomClient): Promise<string> {
  const o = await client.inquirePayment({ paymentRequestId: "PR1" });
  if (o.kind === "unknown" && o.action === "cancelPayment") {
    const c = await client.cancel({ paymentRequestId: "PR1" });
    return c.kind;
  }
  return o.settlementQuote?.quotePrice ?? o.pspCustomerInfo?.pspName ?? String(o.raw?.["paymentStatus"]);
}

try {
  interpretPayResponse({ status: 200, headers: new Headers(), body: "{}" });
} catch (e) {
  if (isAntomCheckoutError(e)) console.log(e.code, e.issues.length, e.cause);
}
export { issues, header, flow, inquiry, wrongProduct, wrongTerminal, noId, trusting };

// The hand-written outcomes of index.d.ts end in exactly the kinds each call's description
// (src/calls.rs, generated into calls.d.ts) says.
import type { CallKinds, InquiryOutcome, CancelOutcome, RefundOutcome, RefundRequest } from "antom-checkout";
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const kindsHold: [
  Same<PayOutcome["kind"], CallKinds["pay"]>,
  Same<InquiryOutcome["kind"], CallKinds["inquirePayment"]>,
  Same<CancelOutcome["kind"], CallKinds["cancel"]>,
  Same<RefundOutcome["kind"], CallKinds["refund"]>,
] = [true, true, true, true];

export async function refundTypes(client: AntomClient, paymentId: string): Promise<string | undefined> {
  const refund: RefundRequest = { refundRequestId: "RF1", paymentId, refundAmount: { currency: "JPY", value: "200" } };
  const o = await client.refund(refund);
  // @ts-expect-error a refund has no redirect kind
  if (o.kind === "redirect") return undefined;
  // @ts-expect-error refundAmount is required
  await client.refund({ refundRequestId: "RF2", paymentId });
  return o.kind === "refunded" ? o.refundId : undefined;
}

import { prepareRequest } from "antom-checkout";
export function preparedRefundId(paymentId: string): string {
  const p = prepareRequest("refund", { refundRequestId: "RF3", paymentId, refundAmount: { currency: "JPY", value: "1" } }, { clientId: "C", gateway: "sg" });
  // @ts-expect-error a refund's prepared request carries refundRequestId, not paymentRequestId
  p.paymentRequestId.length;
  return p.refundRequestId;
}

// The structures generated from Rust (index.d.ts's generated section): a member's type is its
// Rust type's.
import type { Notification, NotificationKind, OutcomeBase } from "antom-checkout";
export function generatedTypes(n: Notification, o: OutcomeBase): [NotificationKind, number | undefined, string | undefined] {
  // @ts-expect-error attempts is a number (u32 in Rust), never a string.
  const attempts: string | undefined = o.attempts;
  // @ts-expect-error a notification's kind is a NotificationKind, not an outcome's kind.
  const kind: Notification["kind"] = "redirect";
  return [n.kind, o.attempts, o.unverified?.resultCode ?? attempts ?? kind];
}
