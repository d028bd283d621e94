// The package as a JS developer imports it, by its name, in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as A from "antom-checkout";
import { vec, validRequest, nodeVerifies, CLIENT_ID } from "./helpers.mjs";

const params = (dir) => Object.fromEntries(vec(`${dir}/params.txt`).trim().split("\n").map((l) => l.split(/=(.*)/s).slice(0, 2)));

for (const dir of ["01_pay_request", "02_pay_request_utf8"]) {
  test(`vector ${dir}: preparePayRequest + webCryptoSigner reproduce it byte for byte`, async () => {
    const p = params(dir);
    const body = vec(`${dir}/body.json`);
    const prepared = A.preparePayRequest(JSON.parse(body), { clientId: p.client_id, gateway: "asia", keyVersion: p.key_version, requestTime: p.request_time });
    assert.equal(prepared.body, body);
    assert.equal(prepared.contentToSign, vec(`${dir}/content.txt`));
    assert.equal(prepared.path, p.path);
    assert.equal(prepared.headers["Request-Time"], p.request_time);
    const signature = await A.webCryptoSigner(vec("keys/merchant_private_pkcs8.pem"))(prepared.contentToSign);
    assert.equal(signature, vec(`${dir}/signature.b64.txt`));
    assert.equal(A.signatureHeader(signature, p.key_version), vec(`${dir}/signature_header_value.txt`));
    assert.ok(nodeVerifies(vec("keys/merchant_public.pem"), prepared.contentToSign, signature), "node:crypto verifies it");
  });
}

