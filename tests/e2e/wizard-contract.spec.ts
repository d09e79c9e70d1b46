import { expect, type Page, test } from "./fixtures";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  BOOTSTRAP_USER,
  chooseTarget,
  checkFinished,
  demoKey,
  emulatorState,
  finding,
  PLUNK_USER,
  pasteKey,
  resetEmulator,
  runtime,
  signIn,
  writeEnvAndVerifyDomain,
} from "./helpers";

/**
 * What the wizard says must be true of the state behind it: the env write refuses what the screen refuses, the step
 * rail marks nothing done past an open step, a send proves only the key, region and domain it went through, a pasted
 * key is named by its real owner, a domain already verified elsewhere is not created again, catalogue code reads as
 * code, and the demo offers its own bootstrap key (only the demo).
 */

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

const origin = () => ({ origin: runtime().baseURL });

/** The rail's entry for a step, and whether it carries the "done" check. */
function railStep(page: Page, title: string) {
  return page
    .getByRole("navigation", { name: "Setup steps" })
    .getByRole("listitem")
    .filter({ has: page.getByText(title, { exact: true }) });
}

async function expectRail(page: Page, done: Record<string, boolean>) {
  for (const [title, isDone] of Object.entries(done))
    await expect(railStep(page, title).getByLabel("done"), `${title} done: ${isDone}`).toHaveCount(isDone ? 1 : 0);
}

test("the env write route refuses a write right after a manual key entry, before any passing check", async ({
  page,
}) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  const saved = await page.request.post("/api/setup/iam/manual", {
    data: { accessKeyId: key.id, secretAccessKey: key.secret },
    headers: origin(),
  });
  expect(saved.status()).toBe(200);
  const preview = await (await page.request.get("/api/setup/env")).json();
  for (const body of [{ action: "write", expectedHash: preview.hash }, { action: "reveal" }]) {
    const res = await page.request.post("/api/setup/env", { data: body, headers: origin() });
    expect(res.status()).toBe(409);
    expect((await res.json()).error).toContain("Run the credential check (step 3) first.");
  }
  const download = await page.request.post("/api/setup/env/download", { headers: origin() });
  expect(download.status()).toBe(409);
  // once the check passed, the same write goes through
  await page.goto("/setup/check");
  await checkFinished(page);
  const fresh = await (await page.request.get("/api/setup/env")).json();
  const res = await page.request.post("/api/setup/env", {
    data: { action: "write", expectedHash: fresh.hash },
    headers: origin(),
  });
  expect(res.status()).toBe(200);
});

test("rail, IAM revisit and sends tell the truth when the key changes", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);

  // revisiting step 2: the key is named by its owner as STS says (not the suggested "sesame-plunk"), with a Continue
  await page.goto("/setup/iam");
  const ready = page.getByRole("status").filter({ hasText: "Key ready for this session" });
  await expect(ready).toContainText(`IAM user ${PLUNK_USER}`);
  await expect(ready).not.toContainText("sesame-plunk");
  await ready.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/check$/);
  await checkFinished(page);
  await writeEnvAndVerifyDomain(page);
  await page.goto("/setup/events");
  await page.getByRole("button", { name: "Skip this step" }).click();
  await page.goto("/setup/send");
  await page.getByRole("button", { name: "Send via API" }).click();
  await expect(page.getByText("Sent via the SES API to success@simulator.amazonses.com")).toBeVisible();
  await page.reload();
  await expectRail(page, { Target: true, "IAM user": true, "Test send": true, Done: false });
  await expect(page.getByRole("link", { name: "Continue" })).toBeVisible();

  // another key whose check fails: nothing after step 2 may look done, and the send proved the old key only
  await page.goto("/setup/iam");
  await pasteKey(page, key.id, `${key.secret.slice(0, -4)}AAAA`);
  await checkFinished(page);
  await expect(page.getByRole("alert").filter({ hasText: "Fix the errors below" })).toBeVisible();
  await expectRail(page, {
    Target: true,
    "IAM user": true,
    "Check credentials": false,
    Environment: false,
    Domain: false,
    "Test send": false,
    Done: false,
  });
  await page.goto("/setup/send");
  const results = page.getByRole("list", { name: "Send results" });
  await expect(results.getByText(/stale: the key, region or domain changed since/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await expect(
    page.getByText("Send one message successfully with the current key, region and domain first."),
  ).toBeVisible();
});

