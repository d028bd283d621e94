// Generated from src/boundary.rs by tests/boundary.rs. Do not edit.
// The core's operations, each called through its one export `op(code, a, b, c, d, e)`: texts
// go through its input buffer (an argument is then their length in bytes), numbers as
// arguments. Every answer is a tag and its payload.

/** The tag every answer of the core starts with, as a character code. */
export const Tag = {
  /** An error: `{"code","message","issues"}`. */
  error: 69,
  /** Nothing to report (a valid request, a handle freed). */
  nothing: 78,
  /** A text. */
  text: 84,
  /** A JSON value. */
  json: 74,
  /** The number of bytes the core left in the input buffer. */
  bytes: 66,
  /** A prepared request: url, path, Request-Time, the idempotency key's value, the content to sign without the body, the number of headers, each header's name and value, each NUL-led; then the body. */
  prepared: 80,
  /** A prepared request whose body is the input text unchanged (not sent back): the fields of `P` without the body. */
  preparedAsInput: 81,
  /** An outcome's JSON. */
  outcome: 79,
  /** An outcome's JSON without `raw`: `raw` is the answer's body, which the host has. */
  outcomeRawIsBody: 82,
  /** A handle, and for a client NUL and its timeout for one send in ms. */
  handle: 72,
  /** A call's step: sign this content. */
  sign: 83,
  /** A call's step: send this prepared request: its Signature header, then the fields of `P`. */
  fetch: 70,
  /** A call's step: verify this signature (base64) NUL over this content. */
  verify: 86,
  /** A call's step: wait this many ms, then report the time. */
  wait: 87,
  /** A call's step: done; an outcome (`O` or `R` and its JSON) follows. */
  done: 68,
  /** A step of a resolvePayment round: make this call (its number, NUL, its request's JSON) and report its outcome. */
  call: 67,
};

/** `validatePay`'s `globalGateway`: which gateways the request may name. */
export const GatewayScope = {
  /** The regional gateways only. */
  regional: 0,
  /** The global gateway too. */
  global: 1,
};

/** `minorUnits`' `toMinor`: which way the amount converts. */
export const Convert = {
  /** Minor units to decimal major units. */
  fromMinor: 0,
  /** Decimal major units to minor units. */
  toMinor: 1,
};

/** `interpret`'s `notUtf8`: whether the answer's body is in the input buffer. */
export const BodyBytes = {
  /** The body is in the input buffer. */
  utf8: 0,
  /** The body's bytes are not UTF-8: nothing is in the input buffer. */
  notUtf8: 1,
};

/** `signatureHeader`'s `hasKeyVersion`: whether the header names a key version. */
export const KeyVersion = {
  /** No key version. */
  absent: 0,
  /** The key version follows the signature in the input buffer. */
  given: 1,
};

/** `bytes`' `codec`: what the byte codec does with the input buffer. */
export const Codec = {
  /** A private key's text (PEM or base64, PKCS#8 or PKCS#1) to PKCS#8 DER. */
  privateKeyDer: 0,
  /** A public key's text (PEM or base64, SPKI or PKCS#1) to SPKI DER. */
  publicKeyDer: 1,
  /** Bytes to base64 (a text). */
  toBase64: 2,
  /** Base64 to bytes. */
  fromBase64: 3,
};

/** `interpretVerified`'s `verdict`: the first look, or what the verify callback said. */
export const AnswerVerdict = {
  /** The signature did not verify. */
  notVerified: 0,
  /** The signature verified. */
  verified: 1,
  /** The verify callback failed. */
  verifyFailed: 2,
  /** The first look: answers what to verify, or the outcome. */
  first: 3,
};

/** `notificationResult`'s `verdict`: what the verify callback said. */
export const NotificationVerdict = {
  /** The signature did not verify. */
  notVerified: 0,
  /** The signature verified. */
  verified: 1,
  /** The verify callback failed. */
  verifyFailed: 2,
  /** The body's bytes are not UTF-8: nothing was verified. */
  notUtf8: 3,
};

/** `client`'s `flags`, bits or-ed together: what the host gives the client. */
export const ClientFlag = {
  /** Neither. */
  none: 0,
  /** A verify callback. */
  verifies: 1,
  /** An `onEvent` hook: the client keeps its events. */
  observes: 2,
};

/** `free`'s `kind`: what the handle is. */
export const HandleKind = {
  /** A client. */
  client: 0,
  /** A call. */
  call: 1,
  /** A resolvePayment round. */
  round: 2,
};