test("the same private key in every form signs identically", async () => {
  const content = vec("content.txt");
  const forms = ["merchant_private_pkcs8.pem", "merchant_private_pkcs1.pem", "merchant_private_pkcs8.b64", "merchant_private_pkcs1.b64"].map((f) => vec(`keys/${f}`));
  forms.push(vec("keys/merchant_private_pkcs1.pem").replaceAll("\n", "\\n")); // pasted into an env var
  for (const key of forms) assert.equal(await A.webCryptoSigner(key)(content), vec("signature.b64.txt"));
  const cryptoKey = await crypto.subtle.importKey("pkcs8", Buffer.from(vec("keys/merchant_private_pkcs8.b64"), "base64"), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  assert.equal(await A.webCryptoSigner(cryptoKey)(content), vec("signature.b64.txt"));
});

test("private keys are never accepted extractable, and wrong keys say why", async () => {
  const extractable = await crypto.subtle.importKey("pkcs8", Buffer.from(vec("keys/merchant_private_pkcs8.b64"), "base64"), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["sign"]);
  assert.throws(() => A.webCryptoSigner(extractable), { name: "AntomCheckoutError", code: "INVALID_KEY" });
  assert.throws(() => A.webCryptoSigner(vec("keys/merchant_public.pem")), { code: "INVALID_KEY", message: /public key/ });
  assert.throws(() => A.webCryptoSigner("not a key"), { code: "INVALID_KEY" });
  assert.throws(() => A.webCryptoVerifier(vec("keys/merchant_private_pkcs8.pem")), { code: "INVALID_KEY" });
  assert.throws(() => A.webCryptoSigner(42), { code: "INVALID_ARGUMENT" });
});

test("webCryptoVerifier checks the response and notification vectors; tampering fails", async () => {
  for (const key of [vec("keys/antom_sim_public.pem"), vec("keys/antom_sim_public.b64")]) {
    const verify = A.webCryptoVerifier(key);
    for (const dir of ["03_pay_response", "04_notify_payment"]) {
      const head = vec(`${dir}/${dir.startsWith("03") ? "http_response_head.txt" : "http_request_head.txt"}`);
      const h = Object.fromEntries(head.split("\r\n").slice(1).filter(Boolean).map((l) => [l.split(": ")[0].toLowerCase(), l.split(": ")[1]]));
      const time = h["response-time"] ?? h["request-time"];
      const body = vec(`${dir}/body.json`);
      const content = A.contentToVerify({ path: params(dir).path, clientId: h["client-id"], time, body });
      assert.equal(content, vec(`${dir}/content.txt`));
      const { signature } = A.parseSignatureHeader(h.signature);
      assert.equal(await verify(content, signature), true);
      assert.equal(await verify(content.replace("1200", "1201"), signature), false);
      assert.equal(await verify(content, "!!notbase64"), false);
    }
  }
});

test("signature headers: both hex cases, spaces, raw base64", () => {
  const want = vec("signature.b64.txt");
  assert.equal(A.parseSignatureHeader(vec("signature_header_value.txt")).signature, want);
  assert.equal(A.parseSignatureHeader(`algorithm=RSA256, keyVersion=1, signature=${vec("01_pay_request/signature.lowerhex.txt")}`).signature, want);
  assert.equal(A.parseSignatureHeader(`signature=${want}`).signature, want);
  assert.equal(A.signatureHeader("YWJj"), "algorithm=RSA256,signature=YWJj");
  assert.equal(A.signatureHeader("YWJj", 2), "algorithm=RSA256,keyVersion=2,signature=YWJj");
  assert.throws(() => A.parseSignatureHeader("algorithm=RSA256"), { code: "INVALID_SIGNATURE_HEADER" });
  assert.throws(() => A.signatureHeader("a b"), { code: "INVALID_ARGUMENT" });
});

test("every code of the reference page interprets to its status", () => {
  const rows = vec("reference_pay_entry_code.txt").split("\n").map((l) => l.split("|").map((c) => c.trim())).filter((c) => /^[A-Z_]+$/.test(c[0]) && /^[SFU]$/.test(c[1] ?? ""));
  assert.ok(rows.length >= 29);
  for (const [code, status] of rows) {
    const o = A.interpretPayResponse({ status: 200, headers: new Headers(), body: JSON.stringify({ result: { resultStatus: status, resultCode: code } }) });
    assert.equal(o.resultCode, code);
    assert.equal(o.kind, status === "F" ? "failed" : "unknown", code); // S without a redirect is not followable
    if (status === "F") assert.equal(o.retryable, false);
  }
  const s = A.interpretPayResponse({ status: 200, headers: { "content-type": "application/json" }, body: new TextEncoder().encode(vec("03_pay_response/body.json")) });
  assert.equal(s.kind, "redirect");
  assert.equal(s.redirect.redirectUrl, "https://wallet.example.com/cashier?token=EXAMPLE-TOKEN-0001");
  // The answer as parsed is carried as `raw` (an enumerable property like the others), equal to
  // node's own parse of the vector; none when the body is not JSON.
  assert.deepEqual(s.raw, JSON.parse(vec("03_pay_response/body.json")));
  assert.deepEqual(Object.keys(s).at(-1), "raw");
  assert.deepEqual(JSON.parse(JSON.stringify(s)).raw, JSON.parse(vec("03_pay_response/body.json")));
  assert.equal(A.interpretPayResponse({ status: 502, body: "" }).kind, "unknown");
  const html = A.interpretPayResponse({ status: 200, body: "<html>" });
  assert.equal(html.reason, "UNPARSABLE_BODY");
  assert.equal("raw" in html, false);
});

test("money: minor units both ways, never rounding", () => {
  assert.equal(A.toMinorUnits("12.34", "USD"), "1234");
  assert.equal(A.toMinorUnits("1.234", "BHD"), "1234");
  assert.equal(A.fromMinorUnits("1234", "USD"), "12.34");
  assert.throws(() => A.toMinorUnits("12.5", "JPY"), { code: "INVALID_AMOUNT" });
  assert.throws(() => A.toMinorUnits("1", "ABC"), { code: "UNKNOWN_CURRENCY" });
  assert.throws(() => A.toMinorUnits(12.34, "USD"), { code: "INVALID_ARGUMENT" });
});

test("validation reports every issue with its path; prepare throws them all", () => {
  assert.deepEqual(A.validatePayRequest(validRequest()), []);
  const bad = validRequest({ paymentNotifyUrl: "nope", merchantRegion: "HK" });
  bad.order.merchant.store.storeMCC = "abc";
  bad.order.goods = [{ referenceGoodsId: "1", goodsName: "a" }, { referenceGoodsId: "2", goodsName: "b" }, { referenceGoodsId: "3" }];
  const paths = A.validatePayRequest(bad).map((i) => `${i.path} ${i.code}`);
  assert.deepEqual(paths, ["order.merchant.store.storeMCC INVALID_FORMAT", "order.goods[2].goodsName REQUIRED", "paymentNotifyUrl INVALID_FORMAT", "merchantRegion INVALID_VALUE"]);
  try {
    A.preparePayRequest(bad, { clientId: CLIENT_ID, gateway: "asia" });
    assert.fail("must throw");
  } catch (e) {
    assert.ok(e instanceof Error && e instanceof A.AntomCheckoutError && A.isAntomCheckoutError(e));
    assert.equal(e.name, "AntomCheckoutError");
    assert.equal(e.code, "INVALID_REQUEST");
    assert.equal(e.issues.length, 4);
  }
  assert.throws(() => A.preparePayRequest(validRequest(), { clientId: CLIENT_ID, gateway: "ftp://x" }), { code: "INVALID_CONFIG" });
  assert.throws(() => A.preparePayRequest(validRequest(), { clientId: CLIENT_ID, gateway: "sg", extra: 1 }), { code: "INVALID_CONFIG" });
});

test("the merchant owns paymentRequestId: a missing one is REQUIRED everywhere, never made up", async () => {
  const input = validRequest();
  delete input.paymentRequestId;
  const required = (i) => i.path === "paymentRequestId" && i.code === "REQUIRED" && i.message.includes("newPaymentRequestId()");
  assert.ok(A.validatePayRequest(input).some(required));
  assert.throws(() => A.preparePayRequest(input, { clientId: CLIENT_ID, gateway: "sg" }), (e) => e.code === "INVALID_REQUEST" && e.issues.some(required));
  let sent = 0;
  const c = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign: async () => "YWJj", trustUnverifiedAnswers: true, fetch: async () => { sent++; return new Response("{}"); } });
  await assert.rejects(c.pay(input), (e) => e.code === "INVALID_REQUEST" && e.issues.some(required));
  assert.equal(sent, 0);
  // The generator: generate, store, then send.
  const id = A.newPaymentRequestId();
  assert.match(id, /^[A-Za-z0-9_-]{22}$/);
  assert.notEqual(id, A.newPaymentRequestId());
  const p = A.preparePayRequest({ ...input, paymentRequestId: id }, { clientId: CLIENT_ID, gateway: "http://127.0.0.1:8787", sandbox: true });
  assert.equal(JSON.parse(p.body).paymentRequestId, id);
  assert.equal(p.url, "http://127.0.0.1:8787/ams/sandbox/api/v1/payments/pay");
});

