// Writes the peers of the benchmark into bench/gen/ from rules.json (itself generated from the
// library's rule tables, so every peer applies the same rules as validatePayRequest):
//   ajv-validate.mjs   Ajv standalone: validation code generated ahead of time (no `new Function`
//                      at run time, which Cloudflare Workers forbid)
//   zod-schema.mjs     zod 4, written out as literal schema code, run jitless
//   valibot-schema.mjs valibot, written out as literal schema code
// Where a rule cannot be said in a peer's vocabulary it is approximated the same way in all three
// (see docs/benchmarks.md).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const HERE = new URL("./", import.meta.url);
const rules = JSON.parse(readFileSync(new URL("rules.json", HERE), "utf8"));
const currencies = rules.$currencies;
const tables = Object.fromEntries(Object.entries(rules).filter(([k]) => k !== "$currencies"));
mkdirSync(new URL("gen/", HERE), { recursive: true });

// The same patterns everywhere.
const P = {
  text: "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$",
  required: "\\S",
  id: "^(?!\\s)[^\\u0000-\\u001F\\u007F-\\u009F]*(?<!\\s)$",
  mcc: "^[0-9]{4}$",
  region: "^[A-Z]{2}$",
  int: "^-?(0|[1-9][0-9]*)$",
  digits: "^(0|[1-9][0-9]*)$",
  positive: "^[1-9][0-9]*$",
  datetime: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?[+-](0\\d|1[0-4]):[0-5]\\d$",
  url: "^https?://[^\\s/?#@:][^\\s]*$",
  email: "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$",
};

// ---------------------------------------------------------------- JSON Schema for Ajv
function jsonSchema(field) {
  const req = field.presence === "required";
  const str = (pattern) => {
    const s = { type: "string", allOf: [{ pattern }] };
    if (field.max) s.maxLength = field.max;
    if (req) s.allOf.push({ pattern: P.required });
    return s;
  };
  switch (field.type) {
    case "text": return str(P.text);
    case "id": return str(P.id);
    case "mcc": return str(P.mcc);
    case "region": return str(P.region);
    case "datetime": case "futureDatetime": return str(P.datetime);
    case "url": return str(P.url);
    case "email": return str(P.email);
    case "oneOf": return { enum: field.values };
    case "fixed": return { const: field.value };
    case "currency": return { enum: currencies };
    case "bool": return { enum: ["true", "false", true, false] };
    case "int": return { anyOf: [{ type: "integer", minimum: field.min, maximum: field.max }, { type: "string", pattern: P.int, maxLength: field.max ? 16 : undefined }] };
    case "object": return { $ref: `#/definitions/${field.of}` };
    case "list": return { type: "array", maxItems: field.max, items: { $ref: `#/definitions/${field.of}` } };
    case "amount": return { $ref: field.positive ? "#/definitions/PositiveAmount" : "#/definitions/Amount" };
  }
  throw new Error(`unknown rule ${field.type}`);
}

function objectSchema(fields) {
  return {
    type: "object",
    additionalProperties: false,
    required: fields.filter((f) => f.presence === "required").map((f) => f.name),
    properties: Object.fromEntries(fields.map((f) => [f.name, jsonSchema(f)])),
  };
}

const definitions = Object.fromEntries(Object.entries(tables).map(([name, fields]) => [name, objectSchema(fields)]));
definitions.Amount = {
  type: "object", additionalProperties: false, required: ["currency", "value"],
  properties: { currency: { enum: currencies }, value: { type: "string", maxLength: 16, pattern: P.digits } },
};
definitions.PositiveAmount = { ...definitions.Amount, properties: { ...definitions.Amount.properties, value: { type: "string", maxLength: 16, pattern: P.positive } } };
const schema = { $id: "PayRequest", definitions, ...definitions.PayRequest };
const ajv = new Ajv({ allErrors: true, code: { source: true, esm: true }, unicodeRegExp: false });
// Ajv's standalone ESM still `require`s one runtime helper; make it an import.
const ajvCode = standaloneCode(ajv, ajv.compile(schema)).replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, "ucs2length");
writeFileSync(
  new URL("gen/ajv-validate.mjs", HERE),
  `import ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";\nconst ucs2length = ucs2lengthModule.default ?? ucs2lengthModule;\n${ajvCode}`,
);

