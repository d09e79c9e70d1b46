import { connect } from "node:net";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { SentMessage } from "@/emulator/core/types";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { adminOk } from "../helpers/emulator";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { V2_DEPRECATED } from "@/emulator/smtp/server";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

const SMTP_USER = { id: "AKIAEXAMPLESMTP00001", secret: "smtpUserFakeSecretKeyForTestsOnlyEXAMPLE" };
const NARROW = { id: "AKIAEXAMPLENARROW001", secret: "nArrowFakeSecretKeyForTestsOnlyEXAMPLE01" };
const READER = { id: "AKIAEXAMPLEREADONLY1", secret: "r3adOnlyFakeSecretKeyForTestsOnlyEXAMPLE" };
const INACTIVE = { id: "AKIAEXAMPLEINACTIVE1", secret: "inactiveFakeSecretKeyForTestsOnlyEXAMPLE" };

const sendRaw = (resource: string) => ({
  AmazonSesSendingAccess: {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow" as const, Action: "ses:SendRawEmail", Resource: resource }],
  },
});

const CONFIG: EmulatorConfigInput = {
  users: [
    { name: "ses-smtp-user.20250826-115505", inlinePolicies: sendRaw("*"), accessKeys: [SMTP_USER] },
    {
      name: "narrow",
      inlinePolicies: sendRaw("arn:aws:ses:us-east-1:123456789012:identity/other.example"),
      accessKeys: [NARROW],
    },
    { name: "reader", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"], accessKeys: [READER] },
    { name: "retired", inlinePolicies: sendRaw("*"), accessKeys: [{ ...INACTIVE, status: "Inactive" }] },
  ],
  identities: [
    { region: "us-east-1", identity: "verified.example", status: "Success" },
    { region: "us-east-1", identity: "other.example", status: "Success" },
  ],
  smtp: { region: "us-east-1" },
};

let emu: RunningEmulator;

function transport(user: string, pass: string, extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port: emu.ports.smtp,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user, pass },
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 5000,
    ...extra,
  });
}

// derived up front (the derivation is async) so the transports below stay one-liners
const PASSWORDS = new Map<string, string>();
for (const key of [SMTP_USER, NARROW, READER, INACTIVE])
  for (const region of ["us-east-1", "eu-west-1"])
    PASSWORDS.set(`${key.secret} ${region}`, await deriveSmtpPassword(key.secret, region));
const password = (key: { secret: string }, region = "us-east-1"): string => {
  const p = PASSWORDS.get(`${key.secret} ${region}`);
  if (!p) throw new Error(`no password derived for ${region}`);
  return p;
};

async function smtpFailure(p: Promise<unknown>): Promise<{ code?: number; response: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { responseCode?: number; response?: string; message: string };
    return { code: err.responseCode, response: err.response ?? err.message };
  }
  throw new Error("expected the SMTP exchange to fail");
}

const admin = (path: string, init?: { method?: string; body?: unknown }) => adminOk(emu, path, init);

const message = (from: string, to: string) => ({
  from,
  to,
  subject: "SMTP hello",
  text: "Sent through the emulator's SMTP listener",
});

beforeAll(async () => {
  emu = await startEmulator(CONFIG, { quiet: true });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await admin("reset", { method: "POST" });
  await admin("faults/reset", { method: "POST" });
});

