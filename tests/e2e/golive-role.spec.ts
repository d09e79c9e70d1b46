import { readFileSync } from "node:fs";
import { expect, type Page, test } from "./fixtures";
import {
  checkFinished,
  chooseTarget,
  demoKey,
  emulatorState,
  finding,
  resetEmulator,
  runtime,
  sentMail,
  shot,
  signIn,
  widthShots,
} from "./helpers";

/**
 * The role path (issue #14 part 4, docs/wizard.md "No stored keys: a role"): for platforms on the AWS SDK's default
 * chain, the policy on a role instead of a key. In the demo, Sesame's own chain gets the stand-in role
 * sesame-demo-platform-role through the ECS-style container endpoint (tests/e2e/server.ts), so the check, the domain
 * and the send sign with that role.
 */

const DEMO_ROLE = "sesame-demo-platform-role";

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-rolepath", name);

async function openRolePath(page: Page) {
  await page.getByRole("tab", { name: "Role (no stored keys)" }).click();
  await expect(page.getByRole("heading", { name: "No stored keys: use a role" })).toBeVisible();
}

test("useSend gets the role path with trust policies per host; Plunk is refused with the finding", async ({ page }) => {
  await chooseTarget(page, "useSend", "eu-west-1");
  // the key path stays the default
  await expect(page.getByRole("tab", { name: "Access key" })).toHaveAttribute("aria-selected", "true");
  await openRolePath(page);
  const trust = page.getByRole("figure", { name: "trust policy" });
  await expect(trust).toContainText("ecs-tasks.amazonaws.com");
  await page.getByLabel("EKS service account (IRSA)").check();
  await expect(trust).toContainText("sts:AssumeRoleWithWebIdentity");
  await expect(page.getByRole("figure", { name: "role commands" })).toContainText("eks.amazonaws.com/role-arn=");
  // the role policy is folded (it is the key path's document): one click shows it
  await expect(page.getByRole("figure", { name: "role policy" })).toHaveCount(0);
  await page.getByText(/^Role policy \(/).click();
  await expect(page.getByRole("figure", { name: "role policy" })).toContainText("ses:SendRawEmail");
  // the demo suggests the stand-in role Sesame itself runs as
  await expect(page.getByLabel("Role name")).toHaveValue(DEMO_ROLE);

  await chooseTarget(page, "Plunk", "eu-west-1");
  await page.getByRole("tab", { name: "Role (no stored keys)" }).click();
  await expect(page.getByRole("heading", { name: "No stored keys: use a role" })).toHaveCount(0);
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "Plunk cannot run on a role: it needs a stored access key" });
  await expect(refusal).toHaveAttribute("data-code", "credentials.chain-not-supported");
  await expect(refusal).toContainText("AWS_SES_ACCESS_KEY_ID");
  await expect(refusal).toContainText("Fix: ");
  await shots(page, "iam-role-plunk");
  // and the route refuses it too, with the same finding
  const res = await page.request.post("/api/setup/iam/role", {
    headers: { origin: runtime().baseURL },
    data: { host: "ecs" },
  });
  expect(res.status()).toBe(409);
  expect((await res.json()).finding.code).toBe("credentials.chain-not-supported");
});