test("a domain verified in another region is found before a second identity is created, and the region switches", async ({
  page,
}) => {
  // example.com is verified in eu-west-1 in the demo world; the wizard starts in us-east-1
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "us-east-1");
  const saved = await page.request.post("/api/setup/iam/manual", {
    data: { accessKeyId: key.id, secretAccessKey: key.secret },
    headers: origin(),
  });
  expect(saved.status()).toBe(200);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("example.com");
  await page.getByRole("button", { name: "Create identity" }).click();
  const offer = page.getByRole("region", { name: "Domain found in another region" });
  await expect(offer).toBeVisible();
  await expect(finding(page, "region.identity-in-other-region")).toContainText("eu-west-1");
  // nothing was created in us-east-1
  const before = (await emulatorState()) as { ses: unknown };
  expect(identitiesIn(before.ses, "us-east-1")).not.toContain("example.com");

  await offer.getByRole("button", { name: "Switch the platform's region to eu-west-1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The platform's region is now eu-west-1" })).toBeVisible();
  await expect(page.getByLabel("SES status: Verified")).toBeVisible();
  await expect(page.getByText("in eu-west-1 · DKIM")).toBeVisible();
  const after = (await emulatorState()) as { ses: unknown };
  expect(identitiesIn(after.ses, "us-east-1")).not.toContain("example.com");
  // the wizard's region changed (step 1 shows it) and the check has to be run again for it
  await page.goto("/setup/target");
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue("eu-west-1");
  await expectRail(page, { Target: true, "Check credentials": false });
});

test("create anyway: the operator may still create the identity in the wizard's region", async ({ page }) => {
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "us-east-1");
  await page.request.post("/api/setup/iam/manual", {
    data: { accessKeyId: key.id, secretAccessKey: key.secret },
    headers: origin(),
  });
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("example.com");
  await page.getByRole("button", { name: "Create identity" }).click();
  await page.getByRole("button", { name: "Create it in us-east-1 anyway" }).click();
  await expect(page.getByLabel("SES status: Pending")).toBeVisible();
  await expect(page.getByText("in us-east-1 · DKIM")).toBeVisible();
});

test("fix texts show commands as code, never raw backticks", async ({ page }) => {
  // us-east-1 is sandboxed in the demo world: the sandbox finding's fix names an AWS CLI command
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "us-east-1");
  await pasteKey(page, key.id, key.secret);
  await checkFinished(page);
  const card = finding(page, "account.sandbox");
  await expect(card).toBeVisible();
  await expect(card.locator("code", { hasText: "aws sesv2 put-account-details" })).toBeVisible();
  for (const c of await page.getByRole("article").all()) expect(await c.textContent()).not.toContain("`");
});

test("demo: the stand-in's bootstrap key is offered where admin credentials are asked, with Fill in", async ({
  page,
}) => {
  const admin = demoKey(BOOTSTRAP_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  const demo = page.getByRole("complementary", { name: "Demo bootstrap credentials" });
  await expect(demo).toContainText(admin.id);
  await expect(demo).toContainText(admin.secret);
  await demo.getByRole("button", { name: "Fill in" }).click();
  await expect(page.getByLabel("Bootstrap access key ID")).toHaveValue(admin.id);
  await expect(page.getByLabel("Bootstrap secret access key")).toHaveValue(admin.secret);
  await page.getByLabel("IAM user name").fill("sesame-filled-in");
  await page.getByRole("button", { name: "Create IAM user" }).click();
  await expect(page.getByText("Created IAM user sesame-filled-in")).toBeVisible();
});

/**
 * The same build started without SESAME_DEMO (its own port, state dir and token), pointed at the same stand-in.
 * Playwright specs run from the repo root as CommonJS, so this does not reuse the Vitest security helper.
 */
async function startNonDemo(): Promise<{ url: string; token: string; stop: () => void }> {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-nondemo-"));
  const token = `nondemo-${Date.now()}-tokenEXAMPLE0000000000`;
  const child: ChildProcess = spawn(
    path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      stdio: "ignore",
      env: {
        ...process.env,
        NODE_ENV: "production",
        SESAME_NEXT_START: "1",
        SESAME_DEMO: "",
        SESAME_DEMO_CONFIG: path.join(process.cwd(), "emulator", "demo-config.json"),
        SESAME_SETUP_TOKEN: token,
        SESAME_STATE_DIR: path.join(dir, "state"),
        SESAME_ENV_FILE: path.join(dir, "platform.env"),
        AWS_ENDPOINT_URL: runtime().emulatorUrl,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/api/health/live`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, token, stop: () => child.kill("SIGTERM") };
}

test("not a demo: no bootstrap key is offered, even with the demo config on disk", async ({ page }) => {
  const sesame = await startNonDemo();
  try {
    await page.goto(`${sesame.url}/setup?token=${encodeURIComponent(sesame.token)}`);
    await expect(page.getByRole("navigation", { name: "Setup steps" })).toBeVisible();
    await page.goto(`${sesame.url}/setup/target`);
    await page.getByRole("radio", { name: "Plunk", exact: true }).check();
    await page.getByLabel("Region", { exact: true }).selectOption("eu-west-1");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page).toHaveURL(/\/setup\/iam$/);
    await expect(page.getByLabel("Bootstrap access key ID")).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Demo bootstrap credentials" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Fill in" })).toHaveCount(0);
    expect(await page.content()).not.toContain(demoKey(BOOTSTRAP_USER).id);
  } finally {
    sesame.stop();
  }
});

/** The identity names the stand-in holds in a region (its admin state: ses.regions[region].identities). */
function identitiesIn(ses: unknown, region: string): string[] {
  const r = (ses as { regions: Record<string, { identities: { identity: string }[] }> }).regions[region];
  return r.identities.map((i) => i.identity);
}
