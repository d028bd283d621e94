// A small W3C WebDriver client over fetch, for driving the checkout page in the engines that
// Playwright's Debian-Chromium setup does not cover: Firefox (geckodriver) and WebKit
// (WebKitGTK's WebKitWebDriver with MiniBrowser, on a private Xvfb display: GTK's MiniBrowser has
// no headless mode). No dependency: the protocol is plain JSON over HTTP (https://www.w3.org/TR/webdriver2/).
//
//   const driver = await startDriver(ENGINES.firefox);      // the driver process, on 127.0.0.1
//   const s = await driver.newSession();                    // the engine's capabilities
//   await s.navigate(url); const el = await s.find("#amount"); await s.type(el, "1200");
//   await s.delete(); await driver.stop();                  // ends exactly what it started
import { spawn } from "node:child_process";
import { freePort } from "../../examples/stack.mjs";
import { existsSync } from "node:fs";

/** The W3C key of an element reference. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const MINIBROWSER = ["/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser"].find((p) => existsSync(p))
  ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const CARGO_BIN = `${process.env.CARGO_HOME ?? `${process.env.HOME}/.cargo`}/bin`;

/**
 * The engines: how to start each driver and what to ask it for. `size` is a shopper's phone
 * (390x844 CSS pixels); both drivers honour Set Window Rect.
 */
export const ENGINES = {
  firefox: {
    name: "Firefox",
    binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    driver: process.env.GECKODRIVER ?? `${CARGO_BIN}/geckodriver`,
    // geckodriver: --host binds 127.0.0.1 only; --port is set by startDriver.
    args: (port) => ["--host", "127.0.0.1", "--port", String(port), "--log", "warn"],
    capabilities: () => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
        args: ["-headless", "-width=390", "-height=844"],
        prefs: {
          // Nothing but the test's own loopback traffic (the machine has no other network).
          "network.captive-portal-service.enabled": false,
          "network.connectivity-service.enabled": false,
          "browser.safebrowsing.malware.enabled": false,
          "browser.safebrowsing.phishing.enabled": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "toolkit.telemetry.enabled": false,
          "app.update.enabled": false,
          "extensions.update.enabled": false,
        },
      },
    }),
  },
  webkit: {
    name: "WebKit",
    binary: MINIBROWSER,
    driver: process.env.WEBKITWEBDRIVER ?? "/usr/bin/WebKitWebDriver",
    // MiniBrowser (GTK) needs an X display: startDriver gives the driver, and the browser it
    // starts, a private Xvfb server (the first free display number, Xvfb's -displayfd).
    display: true,
    args: (port) => [`--port=${port}`],
    capabilities: () => ({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    }),
  },
};

/**
 * A private X server (Xvfb) on the first free display, for a browser that needs a window. Local
 * connections only (-nolisten tcp). `stop()` ends it.
 */
export async function startXvfb({ screen = "1280x1024x24", timeoutMs = 15_000 } = {}) {
  const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", screen, "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    detached: true,
  });
  let err = "";
  child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
  const exited = new Promise((r) => child.once("exit", r));
  const display = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display in ${timeoutMs / 1000} s: ${err}`)), timeoutMs);
    child.once("error", (e) => { clearTimeout(timer); reject(new Error(`Xvfb: ${e.message} (Debian package xvfb)`)); });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}): ${err}`)); });
    child.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) { clearTimeout(timer); resolve(`:${out.trim()}`); }
    });
  }).catch(async (e) => {
    try { process.kill(-child.pid, "SIGKILL"); } catch {}
    throw e;
  });
  return {
    display,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try { process.kill(-child.pid, "SIGTERM"); } catch {}
        await Promise.race([exited, sleep(3000)]);
        try { process.kill(-child.pid, "SIGKILL"); } catch {}
      }
    },
  };
}

