import { expect, type Page, test } from "./fixtures";
import { chooseTarget, demoKey, resetEmulator, signIn, widthShots } from "./helpers";

/** "No stored keys: use a role" on the IAM step, for platforms on the default chain only. */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-golive", name);

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

test("AWS SDK app: the wizard creates the role policy with demo bootstrap credentials used once", async ({ page }) => {
  await chooseTarget(page, "AWS SDK app", "eu-west-1");
  const form = page.getByRole("form", { name: "Create the role policy" });
  // a key without iam:CreatePolicy: the permission is named
  await form.getByLabel("Policy creator access key ID").fill(demoKey("plunk-ses").id);
  await form.getByLabel("Policy creator secret access key").fill(demoKey("plunk-ses").secret);
  await form.getByRole("button", { name: "Create the policy" }).click();
  await expect(form.getByRole("alert")).toContainText("iam:CreatePolicy");
  await form.getByRole("button", { name: "Fill in" }).click();
  await form.getByRole("button", { name: "Create the policy" }).click();
  const status = page.getByRole("status").filter({ hasText: "Policy created" });
  await expect(status).toContainText("arn:aws:iam::123456789012:policy/sesame-aws-ses");
  const commands = page.getByRole("figure", { name: "role commands" });
  await expect(commands).toContainText(
    "attach-role-policy --role-name sesame-aws-role --policy-arn arn:aws:iam::123456789012:policy/sesame-aws-ses",
  );
  await expect(commands).not.toContainText("create-policy");
  await page.getByLabel("EC2 instance profile").check();
  await expect(commands).toContainText("associate-iam-instance-profile");
  // the bootstrap secret is gone from the page
  await expect(page.getByLabel("Policy creator secret access key")).toHaveCount(0);
  await widthShots(page, "/tmp/shots-rolepath", "role-policy-created");
});
