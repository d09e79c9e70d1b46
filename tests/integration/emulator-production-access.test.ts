import {
  GetAccountCommand,
  PutAccountDetailsCommand,
  type PutAccountDetailsCommandInput,
  SESv2Client,
  SendEmailCommand,
} from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDiagnosis } from "@/lib/diagnose/run";
import { failure, KEYS, type TestEmulator, startTestEmulator, TEST_CONFIG } from "../helpers/emulator";

/** Production access in the stand-in, through the real SESv2 client: the request, its review, and the reviewer. */

let emu: TestEmulator;
const client = (key: { accessKeyId: string; secretAccessKey: string } = KEYS.admin, region = "us-east-1") =>
  new SESv2Client({ region, endpoint: emu.url, credentials: key, maxAttempts: 1 });

const REQUEST: PutAccountDetailsCommandInput = {
  MailType: "TRANSACTIONAL",
  WebsiteURL: "https://shop.example.com",
  ContactLanguage: "EN",
  UseCaseDescription: "Order confirmations and password resets for customers who signed up at shop.example.com.",
  AdditionalContactEmailAddresses: ["ops@shop.example.com"],
  ProductionAccessEnabled: true,
};

beforeAll(async () => {
  emu = await startTestEmulator({
    ...TEST_CONFIG,
    identities: [{ region: "us-east-1", identity: "shop.example.com", status: "Success" }],
  });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await emu.admin("reset", {
    json: { ...TEST_CONFIG, identities: [{ region: "us-east-1", identity: "shop.example.com", status: "Success" }] },
  });
});

const decide = (status: string, region = "us-east-1") =>
  emu.admin("ses/production-access", { json: { region, status } });

