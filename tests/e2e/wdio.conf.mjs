// WebdriverIO drives the built Daicho binary (not a browser page) through tauri-driver, which
// starts WebKitWebDriver. Each spec starts the app in a data folder of its own (`--data-dir`), on
// a fresh demo ledger: a spec stands alone, runs alone, and no real ledger is touched.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const application = process.env.DAICHO_APP ?? path.resolve(here, "../../target/debug/daicho-app");
// Made once by the launcher; the spec workers, its children, find it in the environment.
const root = (process.env.DAICHO_E2E_ROOT ??= mkdtempSync(path.join(os.tmpdir(), "daicho-e2e-")));
export const artifacts = path.resolve(here, "artifacts");

let driver;

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export const config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: 4444,
  specs: ["./specs/**/*.spec.mjs"],
  maxInstances: 1,
  capabilities: [
    {
      maxInstances: 1,
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application, args: ["--demo"] },
    },
  ],
  logLevel: process.env.WDIO_LOG ?? "warn",
  waitforTimeout: 15000,
  connectionRetryTimeout: 120000,
  connectionRetryCount: 1,
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 60000 },

  onPrepare: async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    driver = spawn("tauri-driver", [], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DAICHO_KEYCHAIN: "none", WEBKIT_DISABLE_DMABUF_RENDERER: "1", LANG: "C.UTF-8" },
    });
    driver.on("error", (error) => console.error("tauri-driver:", error.message));
    await waitForPort(4444, 30000);
  },

  // A folder of its own for each spec's session (and the sessions it reloads).
  // The first-start spec starts as a rep's first start does, with no ledger asked for.
  beforeSession: (_config, capabilities, specs) => {
    const dataDir = mkdtempSync(path.join(root, "spec-"));
    const firstStart = specs.some((spec) => spec.includes("first-start"));
    capabilities["tauri:options"] = { application, args: [...(firstStart ? [] : ["--demo"]), "--data-dir", dataDir] };
  },

  // A failed test leaves a picture of the window behind, to see what the user would have seen.
  afterTest: async (test, _context, { passed }) => {
    if (!passed) {
      const name = `failed-${test.title.replace(/[^\w]+/g, "-")}.png`;
      try {
        execFileSync("import", ["-window", "root", path.join(artifacts, name)]);
      } catch {
        // no picture: the failure itself is what matters
      }
    }
  },

  onComplete: () => {
    driver?.kill();
    rmSync(root, { recursive: true, force: true });
  },
};