/** `resolveNext`'s `call` when no call has finished: a round's first step. */
export const RoundStep = {
  /** The round's first step (otherwise `call` is the handle of the call that finished). */
  first: 0,
};

/** `signed`'s `ok`: what the sign callback gave. */
export const SignResult = {
  /** It failed: why is in the input buffer. */
  failed: 0,
  /** The signature is in the input buffer. */
  signed: 1,
};

/** `unanswered`'s `why`: why there is no answer to read. */
export const NoAnswer = {
  /** The fetch failed: its message is in the input buffer. */
  fetchFailed: 0,
  /** The timeout passed. */
  timedOut: 1,
  /** An answer came whose body's bytes are not UTF-8. */
  bodyNotUtf8: 2,
};

/** `verified`'s `result`: what the verify callback said. */
export const Verdict = {
  /** The signature did not verify. */
  notVerified: 0,
  /** The signature verified. */
  verified: 1,
  /** The verify callback failed. */
  verifyFailed: 2,
};

/** `aborted`'s `requestOut`: whether a request was out when the caller aborted. */
export const AbortedWhen = {
  /** No request was out (none had left yet, or none was out at the moment). */
  noRequestOut: 0,
  /** A request was out and its fetch was cut short. */
  requestOut: 1,
};

/** The build this JavaScript belongs to (the crate's version and a hash of the boundary's declaration): the module's `version` must answer the same. */
export const VERSION = "0.1.0+01666ceb";

/** The issues of the pay request in the input buffer (JSON), or nothing when it is valid. Values: `globalGateway`: `GatewayScope`. Answers nothing, json. */
export const validatePay = (core, requestLen, nowMs, globalGateway) => core.op(0, requestLen, nowMs, globalGateway, 0, 0);

/** The request of `call` (its number in the call descriptions), validated and prepared; the request's JSON and then the configuration's are in the input buffer. Answers prepared, preparedAsInput; not in the lean module. */
export const prepare = (core, call, requestLen, configLen, nowMs) => core.op(1, call, requestLen, configLen, nowMs, 0);

/** Decimal major units to minor units or back (`Convert`); the amount and then the currency are in the input buffer. Values: `toMinor`: `Convert`. Answers text. */
export const minorUnits = (core, toMinor, amountLen, currencyLen) => core.op(2, toMinor, amountLen, currencyLen, 0, 0);

/** A new paymentRequestId from the random bytes in the input buffer. Answers text. */
export const newPaymentRequestId = (core, randomLen) => core.op(3, randomLen, 0, 0, 0, 0);

/** The version of the build the module comes from (`VERSION`: the crate's version and the declaration's hash): the JavaScript that calls it must be of the same build (its operations and values are numbered by the same declaration). Answers text. */
export const version = (core) => core.op(4, 0, 0, 0, 0, 0);

/** The issues of a decimal amount (in the input buffer) in a currency, each at a path (the currency NUL the path, after it), or nothing when it converts. Answers nothing, json. */
export const validateAmount = (core, amountLen, currencyAndPathLen) => core.op(5, amountLen, currencyAndPathLen, 0, 0, 0);

/** What an answer to `call` means (its body in the input buffer, or nothing there when its bytes are not UTF-8: `BodyBytes`). Values: `notUtf8`: `BodyBytes`. Answers outcome, outcomeRawIsBody; not in the lean module. */
export const interpret = (core, call, status, bodyLen, notUtf8) => core.op(10, call, status, bodyLen, notUtf8, 0);

/** The Signature header for the base64 signature and then the key version in the input buffer. Values: `hasKeyVersion`: `KeyVersion`. Answers text; not in the lean module. */
export const signatureHeader = (core, signatureLen, keyVersionLen, hasKeyVersion) => core.op(11, signatureLen, keyVersionLen, hasKeyVersion, 0, 0);

/** A Signature header (in the input buffer), parsed: `{ algorithm?, signature, keyVersion? }`. Answers json; not in the lean module. */
export const parseSignatureHeader = (core, headerLen) => core.op(12, headerLen, 0, 0, 0, 0);

/** The content a signature covers: path NUL clientId NUL time, then the body. Answers text; not in the lean module. */
export const contentToVerify = (core, headLen, bodyLen) => core.op(13, headLen, bodyLen, 0, 0, 0);

