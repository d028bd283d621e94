// Every operation of the boundary (src/boundary.rs, as tests/js/boundary.json declares it) driven
// through the real export of the full module, from JavaScript, with the generated functions of
// ops.js: each answers a tag its declaration allows, and the tag that the input given must
// produce. Two operations swapped on one side (the Rust dispatch or ops.js) fail here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { sign } from "node:crypto";
import { vec, validRequest, CLIENT_ID } from "./helpers.mjs";

const PKG = new URL("./node_modules/antom-checkout/", import.meta.url);
const glue = await import(new URL("antom_checkout.js", PKG));
const { memory } = glue.initSync({ module: readFileSync(new URL("antom_checkout_bg.wasm", PKG)) });
const op = await import(new URL("ops.js", PKG));
const declared = JSON.parse(readFileSync(new URL("./boundary.json", import.meta.url), "utf8"));
const { Tag, GatewayScope, Convert, BodyBytes, KeyVersion, Codec, AnswerVerdict, NotificationVerdict, ClientFlag, HandleKind, RoundStep, SignResult, NoAnswer, Verdict, AbortedWhen } = op;
const tagName = Object.fromEntries(Object.entries(Tag).map(([k, v]) => [v, k]));

/** Writes texts back to back into the input buffer; answers their lengths in bytes. */
function input(...texts) {
  const bytes = texts.map((t) => (typeof t === "string" ? new TextEncoder().encode(t) : t));
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const at = glue.inputBuffer(total);
  let offset = 0;
  for (const b of bytes) {
    new Uint8Array(memory.buffer, at + offset, b.length).set(b);
    offset += b.length;
  }
  return bytes.map((b) => b.length);
}

const seen = new Map();
/** Runs operation `name` with `args` (its declared arguments), checks its answer's tag. */
function run(name, expected, ...args) {
  const decl = declared.ops.find((o) => o.name === name);
  assert.ok(decl, `${name} is declared`);
  assert.equal(typeof op[name], "function", `ops.js has ${name}`);
  const out = op[name](glue, ...args);
  const tag = tagName[out.charCodeAt(0)];
  assert.ok(tag === "error" || decl.answers.includes(tag), `${name} answered ${tag}, which it does not declare (${decl.answers})`);
  assert.equal(tag, expected, `${name}: ${out.slice(0, 160)}`);
  seen.set(name, (seen.get(name) ?? 0) + 1);
  return out.slice(1);
}

const config = JSON.stringify({ clientId: CLIENT_ID, gateway: "https://antom.test", requestTime: "2025-01-01T12:00:00+09:00" });
const antomKey = vec("keys/antom_sim_private_pkcs8.pem");

test("the declaration and the generated functions agree in number and names", () => {
  const names = Object.keys(op).filter((k) => typeof op[k] === "function").sort();
  assert.deepEqual(names, declared.ops.map((o) => o.name).sort());
  assert.deepEqual(Object.keys(Tag).sort(), Object.keys(declared.tags).sort());
  for (const [name, ch] of Object.entries(declared.tags)) assert.equal(Tag[name], ch.charCodeAt(0), name);
  // The value sets: every one generated, with its values; every other export is Tag or VERSION.
  for (const [set, values] of Object.entries(declared.values)) assert.deepEqual(op[set], values, set);
  const others = Object.keys(op).filter((k) => typeof op[k] !== "function" && !(k in declared.values)).sort();
  assert.deepEqual(others, ["Tag", "VERSION"]);
  assert.equal(op.VERSION, declared.version);
});

