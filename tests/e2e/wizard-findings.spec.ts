import { expect, type Page, test } from "./fixtures";
import { deriveSmtpPassword } from "../../lib/sigv4/smtp-password";
import {
  CONSOLE_SMTP_USER,
  checkFinished,
  chooseTarget,
  demoConfig,
  demoKey,
  finding,
  PLUNK_USER,
  pasteKey,
  resetEmulator,
  setFaults,
  shot,
  signIn,
  widthShots,
} from "./helpers";

/** Each common mismatch, set up in the stand-in, must surface in the wizard as the matching finding. */

async function manualKey(page: Page, target: string, region: string, id: string, secret: string) {
  await chooseTarget(page, target, region);
  await pasteKey(page, id, secret);
  await checkFinished(page);
}

async function send(page: Page, from: string, to: string) {
  await page.goto("/setup/send");
  await page.getByLabel("From").fill(from);
  await page.getByLabel("To").fill(to);
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText(new RegExp(`API send to ${to.replace(/[.+]/g, "\\$&")} failed`))).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

test("SMTP password pasted as the secret", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await manualKey(page, "Plunk", "us-east-1", key.id, await deriveSmtpPassword(key.secret, "us-east-1"));
  await expect(finding(page, "credentials.smtp-password-as-secret")).toBeVisible();
  // errors block the next step
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  // the check that found it says so in its chip, as an error
  await expect(
    page
      .getByRole("list", { name: "Checks" })
      .getByRole("listitem")
      .filter({ hasText: /^input/ }),
  ).toContainText(/\d+ errors?$/);
  await shot(page, "3-check-smtp-password-as-secret");
});

test("keys of the console's SMTP user", async ({ page }) => {
  const key = demoKey(CONSOLE_SMTP_USER);
  await manualKey(page, "Plunk", "us-east-1", key.id, key.secret);
  await expect(finding(page, "credentials.smtp-console-user")).toBeVisible();
});

test("skewed clock", async ({ page }) => {
  await setFaults({ clockOffsetSeconds: 1800 });
  const key = demoKey(PLUNK_USER);
  await manualKey(page, "Plunk", "us-east-1", key.id, key.secret);
  await expect(
    page
      .getByRole("article")
      .filter({ has: page.getByText(/^clock\.skew(-fatal)?$/) })
      .first(),
  ).toBeVisible();
});

test("missing permission: a Plunk key used for useSend", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await manualKey(page, "useSend", "us-east-1", key.id, key.secret);
  await expect(finding(page, "permissions.missing")).toBeVisible();
});

test("missing permission for the automatic IAM path is named", async ({ page }) => {
  const config = demoConfig();
  config.users.push({
    name: "half-admin",
    inlinePolicies: {
      only: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateUser", Resource: "*" }] },
    },
    accessKeys: [{ id: "AKIAEXAMPLEHALFADMIN", secret: "halfAdminEXAMPLEsecretKEY000000000000000" }],
  });
  await resetEmulator(config);
  await chooseTarget(page, "Plunk", "us-east-1");
  await page.getByLabel("Bootstrap access key ID").fill("AKIAEXAMPLEHALFADMIN");
  await page.getByLabel("Bootstrap secret access key").fill("halfAdminEXAMPLEsecretKEY000000000000000");
  await page.getByRole("button", { name: "Create IAM user" }).click();
  // the catalogue's finding (setup.denied) as the box's title, why and fix, as the doctor would say them
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "The bootstrap credentials may not attach the platform's policy to the user" });
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("IAM answered AccessDenied to PutUserPolicy");
  await expect(refusal).toContainText("Fix: Add iam:PutUserPolicy to their policy");
  await widthShots(page, "/tmp/shots-polish", "iam-auto-denied");
});

test("user exists → reuse; then the 2-key limit is explained", async ({ page }) => {
  const admin = demoKey("sesame-bootstrap");
  await chooseTarget(page, "Plunk", "us-east-1");
  const create = async () => {
    await page.getByLabel("Bootstrap access key ID").fill(admin.id);
    await page.getByLabel("Bootstrap secret access key").fill(admin.secret);
    await page.getByLabel("IAM user name").fill("plunk-ses");
    await page.getByRole("button", { name: "Create IAM user" }).click();
  };
  // plunk-ses exists in the demo config with one key
  await create();
  // setup.user-exists (a warning): the finding, and the way forward in its box
  const exists = page.getByRole("status").filter({ hasText: "An IAM user named plunk-ses already exists" });
  await expect(exists).toHaveAttribute("data-code", "setup.user-exists");
  await expect(exists).toContainText("Fix: Choose another name, or reuse it");
  await exists.getByRole("button", { name: "Reuse existing user" }).click();
  await expect(page.getByText("Reused IAM user plunk-ses")).toBeVisible();
  await page.reload();
  await create();
  await page.getByRole("button", { name: "Reuse existing user" }).click();
  const limit = page.getByRole("alert").filter({ hasText: "plunk-ses already has 2 access keys" });
  await expect(limit).toHaveAttribute("data-code", "setup.key-limit");
  await expect(limit).toContainText("IAM allows at most 2 access keys per user");
  // the fix's command as code, and the user's keys listed in the box
  await expect(limit.locator("code", { hasText: "aws iam delete-access-key --user-name plunk-ses" })).toBeVisible();
  await expect(limit.getByRole("list", { name: "Access keys of the user" })).toContainText(demoKey(PLUNK_USER).id);
  await widthShots(page, "/tmp/shots-polish", "iam-key-limit");
});

test("wrong region: the sender's domain is verified in another region", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  // example.com is verified in eu-west-1 only
  await manualKey(page, "Plunk", "us-east-1", key.id, key.secret);
  await send(page, "hello@example.com", "success@simulator.amazonses.com");
  await expect(finding(page, "region.identity-in-other-region")).toBeVisible();
});

test("sandbox recipient: flagged with the production-access link", async ({ page }) => {
  const config = demoConfig();
  config.identities.push({ region: "us-east-1", identity: "demo.test", status: "Success", dkimStatus: "Success" });
  await resetEmulator(config);
  const key = demoKey(PLUNK_USER);
  await manualKey(page, "Plunk", "us-east-1", key.id, key.secret);
  await send(page, "hello@demo.test", "someone@recipient.test");
  await expect(page.getByRole("link", { name: "Request production access for us-east-1" })).toBeVisible();
  await expect(finding(page, "account.sandbox")).toBeVisible();
  await shot(page, "6-send-sandbox");
});
