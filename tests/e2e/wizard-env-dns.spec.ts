import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "./fixtures";
import {
  checkFinished,
  chooseTarget,
  demoKey,
  finding,
  PLUNK_USER,
  pasteKey,
  resetEmulator,
  runtime,
  signIn,
} from "./helpers";

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

async function toEnvStep(page: Page) {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/env$/);
  return key;
}

test("env file: other lines and comments kept, legacy names commented out, backup made, concurrent edit detected", async ({
  page,
}) => {
  const file = runtime().envFile;
  const original =
    "# Plunk settings\nDATABASE_URL=postgres://db/plunk\nAWS_ACCESS_KEY_ID=AKIAOLDEXAMPLEOLD001\n\n# end\n";
  writeFileSync(file, original, { mode: 0o600 });
  const key = await toEnvStep(page);
  await expect(page.getByText("Names this platform does not read")).toBeVisible();

  // someone edits the file after the preview was shown: the write must refuse, not clobber their edit
  writeFileSync(file, `${original}SMTP_DEBUG=1\n`);
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("The file changed since this preview")).toBeVisible();
  expect(readFileSync(file, "utf8")).toBe(`${original}SMTP_DEBUG=1\n`);

  const listBackups = () => readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.bak-`));
  const before = new Set(listBackups());
  await page.getByRole("button", { name: "Reload preview" }).click();
  await expect(page.getByText("The file changed since this preview")).toHaveCount(0);
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("Env file written")).toBeVisible();
  const text = readFileSync(file, "utf8");
  expect(text).toContain("# Plunk settings\nDATABASE_URL=postgres://db/plunk\n");
  expect(text).toContain("SMTP_DEBUG=1");
  expect(text).toContain("# AWS_ACCESS_KEY_ID=AKIAOLDEXAMPLEOLD001");
  expect(text).toContain(`AWS_SES_ACCESS_KEY_ID=${key.id}`);
  expect(text).toContain("AWS_SES_REGION=eu-west-1");
  const backups = listBackups().filter((f) => !before.has(f));
  expect(backups).toHaveLength(1);
  expect(readFileSync(path.join(path.dirname(file), backups[0]), "utf8")).toBe(`${original}SMTP_DEBUG=1\n`);
});

test("env file can be downloaded instead of written", async ({ page }) => {
  const key = await toEnvStep(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download .env" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("plunk.env");
  const text = readFileSync(await download.path(), "utf8");
  expect(text).toContain(`AWS_SES_ACCESS_KEY_ID=${key.id}`);
  expect(text).toContain(`AWS_SES_SECRET_ACCESS_KEY=${key.secret}`);
  // downloading counts as done for this step
  await expect(page.getByRole("link", { name: "Continue" })).toBeVisible();
});

test("a DKIM record created under the doubled zone name is explained", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("demo.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  const records = page.getByRole("table", { name: "DNS records" });
  const firstName = ((await records.getByRole("row").nth(1).getByRole("cell").nth(1).textContent()) ?? "").trim();
  expect(firstName).toMatch(/\._domainkey\.demo\.test$/);
  // what a DNS provider does when the full name is typed into a field that appends the zone
  const res = await fetch(new URL("/_emulator/dns", runtime().emulatorUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: `${firstName}.demo.test`,
      type: "CNAME",
      value: `${firstName.split(".")[0]}.dkim.amazonses.com`,
    }),
  });
  expect(res.ok).toBe(true);
  await page.getByRole("button", { name: "Refresh status" }).click();
  await expect(finding(page, "dns.doubled-domain")).toBeVisible();
  // the row itself carries one short hint; the full explanation is the finding below the table
  const row = records.getByRole("row").nth(1);
  await expect(row).toContainText(`Found at ${firstName}.demo.test instead`);
  await expect(row.getByText(/\bnot found\b/i)).toHaveCount(0);
  await expect(page.getByText(`Found at ${firstName}.demo.test instead`)).toHaveCount(1);

  // on a phone each record stacks: the name gets the card's full width, and Status stays on screen (no side-scroll)
  await page.setViewportSize({ width: 390, height: 800 });
  const nameCell = records.getByRole("row").nth(1).getByRole("cell").nth(1);
  expect((await nameCell.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(250);
  expect(await records.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0))).toBe(true);
  const status = records.getByRole("row").nth(1).getByText("Missing", { exact: true });
  const box = await status.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a DKIM CNAME with the wrong value and one answered as an address (proxied) are each explained", async ({
  page,
}) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("demo.test");
  await page.getByRole("button", { name: "Create identity" }).click();
  const records = page.getByRole("table", { name: "DNS records" });
  const nameOf = async (row: number) =>
    ((await records.getByRole("row").nth(row).getByRole("cell").nth(1).textContent()) ?? "").trim();
  const [first, second] = [await nameOf(1), await nameOf(2)];
  expect(second).toMatch(/\._domainkey\.demo\.test$/);
  const publish = async (record: { name: string; type: string; value: string }) => {
    const res = await fetch(new URL("/_emulator/dns", runtime().emulatorUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(record),
    });
    expect(res.ok).toBe(true);
  };
  // a typo in the target, and a Cloudflare-style proxied record answering with addresses
  await publish({ name: first, type: "CNAME", value: "typo.dkim.amazonses.com" });
  await publish({ name: second, type: "A", value: "104.16.0.1" });
  await page.getByRole("button", { name: "Refresh status" }).click();

  await expect(finding(page, "dns.wrong-value")).toBeVisible();
  await expect(finding(page, "dns.proxied-cname")).toBeVisible();
  const row1 = records.getByRole("row").nth(1);
  await expect(row1.getByText("Wrong", { exact: true })).toBeVisible();
  await expect(row1).toContainText("Sesame sees typo.dkim.amazonses.com");
  await expect(records.getByRole("row").nth(2)).toContainText("Answers with an address, not a CNAME");
  // wrong records are explained in full, not hidden behind the summary of missing ones
  await expect(page.getByText("What is wrong with the records Sesame sees")).toBeVisible();
});
