import { expect, type Page, test } from "./fixtures";
import {
  BOOTSTRAP_USER,
  chooseTarget,
  createUserAutomatically,
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
 * "Request production access" on the Done step against the stand-in: the drafted request, submitted with admin
 * credentials used once, PENDING with a case id, then denied by the stand-in's reviewer: no second request offered.
 */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-golive", name);

test("a sandboxed region: draft, submit once, pending with a case id, then denied → the support case, not a resubmit", async ({
  page,
}) => {
  // an AWS SDK app's policy may read GetAccount, so the Done step follows the review itself
  await chooseTarget(page, "AWS SDK app", "us-east-1");
  await createUserAutomatically(page, "golive-app");
  await page.goto("/setup/done");
  const panel = page.getByRole("region", { name: /Request production access — us-east-1/ });
  await expect(panel).toBeVisible();
  await expect(page.getByRole("complementary", { name: "What reviewers look for" })).toContainText("opted in");
  await page.getByLabel("Website URL").fill("https://shop.example.com");
  await page.getByLabel("Expected messages per day").fill("2500");
  await page.getByRole("button", { name: "Draft again from these answers" }).click();
  const useCase = page.getByLabel("Use case");
  await expect(useCase).toHaveValue(/We use our own application \(AWS SDK\) to send transactional email/);
  await expect(useCase).toHaveValue(/about 2,500 messages a day/);
  await page.getByLabel("Additional contacts").fill("ops@shop.example.com");
  await expect(page.getByRole("figure", { name: "AWS CLI command" })).toContainText(
    "aws sesv2 put-account-details --region us-east-1",
  );
  await expect(page.getByRole("figure", { name: "AWS CLI command" })).toContainText("'https://shop.example.com'");
  await shots(page, "production-form");
  await shot(page, "7b-production-access");

  // a key that may not call ses:PutAccountDetails: refused with the catalogue's finding (title, why, fix), the CLI
  // command to run instead
  const key = demoKey(PLUNK_USER);
  await submitProductionAccess(page, key);
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "The credentials given here may not request production access in us-east-1" });
  await expect(refusal).toHaveAttribute("data-code", "setup.denied");
  await expect(refusal).toContainText("SES answered AccessDeniedException to PutAccountDetails");
  await expect(refusal).toContainText("Fix: Use credentials that may call ses:PutAccountDetails");
  await shots(page, "production-refused-key");
  await expect(page.getByLabel("Admin secret access key")).toHaveValue("");

  const admin = demoKey(BOOTSTRAP_USER);
  await submitProductionAccess(page, admin);
  const state = page.getByRole("status", { name: "Production access in us-east-1" });
  await expect(refusal).toHaveCount(0);
  await expect(state).toContainText("Under review");
  await expect(state).toContainText(/case \d+/);
  await expect(page.getByRole("button", { name: "Request production access" })).toHaveCount(0);
  // the secret never comes back in the page
  expect(await page.content()).not.toContain(admin.secret);

  await reviewProductionAccess("DENIED");
  await page.reload();
  await expect(state).toContainText("Denied");
  await expect(state).toContainText("Reply to case");
  await expect(state).toContainText("A new request is refused");
  await expect(page.getByRole("button", { name: "Request production access" })).toHaveCount(0);
  await shots(page, "production-denied");
});

test("a bad request is a 400 that names the problem", async ({ page }) => {
  await chooseTarget(page, "Plunk", "us-east-1");
  const admin = demoKey(BOOTSTRAP_USER);
  const res = await page.request.post("/api/setup/production-access", {
    headers: { origin: runtime().baseURL },
    data: {
      request: { region: "us-east-1", mailType: "TRANSACTIONAL", websiteUrl: "shop", useCase: "short" },
      accessKeyId: admin.id,
      secretAccessKey: admin.secret,
    },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error).toMatch(/https:\/\/|50 characters/);
});
