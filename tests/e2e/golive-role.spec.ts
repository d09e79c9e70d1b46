import { expect, type Page, test } from "./fixtures";
import { chooseTarget, resetEmulator, signIn } from "./helpers";

/** "No stored keys: use a role" on the IAM step, for platforms on the default chain only. */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/shots-golive/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("useSend gets the role path with trust policies per host; Plunk does not", async ({ page }) => {
  await chooseTarget(page, "useSend", "eu-west-1");
  await expect(page.getByRole("heading", { name: "No stored keys: use a role" })).toBeVisible();
  const trust = page.getByRole("figure", { name: "trust policy" });
  await expect(trust).toContainText("ecs-tasks.amazonaws.com");
  await page.getByLabel("EKS service account (IRSA)").check();
  await expect(trust).toContainText("sts:AssumeRoleWithWebIdentity");
  await expect(page.getByRole("figure", { name: "role commands" })).toContainText("eks.amazonaws.com/role-arn=");
  await expect(page.getByRole("figure", { name: "role policy" })).toContainText("ses:SendRawEmail");
  await shots(page, "role-path");
  await chooseTarget(page, "Plunk", "eu-west-1");
  await expect(page.getByRole("heading", { name: "No stored keys: use a role" })).toHaveCount(0);
});
