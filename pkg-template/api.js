// What every entry offers, the browser's lean module included: validation, amounts and ids.
// Rust does the work; this file moves text across and turns answers into JS values and
// AntomCheckoutError, through the core's operations (ops.js, generated from src/boundary.rs).
import { state, AntomCheckoutError, ensureReady, guarded, str, toJson, writeInput, tagOf, payload } from "./internal.js";
import { Tag, Convert, GatewayScope, validatePay, validateAmount as validateAmountOp, minorUnits as minorUnitsOp, newPaymentRequestId as newId } from "./ops.js";

export { AntomCheckoutError, isAntomCheckoutError } from "./internal.js";

/** Every problem of a pay request, each with its path; empty when the request is valid. */
export function validatePayRequest(input, options) {
  return guarded(() => {
    let globalGateway = false;
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") throw new AntomCheckoutError("INVALID_ARGUMENT", "options must be { globalGateway?: boolean }");
      globalGateway = options.globalGateway;
      if (globalGateway === undefined) globalGateway = false;
      if (typeof globalGateway !== "boolean") throw new AntomCheckoutError("INVALID_ARGUMENT", "options.globalGateway must be a boolean");
    }
    const core = ensureReady();
    const [n] = writeInput(core, toJson(input, "the request"));
    const out = validatePay(core, n, Date.now(), globalGateway ? GatewayScope.global : GatewayScope.regional);
    return tagOf(out) === Tag.nothing ? [] : JSON.parse(out.slice(1));
  });
}

/**
 * Every problem of a decimal amount in major units ("12.34") in `currency`, each as an issue at
 * `path` (default "amount"): empty when it converts. A form shows these at its amount field,
 * as it shows validatePayRequest's issues: nothing to catch.
 */
export function validateAmount(amount, currency, path = "amount") {
  return guarded(() => {
    const core = ensureReady();
    const [a, r] = writeInput(core, str("amount", amount, 64), `${str("currency", currency, 16)}\0${str("path", path, 256)}`);
    const out = validateAmountOp(core, a, r);
    return tagOf(out) === Tag.nothing ? [] : JSON.parse(out.slice(1));
  });
}

/** Decimal major units ("12.34") to minor units ("1234" for USD). Never rounds. */
export function toMinorUnits(amount, currency) {
  return guarded(() => minorUnits(Convert.toMinor, str("amount", amount, 64), str("currency", currency, 16)));
}

/** Minor units ("1234") to decimal major units ("12.34" for USD). */
export function fromMinorUnits(value, currency) {
  return guarded(() => minorUnits(Convert.fromMinor, str("value", value, 64), str("currency", currency, 16)));
}

function minorUnits(convert, amount, currency) {
  const core = ensureReady();
  const [a, c] = writeInput(core, amount, currency);
  return payload(minorUnitsOp(core, convert, a, c));
}

/** A new paymentRequestId: 128 random bits, 22 URL-safe characters. Store it, then send. */
export function newPaymentRequestId() {
  return guarded(() => {
    const core = ensureReady();
    const crypto = globalThis.crypto;
    if (typeof crypto?.getRandomValues !== "function") throw new AntomCheckoutError("UNSUPPORTED", "crypto.getRandomValues is not available in this runtime");
    // The module's input buffer takes the 16 random bytes; Rust writes the id.
    crypto.getRandomValues(new Uint8Array(state.memory.buffer, core.inputBuffer(16), 16));
    return payload(newId(core, 16));
  });
}
