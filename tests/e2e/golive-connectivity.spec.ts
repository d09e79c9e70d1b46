import { readFileSync } from "node:fs";
import { expect, type Page, test } from "./fixtures";
import { chooseTarget, resetEmulator, runtime, signIn, widthShots } from "./helpers";

/**
 * "Connectivity" on the Send step against the stand-in's real listeners: 587/2587 STARTTLS, 465/2465 TLS from the
 * first byte, 25 silent (tests/e2e/server.ts maps them with SESAME_SMTP_PORT_MAP).
 */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-golive", name);

test("an SMTP app: the port matrix, the recommendation per app, and the port written to the env file", async ({
  page,
}) => {
  await chooseTarget(page, "SMTP app", "us-east-1");
  await page.goto("/setup/send");
  await expect(page.getByRole("heading", { name: "Connectivity" })).toBeVisible();
  await page.getByRole("button", { name: "Check SMTP ports" }).click();
  const table = page.getByRole("table", { name: "SMTP ports" });
  const row = (port: number) =>
    table.getByRole("row").filter({ has: page.getByRole("cell", { name: String(port), exact: true }) });
  await expect(row(587)).toContainText("Works");
  await expect(row(2587)).toContainText("Works");
  await expect(row(465)).toContainText("Works");
  await expect(row(465)).toContainText("Implicit TLS");
  await expect(row(25)).toContainText("Timed out");
  await expect(page.getByText(/Use port\s*587\s*with\s*STARTTLS/)).toBeVisible();
  const apps = page.getByRole("list", { name: "Settings per app" });
  await expect(apps).toContainText("SMTP_SECURE=false");
  await expect(apps).toContainText("mail__options__port=587");
  await page.getByRole("button", { name: "Write port 587 to the env file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wrote SMTP_PORT=587, SMTP_SECURE=false" })).toBeVisible();
  const env = readFileSync(runtime().envFile, "utf8");
  expect(env).toMatch(/^SMTP_PORT="?587"?$/m);
  expect(env).toMatch(/^SMTP_SECURE="?false"?$/m);
  // a reload keeps the last check on screen
  await page.reload();
  await expect(page.getByRole("table", { name: "SMTP ports" })).toContainText("Timed out");
  await shots(page, "connectivity-smtp");
});

test("an API platform: the matrix, and no port to write", async ({ page }) => {
  await chooseTarget(page, "Plunk", "us-east-1");
  await page.goto("/setup/send");
  await page.getByRole("button", { name: "Check SMTP ports" }).click();
  await expect(page.getByRole("table", { name: "SMTP ports" })).toContainText("Timed out");
  await expect(page.getByText(/sends through the SES API over HTTPS/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Write port/ })).toHaveCount(0);
  const res = await page.request.post("/api/setup/smtp-ports", {
    data: { action: "apply" },
    headers: { origin: runtime().baseURL },
  });
  expect(res.status()).toBe(409);
  expect((await res.json()).error).toMatch(/no SMTP port to set/);
  const bad = await page.request.post("/api/setup/smtp-ports", {
    data: { action: "nonsense" },
    headers: { origin: runtime().baseURL },
  });
  expect(bad.status()).toBe(400);
});
