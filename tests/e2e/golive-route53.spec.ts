import { CreateHostedZoneCommand, ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53";
import { expect, type Page, test } from "./fixtures";
import {
  BOOTSTRAP_USER,
  chooseTarget,
  demoKey,
  pasteKey,
  PLUNK_USER,
  resetEmulator,
  runtime,
  shot,
  signIn,
  widthShots,
} from "./helpers";

/**
 * "Publish to Route 53" on the Domain step against the stand-in's Route 53 (the demo config's hosted zone for
 * demo.test): the policy before use, the exact change set with an existing different record called out, the change
 * applied and INSYNC, and SES verifying the domain from the published records.
 */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const shots = (page: Page, name: string) => widthShots(page, "/tmp/shots-golive", name);

async function addDnsRecord(record: Record<string, unknown>) {
  const res = await fetch(new URL("/_emulator/dns", runtime().emulatorUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(record),
  });
  expect(res.status).toBe(201);
}

test("find the zone, show the change set, overwrite only when told, publish, INSYNC, verified", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "us-east-1");
  await pasteKey(page, key.id, key.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("demo.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("table", { name: "DNS records" })).toContainText("._domainkey.demo.test");
  // a DMARC record with another policy is already there
  await addDnsRecord({ name: "_dmarc.demo.test", type: "TXT", value: "v=DMARC1; p=reject" });

  await expect(page.getByRole("heading", { name: "Publish to Route 53" })).toBeVisible();
  // the panel's code loads on the click that opens it (not with the page)
  await page.getByRole("button", { name: "Set up Route 53 publishing" }).click();
  // the policy is visible before any credentials are used
  await expect(page.getByRole("figure", { name: "Route 53 policy for this zone" })).toContainText(
    "route53:ChangeResourceRecordSets",
  );
  // the platform key may not use Route 53
  await page.getByRole("button", { name: "Find the zone and show the changes" }).click();
  // … refused with the catalogue's finding: title, why (AWS's answer) and fix, as the doctor words it
  const refusal = page
    .getByRole("alert")
    .filter({ hasText: "The platform's key may not publish the records in Route 53" });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText("Route 53 answered AccessDenied");
  await expect(refusal).toContainText("Fix: Give credentials limited to the hosted zone");
  await shots(page, "route53-denied");

  const admin = demoKey(BOOTSTRAP_USER);
  await page.getByLabel(/Other credentials, used once/).check();
  await page.getByLabel("Route 53 access key ID").fill(admin.id);
  await page.getByLabel("Route 53 secret access key").fill(admin.secret);
  await page.getByRole("button", { name: "Find the zone and show the changes" }).click();
  const changes = page.getByRole("table", { name: "Route 53 changes" });
  await expect(page.getByText("Hosted zone demo.test")).toBeVisible();
  await expect(page.getByRole("figure", { name: "Route 53 policy for this zone" })).toContainText(
    "arn:aws:route53:::hostedzone/Z0DEMOTEST000001",
  );
  const row = (name: string) => changes.getByRole("row").filter({ hasText: name });
  await expect(row("_dmarc.demo.test")).toContainText("Overwrite");
  await expect(row("_dmarc.demo.test")).toContainText('now: "v=DMARC1; p=reject"');
  await expect(changes.getByText("Create")).toHaveCount(5);
  const publish = page.getByRole("button", { name: "Publish to Route 53" });
  await expect(publish).toBeDisabled();
  await shots(page, "route53-plan");
  await shot(page, "5c-route53");
  await page.getByLabel(/Overwrite the records marked Overwrite/).check();
  await publish.click();
  await expect(page.getByRole("status").filter({ hasText: "Route 53 reports the change in sync" })).toBeVisible();

  // SES sees the DKIM CNAMEs the stand-in's DNS now serves
  await page.getByRole("button", { name: "Refresh status" }).click();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible({ timeout: 30_000 });
  const state = await (await fetch(new URL("/_emulator/dns", runtime().emulatorUrl))).json();
  const dmarc = state.filter((r: { name: string }) => r.name === "_dmarc.demo.test");
  expect(dmarc.map((r: { value: string }) => r.value)).toEqual(["v=DMARC1; p=none;"]);
  await shots(page, "route53-published");
});

test("no public zone: said plainly with the exact create command; Sesame creates nothing; the zone is found once made", async ({
  page,
}) => {
  const admin = demoKey(BOOTSTRAP_USER);
  const r53 = new Route53Client({
    region: "us-east-1",
    endpoint: runtime().emulatorUrl,
    credentials: { accessKeyId: admin.id, secretAccessKey: admin.secret },
    maxAttempts: 1,
  });
  const zonesNamed = async (name: string) =>
    ((await r53.send(new ListHostedZonesByNameCommand({ DNSName: name }))).HostedZones ?? []).filter(
      (z) => z.Name === `${name}.`,
    );

  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "us-east-1");
  await pasteKey(page, key.id, key.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("fresh.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("table", { name: "DNS records" })).toContainText("._domainkey.fresh.test");
  await page.getByRole("button", { name: "Set up Route 53 publishing" }).click();
  await page.getByLabel(/Other credentials, used once/).check();
  await page.getByLabel("Route 53 access key ID").fill(admin.id);
  await page.getByLabel("Route 53 secret access key").fill(admin.secret);
  await page.getByRole("button", { name: "Find the zone and show the changes" }).click();

  const noZone = page.getByRole("region", { name: /No public Route 53 hosted zone for fresh\.test/ });
  await expect(noZone).toBeVisible();
  const command = noZone.getByRole("figure", { name: "Command that creates the hosted zone" });
  await expect(command).toContainText(
    /aws route53 create-hosted-zone --name fresh\.test --caller-reference sesame-fresh\.test-\d{4}-\d{2}-\d{2} --query DelegationSet\.NameServers/,
  );
  await expect(noZone).toContainText("At the registrar of fresh.test, replace its name servers");
  await expect(noZone).toContainText("Sesame does not create the zone");
  await expect(page.getByRole("table", { name: "Route 53 changes" })).toHaveCount(0);
  // the wizard created nothing
  expect(await zonesNamed("fresh.test")).toEqual([]);
  await shots(page, "route53-no-zone");
  await shot(page, "5d-route53-no-zone");

  // the operator runs the command shown (its arguments, through the SDK); the same panel then finds the zone
  const text = (await command.locator("pre").textContent()) ?? "";
  const name = /--name (\S+)/.exec(text)?.[1];
  const ref = /--caller-reference (\S+)/.exec(text)?.[1];
  const created = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: ref }));
  expect(created.DelegationSet?.NameServers).toHaveLength(4);
  await page.getByRole("button", { name: "Find the zone and show the changes" }).click();
  await expect(page.getByText("Hosted zone fresh.test")).toBeVisible();
  await expect(noZone).toHaveCount(0);
  // every record of the fresh zone is to be created (DKIM ×3, MAIL FROM MX and SPF, DMARC)
  await expect(page.getByRole("table", { name: "Route 53 changes" }).getByText("Create")).toHaveCount(6);
});
