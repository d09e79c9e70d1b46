import { readFileSync } from "node:fs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { expect, test } from "./fixtures";
import nodemailer from "nodemailer";
import { parse } from "dotenv";
import { checkFinished, chooseTarget, createUserAutomatically, resetEmulator, runtime, signIn } from "./helpers";

/** Each target's env output, written by the wizard, then proven to work with the values as written. */
const CASES = [
  {
    label: "Plunk",
    id: "plunk",
    key: "AWS_SES_ACCESS_KEY_ID",
    secret: "AWS_SES_SECRET_ACCESS_KEY",
    region: ["AWS_SES_REGION"],
  },
  {
    label: "Plunk v1 (legacy)",
    id: "plunk-v1",
    key: "AWS_ACCESS_KEY_ID",
    secret: "AWS_SECRET_ACCESS_KEY",
    region: ["AWS_REGION", "NEXT_PUBLIC_AWS_REGION"],
  },
  {
    label: "useSend",
    id: "usesend",
    key: "AWS_ACCESS_KEY_ID",
    secret: "AWS_SECRET_ACCESS_KEY",
    region: ["AWS_DEFAULT_REGION"],
  },
  {
    label: "AWS SDK app",
    id: "aws",
    key: "AWS_ACCESS_KEY_ID",
    secret: "AWS_SECRET_ACCESS_KEY",
    region: ["AWS_REGION", "AWS_DEFAULT_REGION"],
  },
] as const;

test.beforeEach(async ({ page }) => {
  await resetEmulator();
  await signIn(page);
});

async function throughEnvStep(page: import("./fixtures").Page, label: string, id: string) {
  await chooseTarget(page, label, "us-east-1");
  await createUserAutomatically(page, `sesame-${id}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await checkFinished(page);
  await expect(page.getByText(/ 0 errors/)).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/setup\/env$/);
}

for (const c of CASES) {
  test(`env output for ${c.label}: exact variable names, and the key works as written`, async ({ page }) => {
    await throughEnvStep(page, c.label, c.id);
    const table = page.getByRole("table", { name: "Environment variables" });
    for (const name of [c.key, c.secret, ...c.region]) await expect(table).toContainText(name);
    await page.getByRole("button", { name: "Write env file" }).click();
    await expect(page.getByText("Env file written")).toBeVisible();

    const vars = parse(readFileSync(runtime().envFile, "utf8"));
    expect(Object.keys(vars).sort()).toEqual([c.key, c.secret, ...c.region].sort());
    for (const r of c.region) expect(vars[r]).toBe("us-east-1");
    // the written key authenticates as the user the wizard created
    const sts = new STSClient({
      region: "us-east-1",
      endpoint: runtime().emulatorUrl,
      credentials: { accessKeyId: vars[c.key], secretAccessKey: vars[c.secret] },
    });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::123456789012:user/sesame-${c.id}`);
  });
}

test("env output for an SMTP app: host, port, user and the derived SMTP password that logs in", async ({ page }) => {
  await throughEnvStep(page, "SMTP app", "smtp");
  await expect(page.getByText("SMTP settings")).toBeVisible();
  await expect(page.getByRole("table", { name: "Environment variables" })).toContainText(
    "email-smtp.us-east-1.amazonaws.com",
  );
  await page.getByRole("button", { name: "Write env file" }).click();
  await expect(page.getByText("Env file written")).toBeVisible();

  const vars = parse(readFileSync(runtime().envFile, "utf8"));
  expect(Object.keys(vars).sort()).toEqual(["SMTP_HOST", "SMTP_PASSWORD", "SMTP_PORT", "SMTP_USER"]);
  expect(vars.SMTP_HOST).toBe("email-smtp.us-east-1.amazonaws.com");
  expect(vars.SMTP_PORT).toBe("587");
  expect(vars.SMTP_USER).toMatch(/^AKIA[A-Z0-9]{16}$/);
  // log in to the stand-in's SMTP listener (which plays us-east-1) exactly as the app would
  const [host, port] = runtime().smtp.split(":");
  const transport = nodemailer.createTransport({
    host,
    port: Number(port),
    requireTLS: true,
    auth: { user: vars.SMTP_USER, pass: vars.SMTP_PASSWORD },
    tls: { ca: readFileSync(runtime().smtpCaFile, "utf8") },
  });
  await expect(transport.verify()).resolves.toBe(true);
  transport.close();
});
