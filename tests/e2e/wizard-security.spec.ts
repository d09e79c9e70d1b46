import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { chooseTarget, demoKey, PLUNK_USER, pasteKey, resetEmulator, runtime, signIn } from "./helpers";

test.beforeEach(async () => {
  await resetEmulator();
});

test("setup needs the token: the page asks for it, the API answers 401, a wrong token is refused", async ({ page }) => {
  await page.goto("/setup/target");
  await expect(page.getByRole("heading", { name: "Setup token" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Setup steps" })).toHaveCount(0);
  const res = await page.request.post("/api/setup/target", {
    data: { target: "plunk", region: "us-east-1" },
    headers: { origin: runtime().baseURL },
  });
  expect(res.status()).toBe(401);
  await page.getByLabel("Setup token").fill("not-the-token-at-all");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That setup token is not right")).toBeVisible();
  await page.getByLabel("Setup token").fill(runtime().token);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("navigation", { name: "Setup steps" })).toBeVisible();
});

test("cross-origin mutations are rejected; bad input gets a clear 4xx and an inline message", async ({ page }) => {
  await signIn(page);
  const evil = await page.request.post("/api/setup/target", {
    data: { target: "plunk", region: "us-east-1" },
    headers: { origin: "http://evil.example" },
  });
  expect(evil.status()).toBe(403);
  const bad = await page.request.post("/api/setup/target", {
    data: Buffer.from("{not json"),
    headers: { origin: runtime().baseURL, "content-type": "application/json" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/not valid JSON/);
  const badTarget = await page.request.post("/api/setup/target", {
    data: { target: "mailchimp", region: "us-east-1" },
    headers: { origin: runtime().baseURL },
  });
  expect(badTarget.status()).toBe(400);

  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  await page.goto("/setup/domain");
  await page.getByLabel("Sending domain").fill("https://not a domain");
  await page.getByRole("button", { name: "Create identity" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That is not a domain name" })).toBeVisible();
});

test("a secret entered once is never sent back nor written to the state dir", async ({ page }) => {
  await signIn(page);
  const key = demoKey(PLUNK_USER);
  await chooseTarget(page, "Plunk", "eu-west-1");
  await pasteKey(page, key.id, key.secret);
  const preview = await page.request.get("/api/setup/env");
  expect(preview.status()).toBe(200);
  expect(await preview.text()).not.toContain(key.secret);
  for (const p of ["/setup/iam", "/setup/check", "/setup/env", "/setup/done"]) {
    await page.goto(p);
    expect(await page.content()).not.toContain(key.secret);
  }
  const dir = runtime().stateDir;
  for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f), "utf8")).not.toContain(key.secret);
});

test("setup can be locked after setup", async ({ page }) => {
  await signIn(page);
  await page.goto("/setup/done");
  await page.getByLabel(/I understand the wizard stays locked/).check();
  await page.getByRole("button", { name: "Lock setup" }).click();
  await expect(page.getByRole("heading", { name: "Setup is locked" })).toBeVisible();
  const res = await page.request.post("/api/setup/target", {
    data: { target: "plunk", region: "us-east-1" },
    headers: { origin: runtime().baseURL },
  });
  expect(res.status()).toBe(423);
  // signIn() of the next test removes the lock file, as an operator would
});
