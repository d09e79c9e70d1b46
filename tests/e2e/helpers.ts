import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";

// Playwright runs specs from the repo root (import.meta would flip Node into ESM mode for its CJS transform)
const here = path.join(process.cwd(), "tests", "e2e");

/** What tests/e2e/server.ts started: the stand-in, the setup token, the env file and state dir it gave Sesame. */
export interface Runtime {
  baseURL: string;
  emulatorUrl: string;
  token: string;
  envFile: string;
  stateDir: string;
  dnsServer: string;
  smtp: string;
  smtpCaFile: string;
}

export function runtime(): Runtime {
  const port = process.env.E2E_PORT ?? "3100";
  const own = path.join(here, `.runtime-${port}.json`);
  return JSON.parse(readFileSync(existsSync(own) ? own : path.join(here, ".runtime.json"), "utf8"));
}

type DemoConfig = {
  users: {
    name: string;
    accessKeys: { id: string; secret: string }[];
    inlinePolicies?: unknown;
    managedPolicies?: string[];
  }[];
  identities: unknown[];
  [k: string]: unknown;
};

/** The demo config (fake data) — scenarios are variations of it. */
export function demoConfig(): DemoConfig {
  return JSON.parse(readFileSync(path.join(here, "..", "..", "emulator", "demo-config.json"), "utf8"));
}

export function demoKey(userName: string): { id: string; secret: string } {
  const u = demoConfig().users.find((x) => x.name === userName);
  if (!u) throw new Error(`demo config has no user ${userName}`);
  return u.accessKeys[0];
}

export const BOOTSTRAP_USER = "sesame-bootstrap";
export const CONSOLE_SMTP_USER = "ses-smtp-user.20250826-115505";
export const PLUNK_USER = "plunk-ses";

async function admin(method: string, route: string, body?: unknown) {
  const res = await fetch(new URL(route, runtime().emulatorUrl), {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

/** Reset the stand-in to `config` (default: the demo config) with no faults. */
export async function resetEmulator(config: unknown = demoConfig()): Promise<void> {
  await admin("POST", "/_emulator/reset", config);
  await admin("POST", "/_emulator/faults/reset");
}

export const emulatorState = () => admin("GET", "/_emulator/state");
export const sentMail = () => admin("GET", "/_emulator/sent");
export const setFaults = (patch: Record<string, unknown>) => admin("POST", "/_emulator/faults", patch);

/** Sign in with the setup token the way an operator does (the printed link), and start from a clean wizard. */
export async function signIn(page: Page): Promise<void> {
  const rt = runtime();
  rmSync(path.join(rt.stateDir, "setup.locked"), { force: true });
  await page.goto(`/setup?token=${encodeURIComponent(rt.token)}`);
  await expect(page.getByRole("navigation", { name: "Setup steps" })).toBeVisible();
  const res = await page.request.post("/api/setup/reset", { headers: { origin: rt.baseURL } });
  expect(res.status()).toBe(200);
  rmSync(rt.envFile, { force: true });
  await page.goto("/setup/target");
}

/** Step 1 through the UI. */
export async function chooseTarget(page: Page, target: string, region: string): Promise<void> {
  await page.goto("/setup/target");
  await page.getByRole("radio", { name: target, exact: true }).check();
  await page.getByLabel("Region", { exact: true }).selectOption(region);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/iam$/);
}

/** Step 2, automatic: bootstrap admin from the demo config creates the platform user. */
export async function createUserAutomatically(page: Page, userName: string): Promise<void> {
  const key = demoKey(BOOTSTRAP_USER);
  await page.getByRole("tab", { name: "Automatic" }).click();
  await page.getByLabel("Bootstrap access key ID").fill(key.id);
  await page.getByLabel("Bootstrap secret access key").fill(key.secret);
  await page.getByLabel("IAM user name").fill(userName);
  await page.getByRole("button", { name: "Create IAM user" }).click();
  await expect(page.getByText(`Created IAM user ${userName}`)).toBeVisible();
}

/** Step 2, manual: paste a key. */
export async function pasteKey(page: Page, id: string, secret: string): Promise<void> {
  await page.getByRole("tab", { name: "Manual" }).click();
  await page.getByLabel("Access key ID", { exact: true }).fill(id);
  await page.getByLabel("Secret access key", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "Save key and check it" }).click();
  await expect(page).toHaveURL(/\/setup\/check$/);
}

/** A finding card, found by the code shown in its header (evidence, collapsed, may mention other codes). */
export function finding(page: Page, code: string) {
  return page.getByRole("article").filter({ has: page.getByText(code, { exact: true }).filter({ visible: true }) });
}

/** Wait for the streamed check to finish. */
export async function checkFinished(page: Page): Promise<void> {
  await expect(page.getByText(/^Finished in \d+ ms/)).toBeVisible();
}

/**
 * README screenshots: written to docs/screenshots only on request (`SCREENSHOTS=1 npm run test:e2e`), so an ordinary
 * test run leaves the committed images alone.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== "1") return;
  await page.screenshot({
    path: path.join(here, "..", "..", "docs", "screenshots", `${name}.png`),
    fullPage: opts.fullPage ?? true,
  });
}

/** The page at 1280 and 390 px, full length, into `dir` as `<name>-<width>.png` (for looking at, not committed). */
export async function widthShots(page: Page, dir: string, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * From a passed credential check: Continue, write the env file, Continue, create `domain`'s identity and publish its
 * records to the demo DNS until SES says Verified.
 */
export async function writeEnvAndVerifyDomain(page: Page, domain = "demo.test"): Promise<void> {
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("Env file written")).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByLabel("Sending domain").fill(domain);
  await page.getByRole("button", { name: "Create identity" }).click();
  await page.getByRole("button", { name: "Publish records to demo DNS" }).click();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible();
}

/** The stand-in's reviewer decides the production-access request of `region`. */
export async function reviewProductionAccess(status: "GRANTED" | "DENIED", region = "us-east-1"): Promise<void> {
  const res = await fetch(new URL("/_emulator/ses/production-access", runtime().emulatorUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ region, status }),
  });
  expect(res.status).toBe(200);
}

/** The production-access form (on the Done step or the health page, within `scope`), submitted with `key`. */
export async function submitProductionAccess(scope: Page | Locator, key: { id: string; secret: string }) {
  await scope.getByLabel("Admin access key ID").fill(key.id);
  await scope.getByLabel("Admin secret access key").fill(key.secret);
  await scope.getByRole("button", { name: "Request production access" }).click();
}
