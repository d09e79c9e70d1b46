import { readFileSync } from "node:fs";
import { expect, type Page, test } from "./fixtures";
import {
  checkFinished,
  chooseTarget,
  createUserAutomatically,
  demoKey,
  BOOTSTRAP_USER,
  resetEmulator,
  runtime,
  signIn,
  shot,
  widthShots,
  writeEnvAndVerifyDomain,
} from "./helpers";

/**
 * The Events step in the demo: the loop built with set-up credentials used once, the stand-in's receiver confirming
 * the subscription, a test bounce through Plunk's set arriving as a signed Bounce, the env file holding Plunk's
 * event variables, and the Test send then going through that set.
 */

const SHOTS = "/tmp/shots-events";

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

async function throughDomain(page: Page) {
  await chooseTarget(page, "Plunk", "us-east-1");
  await createUserAutomatically(page, "sesame-plunk");
  await page.getByRole("button", { name: "Continue" }).click();
  await checkFinished(page);
  await writeEnvAndVerifyDomain(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/events$/);
}

const shots = (page: Page, name: string) => widthShots(page, SHOTS, name);

test("Events step: loop built once, subscription Confirmed, a test bounce arrives signed; the test send uses the set", async ({
  page,
}) => {
  const rt = runtime();
  await throughDomain(page);

  // what Plunk needs, and the webhook pre-filled with the stand-in's receiver
  await expect(page.getByRole("heading", { name: "What Plunk needs in us-east-1" })).toBeVisible();
  const sets = page.getByRole("table", { name: "Configuration sets" });
  await expect(sets).toContainText("plunk-tracking");
  await expect(sets).toContainText("SES_CONFIGURATION_SET_NO_TRACKING");
  const webhook = page.getByLabel("Plunk webhook URL");
  await expect(webhook).toHaveValue(`${rt.emulatorUrl}/_emulator/webhooks/plunk/webhooks/sns`);
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await shots(page, "1-events-form");

  // the manual path: console steps and CLI for the same plan
  await page.getByRole("tab", { name: "Manual" }).click();
  await expect(page.getByRole("figure", { name: "AWS CLI commands" })).toContainText(
    "aws sns create-topic --name plunk-ses-events --region us-east-1",
  );
  await page.getByRole("tab", { name: "Automatic" }).click();

  // a malformed URL is a clear 400 before anything is created
  await webhook.fill("not a url");
  await page.getByLabel("Set-up access key ID").fill(demoKey(BOOTSTRAP_USER).id);
  await page.getByLabel("Set-up secret access key").fill(demoKey(BOOTSTRAP_USER).secret);
  await page.getByRole("button", { name: "Create event loop" }).click();
  await expect(page.getByText("The webhook URL is not a valid URL.")).toBeVisible();
  await webhook.fill(`${rt.emulatorUrl}/_emulator/webhooks/plunk/webhooks/sns`);
  await page.getByRole("button", { name: "Create event loop" }).click();

  await expect(page.getByRole("status", { name: "Subscription: Confirmed" })).toBeVisible();
  const env = readFileSync(rt.envFile, "utf8");
  expect(env).toMatch(/^SES_CONFIGURATION_SET="?plunk-tracking"?$/m);
  expect(env).toMatch(/^SES_CONFIGURATION_SET_NO_TRACKING="?plunk-no-tracking"?$/m);
  expect(env).toMatch(/^SNS_TOPIC_ARNS="?arn:aws:sns:us-east-1:\d{12}:plunk-ses-events"?$/m);
  // the bootstrap secret went nowhere near the page or the file
  expect(env).not.toContain(demoKey(BOOTSTRAP_USER).secret);
  expect(await page.content()).not.toContain(demoKey(BOOTSTRAP_USER).secret);
  const received = page.getByRole("table", { name: "Received notifications" });
  await expect(received).toContainText("SubscriptionConfirmation");

  await page.getByRole("button", { name: "Send a test bounce" }).click();
  const sent = page.getByText(/^Sent to bounce@simulator\.amazonses\.com through plunk-tracking: (\S+)$/);
  await expect(sent).toBeVisible();
  const messageId = (await sent.textContent())?.split(": ").pop() ?? "";
  const bounceRow = received.getByRole("row").filter({ hasText: "Bounce" }).filter({ hasText: messageId });
  await expect(bounceRow).toBeVisible();
  await expect(bounceRow).toContainText("Valid");
  await shots(page, "2-events-confirmed");
  await shot(page, "5b-events");

  // the test send now takes Plunk's own path: through the set, so its Delivery arrives at the receiver too
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/send$/);
  await page.waitForTimeout(1100); // the sandbox's 1 message per second
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText("Sent via the SES API to success@simulator.amazonses.com")).toBeVisible();
  const res = await fetch(`${rt.emulatorUrl}/_emulator/webhooks/plunk`);
  const listing = (await res.json()) as { messages: { event?: { eventType: string; recipients: string[] } }[] };
  await expect
    .poll(async () => {
      const l = (await (await fetch(`${rt.emulatorUrl}/_emulator/webhooks/plunk`)).json()) as typeof listing;
      return l.messages.some(
        (m) => m.event?.eventType === "Delivery" && m.event.recipients.includes("success@simulator.amazonses.com"),
      );
    })
    .toBe(true);
});

test("Events step for an SDK app: nothing to build, skipping states the trade-off", async ({ page }) => {
  await chooseTarget(page, "AWS SDK app", "us-east-1");
  await page.goto("/setup/events");
  await expect(page.getByText("AWS SDK app has no event webhook")).toBeVisible();
  await expect(page.getByText(/never learns of bounces or complaints/)).toBeVisible();
  await page.getByRole("button", { name: "Skip this step" }).click();
  await expect(page.getByText("Skipped.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue" })).toBeVisible();
  await shots(page, "3-events-sdk-skip");
});