test("every operation, through the real export, answers as declared", () => {
  // Validation, preparation, amounts, ids.
  const request = JSON.stringify(validRequest());
  assert.equal(run("validatePay", "nothing", ...input(request), Date.now(), GatewayScope.regional), "");
  const bad = JSON.stringify({ ...validRequest(), paymentNotifyUrl: "nope" });
  assert.match(run("validatePay", "json", ...input(bad), Date.now(), GatewayScope.regional), /paymentNotifyUrl/);
  assert.match(run("prepare", "prepared", 0, ...input(JSON.stringify({ ...validRequest(), extra: undefined }).replace("{", '{ '), config), Date.now()), /antom\.test/);
  run("prepare", "preparedAsInput", 0, ...input(readFileSync(new URL("../vectors/01_pay_request/body.json", import.meta.url), "utf8").trim(), config), Date.now());
  assert.equal(run("minorUnits", "text", Convert.toMinor, ...input("12.34", "USD")), "1234");
  assert.equal(run("minorUnits", "text", Convert.fromMinor, ...input("1234", "USD")), "12.34");
  assert.equal(run("newPaymentRequestId", "text", ...input(new Uint8Array(16).fill(255))), "_".repeat(21) + "w");
  assert.equal(run("version", "text"), op.VERSION);
  assert.equal(run("validateAmount", "nothing", ...input("12.34", "USD\0amount")), "");
  assert.deepEqual(JSON.parse(run("validateAmount", "json", ...input("12.5", "JPY\0paymentAmount.value"))).map((i) => [i.path, i.code]), [["paymentAmount.value", "INVALID_VALUE"]]);
  // Answers, signatures, codecs.
  const answer = '{"result":{"resultStatus":"F","resultCode":"RISK_REJECT","resultMessage":"no"}}';
  assert.equal(JSON.parse(run("interpret", "outcomeRawIsBody", 0, 200, ...input(answer), BodyBytes.utf8)).kind, "failed");
  assert.equal(JSON.parse(run("interpret", "outcome", 0, 200, 0, BodyBytes.notUtf8)).reason, "UNPARSABLE_BODY");
  assert.equal(run("signatureHeader", "text", ...input("c2ln", "2"), KeyVersion.given), "algorithm=RSA256,keyVersion=2,signature=c2ln");
  assert.deepEqual(JSON.parse(run("parseSignatureHeader", "json", ...input("algorithm=RSA256,keyVersion=2,signature=c2ln"))), { algorithm: "RSA256", signature: "c2ln", keyVersion: "2" });
  assert.equal(run("contentToVerify", "text", ...input(`/p\0${CLIENT_ID}\0T`, "{}")), `POST /p\n${CLIENT_ID}.T.{}`);
  assert.equal(run("bytes", "text", Codec.toBase64, ...input(new Uint8Array([1, 2, 3]))), "AQID");
  assert.equal(run("bytes", "bytes", Codec.fromBase64, ...input("AQID")), "3");
  // Notifications: the headers cross as NUL pairs.
  const time = new Date().toISOString();
  const body = JSON.stringify({ notifyType: "PAYMENT_RESULT", result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: "P1" });
  const sig = sign("sha256", Buffer.from(`POST /antom/notify\n${CLIENT_ID}.${time}.${body}`), antomKey).toString("base64");
  const headers = `client-id\0${CLIENT_ID}\0request-time\0${time}\0signature\0algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(sig)}\0`;
  const check = JSON.parse(run("notificationToVerify", "json", ...input(`/antom/notify\0${CLIENT_ID}\0${headers}`, body), Date.now(), 600_000));
  assert.equal(check.signature, sig);
  assert.equal(check.content, `POST /antom/notify\n${CLIENT_ID}.${time}.${body}`);
  assert.equal(JSON.parse(run("notificationResult", "json", NotificationVerdict.verified, ...input(body))).accepted, true);
  assert.equal(JSON.parse(run("notificationResult", "json", NotificationVerdict.notVerified, ...input(body))).accepted, false);
  // An answer judged as the client judges it: what to verify first, then the outcome.
  const payAnswer = JSON.stringify({ result: { resultStatus: "S", resultCode: "SUCCESS" }, paymentRequestId: "P1", redirectActionForm: { redirectUrl: "https://wallet.example/p" } });
  const answerHead = `\0${CLIENT_ID}\0P1\0\0client-id\0${CLIENT_ID}\0response-time\0${time}\0signature\0algorithm=RSA256,keyVersion=1,signature=AAAA\0`;
  const toVerify = run("interpretVerified", "verify", 0, 200, ...input(payAnswer, answerHead), AnswerVerdict.first);
  assert.equal(toVerify, `AAAA\0POST /ams/api/v1/payments/pay\n${CLIENT_ID}.${time}.${payAnswer}`);
  assert.equal(JSON.parse(run("interpretVerified", "outcomeRawIsBody", 0, 200, ...input(payAnswer, answerHead), AnswerVerdict.verified)).kind, "redirect");
  assert.equal(JSON.parse(run("interpretVerified", "outcome", 0, 200, ...input(payAnswer, answerHead), AnswerVerdict.notVerified)).reason, "SIGNATURE_INVALID");
  assert.equal(JSON.parse(run("interpretVerified", "outcome", 0, 200, ...input(payAnswer, `\0${CLIENT_ID}\0P1\0\0`), AnswerVerdict.first)).reason, "SIGNATURE_MISSING");
  // The notify path with a query string: the content over it, and over the bare path.
  const queried = JSON.parse(run("notificationToVerify", "json", ...input(`/antom/notify?store=7\0${CLIENT_ID}\0${headers}`, body), Date.now(), -1));
  assert.equal(queried.content, `POST /antom/notify?store=7\n${CLIENT_ID}.${time}.${body}`);
  assert.equal(queried.alternative, check.content);
  // The client (observing events) and one call, step by step: sign, fetch, verify
  // (refused), wait, sign again; its events; the call's own options.
  const [client, timeout] = run("client", "handle", ...input(JSON.stringify({ clientId: CLIENT_ID, gateway: "https://antom.test", retry: { maxAttempts: 2, delayMs: 7 } })), ClientFlag.verifies | ClientFlag.observes).split("\0");
  assert.ok(Number(client) > 0 && Number(timeout) > 0);
  const [call, callTimeout] = run("call", "handle", Number(client), 0, ...input(request, JSON.stringify({ timeoutMs: 2000 })), Date.now()).split("\0").map(Number);
  assert.equal(callTimeout, 2000);
  assert.match(run("start", "sign", call, 1000), /^POST \/ams\/api\/v1\/payments\/pay\n/);
  const fetch = run("signed", "fetch", call, SignResult.signed, ...input("c2ln"), 1010);
  assert.match(fetch, /^algorithm=RSA256,keyVersion=1,signature=c2ln\0https:\/\/antom\.test\//);
  const verify = run("answered", "verify", call, 200, ...input(answer, `response-time\0${time}\0client-id\0${CLIENT_ID}\0signature\0algorithm=RSA256,keyVersion=1,signature=AAAA\0`), 1050);
  assert.match(verify, /^AAAA\0POST \/ams\/api\/v1\/payments\/pay\n/);
  assert.equal(run("verified", "wait", call, Verdict.notVerified, 1060), "7");
  const events = JSON.parse(run("events", "json", call));
  assert.deepEqual(events.map((e) => [e.type, e.attempt, e.elapsedMs ?? e.delayMs ?? null, e.verified ?? null]), [["request", 1, null, null], ["answer", 1, 40, "notVerified"], ["retry", 2, 7, null]]);
  assert.deepEqual(JSON.parse(run("events", "json", call)), []);
  assert.match(run("slept", "sign", call, Date.now()), /^POST /);
  const second = run("signed", "fetch", call, SignResult.signed, ...input("c2ln"), Date.now());
  assert.ok(second.length > 0);
  // Aborted while the resend is out: unknown, ABORTED, nothing more sent.
  const done = run("aborted", "done", call, AbortedWhen.requestOut, Date.now());
  assert.equal(JSON.parse(done.slice(1)).reason, "ABORTED");
  run("unanswered", "error", call, NoAnswer.timedOut, 0, Date.now());
  // A call aborted before its first send is an error (nothing was sent).
  const [early] = run("call", "handle", Number(client), 0, ...input(request), 0, Date.now()).split("\0").map(Number);
  run("start", "sign", early, Date.now());
  assert.equal(JSON.parse(run("aborted", "error", early, AbortedWhen.noRequestOut, Date.now())).code, "ABORTED");
  // A resolvePayment round: its first step is an inquiry; the inquiry's outcome decides.
  const round = Number(run("resolve", "handle", Number(client), ...input(JSON.stringify({ paymentRequestId: "P1", expiresAt: Date.now() + 60_000 }))));
  const first = run("resolveNext", "call", round, RoundStep.first, Date.now());
  assert.equal(first, `1\0{"paymentRequestId":"P1"}`);
  const [inquiry] = run("call", "handle", Number(client), 1, ...input(first.slice(first.indexOf("\0") + 1), JSON.stringify({ retry: { maxAttempts: 1 } })), Date.now()).split("\0").map(Number);
  run("start", "sign", inquiry, Date.now());
  run("signed", "fetch", inquiry, SignResult.signed, ...input("c2ln"), Date.now());
  run("unanswered", "done", inquiry, NoAnswer.fetchFailed, ...input("reset"), Date.now());
  const found = JSON.parse(run("resolveNext", "json", round, inquiry, Date.now()));
  assert.equal(found.state, "pending");
  assert.equal(found.round, 1);
  for (const h of [call, early, inquiry]) run("free", "nothing", HandleKind.call, h);
  run("free", "nothing", HandleKind.round, round);
  run("free", "nothing", HandleKind.client, Number(client));
  // A freed call is an error, never a trap.
  run("start", "error", call, Date.now());
  // Every declared operation was driven.
  assert.deepEqual(declared.ops.map((o) => o.name).filter((n) => !seen.has(n)), []);
});

test("an unknown operation code is an error, never a trap", () => {
  for (const code of [6, 9, 18, 25, 38, 99, 255]) {
    const out = glue.op(code, 0, 0, 0, 0, 0);
    assert.equal(out.charCodeAt(0), Tag.error, String(code));
    assert.equal(JSON.parse(out.slice(1)).code, "INVALID_ARGUMENT");
  }
});

test("a number that a value set does not name is an error, never read as another value", () => {
  const code = (name) => declared.ops.find((o) => o.name === name).code;
  // The raw export, on purpose: the generated functions are called with the generated names.
  for (const [name, args] of [["free", [7, 1]], ["bytes", [4, 0]], ["minorUnits", [2, 0, 0]], ["notificationResult", [5, 0]], ["interpretVerified", [0, 200, 0, 0, 5]]]) {
    const out = glue.op(code(name), ...[...args, 0, 0, 0, 0, 0].slice(0, 5));
    assert.equal(out.charCodeAt(0), Tag.error, name);
    assert.equal(JSON.parse(out.slice(1)).message, "invalid argument: no such value", name);
  }
});

test("the built module and this JavaScript are of one build: the entry accepts it", async () => {
  const { started } = await import(new URL("internal.js", PKG));
  assert.match(op.VERSION, /^\d+\.\d+\.\d+\S*\+[0-9a-f]{8}$/);
  assert.equal(op.version(glue).slice(1), op.VERSION, "the module's version (crate version + the hash of src/boundary.rs's declaration) is this JavaScript's");
  assert.doesNotThrow(() => started(glue, memory, 0));
});

test("a module from another build is refused before any operation is called", async () => {
  const { started } = await import(new URL("internal.js", PKG));
  const other = { op: () => `${String.fromCharCode(Tag.text)}0.0.0-other` };
  assert.throws(() => started(other, memory, 3), (e) => e.code === "INIT_FAILED" && /0\.0\.0-other/.test(e.message) && e.message.includes(op.VERSION));
});
