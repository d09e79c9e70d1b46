import { GetSendQuotaCommand, SendEmailCommand, SESClient, VerifyEmailIdentityCommand } from "@aws-sdk/client-ses";
import { GetAccountCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import type { SesEngine } from "@/emulator/services/ses/index";

const ADMIN = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const credentials = { accessKeyId: ADMIN.id, secretAccessKey: ADMIN.secret };

function config(regions: EmulatorConfigInput["regions"] = {}): EmulatorConfigInput {
  return {
    users: [{ name: "admin", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"], accessKeys: [ADMIN] }],
    regions,
    identities: [
      { region: "us-east-1", identity: "verified.example", status: "Success" },
      { region: "eu-west-1", identity: "verified.example", status: "Success" },
    ],
  };
}

let emu: RunningEmulator | undefined;
async function start(c: EmulatorConfigInput): Promise<RunningEmulator> {
  emu = await startEmulator(c, { quiet: true });
  return emu;
}
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const ses = (e: RunningEmulator, region = "us-east-1") =>
  new SESClient({ region, endpoint: e.url, credentials, maxAttempts: 1 });

const send = (e: RunningEmulator, to: string[], region = "us-east-1") =>
  ses(e, region).send(
    new SendEmailCommand({
      Source: "Sender <app@verified.example>",
      Destination: { ToAddresses: to },
      Message: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } },
    }),
  );

async function error(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error("expected the send to fail");
}

describe("sandbox rules", () => {
  it("rejects unverified recipients with the exact SES text, listing each one as written", async () => {
    const e = await start(config());
    const err = await error(send(e, ["a@gmail.com", "Bee <b@yahoo.com>", "success@simulator.amazonses.com"]));
    expect([err.name, err.status]).toEqual(["MessageRejected", 400]);
    expect(err.message).toBe(
      "Email address is not verified. The following identities failed the check in region US-EAST-1: a@gmail.com, Bee <b@yahoo.com>",
    );
  });

  it("allows every mailbox simulator address", async () => {
    const e = await start(config({ "us-east-1": { maxSendRate: 10 } }));
    const simulator = ["success", "bounce", "ooto", "complaint", "suppressionlist"].map(
      (l) => `${l}@simulator.amazonses.com`,
    );
    await expect(send(e, simulator)).resolves.toMatchObject({ MessageId: expect.any(String) });
  });

  it("allows a recipient once its address identity is verified", async () => {
    const e = await start(config());
    await ses(e).send(new VerifyEmailIdentityCommand({ EmailAddress: "friend@gmail.com" }));
    expect((await error(send(e, ["friend@gmail.com"]))).name).toBe("MessageRejected");
    (e.world.ses as unknown as SesEngine).verifyEmailAddress("us-east-1", "friend@gmail.com");
    await expect(send(e, ["friend@gmail.com"])).resolves.toMatchObject({ MessageId: expect.any(String) });
  });

  it("production regions accept any recipient; GetAccount tells them apart", async () => {
    const e = await start(config({ "eu-west-1": { sandbox: false } }));
    await expect(send(e, ["anyone@gmail.com"], "eu-west-1")).resolves.toMatchObject({ MessageId: expect.any(String) });
    const v2 = (region: string) => new SESv2Client({ region, endpoint: e.url, credentials, maxAttempts: 1 });
    expect((await v2("eu-west-1").send(new GetAccountCommand({}))).ProductionAccessEnabled).toBe(true);
    expect((await v2("us-east-1").send(new GetAccountCommand({}))).ProductionAccessEnabled).toBe(false);
  });

  it("the daily quota counts recipients: Throttling 'Daily message quota exceeded.'", async () => {
    const e = await start(config({ "us-east-1": { max24HourSend: 3, maxSendRate: 100, sentLast24Hours: 1 } }));
    await send(e, ["success@simulator.amazonses.com", "ooto@simulator.amazonses.com"]);
    expect(await ses(e).send(new GetSendQuotaCommand({}))).toMatchObject({ Max24HourSend: 3, SentLast24Hours: 3 });
    const err = await error(send(e, ["success@simulator.amazonses.com"]));
    expect([err.name, err.status, err.message]).toEqual(["Throttling", 400, "Daily message quota exceeded."]);
  });

  it("more than 50 recipients is InvalidParameterValue even in production", async () => {
    const e = await start(config({ "us-east-1": { sandbox: false } }));
    const to = Array.from({ length: 51 }, (_, i) => `r${i}@example.net`);
    const err = await error(send(e, to));
    expect([err.name, err.status, err.message]).toEqual(["InvalidParameterValue", 400, "Recipient count exceeds 50."]);
  });

  it("paused sending is AccountSendingPausedException", async () => {
    const e = await start(config({ "us-east-1": { sendingEnabled: false } }));
    expect(await error(send(e, ["success@simulator.amazonses.com"]))).toEqual({
      name: "AccountSendingPausedException",
      status: 400,
      message: "Sending is paused for this account.",
    });
  });
});
