// Compiled by `tsc -p tsconfig.node.json` in scripts/build: the published types in a Node-only
// project (lib ES2022 with @types/node, no DOM, no skipLibCheck).
import { AntomClient, initAntomCheckout, webCryptoSigner, webCryptoVerifier, handleNotification } from "antom-checkout";
import { readFileSync } from "node:fs";

await initAntomCheckout(readFileSync("antom_checkout_bg.wasm"));
const key = await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  false,
  ["sign", "verify"],
);
const client = new AntomClient({ clientId: "C", gateway: "asia", sign: webCryptoSigner(key.privateKey), verify: webCryptoVerifier(key.publicKey) });
const r = await handleNotification({ path: "/n", headers: new Headers(), body: "{}" }, { clientId: "C", verify: webCryptoVerifier("PEM") });
export { client, r };
