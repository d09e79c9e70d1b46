import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "./fixtures";
import { chooseTarget, checkFinished, resetEmulator, signIn, shot } from "./helpers";

/**
 * Phone-sized (390 × 844): no page and no wizard step, filled in as an operator fills it, is wider than the screen.
 * Each view is also photographed at 390 and 1280 px when SHOTS_DIR is set (for looking at, not for comparing).
 */

const PHONE = { width: 390, height: 844 };

async function fits(page: Page, name: string) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // two phone views for the README (SCREENSHOTS=1)
  if (name === "3-check" || name === "5-domain-pending") await shot(page, `phone-${name}`, { fullPage: false });
  expect(width, `${name} is ${width}px wide at 390`).toBeLessThanOrEqual(PHONE.width);
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(dir, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(PHONE);
}

test.use({ viewport: PHONE });

test("every wizard step, walked in the demo with content, fits a 390 px screen", async ({ page }) => {
  test.setTimeout(180_000);
  await resetEmulator();
  await signIn(page);
  await fits(page, "1-target");
  await chooseTarget(page, "Plunk", "us-east-1");
  await fits(page, "2-iam-auto");
  await page.getByRole("button", { name: "Fill in" }).click();
  await page.getByLabel("IAM user name").fill("sesame-phone");
  await page.getByRole("button", { name: "Create IAM user" }).click();
  await expect(page.getByText("Created IAM user sesame-phone")).toBeVisible();
  await fits(page, "2-iam-created");
  await page.getByRole("tab", { name: "Manual" }).click();
  await fits(page, "2-iam-manual");
  await page.goto("/setup/check");
  await checkFinished(page);
  await fits(page, "3-check");
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Reveal secrets" }).click();
  await expect(page.getByRole("button", { name: "Hide secrets" })).toBeVisible();
  await fits(page, "4-env-revealed");
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("Env file written")).toBeVisible();
  await fits(page, "4-env-written");
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByLabel("Sending domain").fill("demo.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("table", { name: "DNS records" })).toContainText("._domainkey.demo.test");
  await page.getByText(/Why each missing record matters/).click();
  await fits(page, "5-domain-pending");
  await page.getByRole("button", { name: "Publish records to demo DNS" }).click();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible();
  await fits(page, "5-domain-verified");
  await page.goto("/setup/events");
  await fits(page, "6-events");
  await page.getByRole("button", { name: "Skip this step" }).click();
  await page.goto("/setup/send");
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText("Sent via the SES API to success@simulator.amazonses.com")).toBeVisible();
  await page.getByLabel("To").fill("someone@example.org");
  await page.waitForTimeout(1100);
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByRole("list", { name: "Send results" }).getByRole("alert").first()).toBeVisible();
  await fits(page, "7-send");
  await page.goto("/setup/done");
  await fits(page, "8-done");
  await page.goto("/setup/rotate");
  await expect(page.getByRole("heading", { name: "Rotate the access key" })).toBeVisible();
  await fits(page, "9-rotate");
  // the step strip shows the step the operator is on
  await page.goto("/setup/send");
  const current = page.getByRole("navigation", { name: "Setup steps" }).locator('[aria-current="step"]');
  await expect(current).toBeInViewport();
});

test("the other pages fit a 390 px screen", async ({ page }) => {
  for (const [name, url] of [
    ["home", "/"],
    ["health", "/health"],
    ["tools", "/tools"],
    ["tools-smtp-password", "/tools/smtp-password"],
    ["tools-signature-doctor", "/tools/signature-doctor"],
  ] as const) {
    await page.goto(url);
    await fits(page, name);
  }
});
