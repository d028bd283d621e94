// Starts the local stack: the Antom stand-in (in this process) and the Worker example in workerd
// (`wrangler dev`, a child process), both on 127.0.0.1, with fresh Durable Object storage.
// Used by scripts/demo and the tests; stop() ends exactly what it started.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startStandIn } from "./stand-in/antom-stand-in.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const WRANGLER = join(ROOT, "tests/js/node_modules/wrangler/bin/wrangler.js");
const KEYS = join(ROOT, "tests/vectors/keys");

/** A port on 127.0.0.1 that nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// `restartOf: stack` starts workerd again on the same port, stand-in, configuration and Durable
// Object storage (after `stack.kill()`), as a machine that died and came back would.
// `secretOverrides` replaces some of the local secrets (e.g. a malformed key, for a test).
export async function startStack({ standIn: standInOptions = {}, vars = {}, secrets, secretOverrides = {}, port: wantPort, config = join(ROOT, "examples/worker/wrangler.toml"), log = () => {}, restartOf } = {}) {
  // With real credentials (`secrets`) the Worker talks to Antom and no stand-in is started.
  const standIn = restartOf ? restartOf.standIn : secrets ? null : await startStandIn({ log: (m) => log(`[stand-in] ${m}`), ...standInOptions });
  const port = restartOf?.port ?? wantPort ?? (await freePort());
  const inspector = await freePort();
  const state = restartOf?.state ?? mkdtempSync(join(tmpdir(), "antom-worker-"));
  // Secrets as a merchant keeps them: the private key as one-line base64 PKCS#1 (the library
  // takes any form), Antom's public key as PEM with literal \n.
  const keys = secrets ?? {
    ANTOM_CLIENT_ID: "TEST_5X00000000000000",
    MERCHANT_PRIVATE_KEY: readFileSync(join(KEYS, "merchant_private_pkcs1.b64"), "utf8").trim(),
    ANTOM_PUBLIC_KEY: readFileSync(join(KEYS, "antom_sim_public.pem"), "utf8"),
    // The operators' bearer secrets for refunds (a local value for the local stand-in only).
    OPERATOR_TOKENS: JSON.stringify({ local: "local-operator-token-0123456789" }),
    ...(restartOf?.secretOverrides ?? {}),
    ...secretOverrides,
  };
  // The secrets live in the stack's temporary folder (removed by stop()), never beside the code.
  const devVars = join(state, "dev.vars");
  writeFileSync(
    devVars,
    // dotenv: a PEM's newlines as \n inside double quotes; anything else literal in single quotes.
    Object.entries(keys).map(([k, v]) => (v.includes("\n") ? `${k}="${v.trim().replaceAll("\n", "\\n")}"` : `${k}='${v.trim()}'`)).join("\n") + "\n",
    { mode: 0o600 },
  );
  const url = `http://127.0.0.1:${port}`;
  const allVars = { ...(standIn ? { ANTOM_GATEWAY: standIn.url } : {}), PUBLIC_URL: url, ...(restartOf?.vars ?? {}), ...vars };
  const args = [WRANGLER, "dev", "--config", config, "--env-file", devVars, "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-port", String(inspector), "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "log",
    ...Object.entries(allVars).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
  const child = spawn(process.execPath, args, {
    cwd: dirname(config),
    env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false",
      XDG_CONFIG_HOME: join(state, "xdg"), WRANGLER_LOG_PATH: join(state, "logs") },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => { output += d; log(`[worker] ${String(d).trimEnd()}`); });
  child.stderr.on("data", (d) => { output += d; log(`[worker] ${String(d).trimEnd()}`); });
  const exited = new Promise((r) => child.once("exit", r));
  /** Ends workerd at once (SIGKILL to the process group we started): no graceful shutdown. */
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
      await exited;
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
    }
    await standIn?.close();
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) { await stop(); throw new Error(`wrangler dev exited:\n${output}`); }
    try {
      const r = await fetch(`${url}/store`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) { await stop(); throw new Error(`the Worker did not start in 90 s:\n${output}`); }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, standIn, stop, kill, port, state, output: () => output, pid: child.pid, vars: allVars, secretOverrides: { ...(restartOf?.secretOverrides ?? {}), ...secretOverrides } };
}