describe("SMTP authentication", () => {
  it("requires STARTTLS before AUTH: 530", async () => {
    const t = transport(SMTP_USER.id, password(SMTP_USER), { requireTLS: false, ignoreTLS: true });
    const err = await smtpFailure(t.verify());
    expect(err.code).toBe(530);
    expect(err.response).toBe("530 Must issue a STARTTLS command first");
  });

  it("accepts the access key id and the region's SES SMTP password (PLAIN and LOGIN)", async () => {
    await expect(transport(SMTP_USER.id, password(SMTP_USER)).verify()).resolves.toBe(true);
    await expect(transport(SMTP_USER.id, password(SMTP_USER), { authMethod: "LOGIN" }).verify()).resolves.toBe(true);
  });

  it("its certificate verifies as the AWS host name when given as the CA", async () => {
    const strict = transport(SMTP_USER.id, password(SMTP_USER), {
      tls: { rejectUnauthorized: true, ca: SMTP_TLS_CERT, servername: "email-smtp.us-east-1.amazonaws.com" },
    });
    await expect(strict.verify()).resolves.toBe(true);
    const untrusted = transport(SMTP_USER.id, password(SMTP_USER), { tls: { rejectUnauthorized: true } });
    const err = await smtpFailure(untrusted.verify());
    expect(err.response).toMatch(/self[- ]signed/i);
  });

  it("rejects a password derived for another region, a wrong one, an unknown or inactive key", async () => {
    for (const [user, pass] of [
      [SMTP_USER.id, password(SMTP_USER, "eu-west-1")],
      [SMTP_USER.id, SMTP_USER.secret], // the IAM secret pasted as the password
      ["AKIAEXAMPLEUNKNOWN01", password(SMTP_USER)],
      [INACTIVE.id, password(INACTIVE)],
    ]) {
      const err = await smtpFailure(transport(user, pass).verify());
      expect(err.response).toBe("535 Authentication Credentials Invalid");
    }
  });

  it("a legacy version-2 password gets SES's deprecation text", async () => {
    const err = await smtpFailure(transport(SMTP_USER.id, await deriveLegacySmtpPasswordV2(SMTP_USER.secret)).verify());
    expect(err.response).toBe(`535 ${V2_DEPRECATED}`);
  });

  it("injected latency delays the greeting", async () => {
    await admin("faults", { method: "POST", body: { latencyMs: 400 } });
    const started = performance.now();
    await transport(SMTP_USER.id, password(SMTP_USER)).verify();
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it("a user not allowed ses:SendRawEmail cannot log in", async () => {
    const err = await smtpFailure(transport(READER.id, password(READER)).verify());
    expect(err.response).toBe("535 Authentication Credentials Invalid");
  });
});

describe("SMTP sending goes through SES's rules", () => {
  it("delivers from a verified domain to the simulator: 250 Ok <MessageId>", async () => {
    const info = await transport(SMTP_USER.id, password(SMTP_USER)).sendMail(
      message("App <app@verified.example>", "success@simulator.amazonses.com"),
    );
    const m = /^250 Ok ([0-9a-f]{16}-[0-9a-f-]{36}-000000)$/.exec(info.response);
    expect(m).not.toBeNull();
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      messageId: m?.[1],
      via: "smtp",
      region: "us-east-1",
      from: "App <app@verified.example>",
      to: ["success@simulator.amazonses.com"],
      subject: "SMTP hello",
      accessKeyId: SMTP_USER.id,
    });
    expect(sent[0].raw).toContain("Subject: SMTP hello");
  });

  it("sandbox: an unverified recipient is 554 Message rejected with the exact text", async () => {
    const err = await smtpFailure(
      transport(SMTP_USER.id, password(SMTP_USER)).sendMail(message("app@verified.example", "stranger@gmail.com")),
    );
    expect(err.response).toBe(
      "554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: stranger@gmail.com",
    );
  });

  it("an unverified sender is 554 Message rejected", async () => {
    const err = await smtpFailure(
      transport(SMTP_USER.id, password(SMTP_USER)).sendMail(
        message("me@unverified.example", "success@simulator.amazonses.com"),
      ),
    );
    expect(err.code).toBe(554);
    expect(err.response).toContain("failed the check in region US-EAST-1: me@unverified.example");
  });

  it("messages beyond the sandbox rate are 454 Throttling failure", async () => {
    // parallel connections, so the messages land within one second even on a loaded machine
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        transport(SMTP_USER.id, password(SMTP_USER)).sendMail(
          message("app@verified.example", "success@simulator.amazonses.com"),
        ),
      ),
    );
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason as { response?: string }] : []));
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeLessThan(3);
    for (const err of rejected) expect(err.response).toBe("454 Throttling failure: Maximum sending rate exceeded.");
  });

  it("a login whose policy does not cover the From identity: 554 Access denied", async () => {
    const t = transport(NARROW.id, password(NARROW));
    await expect(t.verify()).resolves.toBe(true);
    const err = await smtpFailure(t.sendMail(message("app@verified.example", "success@simulator.amazonses.com")));
    expect(err.response).toBe(
      "554 Access denied: User `arn:aws:iam::123456789012:user/narrow' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/verified.example'",
    );
  });
});

