import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "./fixtures";
import { envVarsOf } from "../../lib/env/parse";
import {
  BOOTSTRAP_USER,
  demoConfig,
  demoKey,
  emulatorState,
  PLUNK_USER,
  resetEmulator,
  runtime,
  signIn,
  widthShots,
} from "./helpers";

/**
 * The post-deploy health page in Chromium: it reads the env file the platform uses, shows a card per component with
 * its status and fix, re-checks on demand, and never shows a secret. /api/health agrees with it (503 on fail).
 */

const DAY = 86_400_000;

function writePlatformEnv(id: string, secret: string) {
  writeFileSync(
    runtime().envFile,
    `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${id}\nAWS_SES_SECRET_ACCESS_KEY='${secret}'\nSNS_TOPIC_ARNS=arn:aws:sns:eu-west-1:123456789012:plunk-events\n`,
    { mode: 0o600 },
  );
}

/**
 * Re-check until the headline matches: forced rounds are rate-limited server-side, so this may take a few clicks.
 * Only a signed-in operator's re-check makes Sesame call AWS (an anonymous one is answered from the cache): callers
 * sign in first.
 */
async function recheckUntil(page: Page, headline: RegExp) {
  await expect(async () => {
    const button = page.getByRole("button", { name: /Re-check now|Checking/ });
    await expect(button).toBeEnabled();
    await button.click();
    await expect(page.getByRole("button", { name: "Re-check now" })).toBeEnabled({ timeout: 20_000 });
    await expect(page.getByTestId("health-headline")).toHaveText(headline, { timeout: 1000 });
  }).toPass({ timeout: 45_000, intervals: [500, 2000, 3000] });
}

test.afterEach(() => {
  rmSync(runtime().envFile, { force: true });
});

test("health page: the deployed key passes, a broken secret fails with its fix; no secret on the page", async ({
  page,
}) => {
  await resetEmulator();
  const key = demoKey(PLUNK_USER);
  await signIn(page); // starts from a clean wizard and no env file: write the deployed one after it
  writePlatformEnv(key.id, key.secret);
  await page.goto("/health");
  await expect(page.getByRole("heading", { name: "Health", level: 1 })).toBeVisible();
  await recheckUntil(page, /^The platform can send/);

  const credentials = page.getByRole("region", { name: "Credentials", exact: true });
  await expect(credentials).toContainText("Pass");
  await expect(page.getByRole("region", { name: "Account and sandbox" })).toContainText("Pass");
  // the key id is masked; neither it nor the secret appears anywhere in the page
  await expect(page.getByText("AKIA…0001").first()).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(key.secret);
  expect(html).not.toContain(key.id);

  // key age: this least-privilege key may not read its own metadata; the card says so and links to rotation
  const age = page.getByRole("region", { name: "Key age" });
  await expect(age).toContainText("Key age unknown");
  await expect(age.getByRole("link", { name: "Rotate the access key" })).toHaveAttribute("href", "/setup/rotate");

  // break the secret in the env file: the next round fails with the catalogue's finding and fix
  writePlatformEnv(key.id, "wrongEXAMPLEsecret/0000000000000000000000");
  await recheckUntil(page, /cannot send/);
  await expect(credentials).toContainText("Fail");
  await expect(credentials.getByText("credentials.wrong-secret", { exact: true })).toBeVisible();
  await expect(credentials).toContainText("Fix:");
  // downstream components are not passed off as fine
  await expect(page.getByRole("region", { name: "Permissions" })).toContainText(/not checked/i);

  const res = await page.request.get("/api/health");
  expect(res.status()).toBe(503);
  expect(res.headers()["content-type"]).toBe("application/health+json");
  const body = await res.json();
  expect(body.status).toBe("fail");
  expect(body.checks["credentials:valid"][0].status).toBe("fail");
  expect(JSON.stringify(body)).not.toContain("wrongEXAMPLEsecret");

  const live = await page.request.get("/api/health/live");
  expect(live.status()).toBe(200);
});

