import * as A from "antom-checkout";
import { state, writeInput, configJson, prepared } from "../node_modules/antom-checkout/internal.js";
const CLIENT_ID = "TEST_5X00000000000000";
const TIME = "1735700400123";
const PATH = "/ams/api/v1/payments/pay";
const expiry = new Date(Date.now() + 3600_000).toISOString().slice(0, 19) + "+00:00";
const goods = (id, name, qty, value) => ({ referenceGoodsId: id, goodsName: name, goodsCategory: "Food/Drinks", goodsUnitAmount: { currency: "JPY", value }, goodsQuantity: qty, deliveryMethodType: "PHYSICAL" });
// Canonical key order with the constants, so JSON.stringify of it is the library's body.
const request = {
  productCode: "IN_STORE_PAYMENT",
  paymentRequestId: "PR20250101120000JP0001",
  order: {
    referenceOrderId: "ORD20250101120000JP0001",
    orderDescription: "Cafe order 0001: 2 lattes, 1 croissant, 1 water",
    orderAmount: { currency: "JPY", value: "1400" },
    merchant: {
      referenceMerchantId: "SM_JP_000123", merchantMCC: "5814", merchantName: "Example Cafe KK", merchantDisplayName: "Example Cafe",
      merchantAddress: { region: "JP", city: "Tokyo", address1: "3-1 Shinjuku", zipCode: "160-0022" },
      store: { referenceStoreId: "ST_JP_0001", storeName: "Example Cafe Shinjuku", storeMCC: "5814", storeTerminalId: "T-01", storeAddress: { region: "JP", city: "Tokyo", address1: "3-1 Shinjuku" }, storePhoneNo: "+81-3-0000-0000" },
    },
    goods: [goods("G-LATTE", "Latte", "2", "450"), goods("G-CROISSANT", "Croissant", "1", "300"), goods("G-WATER", "Mineral water", "1", "200")],
    env: {
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.5.30.6000 Language/ja",
      terminalType: "WAP", osType: "IOS", osVersion: "17.0", clientIp: "203.0.113.7", timeZoneOffset: "-540", deviceLanguage: "ja-JP",
    },
  },
  paymentAmount: { currency: "JPY", value: "1400" },
  paymentMethod: { paymentMethodType: "CONNECT_WALLET" },
  paymentFactor: { inStorePaymentScenario: "EntryCode" },
  paymentExpiryTime: expiry,
  paymentRedirectUrl: "https://merchant.example.com/antom/return?order=ORD20250101120000JP0001",
  paymentNotifyUrl: "https://merchant.example.com/antom/notify",
  settlementStrategy: { settlementCurrency: "JPY" },
};
const invalid = structuredClone(request); // three problems
invalid.order.merchant.store.storeMCC = "abc";
delete invalid.order.goods[2].goodsName;
const config = { clientId: CLIENT_ID, gateway: "asia", keyVersion: "1", requestTime: TIME };
A.preparePayRequest(request, config);
const core = state.core;
const N = 200000;
function t(name, f) { for (let i = 0; i < 20000; i++) f(); const s = performance.now(); for (let i = 0; i < N; i++) f(); console.log(name, ((performance.now() - s) * 1000 / N).toFixed(2), "us"); }
const text = JSON.stringify(request);
const ctext = configJson(config, "c");
const [a, b] = writeInput(core, text, ctext);
const out = core.prepare(0, a, b, Date.now()); console.log(out.slice(0,3));
t("whole", () => A.preparePayRequest(request, config));
t("stringify", () => JSON.stringify(request));
t("writeInput", () => writeInput(core, text, ctext));
t("configJson", () => configJson(config, "c"));
t("core.preparePay", () => core.prepare(0, a, b, Date.now()));
t("validatePay", () => core.validatePay(a, Date.now(), false));
t("prepared()", () => prepared(out, 1));
t("decode 2KB", () => new TextDecoder().decode(new TextEncoder().encode(out)));
{
const PATH = "/ams/api/v1/payments/pay";
const { vec } = await import("../helpers.mjs");
const answerBody = vec("03_pay_response/body.json");
const answerTime = "2025-01-01T12:00:00+09:00";
const sig = Buffer.alloc(256, 7).toString("base64");
const answerHeader = `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}`;
const p = A.preparePayRequest(request, config);
t("signatureHeader", () => A.signatureHeader(sig, "1"));
t("peer header", () => `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}`);
t("parseSignatureHeader", () => A.parseSignatureHeader(answerHeader));
t("peer parse", () => decodeURIComponent(/signature=([^,]+)/.exec(answerHeader)[1]));
t("contentToVerify", () => A.contentToVerify({ path: p.path, clientId: CLIENT_ID, time: answerTime, body: answerBody }));
t("peer content", () => `POST ${PATH}\n${CLIENT_ID}.${answerTime}.${answerBody}`);
t("interpretPayResponse", () => A.interpretPayResponse({ status: 200, body: answerBody }));
t("peer interpret", () => { const a = JSON.parse(answerBody); return a.result.resultStatus === "S" && a.redirectActionForm?.redirectUrl; });
t("encode content", () => new TextEncoder().encode(`POST ${PATH}\n${CLIENT_ID}.${answerTime}.${answerBody}`));
}
