import { Resolver } from "node:dns/promises";
import {
  GetIdentityDkimAttributesCommand,
  GetIdentityVerificationAttributesCommand,
  SESClient,
  VerifyDomainDkimCommand,
  VerifyDomainIdentityCommand,
  VerifyEmailIdentityCommand,
} from "@aws-sdk/client-ses";
import { CreateEmailIdentityCommand, GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import type { SesEngine } from "@/emulator/services/ses/index";

const ADMIN = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const base: EmulatorConfigInput = {
  users: [{ name: "admin", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"], accessKeys: [ADMIN] }],
  dns: { zones: [{ name: "example.com" }] },
};

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function start(config: EmulatorConfigInput = base): Promise<RunningEmulator> {
  emu = await startEmulator(config, { quiet: true });
  return emu;
}

const credentials = { accessKeyId: ADMIN.id, secretAccessKey: ADMIN.secret };
const v1 = (e: RunningEmulator, region = "us-east-1") =>
  new SESClient({ region, endpoint: e.url, credentials, maxAttempts: 1 });
const v2 = (e: RunningEmulator, region = "us-east-1") =>
  new SESv2Client({ region, endpoint: e.url, credentials, maxAttempts: 1 });

async function addRecord(e: RunningEmulator, record: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${e.url}/_emulator/dns`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(record),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status).toBe(201);
}

async function removeRecord(e: RunningEmulator, name: string): Promise<void> {
  const res = await fetch(`${e.url}/_emulator/dns?name=${encodeURIComponent(name)}`, {
    method: "DELETE",
    signal: AbortSignal.timeout(5000),
  });
  expect(res.ok).toBe(true);
}

async function status(e: RunningEmulator, identity: string, region = "us-east-1"): Promise<string | undefined> {
  const r = await v1(e, region).send(new GetIdentityVerificationAttributesCommand({ Identities: [identity] }));
  return r.VerificationAttributes?.[identity]?.VerificationStatus;
}

describe("verification is DNS-driven", () => {
  it("the records the operator publishes are what the emulator's DNS server answers, and what SES verifies", async () => {
    const e = await start();
    const { DkimTokens = [] } = await v1(e).send(new VerifyDomainDkimCommand({ Domain: "example.com" }));
    expect(await status(e, "example.com")).toBe("Pending");
    for (const t of DkimTokens) {
      await addRecord(e, { name: `${t}._domainkey.example.com`, type: "CNAME", value: `${t}.dkim.amazonses.com` });
    }
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${e.ports.dns}`]);
    expect(await resolver.resolveCname(`${DkimTokens[0]}._domainkey.example.com`)).toEqual([
      `${DkimTokens[0]}.dkim.amazonses.com`,
    ]);
    expect(await status(e, "example.com")).toBe("Success");
    const dkim = await v1(e).send(new GetIdentityDkimAttributesCommand({ Identities: ["example.com"] }));
    expect(dkim.DkimAttributes?.["example.com"]?.DkimVerificationStatus).toBe("Success");
  });

  it("a wrong CNAME target stays Pending", async () => {
    const e = await start();
    const { DkimTokens = [] } = await v1(e).send(new VerifyDomainDkimCommand({ Domain: "example.com" }));
    for (const t of DkimTokens) {
      // pointing at the token itself instead of <token>.dkim.amazonses.com
      await addRecord(e, { name: `${t}._domainkey.example.com`, type: "CNAME", value: `${t}.amazonses.com` });
    }
    expect(await status(e, "example.com")).toBe("Pending");
    const dkim = await v1(e).send(new GetIdentityDkimAttributesCommand({ Identities: ["example.com"] }));
    expect(dkim.DkimAttributes?.["example.com"]?.DkimVerificationStatus).toBe("Pending");
  });

  it("Success, then TemporaryFailure when the record is removed", async () => {
    const e = await start();
    const { VerificationToken } = await v1(e).send(new VerifyDomainIdentityCommand({ Domain: "example.com" }));
    await addRecord(e, { name: "_amazonses.example.com", type: "TXT", value: VerificationToken });
    expect(await status(e, "example.com")).toBe("Success");
    await removeRecord(e, "_amazonses.example.com");
    expect(await status(e, "example.com")).toBe("TemporaryFailure");
    const got = await v2(e).send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(got.VerificationStatus).toBe("TEMPORARY_FAILURE");
  });

  it("Failed once failAfterSeconds pass without the record", async () => {
    const e = await start({ ...base, verification: { failAfterSeconds: 1.5 } });
    await v1(e).send(new VerifyDomainIdentityCommand({ Domain: "example.com" }));
    expect(await status(e, "example.com")).toBe("Pending");
    const deadline = Date.now() + 8000;
    let last: string | undefined;
    while (Date.now() < deadline) {
      last = await status(e, "example.com");
      if (last !== "Pending") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(last).toBe("Failed");
    const got = await v2(e).send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(got.VerificationStatus).toBe("FAILED");
  });

  it("identities in one region are invisible in another", async () => {
    const e = await start();
    await v2(e, "eu-west-1").send(new CreateEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(await status(e, "example.com", "eu-west-1")).toBe("Pending");
    expect(await status(e, "example.com", "us-east-1")).toBeUndefined();
    const err = await v2(e, "us-east-1")
      .send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }))
      .catch((x: Error) => x);
    expect((err as Error).name).toBe("NotFoundException");
  });

  it("an address stays Pending until its link is 'clicked' (engine helper)", async () => {
    const e = await start();
    await v1(e).send(new VerifyEmailIdentityCommand({ EmailAddress: "me@example.com" }));
    expect(await status(e, "me@example.com")).toBe("Pending");
    const ses = e.world.ses as unknown as SesEngine;
    expect(ses.verifyEmailAddress("us-east-1", "me@example.com")).toBe(true);
    expect(await status(e, "me@example.com")).toBe("Success");
    expect(ses.verifyEmailAddress("eu-west-1", "me@example.com")).toBe(false);
  });

  it("seeded identities keep their seeded status", async () => {
    const e = await start({
      ...base,
      identities: [
        { region: "us-east-1", identity: "ready.example", status: "Success", dkimStatus: "Success" },
        { region: "us-east-1", identity: "broken.example", status: "Failed" },
      ],
    });
    expect(await status(e, "ready.example")).toBe("Success");
    expect(await status(e, "broken.example")).toBe("Failed");
    const dkim = await v1(e).send(new GetIdentityDkimAttributesCommand({ Identities: ["ready.example"] }));
    expect(dkim.DkimAttributes?.["ready.example"]?.DkimVerificationStatus).toBe("Success");
  });
});