/** The first line the listener sends on a fresh connection. */
function greeting(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emu.ports.smtp, "127.0.0.1");
    socket.setTimeout(5000, () => socket.destroy(new Error("no greeting")));
    socket.once("data", (chunk) => {
      socket.end("QUIT\r\n");
      resolve(chunk.toString().split("\r\n")[0]);
    });
    socket.once("error", reject);
  });
}

describe("SMTP follows the world: reset and faults", () => {
  const ok = () => message("app@verified.example", "success@simulator.amazonses.com");

  it("a reset to a config with another smtp.region moves the listener to that region", async () => {
    await admin("reset", {
      method: "POST",
      body: {
        ...CONFIG,
        identities: [{ region: "eu-west-1", identity: "verified.example", status: "Success" }],
        regions: { "eu-west-1": { sandbox: false } },
        smtp: { region: "eu-west-1" },
      },
    });
    expect(await greeting()).toMatch(/^220 email-smtp\.eu-west-1\.amazonaws\.com ESMTP/);
    const old = await smtpFailure(transport(SMTP_USER.id, password(SMTP_USER, "us-east-1")).verify());
    expect(old).toEqual({ code: 535, response: "535 Authentication Credentials Invalid" });
    const info = await transport(SMTP_USER.id, password(SMTP_USER, "eu-west-1")).sendMail(
      message("app@verified.example", "anyone@gmail.com"),
    );
    expect(info.response).toMatch(/^250 Ok /);
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent.map((m) => m.region)).toEqual(["eu-west-1"]);
    // and back: a reset without a body restores the start config's region
    await admin("reset", { method: "POST" });
    await expect(transport(SMTP_USER.id, password(SMTP_USER, "us-east-1")).verify()).resolves.toBe(true);
  });

  it("throttle fault: 454 Throttling failure, nothing recorded", async () => {
    await admin("faults", { method: "POST", body: { throttleEvery: 1 } });
    const err = await smtpFailure(transport(SMTP_USER.id, password(SMTP_USER)).sendMail(ok()));
    expect(err).toEqual({ code: 454, response: "454 Throttling failure: Maximum sending rate exceeded." });
    expect(await admin("sent")).toEqual([]);
  });

  it("5xx fault: 451 Temporary service failure", async () => {
    await admin("faults", { method: "POST", body: { errorEvery: 1, errorStatus: 503 } });
    const err = await smtpFailure(transport(SMTP_USER.id, password(SMTP_USER)).sendMail(ok()));
    expect(err).toEqual({ code: 451, response: "451 Temporary service failure" });
  });

  it("drop fault: the connection closes without a reply to the message", async () => {
    await admin("faults", { method: "POST", body: { dropEvery: 1 } });
    const err = await smtpFailure(transport(SMTP_USER.id, password(SMTP_USER)).sendMail(ok()));
    expect(err.code).toBeUndefined();
    expect(err.response).toMatch(/Connection closed|ECONNRESET|socket hang up|Unexpected socket close/i);
    expect(await admin("sent")).toEqual([]);
  });

  it("faults aimed at another service leave SMTP alone; every Nth message is hit", async () => {
    await admin("faults", { method: "POST", body: { throttleEvery: 1, service: "iam" } });
    await expect(transport(SMTP_USER.id, password(SMTP_USER)).sendMail(ok())).resolves.toMatchObject({
      response: expect.stringMatching(/^250 Ok /),
    });
    await admin("reset", {
      method: "POST",
      body: { ...CONFIG, regions: { "us-east-1": { sandbox: false } } },
    });
    await admin("faults/reset", { method: "POST" });
    await admin("faults", { method: "POST", body: { errorEvery: 2, service: "ses" } });
    const t = transport(SMTP_USER.id, password(SMTP_USER));
    const first = await t.sendMail(ok());
    expect(first.response).toMatch(/^250 Ok /);
    expect(await smtpFailure(t.sendMail(ok()))).toEqual({ code: 451, response: "451 Temporary service failure" });
  });
});
