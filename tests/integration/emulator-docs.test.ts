import { readFileSync } from "node:fs";
import path from "node:path";
import { CreateUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetSendQuotaCommand, SESClient } from "@aws-sdk/client-ses";
import { GetAccountCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorConfigSchema } from "@/emulator/config";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { clientConfig, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** docs/emulator.md's example config and admin API table are what the emulator does. */

const DOC = readFileSync(path.join(__dirname, "../../docs/emulator.md"), "utf8");

function exampleConfig(): unknown {
  const start = DOC.indexOf("An example covering two regions");
  expect(start).toBeGreaterThan(-1);
  const block = /```json\n([\s\S]*?)\n```/.exec(DOC.slice(start));
  expect(block).not.toBeNull();
  return JSON.parse(block?.[1] ?? "");
}

const config = EmulatorConfigSchema.parse(exampleConfig());
const key = (user: string) => {
  const k = config.users.find((u) => u.name === user)?.accessKeys[0];
  if (!k) throw new Error(`the example has no key for ${user}`);
  return { accessKeyId: k.id, secretAccessKey: k.secret };
};
const ADMIN = key("sesame-bootstrap");
const SMTP = key("ses-smtp-user.20250826-115505");

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(exampleConfig() as never);
});
afterAll(() => emu?.close());

describe("the example config in the README", () => {
  it("is the same config as docs/emulator.md's (so the checks below cover both)", () => {
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const start = readme.indexOf("A config with two regions");
    expect(start).toBeGreaterThan(-1);
    const block = /```json\n([\s\S]*?)\n```/.exec(readme.slice(start));
    expect(JSON.parse(block?.[1] ?? "null")).toEqual(exampleConfig());
  });
});

describe("the example config in docs/emulator.md", () => {
  it("the bootstrap admin is an administrator", async () => {
    const who = await new STSClient(clientConfig(emu, ADMIN)).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe("arn:aws:iam::123456789012:user/sesame-bootstrap");
    const created = await new IAMClient(clientConfig(emu, ADMIN)).send(new CreateUserCommand({ UserName: "docs" }));
    expect(created.User?.UserName).toBe("docs");
  });

  it("us-east-1 is sandboxed, eu-west-1 in production", async () => {
    const account = (region: string) =>
      new SESv2Client(clientConfig(emu, ADMIN, region)).send(new GetAccountCommand({}));
    expect(await account("us-east-1")).toMatchObject({
      ProductionAccessEnabled: false,
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1 },
    });
    expect(await account("eu-west-1")).toMatchObject({
      ProductionAccessEnabled: true,
      SendQuota: { Max24HourSend: 50000, MaxSendRate: 14 },
    });
  });

  it("the console-style SMTP user sends over SMTP in eu-west-1 and may do nothing else", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: emu.ports.smtp,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: SMTP.accessKeyId, pass: await deriveSmtpPassword(SMTP.secretAccessKey, "eu-west-1") },
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
    });
    try {
      const info = await transport.sendMail({
        from: "app@example.com",
        to: "anyone@gmail.com",
        subject: "s",
        text: "t",
      });
      expect(info.response).toMatch(/^250 Ok /);
    } finally {
      transport.close();
    }
    await expect(
      new SESClient(clientConfig(emu, SMTP, "eu-west-1")).send(new GetSendQuotaCommand({})),
    ).rejects.toMatchObject({
      name: "AccessDenied",
      message:
        "User: arn:aws:iam::123456789012:user/ses-smtp-user.20250826-115505 is not authorized to perform: ses:GetSendQuota",
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe("the admin API table in docs/emulator.md", () => {
  const routes = [...DOC.matchAll(/`((?:GET|POST|DELETE) \/_emulator\/[^`]*)`/g)].map((m) => m[1]);

  it("documents every route, including verify-email", () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET /_emulator/state",
        "POST /_emulator/reset",
        "POST /_emulator/dns",
        "GET /_emulator/sent",
        "POST /_emulator/ses/verify-email",
        "POST /_emulator/faults",
        "POST /_emulator/faults/reset",
      ]),
    );
  });

  it("every documented route exists", async () => {
    for (const route of routes) {
      const [method, target] = route.split(" ");
      // a bodiless POST may be refused for its missing body, but never as an unknown route
      const res = await fetch(`${emu.url}${target}`, { method, signal: AbortSignal.timeout(5000) });
      const body = await res.text();
      // a route with a placeholder (`<role>`) may answer 404 for the unknown name, never as an unknown route
      if (!target.includes("<")) expect(res.status, route).not.toBe(404);
      expect(body, route).not.toContain("no admin route");
    }
  });
});