test("globalGateway makes merchantRegion required (the reference page, GGW)", () => {
  const ggw = { clientId: CLIENT_ID, gateway: "sg", globalGateway: true };
  assert.deepEqual(A.validatePayRequest(validRequest(), { globalGateway: true }).map((i) => [i.path, i.code]), [["merchantRegion", "REQUIRED"]]);
  assert.throws(() => A.preparePayRequest(validRequest(), ggw), { code: "INVALID_REQUEST" });
  assert.ok(A.preparePayRequest(validRequest({ merchantRegion: "SG" }), ggw));
  assert.deepEqual(A.validatePayRequest(validRequest()), []);
});

test("a redirect is judged the way Node's own URL parser reads it", async () => {
  const { readFileSync } = await import("node:fs");
  const list = JSON.parse(readFileSync(new URL("./redirects.json", import.meta.url), "utf8"));
  // The allow-list, restated here (src/interpret.rs WALLET_SCHEMES is the one list in the code).
  const wallets = new Set(["alipays:", "alipay:", "alipayhk:", "gcash:", "dana:", "tngdwallet:", "kakaotalk:", "ascendmoney:"]);
  const loopback = (host) => host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  for (const { url, protocol, safe } of list) {
    let seen;
    try { seen = new URL(url).protocol; } catch { seen = "invalid"; }
    assert.equal(seen, protocol, `Node reads ${JSON.stringify(url)} as ${seen}`);
    // The policy, derived here from Node's parse: no control characters or surrounding spaces
    // at all, an absolute URL, and an allowed scheme: https with a host, http to a loopback host,
    // or a wallet's app scheme. Anything else is refused, whatever it is.
    const plain = !/[\u0000-\u001f\u007f-\u009f]/.test(url) && url.trim() === url && seen !== "invalid";
    let expect = plain && wallets.has(seen);
    if (plain && seen === "https:") expect = new URL(url).host !== "";
    if (plain && seen === "http:") expect = loopback(new URL(url).hostname);
    assert.equal(safe, expect, JSON.stringify(url));
    const o = A.interpretPayResponse({ status: 200, body: JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, redirectActionForm: { redirectUrl: url } }) });
    assert.equal(o.kind, safe ? "redirect" : "unknown", JSON.stringify(url));
    if (!safe) assert.equal(o.reason, "UNSAFE_REDIRECT", JSON.stringify(url));
  }
  // Schemes a deny-list let through are refused now.
  for (const scheme of ["ms-msdt:", "search-ms:", "jar:", "mhtml:", "x-javascript:", "livescript:", "ftp:"]) {
    assert.ok(list.some((e) => e.protocol === scheme && !e.safe), scheme);
  }
});