/** The byte codec (`Codec`): keys' texts to DER, bytes to base64 and back. Values: `codec`: `Codec`. Answers bytes, text; not in the lean module. */
export const bytes = (core, codec, inputLen) => core.op(14, codec, inputLen, 0, 0, 0);

/** What to verify of a notification, or the whole result when it is refused before that: path NUL clientId, then the headers, then the body in the input buffer. Answers json; not in the lean module. */
export const notificationToVerify = (core, headLen, bodyLen, nowMs, toleranceMs) => core.op(15, headLen, bodyLen, nowMs, toleranceMs, 0);

/** An answer to `call` judged as the client judges it, for a host that sent the request itself: the body, then path NUL clientId NUL requestId NUL requestTime NUL the headers in the input buffer. `AnswerVerdict`: the first look answers what to verify, or the outcome; the verify callback's verdict, the outcome. Values: `verdict`: `AnswerVerdict`. Answers verify, outcome, outcomeRawIsBody; not in the lean module. */
export const interpretVerified = (core, call, status, bodyLen, headLen, verdict) => core.op(17, call, status, bodyLen, headLen, verdict);

/** How a notification ends once verified (`NotificationVerdict`); the body is in the input buffer. Values: `verdict`: `NotificationVerdict`. Answers json; not in the lean module. */
export const notificationResult = (core, verdict, bodyLen) => core.op(16, verdict, bodyLen, 0, 0, 0);

/** A new client from its configuration (JSON in the input buffer); `flags`: `ClientFlag`s or-ed together. Values: `flags`: `ClientFlag`. Answers handle; not in the lean module. */
export const client = (core, configLen, flags) => core.op(20, configLen, flags, 0, 0, 0);

/** A call of a client: the request's JSON and then the call's options (JSON, or nothing) in the input buffer. Answers handle; not in the lean module. */
export const call = (core, client, call, requestLen, optionsLen, nowMs) => core.op(21, client, call, requestLen, optionsLen, nowMs);

/** Frees a client, a call or a resolvePayment round (`HandleKind`); freeing twice does nothing. Values: `kind`: `HandleKind`. Answers nothing; not in the lean module. */
export const free = (core, kind, handle) => core.op(22, kind, handle, 0, 0, 0);

/** A resolvePayment round of a client: `{ paymentRequestId, expiresAt, sentAt?, round? }` in the input buffer. Answers handle; not in the lean module. */
export const resolve = (core, client, inputLen) => core.op(23, client, inputLen, 0, 0, 0);

/** A round's next step: the first (`RoundStep::First`), or the one after the finished call `call` (its outcome is read from it): a call to make, or what the round found (JSON). Values: `call`: `RoundStep`. Answers call, json; not in the lean module. */
export const resolveNext = (core, round, call, nowMs) => core.op(24, round, call, nowMs, 0, 0);

/** A call's first step. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const start = (core, call, nowMs) => core.op(30, call, nowMs, 0, 0, 0);

/** After `S`: the signature or why signing failed (`SignResult`), in the input buffer. Values: `ok`: `SignResult`. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const signed = (core, call, ok, textLen, nowMs) => core.op(31, call, ok, textLen, nowMs, 0);

/** After `F`: Antom's answer: its status, the body and then the headers in the input buffer. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const answered = (core, call, status, bodyLen, headersLen, nowMs) => core.op(32, call, status, bodyLen, headersLen, nowMs);

/** After `F`: no answer to read (`NoAnswer`; a failed fetch's message in the input buffer). Values: `why`: `NoAnswer`. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const unanswered = (core, call, why, messageLen, nowMs) => core.op(33, call, why, messageLen, nowMs, 0);

/** After `V`: what the verify callback said (`Verdict`). Values: `result`: `Verdict`. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const verified = (core, call, result, nowMs) => core.op(34, call, result, nowMs, 0, 0);

/** After `W`: the time now, epoch ms. Answers sign, fetch, verify, wait, done; not in the lean module. */
export const slept = (core, call, nowMs) => core.op(35, call, nowMs, 0, 0, 0);

/** The caller aborted the call (its `AbortSignal`; `AbortedWhen`): before any request left an error (nothing was sent), after one did the outcome, unknown. Values: `requestOut`: `AbortedWhen`. Answers done; not in the lean module. */
export const aborted = (core, call, requestOut, nowMs) => core.op(36, call, requestOut, nowMs, 0, 0);

/** The call's events since the last time (a JSON array), for `onEvent`. Answers json; not in the lean module. */
export const events = (core, call) => core.op(37, call, 0, 0, 0, 0);