test("health page: an old key that may read its own metadata warns with its age", async ({ page }) => {
  const config = demoConfig();
  const user = config.users.find((u) => u.name === PLUNK_USER);
  if (!user) throw new Error("demo config lost its Plunk user");
  (user.accessKeys[0] as { createDate?: string }).createDate = new Date(Date.now() - 200 * DAY).toISOString();
  user.inlinePolicies = {
    ...(user.inlinePolicies as object),
    selfRead: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:ListAccessKeys", Resource: `arn:aws:iam::123456789012:user/${PLUNK_USER}` },
      ],
    },
  };
  await resetEmulator(config);
  const key = demoKey(PLUNK_USER);
  await signIn(page); // starts from a clean wizard and no env file: write the deployed one after it
  writePlatformEnv(key.id, key.secret);
  await page.goto("/health");
  await recheckUntil(page, /with warnings/);
  const age = page.getByRole("region", { name: "Key age" });
  await expect(age).toContainText("Warn");
  await expect(age).toContainText("Access key is 200 days old");
  await expect(age.getByRole("link", { name: "Rotate the access key" })).toBeVisible();
});

test("key rotation from the health page: create+write, verify, deactivate, delete — the new secret never shown", async ({
  page,
}) => {
  await resetEmulator();
  const rt = runtime();
  await signIn(page);
  rmSync(path.join(rt.stateDir, "rotation.json"), { force: true });
  const old = demoKey(PLUNK_USER);
  writePlatformEnv(old.id, old.secret);

  await page.goto("/setup/rotate");
  await expect(page.getByRole("heading", { name: "Rotate the access key", level: 1 })).toBeVisible();
  await expect(page.getByText("AKIA…0001").first()).toBeVisible();

  // the Plunk key may not list its own keys: the keys card says why in the catalogue's words, code as code
  const keysCard = page.getByText("The platform's key may not manage the user's access keys. IAM answered");
  await expect(keysCard).toContainText("ListAccessKeys");
  await expect(keysCard.locator("code", { hasText: "iam:ListAccessKeys" })).toBeVisible();
  await expect(keysCard).not.toContainText("`");

  // … nor create one: refused with the catalogue's finding (title, why, fix; code as code)
  await page.getByRole("button", { name: "Create and write the new key" }).click();
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "The platform's key may not manage the user's access keys" });
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("IAM answered AccessDenied to CreateAccessKey");
  await expect(refusal).toContainText("Fix: Enter admin credentials for this rotation");
  await expect(refusal.locator("code", { hasText: "iam:CreateAccessKey" })).toBeVisible();
  await expect(refusal).not.toContainText("`");
  await widthShots(page, "/tmp/shots-polish", "rotate-denied");
  expect(readFileSync(rt.envFile, "utf8")).toContain(old.id);

  // so admin credentials, for this session only
  const admin = demoKey(BOOTSTRAP_USER);
  await page.getByLabel("Admin access key ID").fill(admin.id);
  await page.getByLabel("Admin secret access key").fill(admin.secret);
  await page.getByRole("button", { name: "Create and write the new key" }).click();
  await expect(page.getByText("Admin credentials are held for this session.")).toBeVisible();
  await expect(refusal).toHaveCount(0);
  await expect(page.getByLabel("Admin secret access key")).toHaveValue("");
  // with admin credentials held the user's keys are listed: the old one deployed-before, the new one in the file
  await expect(page.getByRole("list", { name: "Access keys" }).getByRole("listitem")).toHaveCount(2);

  const vars = envVarsOf(readFileSync(rt.envFile, "utf8"));
  const newId = vars.AWS_SES_ACCESS_KEY_ID as string;
  const newSecret = vars.AWS_SES_SECRET_ACCESS_KEY as string;
  expect(newId).not.toBe(old.id);
  expect(newSecret).toHaveLength(40);

  await page.getByRole("button", { name: "Verify the new key" }).click();
  await expect(page.getByRole("button", { name: "Deactivate the old key" })).toBeEnabled();
  await page.getByRole("button", { name: "Deactivate the old key" }).click();
  await expect(page.getByRole("button", { name: "Reactivate the old key" })).toBeVisible();
  const mid = await emulatorState();
  const keys = () => mid.iam.users.find((u: { name: string }) => u.name === PLUNK_USER).accessKeys;
  expect(keys().find((k: { accessKeyId: string }) => k.accessKeyId === old.id).status).toBe("Inactive");

  await page.getByRole("button", { name: "Delete the old key" }).click();
  await expect(page.getByText("Rotation complete")).toBeVisible();
  const after = await emulatorState();
  const left = after.iam.users.find((u: { name: string }) => u.name === PLUNK_USER).accessKeys;
  expect(left.map((k: { accessKeyId: string }) => k.accessKeyId)).toEqual([newId]);

  const html = await page.content();
  expect(html).not.toContain(newSecret);
  expect(html).not.toContain(admin.secret);
  expect(html).not.toContain(newId);
});
