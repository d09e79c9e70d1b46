import { rmSync, writeFileSync } from "node:fs";
import { expect, type Page, test } from "./fixtures";
import {
  BOOTSTRAP_USER,
  chooseTarget,
  createUserAutomatically,
  demoConfig,
  demoKey,
  PLUNK_USER,
  resetEmulator,
  reviewProductionAccess,
  runtime,
  shot,
  signIn,
  submitProductionAccess,
  widthShots,
} from "./helpers";

/**
 * "Request production access" on the health page, per sandboxed region: a signed-in session gets the form (admin
 * credentials used once), PENDING with a case id, then the stand-in's reviewer denies: the support case, no resubmit.
 * The public view (no session) shows the review status only.
 */

test.afterEach(() => {
  rmSync(runtime().envFile, { force: true });
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-golive2", name);

/** Re-check (signed in: only an operator's re-check calls AWS) until the round has read the account again. */
async function recheck(page: Page) {
  const button = page.getByRole("button", { name: /Re-check now|Checking/ });
  await expect(button).toBeEnabled();
  await button.click();
  await expect(page.getByRole("button", { name: "Re-check now" })).toBeEnabled({ timeout: 20_000 });
}

test("health page: a sandboxed region → form → submit once → pending with a case id → denied says the support case", async ({
  page,
  browser,
}) => {
  await resetEmulator();
  await signIn(page);
  // an AWS SDK app in us-east-1 (sandboxed in the demo); its policy may read ses:GetAccount
  await chooseTarget(page, "AWS SDK app", "us-east-1");
  await createUserAutomatically(page, "golive-health");
  await page.goto("/health");
  await recheck(page);
  const panel = page.getByRole("region", { name: "Request production access — us-east-1" });
  await expect(panel).toBeVisible();
  // eu-west-1 is out of the sandbox in the demo: no panel for it
  await expect(page.getByRole("region", { name: /Request production access — eu-west-1/ })).toHaveCount(0);
  await panel.getByLabel("Website URL").fill("https://shop.example.com");
  await expect(panel.getByLabel("Use case")).toHaveValue(/We use our own application \(AWS SDK\)/);
  await shots(page, "health-production-form");

  // a key that may not call ses:PutAccountDetails: refused, and the secret field is cleared
  const plunk = demoKey(PLUNK_USER);
  await submitProductionAccess(panel, plunk);
  const refusal = panel
    .getByRole("alert")
    .filter({ hasText: "The credentials given here may not request production access" });
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("Fix: Use credentials that may call ses:PutAccountDetails");
  await expect(panel.getByLabel("Admin secret access key")).toHaveValue("");

  const admin = demoKey(BOOTSTRAP_USER);
  await submitProductionAccess(panel, admin);
  const state = page.getByRole("status", { name: "Production access in us-east-1" });
  await expect(state).toContainText("Under review");
  await expect(state).toContainText(/case \d+/);
  const caseId = (await state.textContent())?.match(/case (\d+)/)?.[1];
  expect(caseId).toBeTruthy();
  await expect(page.getByRole("button", { name: "Request production access" })).toHaveCount(0);
  expect(await page.content()).not.toContain(admin.secret);

  // the stand-in's reviewer denies it: the health page reads the review again (GetAccount)
  await reviewProductionAccess("DENIED");
  await page.reload();
  await recheck(page);
  await expect(state).toContainText("Denied");
  await expect(state).toContainText(`Reply to case ${caseId}`);
  await expect(state).toContainText("A new request is refused");
  await expect(page.getByRole("button", { name: "Request production access" })).toHaveCount(0);
  await expect(page.getByLabel("Admin secret access key")).toHaveCount(0);
  await shots(page, "health-production-denied");

  // the public view reads what the health round read with the deployed key: the env file Sesame watches holds the
  // target's names (SESAME_TARGET unset: the platform the wizard set up, an AWS SDK app here); the demo's admin key
  // stands in for a deployed key that may read ses:GetAccount
  writeFileSync(
    runtime().envFile,
    `AWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=${admin.id}\nAWS_SECRET_ACCESS_KEY='${admin.secret}'\n`,
    { mode: 0o600 },
  );
  await recheck(page);
  await expect(page.getByRole("region", { name: "Account and sandbox" })).toContainText(
    "account.production-access-denied",
  );
  // the public view: the review status only, no form, no case id
  const anon = await browser.newContext({ baseURL: runtime().baseURL });
  const pub = await anon.newPage();
  await pub.goto("/health");
  const pubState = pub.getByRole("status", { name: "Production access in us-east-1" });
  await expect(pubState).toContainText("Denied");
  await expect(pubState).not.toContainText(caseId as string);
  await expect(pub.getByRole("button", { name: "Request production access" })).toHaveCount(0);
  await expect(pub.getByLabel("Admin secret access key")).toHaveCount(0);
  await shots(pub, "health-production-public");
  await anon.close();
});

test("health page: the domain verified in two sandboxed regions → a panel for each; one granted → only the other", async ({
  page,
}) => {
  // the demo world with eu-west-1 sandboxed too and example.com verified in us-east-1 as well
  const config = demoConfig();
  const regions = config.regions as Record<string, Record<string, unknown>>;
  config.regions = { ...regions, "us-east-1": { sandbox: true }, "eu-west-1": { sandbox: true } };
  config.identities = [...config.identities, { region: "us-east-1", identity: "example.com", status: "Success" }];
  await resetEmulator(config);
  await signIn(page);
  // useSend's policy reads identities (GetEmailIdentity) and the account (GetAccount) in any region
  await chooseTarget(page, "useSend", "us-east-1");
  await createUserAutomatically(page, "golive-two-regions");
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("example.com");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible({ timeout: 30_000 });

  await page.goto("/health");
  await recheck(page);
  const here = page.getByRole("region", { name: "Request production access — us-east-1" });
  const there = page.getByRole("region", { name: "Request production access — eu-west-1" });
  await expect(here).toBeVisible();
  await expect(there).toBeVisible();
  await expect(page.getByRole("region", { name: /Request production access — / })).toHaveCount(2);
  await expect(
    page.getByText("example.com is verified in eu-west-1 too, and the account is in the sandbox there."),
  ).toBeVisible();
  await shots(page, "health-production-two-regions");
  await shot(page, "7b-health-production-two-regions");

  // eu-west-1 is granted (filed outside Sesame, decided by the stand-in's reviewer): its panel goes
  const admin = demoKey(BOOTSTRAP_USER);
  const { PutAccountDetailsCommand, SESv2Client } = await import("@aws-sdk/client-sesv2");
  await new SESv2Client({
    region: "eu-west-1",
    endpoint: runtime().emulatorUrl,
    credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret },
    maxAttempts: 1,
  }).send(
    new PutAccountDetailsCommand({
      MailType: "TRANSACTIONAL",
      WebsiteURL: "https://example.com",
      UseCaseDescription: "Order confirmations for customers who signed up at example.com.",
      ProductionAccessEnabled: true,
    }),
  );
  await reviewProductionAccess("GRANTED", "eu-west-1");
  await page.reload();
  await expect(here).toBeVisible();
  await expect(there).toHaveCount(0);
  await expect(page.getByRole("region", { name: /Request production access — / })).toHaveCount(1);
});
