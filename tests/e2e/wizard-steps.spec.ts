import { expect, type Page, test } from "./fixtures";
import {
  checkFinished,
  chooseTarget,
  demoKey,
  finding,
  PLUNK_USER,
  pasteKey,
  resetEmulator,
  setFaults,
  signIn,
} from "./helpers";

/** Step mechanics the main flow does not exercise: region facts, back/forward and reloads, custom endpoints,
 * warnings that do not block, an unverified sender on the Send step. */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const rail = (page: Page) => page.getByRole("navigation", { name: "Setup steps" });

test("target step says where SES and SMTP are offered, and an SMTP app cannot pick a region without SMTP", async ({
  page,
}) => {
  const region = page.getByLabel("Region", { exact: true });
  await region.selectOption("eu-west-1");
  await expect(
    page.getByText("SES API and SMTP (email-smtp.eu-west-1.amazonaws.com) are offered in eu-west-1."),
  ).toBeVisible();
  await region.selectOption("af-south-1");
  await expect(page.getByText("SES API only: af-south-1 has no SMTP endpoint.")).toBeVisible();
  // an API platform may use it …
  await expect(page.getByRole("button", { name: "Save and continue" })).toBeEnabled();
  // … an SMTP-only app may not
  await page.getByRole("radio", { name: "SMTP app", exact: true }).check();
  await expect(page.getByRole("alert").filter({ hasText: "No SMTP endpoint in af-south-1" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save and continue" })).toBeDisabled();
});

test("choices survive a reload, and the browser's back and forward buttons move between steps", async ({ page }) => {
  await chooseTarget(page, "Plunk v1 (legacy)", "eu-west-1");
  await expect(
    rail(page)
      .getByRole("link", { name: /Target/ })
      .getByLabel("done"),
  ).toBeVisible();
  await expect(rail(page).getByRole("link", { name: /IAM user/ })).toHaveAttribute("aria-current", "step");

  await page.goBack();
  await expect(page).toHaveURL(/\/setup\/target$/);
  await expect(page.getByRole("radio", { name: "Plunk v1 (legacy)", exact: true })).toBeChecked();
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue("eu-west-1");
  await page.goForward();
  await expect(page).toHaveURL(/\/setup\/iam$/);
  await expect(page.getByRole("heading", { name: "IAM user", exact: true })).toBeVisible();

  // the IAM step's policy is the one for the saved target, after a reload too
  await page.reload();
  await expect(page.getByRole("figure", { name: "policy JSON" })).toContainText("ses:SendRawEmail");
  await page.goto("/setup/target");
  await expect(page.getByRole("radio", { name: "Plunk v1 (legacy)", exact: true })).toBeChecked();
});

test("a custom endpoint entered in step 1 is what the check talks to; clearing it brings back the server's", async ({
  page,
}) => {
  // nothing listens on port 9 of the loopback: if the check used the server's endpoint instead, it would pass
  await page.getByRole("radio", { name: "Plunk", exact: true }).check();
  await page.getByLabel("Region", { exact: true }).selectOption("eu-west-1");
  await page.getByLabel("Custom endpoint (optional)").fill("http://127.0.0.1:9");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/iam$/);
  const key = demoKey(PLUNK_USER);
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);
  await expect(finding(page, "endpoint.unreachable")).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();

  // a bad URL is refused next to the field
  await page.goto("/setup/target");
  await expect(page.getByLabel("Custom endpoint (optional)")).toHaveValue("http://127.0.0.1:9");
  await page.getByLabel("Custom endpoint (optional)").fill("ftp://127.0.0.1:9");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Enter a full http(s):// URL, or leave it empty for AWS.")).toBeVisible();

  await page.getByLabel("Custom endpoint (optional)").fill("");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\/iam$/);
  await page.goto("/setup/check");
  await checkFinished(page);
  await expect(page.getByText(/ 0 errors/)).toBeVisible();
  await expect(finding(page, "endpoint.unreachable")).toHaveCount(0);
});

test("warnings do not block Continue (errors do: wizard-findings.spec.ts)", async ({ page }) => {
  // 90 s behind AWS: a warning (over a minute), not yet the 5-minute signing window
  await setFaults({ clockOffsetSeconds: 90 });
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);
  await expect(finding(page, "clock.skew")).toBeVisible();
  await expect(page.getByText(/ 0 errors, [1-9]\d* warnings?/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue" })).toBeVisible();
});

test("an unverified sender is flagged on the Send step with the fix", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);
  await page.goto("/setup/send");
  await page.getByLabel("From").fill("hello@unverified-sender.test");
  await page.getByLabel("To").fill("success@simulator.amazonses.com");
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText(/API send to success@simulator\.amazonses\.com failed/)).toBeVisible();
  await expect(page.getByText(/not verified/).first()).toBeVisible();
  await expect(finding(page, "identity.missing")).toBeVisible();
});