test("initAntomCheckout is a resolved no-op in Node", async () => {
  assert.equal(await A.initAntomCheckout(), undefined);
});

test("errors never carry keys, signatures or card-like values", async () => {
  const pan = "4111111111111111";
  const secrets = [pan, vec("keys/merchant_private_pkcs8.b64").slice(40, 80), vec("signature.b64.txt").slice(10, 50)];
  const texts = [];
  const collect = (f) => {
    try {
      const r = f();
      if (Array.isArray(r)) texts.push(...r.map((i) => i.message + i.path));
    } catch (e) {
      texts.push(e.message, ...(e.issues ?? []).map((i) => i.message));
    }
  };
  const bad = validRequest({ paymentRequestId: pan + "\u0001" });
  bad.order.orderDescription = pan.repeat(30);
  bad.order.env.terminalType = pan;
  bad.order.buyer = { buyerEmail: pan };
  collect(() => A.validatePayRequest(bad));
  collect(() => A.preparePayRequest(bad, { clientId: CLIENT_ID, gateway: "asia" }));
  collect(() => A.webCryptoSigner(vec("keys/merchant_private_pkcs8.b64").slice(0, 900)));
  collect(() => A.webCryptoVerifier(vec("keys/merchant_private_pkcs8.pem")));
  collect(() => A.parseSignatureHeader(`algorithm=RSA999,signature=${vec("signature.b64.txt")}`));
  collect(() => A.signatureHeader(`${vec("signature.b64.txt")}!`));
  const c = new A.AntomClient({ clientId: CLIENT_ID, gateway: "https://antom.test", sign: async () => { throw new Error("kms down"); }, verify: async () => false, fetch: async () => new Response("{}") });
  await c.pay(validRequest()).catch((e) => texts.push(e.message));
  assert.ok(texts.length >= 8);
  for (const t of texts) for (const s of secrets) assert.ok(!t.includes(s), `leaked into: ${t}`);
});

