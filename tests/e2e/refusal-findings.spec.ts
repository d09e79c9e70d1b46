import { expect, type Page, test } from "./fixtures";
import { CONSOLE_SMTP_USER, chooseTarget, demoKey, pasteKey, resetEmulator, signIn, widthShots } from "./helpers";

/**
 * Issue 9 §2 on screen: when AWS refuses a wizard call, the step shows the catalogue's finding — its title, why (with
 * AWS's answer) and fix — the words the doctor and the health page use, not a sentence of the route's own.
 */

const SHOTS = "/tmp/shots-refusal";

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, SHOTS, name);

test("Domain step: a key that may not create identities gets setup.denied, and other credentials go through", async ({
  page,
}) => {
  // the SES console's SMTP user may only send: it cannot create a domain identity
  await chooseTarget(page, "Plunk", "eu-west-1");
  const smtpOnly = demoKey(CONSOLE_SMTP_USER);
  await pasteKey(page, smtpOnly.id, smtpOnly.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("refusal.example");
  await page.getByRole("button", { name: "Create identity" }).click();

  const refusal = page.getByRole("alert").filter({
    hasText: "The credentials used for the domain identity may not create the domain identity",
  });
  await expect(refusal).toBeVisible();
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("SES answered AccessDenied to VerifyDomainDkim");
  await expect(refusal).toContainText("ses:VerifyDomainDkim");
  await expect(refusal).toContainText("Fix: Add ses:VerifyDomainDkim to their policy, or enter credentials");
  // below the finding: the fields for credentials that may (loaded when shown)
  await expect(page.getByLabel("Identity management access key ID")).toBeVisible();
  await shots(page, "domain-denied");

  // the fix works: credentials that may, entered in this step
  const admin = demoKey("sesame-bootstrap");
  await page.getByLabel("Identity management access key ID").fill(admin.id);
  await page.getByLabel("Identity management secret access key").fill(admin.secret);
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(refusal).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish records to demo DNS" })).toBeVisible();
});
