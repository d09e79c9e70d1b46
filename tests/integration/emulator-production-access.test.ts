import {
  GetAccountCommand,
  PutAccountDetailsCommand,
  type PutAccountDetailsCommandInput,
  SESv2Client,
  SendEmailCommand,
} from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
