import { defineConfig } from "@playwright/test";

/**
 * e2e runs in Debian's Chromium (never a downloaded browser). tests/e2e/server.ts starts the emulator and the
 * production Next server wired to it; specs reach the emulator's admin API through E2E_EMULATOR_URL.
 */
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  // the e2e walks and the security suite's browser specs (tests/security/*.spec.ts) share the one web server
  testDir: "tests",
  testMatch: /(e2e|security)\/.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npx tsx tests/e2e/server.ts",
    url: `http://127.0.0.1:${port}/api/health/live`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