describe("PutAccountDetails and GetAccount review details", () => {
  it("files a PENDING review with a case id; GRANTED lifts the sandbox and the quotas", async () => {
    await client().send(new PutAccountDetailsCommand(REQUEST));
    const pending = await client().send(new GetAccountCommand({}));
    expect(pending.ProductionAccessEnabled).toBe(false);
    expect(pending.Details).toMatchObject({
      MailType: "TRANSACTIONAL",
      WebsiteURL: "https://shop.example.com",
      ContactLanguage: "EN",
      AdditionalContactEmailAddresses: ["ops@shop.example.com"],
      ReviewDetails: { Status: "PENDING" },
    });
    const caseId = pending.Details?.ReviewDetails?.CaseId;
    expect(caseId).toMatch(/^\d+$/);

    // still sandboxed: an unverified recipient is refused
    const send = () =>
      client().send(
        new SendEmailCommand({
          FromEmailAddress: "hello@shop.example.com",
          Destination: { ToAddresses: ["someone@elsewhere.example"] },
          Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } },
        }),
      );
    expect((await failure(send())).name).toBe("MessageRejected");

    const granted = await decide("GRANTED");
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ caseId });
    const after = await client().send(new GetAccountCommand({}));
    expect(after.ProductionAccessEnabled).toBe(true);
    expect(after.SendQuota?.Max24HourSend).toBe(50000);
    expect(after.Details?.ReviewDetails).toEqual({ Status: "GRANTED", CaseId: caseId });
    expect((await send()).MessageId).toBeTruthy();
    // other regions are untouched
    const other = await client(KEYS.admin, "ap-southeast-2").send(new GetAccountCommand({}));
    expect(other.ProductionAccessEnabled).toBe(false);
    expect(other.Details).toBeUndefined();
  });

  it("a second request while one is pending, or after a denial, is a ConflictException", async () => {
    await client().send(new PutAccountDetailsCommand(REQUEST));
    const again = await failure(client().send(new PutAccountDetailsCommand(REQUEST)));
    expect(again).toMatchObject({ name: "ConflictException", status: 409 });
    expect((await decide("DENIED")).status).toBe(200);
    const denied = await client().send(new GetAccountCommand({}));
    expect(denied.ProductionAccessEnabled).toBe(false);
    expect(denied.Details?.ReviewDetails?.Status).toBe("DENIED");
    const retry = await failure(client().send(new PutAccountDetailsCommand(REQUEST)));
    expect(retry.name).toBe("ConflictException");
    expect(retry.message).toMatch(/denied.*Support Center/);
    // the reviewer cannot decide twice
    expect((await decide("GRANTED")).status).toBe(409);
  });

  it("bad input is a BadRequestException naming the field", async () => {
    const cases: [Partial<PutAccountDetailsCommandInput>, RegExp][] = [
      [{ WebsiteURL: "shop.example.com" }, /WebsiteURL/],
      [{ MailType: "NEWSLETTER" as "MARKETING" }, /MailType/],
      [{ AdditionalContactEmailAddresses: ["a@b.co", "c@d.co", "e@f.co", "g@h.co", "i@j.co"] }, /1 to 4/],
      [{ AdditionalContactEmailAddresses: ["not-an-address"] }, /not-an-address/],
      [{ UseCaseDescription: "x".repeat(5001) }, /UseCaseDescription/],
      [{ ContactLanguage: "DE" as "EN" }, /ContactLanguage/],
    ];
    for (const [patch, message] of cases) {
      const f = await failure(client().send(new PutAccountDetailsCommand({ ...REQUEST, ...patch })));
      expect(f.name).toBe("BadRequestException");
      expect(f.message).toMatch(message);
    }
    expect((await client().send(new GetAccountCommand({}))).Details).toBeUndefined();
  });

  it("needs ses:PutAccountDetails: a read-only user is denied and nothing is filed", async () => {
    const f = await failure(client(KEYS.reader).send(new PutAccountDetailsCommand(REQUEST)));
    expect(f.name).toBe("AccessDeniedException");
    expect(f.message).toContain("ses:PutAccountDetails");
    expect((await client().send(new GetAccountCommand({}))).Details).toBeUndefined();
  });

  it("the reviewer route refuses a region without a pending request and a bad body", async () => {
    expect((await decide("GRANTED")).status).toBe(409);
    expect((await emu.admin("ses/production-access", { json: { region: "us-east-1", status: "MAYBE" } })).status).toBe(
      400,
    );
  });
});

describe("the doctor follows the review (production-access probe)", () => {
  const diagnose = () =>
    runDiagnosis({ target: "aws", region: "us-east-1", ...KEYS.admin, endpoint: emu.url, timeoutMs: 3000 });

  it("pending → info with the case id; denied → a warning that points to the support case, not a new request", async () => {
    expect((await diagnose()).findings.map((f) => f.code)).not.toContain("account.production-access-pending");
    await client().send(new PutAccountDetailsCommand(REQUEST));
    const caseId = (await client().send(new GetAccountCommand({}))).Details?.ReviewDetails?.CaseId as string;
    const pending = (await diagnose()).findings.find((f) => f.code === "account.production-access-pending");
    expect(pending?.severity).toBe("info");
    expect(pending?.title).toContain("us-east-1");
    expect(pending?.evidence.caseId).toBe(caseId);
    await decide("DENIED");
    const report = await diagnose();
    const denied = report.findings.find((f) => f.code === "account.production-access-denied");
    expect(denied?.severity).toBe("warn");
    expect(denied?.fix).toContain(`Reply to case ${caseId} in the AWS Support Center`);
    expect(report.findings.map((f) => f.code)).toContain("account.sandbox");
  });

  it("granted: no review finding and no sandbox finding", async () => {
    await client().send(new PutAccountDetailsCommand(REQUEST));
    await decide("GRANTED");
    const codes = (await diagnose()).findings.map((f) => f.code);
    expect(codes.filter((c) => c.startsWith("account.production-access") || c === "account.sandbox")).toEqual([]);
  });
});