test("every currency and its minor units agree with ISO 4217 (npm currency-codes 2.2.0), differences listed", async () => {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const cc = require("currency-codes");
  const { readFileSync } = await import("node:fs");
  // The library's table as Rust exports it (tests/generated.rs keeps rules.json current).
  const ours = JSON.parse(readFileSync(new URL("./bench/rules.json", import.meta.url), "utf8")).$currencies;
  const digits = (c) => A.toMinorUnits("1", c).length - 1;
  // Deliberate differences, each with its reason.
  const onlyOurs = { XCG: "Caribbean guilder, in ISO 4217 since 2025 (after this data set's 2024-06-25 list)" };
  const onlyTheirs = {
    CUC: "Cuban convertible peso, withdrawn from circulation in 2021",
    ...Object.fromEntries(["XAG", "XAU", "XPD", "XPT"].map((c) => [c, "a precious metal, not a currency"])),
    ...Object.fromEntries(["XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA"].map((c) => [c, "a fund or unit of account (ISO gives no minor units)"])),
    XTS: "reserved for testing",
    XXX: "no currency involved",
  };
  const theirs = new Map(cc.codes().map((c) => [c, cc.code(c).digits]));
  for (const c of ours) {
    if (!theirs.has(c)) {
      assert.ok(onlyOurs[c], `${c} is not in ISO 4217 and not a listed difference`);
      continue;
    }
    assert.equal(digits(c), theirs.get(c), `${c}: minor units`);
  }
  for (const c of theirs.keys()) {
    if (ours.includes(c)) continue;
    assert.ok(onlyTheirs[c], `${c} is in ISO 4217 but not in the library, and not a listed difference`);
    assert.throws(() => A.toMinorUnits("1", c), { code: "UNKNOWN_CURRENCY" });
  }
  assert.equal(ours.length, 166);
});

test("a configuration object changed between calls is read again (its text is reused only while unchanged)", () => {
  const config = { clientId: CLIENT_ID, gateway: "asia", requestTime: "1735700400123" };
  const request = validRequest();
  assert.equal(A.preparePayRequest(request, config).requestTime, "1735700400123");
  config.requestTime = "1735700400999";
  assert.equal(A.preparePayRequest(request, config).requestTime, "1735700400999");
  config.gateway = "https://proxy.example";
  assert.equal(A.preparePayRequest(request, config).url, "https://proxy.example/ams/api/v1/payments/pay");
  delete config.requestTime;
  assert.notEqual(A.preparePayRequest(request, config).requestTime, "1735700400999");
  // Same own keys and values, but a toJSON on its prototype: written as JSON.stringify writes it.
  class Shaped {
    constructor() {
      Object.assign(this, config);
    }
    toJSON() {
      return { ...this, gateway: "eu" };
    }
  }
  assert.equal(A.preparePayRequest(request, new Shaped()).url, "https://open-de-global.alipay.com/ams/api/v1/payments/pay");
  assert.throws(() => A.preparePayRequest(request, { ...config, clientId: 42 }), { code: "INVALID_CONFIG" });
});

test("messages name the fix: amounts, misspelt fields, a missing configuration; undefined is null", () => {
  const r = validRequest();
  r.paymentAmount.value = 12.5;
  const [amount] = A.validatePayRequest(r);
  assert.equal(amount.path, "paymentAmount.value");
  assert.match(amount.message, /minor units.*"1250".*toMinorUnits/);
  const s = validRequest();
  s.order.merchant.store.storeMcc = s.order.merchant.store.storeMCC;
  delete s.order.merchant.store.storeMCC;
  const misspelt = A.validatePayRequest(s).find((i) => i.code === "UNKNOWN_FIELD");
  assert.equal(misspelt.path, "order.merchant.store.storeMcc");
  assert.match(misspelt.message, /did you mean storeMCC\?/);
  const t = validRequest();
  t.paymentNotifyUr1 = "https://merchant.example/notify";
  assert.match(A.validatePayRequest(t).find((i) => i.code === "UNKNOWN_FIELD").message, /did you mean paymentNotifyUrl\?/);
  for (const config of [undefined, null, {}, { clientId: "C" }, { gateway: "asia" }]) {
    assert.throws(() => A.preparePayRequest(validRequest(), config), (e) => e.code === "INVALID_CONFIG" && /clientId/.test(e.message) && /gateway/.test(e.message), JSON.stringify(config));
  }
  assert.throws(() => A.preparePayRequest(validRequest(), { clientId: "C", gateway: "asia", keyversion: "1" }), (e) => e.code === "INVALID_CONFIG" && /did you mean "keyVersion"\?/.test(e.message));
  assert.deepEqual(A.validatePayRequest(undefined), A.validatePayRequest(null));
  assert.equal(A.validatePayRequest(undefined)[0].path, "$");
});