// ---------------------------------------------------------------- zod and valibot as literal code
const re = (p) => `/${p.replaceAll("/", "\\/")}/`;
// One switch over the rule types; each library supplies its own spelling of the building blocks.
const zod = {
  str: (f, p) => `z.string()${f.max ? `.max(${f.max})` : ""}.regex(${re(p)})${f.presence === "required" ? `.regex(${re(P.required)})` : ""}`,
  oneOf: (values) => `z.enum(${JSON.stringify(values)})`,
  literal: (value) => `z.literal(${JSON.stringify(value)})`,
  bool: () => `z.union([z.enum(["true", "false"]), z.boolean()])`,
  int: (f) => `z.union([z.number().int().min(${f.min}).max(${f.max}), z.string().max(16).regex(${re(P.int)})])`,
  object: (of) => `z.lazy(() => ${of})`,
  list: (of, max) => `z.array(z.lazy(() => ${of})).max(${max})`,
  optional: (t) => `${t}.optional()`,
};
const valibot = {
  str: (f, p) => `v.pipe(v.string()${f.max ? `, v.maxLength(${f.max})` : ""}, v.regex(${re(p)})${f.presence === "required" ? `, v.regex(${re(P.required)})` : ""})`,
  oneOf: (values) => `v.picklist(${JSON.stringify(values)})`,
  literal: (value) => `v.literal(${JSON.stringify(value)})`,
  bool: () => `v.union([v.picklist(["true", "false"]), v.boolean()])`,
  int: (f) => `v.union([v.pipe(v.number(), v.integer(), v.minValue(${f.min}), v.maxValue(${f.max})), v.pipe(v.string(), v.maxLength(16), v.regex(${re(P.int)}))])`,
  object: (of) => `v.lazy(() => ${of})`,
  list: (of, max) => `v.pipe(v.array(v.lazy(() => ${of})), v.maxLength(${max}))`,
  optional: (t) => `v.optional(${t})`,
};

function fieldCode(lib, f) {
  const pattern = { text: P.text, id: P.id, mcc: P.mcc, region: P.region, datetime: P.datetime, futureDatetime: P.datetime, url: P.url, email: P.email }[f.type];
  let t;
  if (pattern) t = lib.str(f, pattern);
  else if (f.type === "oneOf") t = lib.oneOf(f.values);
  else if (f.type === "fixed") t = lib.literal(f.value);
  else if (f.type === "currency") t = "CURRENCY";
  else if (f.type === "bool") t = lib.bool();
  else if (f.type === "int") t = lib.int(f);
  else if (f.type === "object") t = lib.object(f.of);
  else if (f.type === "list") t = lib.list(f.of, f.max);
  else if (f.type === "amount") t = f.positive ? "PositiveAmount" : "Amount";
  else throw new Error(`unknown rule ${f.type}`);
  return f.presence === "required" ? t : lib.optional(t);
}
const zodField = (f) => fieldCode(zod, f);
const valibotField = (f) => fieldCode(valibot, f);

const order = Object.keys(tables).filter((n) => n !== "Amount").reverse(); // leaves before their users
const cur = JSON.stringify(currencies);
writeFileSync(new URL("gen/zod-schema.mjs", HERE), `// Generated by gen-peers.mjs from rules.json.
import * as z from "zod";
z.config({ jitless: true });
const CURRENCY = z.enum(${cur});
const Amount = z.strictObject({ currency: CURRENCY, value: z.string().max(16).regex(${re(P.digits)}) });
const PositiveAmount = z.strictObject({ currency: CURRENCY, value: z.string().max(16).regex(${re(P.positive)}) });
${order.map((n) => `const ${n} = z.strictObject({\n${tables[n].map((f) => `  ${f.name}: ${zodField(f)},`).join("\n")}\n});`).join("\n")}
export default PayRequest;
`);
writeFileSync(new URL("gen/valibot-schema.mjs", HERE), `// Generated by gen-peers.mjs from rules.json.
import * as v from "valibot";
const CURRENCY = v.picklist(${cur});
const Amount = v.strictObject({ currency: CURRENCY, value: v.pipe(v.string(), v.maxLength(16), v.regex(${re(P.digits)})) });
const PositiveAmount = v.strictObject({ currency: CURRENCY, value: v.pipe(v.string(), v.maxLength(16), v.regex(${re(P.positive)})) });
${order.map((n) => `const ${n} = v.strictObject({\n${tables[n].map((f) => `  ${f.name}: ${valibotField(f)},`).join("\n")}\n});`).join("\n")}
export default PayRequest;
`);
console.log("peers written to bench/gen/");