test("a role without the policy: the check names the missing permissions, not a missing key", async ({ page }) => {
  await chooseTarget(page, "AWS SDK app", "eu-west-1");
  await openRolePath(page);
  await page.getByRole("button", { name: "Check the role" }).click();
  await expect(page).toHaveURL(/\/setup\/check$/);
  await checkFinished(page);
  await expect(finding(page, "credentials.from-chain")).toBeVisible();
  await expect(page.getByText(/ses:SendRawEmail/).first()).toBeVisible();
  await expect(finding(page, "credentials.missing")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Continue" })).toHaveCount(0);
});

test("useSend on a role: attach in the demo → check green → env without keys → domain → send", async ({ page }) => {
  const rt = runtime();
  await chooseTarget(page, "useSend", "eu-west-1");
  await openRolePath(page);
  const form = page.getByRole("form", { name: "Attach the policy to the role" });
  // a key without iam:CreatePolicy: refused with the catalogue's finding (title, why, fix), the permission named
  await form.getByLabel("Policy creator access key ID").fill(demoKey("plunk-ses").id);
  await form.getByLabel("Policy creator secret access key").fill(demoKey("plunk-ses").secret);
  await form.getByRole("button", { name: "Create and attach the policy" }).click();
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "The bootstrap credentials may not create the managed policy for the role" });
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("IAM answered AccessDenied to CreatePolicy");
  await expect(refusal).toContainText("Fix: Add iam:CreatePolicy to their policy");
  await shots(page, "iam-role-denied");
  await form.getByRole("button", { name: "Fill in" }).click();
  await form.getByRole("button", { name: "Create and attach the policy" }).click();
  const status = page.getByRole("status").filter({ hasText: "attached to role" });
  await expect(status).toContainText(DEMO_ROLE);
  await expect(refusal).toHaveCount(0);
  await expect(status).toContainText("arn:aws:iam::123456789012:policy/sesame-usesend-ses");
  // the bootstrap secret is gone from the page; the commands use the real ARN
  await expect(page.getByLabel("Policy creator secret access key")).toHaveCount(0);
  await expect(page.getByRole("figure", { name: "role commands" })).toContainText(
    `attach-role-policy --role-name ${DEMO_ROLE} --policy-arn arn:aws:iam::123456789012:policy/sesame-usesend-ses`,
  );
  await shots(page, "iam-role-attached");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "2-iam-role");
  // the stand-in's role has the policy attached
  const state = await emulatorState();
  const role = state.iam.roles.find((r: { name: string }) => r.name === DEMO_ROLE);
  expect(JSON.stringify(role)).toContain("sesame-usesend-ses");

  await page.getByRole("button", { name: "Check the role" }).click();
  await expect(page).toHaveURL(/\/setup\/check$/);
  await checkFinished(page);
  await expect(finding(page, "credentials.from-chain")).toBeVisible();
  await expect(page.getByText(/0 errors/)).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();

  await expect(page).toHaveURL(/\/setup\/env$/);
  await expect(page.getByText("No keys in this file: the platform uses its role")).toBeVisible();
  const table = page.getByRole("table", { name: "Environment variables" });
  await expect(table).toContainText("AWS_DEFAULT_REGION");
  await expect(table).not.toContainText("AWS_ACCESS_KEY_ID");
  await expect(page.getByRole("button", { name: "Reveal secrets" })).toHaveCount(0);
  await shots(page, "env-role");
  await shot(page, "4-env-role");
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("Env file written")).toBeVisible();
  const text = readFileSync(rt.envFile, "utf8");
  expect(text).toMatch(/^AWS_DEFAULT_REGION=eu-west-1$/m);
  expect(text).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
  await page.getByRole("link", { name: "Continue" }).click();

  // the domain step signs with the role (its policy may manage identities for useSend)
  await expect(page).toHaveURL(/\/setup\/domain$/);
  await page.getByLabel("Sending domain").fill("demo.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("table", { name: "DNS records" })).toContainText("._domainkey.demo.test");
  await page.getByRole("button", { name: "Publish records to demo DNS" }).click();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible();
  await page.goto("/setup/send");
  await expect(page.getByLabel("From")).toHaveValue("sesame-test@demo.test");
  // a role's temporary credentials cannot make an SES SMTP password: the API only
  await expect(page.getByRole("button", { name: "Send via SMTP" })).toBeDisabled();
  await expect(page.getByText("No SMTP on the role path.")).toBeVisible();
  await expect(page.getByText(/on the role path the platform sends through the SES API/)).toBeVisible();
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText("Sent via the SES API to success@simulator.amazonses.com")).toBeVisible();
  const sent: { messageId: string }[] = await sentMail();
  await expect(page.getByText(sent[sent.length - 1].messageId)).toBeVisible();
  // the step rail counts the role path: IAM and check done without a key in the session
  const rail = page.getByRole("navigation", { name: "Setup steps" });
  for (const step of ["IAM user", "Check credentials"])
    await expect(rail.getByRole("link", { name: new RegExp(step) }).getByLabel("done")).toBeVisible();
  // revisiting step 2: the role path is what is in use, and it opens on it
  await page.goto("/setup/iam");
  await expect(page.getByRole("status").filter({ hasText: "Role path chosen: no stored keys" })).toContainText(
    DEMO_ROLE,
  );
  await expect(page.getByRole("tab", { name: "Role (no stored keys)" })).toHaveAttribute("aria-selected", "true");
  await shots(page, "iam-role-revisit");
  // the summary names the role, no key
  await page.goto("/setup/done");
  const summary = page.getByRole("list", { name: "Summary" }).or(page.getByLabel("Summary"));
  await expect(summary).toContainText("IAM role");
  await expect(summary).toContainText(`${DEMO_ROLE} · policy sesame-usesend-ses`);
  await expect(summary).toContainText("no stored keys");
  // the sandbox read signs with the role too: eu-west-1 is out of the sandbox in the demo, so nothing to request
  await expect(page.getByRole("heading", { name: /Request production access/ })).toHaveCount(0);
  // no stored key, so nothing to rotate
  await expect(page.getByRole("link", { name: "Rotate the access key" })).toHaveCount(0);
  await shots(page, "done-role");

  // health after the walk: the env file holds no key, so the round checks the chain Sesame runs with (the role)
  await page.goto("/health");
  const credentials = page.getByRole("region", { name: "Credentials", exact: true });
  await expect(async () => {
    const button = page.getByRole("button", { name: /Re-check now|Checking/ });
    await expect(button).toBeEnabled();
    await button.click();
    await expect(page.getByRole("button", { name: "Re-check now" })).toBeEnabled({ timeout: 20_000 });
    await expect(credentials).toHaveAttribute("data-status", "pass", { timeout: 1000 });
  }).toPass({ timeout: 45_000, intervals: [500, 2000, 3000] });
  await expect(credentials).toContainText("Credentials come from the AWS default credential chain");
  await expect(credentials).toContainText("temporary role credentials");
  await expect(finding(page, "credentials.missing")).toHaveCount(0);
  await expect(finding(page, "env.health-no-credentials")).toHaveCount(0);
  await expect(page.getByText("AWS default credential chain (no stored key)")).toBeVisible();
  // a role's temporary credentials have no age and nothing to rotate
  await expect(finding(page, "credentials.key-temporary")).toBeVisible();
  await expect(page.getByRole("region", { name: "Key age", exact: true })).not.toContainText("days old");
  await expect(page.getByRole("link", { name: "Rotate the access key" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Permissions", exact: true })).not.toHaveAttribute(
    "data-status",
    "fail",
  );
  await shots(page, "health-role");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, "health-role");
});