/** An answer of the driver that is a WebDriver error. */
export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path}: ${status} ${value?.error ?? ""}: ${value?.message ?? JSON.stringify(value)}`);
    this.error = value?.error;
    this.status = status;
  }
}

async function command(base, method, path, body, timeoutMs = 60_000) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(method, path, res.status, { error: "not JSON", message: text.slice(0, 300) });
  }
  if (!res.ok || (json.value && json.value.error)) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

/**
 * Starts an engine's driver on a free loopback port (in its own process group) and waits until it
 * answers GET /status. `stop()` ends that process group and nothing else.
 */
export async function startDriver(engine, { log = () => {}, timeoutMs = 30_000 } = {}) {
  const port = await freePort();
  const xvfb = engine.display ? await startXvfb() : null;
  const env = xvfb ? { ...process.env, DISPLAY: xvfb.display } : process.env;
  const cmd = engine.driver;
  const child = spawn(cmd, engine.args(port), { stdio: ["ignore", "pipe", "pipe"], detached: true, env });
  let output = "";
  const keep = (d) => {
    output = (output + d).slice(-20_000);
    log(String(d).trimEnd());
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((r) => child.once("exit", r));
  let failed = null;
  child.once("error", (e) => {
    failed = e;
    keep(`spawn ${cmd}: ${e.message}`);
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
      await Promise.race([exited, sleep(5000)]);
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
    }
    await xvfb?.stop();
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (failed || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`${engine.name} driver exited:\n${output}`);
    }
    try {
      const status = await command(base, "GET", "/status", undefined, 2000);
      if (status) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${engine.name} driver did not answer in ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    url: base,
    engine,
    output: () => output,
    stop,
    /** A new session with the engine's capabilities (plus `extra`, merged into alwaysMatch). */
    async newSession(extra = {}) {
      const value = await command(base, "POST", "/session", { capabilities: { alwaysMatch: { ...engine.capabilities(), ...extra } } }, 90_000);
      return new Session(base, value.sessionId, value.capabilities);
    },
  };
}

/** One browser session: the WebDriver commands the tests use. */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }
  cmd(method, path, body, timeoutMs) {
    return command(this.base, method, `/session/${this.id}${path}`, body, timeoutMs);
  }
  /** Navigates and waits for the load (the driver's page load strategy, "normal"). */
  navigate(url) { return this.cmd("POST", "/url", { url }); }
  url() { return this.cmd("GET", "/url"); }
  setWindowRect(rect) { return this.cmd("POST", "/window/rect", rect); }
  /** The first element matching a CSS selector (throws "no such element"). */
  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }
  async findAll(css) {
    return (await this.cmd("POST", "/elements", { using: "css selector", value: css })).map((v) => v[ELEMENT]);
  }
  /** A CSS selector (starting with #, . or [) is looked up; anything else is an element reference. */
  async el(target) { return /^[#.[]/.test(target) ? this.find(target) : target; }
  async clear(target) { return this.cmd("POST", `/element/${await this.el(target)}/clear`, {}); }
  async type(target, text) { return this.cmd("POST", `/element/${await this.el(target)}/value`, { text }); }
  /** Empties a field and types `text` into it, as a shopper does. */
  async fill(target, text) {
    const el = await this.el(target);
    await this.clear(el);
    if (text !== "") await this.type(el, text);
  }
  async click(target) { return this.cmd("POST", `/element/${await this.el(target)}/click`, {}); }
  async text(target) { return this.cmd("GET", `/element/${await this.el(target)}/text`); }
  async attribute(target, name) { return this.cmd("GET", `/element/${await this.el(target)}/attribute/${name}`); }
  async property(target, name) { return this.cmd("GET", `/element/${await this.el(target)}/property/${name}`); }
  /** Runs a function body in the page (`arguments` are `args`) and answers its (awaited) value. */
  execute(script, args = [], timeoutMs) { return this.cmd("POST", "/execute/sync", { script, args }, timeoutMs); }
  /** The script's last argument is the callback that answers. */
  executeAsync(script, args = [], timeoutMs) { return this.cmd("POST", "/execute/async", { script, args }, timeoutMs); }
  setTimeouts(t) { return this.cmd("POST", "/timeouts", t); }
  screenshot() { return this.cmd("GET", "/screenshot"); }
  /** Polls `script` in the page until it answers a truthy value; answers that value. */
  async waitFor(script, { args = [], timeoutMs = 20_000, what = script } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await this.execute(script, args);
        if (last) return last;
      } catch (e) {
        last = e.message; // the page may be between two documents
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what} (last: ${JSON.stringify(last)})`);
      await sleep(150);
    }
  }
  /** Waits until the current URL matches `re`. */
  async waitForUrl(re, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let url;
    for (;;) {
      try {
        url = await this.url();
        if (re.test(url)) return url;
      } catch {}
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for a URL matching ${re} (at ${url})`);
      await sleep(150);
    }
  }
  delete() { return command(this.base, "DELETE", `/session/${this.id}`, undefined, 30_000).catch(() => {}); }
}
