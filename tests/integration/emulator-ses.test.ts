import {
  DeleteIdentityCommand,
  GetAccountSendingEnabledCommand,
  GetIdentityDkimAttributesCommand,
  GetIdentityMailFromDomainAttributesCommand,
  GetIdentityVerificationAttributesCommand,
  GetSendQuotaCommand,
  ListIdentitiesCommand,
  SendEmailCommand,
  SendRawEmailCommand,
  SESClient,
  SetIdentityMailFromDomainCommand,
  VerifyDomainDkimCommand,
  VerifyDomainIdentityCommand,
  VerifyEmailIdentityCommand,
} from "@aws-sdk/client-ses";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { SentMessage } from "@/emulator/core/types";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { adminOk, failure } from "../helpers/emulator";

const ADMIN = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const NARROW = { id: "AKIAEXAMPLENARROW001", secret: "nArrowFakeSecretKeyForTestsOnlyEXAMPLE01" };
const READONLY = { id: "AKIAEXAMPLEREADONLY1", secret: "r3adOnlyFakeSecretKeyForTestsOnlyEXAMPLE" };

const CONFIG: EmulatorConfigInput = {
  users: [
    { name: "admin", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"], accessKeys: [ADMIN] },
    {
      name: "narrow",
      inlinePolicies: {
        send: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["ses:SendEmail", "ses:SendRawEmail"],
              Resource: "arn:aws:ses:us-east-1:123456789012:identity/other.example",
            },
          ],
        },
      },
      accessKeys: [NARROW],
    },
    { name: "reader", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"], accessKeys: [READONLY] },
  ],
  regions: { "us-east-1": { sandbox: true }, "eu-west-1": { sandbox: false } },
  identities: [
    { region: "us-east-1", identity: "verified.example", status: "Success", dkimStatus: "Success" },
    { region: "us-east-1", identity: "other.example", status: "Success" },
  ],
  dns: { zones: [{ name: "example.com", records: [] }] },
};

let emu: RunningEmulator;

function client(key = ADMIN, region = "us-east-1"): SESClient {
  return new SESClient({
    region,
    endpoint: emu.url,
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    maxAttempts: 1,
  });
}

const admin = (path: string, init?: { method?: string; body?: unknown }) => adminOk(emu, path, init);

beforeAll(async () => {
  emu = await startEmulator(CONFIG, { quiet: true });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await admin("reset", { method: "POST" });
});

describe("SES v1 identities through the real SDK and SigV4", () => {
  it("VerifyDomainIdentity: 44-char token, Pending, then Success once the TXT is published", async () => {
    const ses = client();
    const { VerificationToken } = await ses.send(new VerifyDomainIdentityCommand({ Domain: "example.com" }));
    expect(VerificationToken).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const before = await ses.send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["example.com", "unknown.example"] }),
    );
    expect(before.VerificationAttributes).toEqual({
      "example.com": { VerificationStatus: "Pending", VerificationToken },
    });
    await admin("dns", {
      method: "POST",
      body: { name: "_amazonses.example.com", type: "TXT", value: VerificationToken },
    });
    const after = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ["example.com"] }));
    expect(after.VerificationAttributes?.["example.com"]?.VerificationStatus).toBe("Success");
  });

  it("VerifyDomainDkim: three a-z2-7 tokens; DKIM and domain Success only with all three CNAMEs right", async () => {
    const ses = client();
    const { DkimTokens } = await ses.send(new VerifyDomainDkimCommand({ Domain: "example.com" }));
    expect(DkimTokens).toHaveLength(3);
    for (const t of DkimTokens ?? []) expect(t).toMatch(/^[a-z2-7]{32}$/);
    const [a, b, c] = DkimTokens ?? [];
    await admin("dns", {
      method: "POST",
      body: { name: `${a}._domainkey.example.com`, type: "CNAME", value: `${a}.dkim.amazonses.com` },
    });
    await admin("dns", {
      method: "POST",
      body: { name: `${b}._domainkey.example.com`, type: "CNAME", value: `${b}.dkim.amazonses.com` },
    });
    // the classic DNS-provider mistake: the zone appended to the target
    await admin("dns", {
      method: "POST",
      body: { name: `${c}._domainkey.example.com`, type: "CNAME", value: `${c}.dkim.amazonses.com.example.com` },
    });
    const pending = await ses.send(new GetIdentityDkimAttributesCommand({ Identities: ["example.com"] }));
    expect(pending.DkimAttributes?.["example.com"]).toEqual({
      DkimEnabled: true,
      DkimVerificationStatus: "Pending",
      DkimTokens,
    });
    await admin(`dns?name=${c}._domainkey.example.com`, { method: "DELETE" });
    await admin("dns", {
      method: "POST",
      body: { name: `${c}._domainkey.example.com`, type: "CNAME", value: `${c}.dkim.amazonses.com` },
    });
    const ok = await ses.send(new GetIdentityDkimAttributesCommand({ Identities: ["example.com"] }));
    expect(ok.DkimAttributes?.["example.com"]?.DkimVerificationStatus).toBe("Success");
    const v = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ["example.com"] }));
    expect(v.VerificationAttributes?.["example.com"]?.VerificationStatus).toBe("Success");
  });

  it("ListIdentities filters by type; DeleteIdentity removes", async () => {
    const ses = client();
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: "person@example.com" }));
    const all = await ses.send(new ListIdentitiesCommand({}));
    expect(all.Identities?.sort()).toEqual(["other.example", "person@example.com", "verified.example"]);
    const emails = await ses.send(new ListIdentitiesCommand({ IdentityType: "EmailAddress" }));
    expect(emails.Identities).toEqual(["person@example.com"]);
    await ses.send(new DeleteIdentityCommand({ Identity: "person@example.com" }));
    const left = await ses.send(new ListIdentitiesCommand({ IdentityType: "EmailAddress" }));
    expect(left.Identities).toEqual([]);
  });

  it("custom MAIL FROM: Pending until MX 10 feedback-smtp.<region> and the SPF TXT exist", async () => {
    const ses = client();
    await ses.send(
      new SetIdentityMailFromDomainCommand({ Identity: "verified.example", MailFromDomain: "mail.verified.example" }),
    );
    const get = () => ses.send(new GetIdentityMailFromDomainAttributesCommand({ Identities: ["verified.example"] }));
    expect((await get()).MailFromDomainAttributes?.["verified.example"]).toEqual({
      MailFromDomain: "mail.verified.example",
      MailFromDomainStatus: "Pending",
      BehaviorOnMXFailure: "UseDefaultValue",
    });
    await admin("dns", {
      method: "POST",
      body: { name: "mail.verified.example", type: "MX", value: "feedback-smtp.us-east-1.amazonses.com", priority: 10 },
    });
    expect((await get()).MailFromDomainAttributes?.["verified.example"]?.MailFromDomainStatus).toBe("Pending");
    await admin("dns", {
      method: "POST",
      body: { name: "mail.verified.example", type: "TXT", value: "v=spf1 include:amazonses.com ~all" },
    });
    expect((await get()).MailFromDomainAttributes?.["verified.example"]?.MailFromDomainStatus).toBe("Success");
    const notSub = await failure(
      ses.send(
        new SetIdentityMailFromDomainCommand({
          Identity: "verified.example",
          MailFromDomain: "mail.elsewhere.example",
        }),
      ),
    );
    expect(notSub.name).toBe("InvalidParameterValue");
  });

  it("parameter errors: invalid domain, missing Domain", async () => {
    const ses = client();
    const bad = await failure(ses.send(new VerifyDomainIdentityCommand({ Domain: "not a domain" })));
    expect([bad.name, bad.status, bad.message]).toEqual([
      "InvalidParameterValue",
      400,
      "Invalid domain name not a domain.",
    ]);
    // biome-ignore lint/suspicious/noExplicitAny: a deliberately incomplete request
    const missing = await failure(ses.send(new VerifyDomainIdentityCommand({} as any)));
    expect([missing.name, missing.status, missing.message]).toEqual([
      "ValidationError",
      400,
      "1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it("GetSendQuota and GetAccountSendingEnabled reflect the region's account", async () => {
    expect(await client().send(new GetSendQuotaCommand({}))).toMatchObject({
      Max24HourSend: 200,
      MaxSendRate: 1,
      SentLast24Hours: 0,
    });
    expect(await client(ADMIN, "eu-west-1").send(new GetSendQuotaCommand({}))).toMatchObject({
      Max24HourSend: 50000,
      MaxSendRate: 14,
    });
    expect((await client().send(new GetAccountSendingEnabledCommand({}))).Enabled).toBe(true);
  });

  it("non-send actions are denied with SES v1's resource-less text", async () => {
    const denied = await failure(client(READONLY).send(new VerifyDomainIdentityCommand({ Domain: "example.com" })));
    expect([denied.name, denied.status]).toEqual(["AccessDenied", 403]);
    expect(denied.message).toBe(
      "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: ses:VerifyDomainIdentity",
    );
  });
});

describe("SES v1 sending", () => {
  const email = (from: string, to: string[]) =>
    new SendEmailCommand({
      Source: from,
      Destination: { ToAddresses: to },
      Message: {
        Subject: { Data: "Hello" },
        Body: { Text: { Data: "Plain body" }, Html: { Data: "<p>Html body</p>" } },
      },
    });

  it("SendEmail from a verified domain to the simulator: MessageId shape and the sent list", async () => {
    const { MessageId } = await client().send(email("App <app@verified.example>", ["success@simulator.amazonses.com"]));
    expect(MessageId).toMatch(/^[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$/);
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      messageId: MessageId,
      region: "us-east-1",
      via: "ses-v1",
      from: "App <app@verified.example>",
      to: ["success@simulator.amazonses.com"],
      subject: "Hello",
      text: "Plain body",
      accessKeyId: ADMIN.id,
    });
  });

  it("an unverified sender is MessageRejected with AWS's text", async () => {
    const err = await failure(
      client().send(email("Someone <someone@unverified.example>", ["success@simulator.amazonses.com"])),
    );
    expect([err.name, err.status]).toEqual(["MessageRejected", 400]);
    expect(err.message).toBe(
      "Email address is not verified. The following identities failed the check in region US-EAST-1: Someone <someone@unverified.example>",
    );
  });

  it("identities are per region: verified in us-east-1 is unknown in eu-west-1", async () => {
    const err = await failure(client(ADMIN, "eu-west-1").send(email("app@verified.example", ["anyone@gmail.com"])));
    expect(err.message).toBe(
      "Email address is not verified. The following identities failed the check in region EU-WEST-1: app@verified.example",
    );
  });

  it("SendRawEmail takes Source and Destinations from the MIME headers when omitted", async () => {
    const mime = [
      "From: Raw Sender <raw@verified.example>",
      "To: success@simulator.amazonses.com",
      "Cc: ooto@simulator.amazonses.com",
      "Subject: Raw hello",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Raw body",
      "",
    ].join("\r\n");
    const { MessageId } = await client().send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(mime) } }));
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent[0]).toMatchObject({
      messageId: MessageId,
      from: "Raw Sender <raw@verified.example>",
      to: ["success@simulator.amazonses.com", "ooto@simulator.amazonses.com"],
      subject: "Raw hello",
    });
    expect(sent[0].raw).toContain("Raw body");
  });

  it("raw bytes without a From header are InvalidParameterValue, not a server error", async () => {
    const err = await failure(
      client().send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from("just some bytes") } })),
    );
    expect([err.name, err.message, err.status]).toEqual([
      "InvalidParameterValue",
      "Missing required header 'From'.",
      400,
    ]);
  });

  it("AccessDenied on a send names the From identity in backtick quoting", async () => {
    const err = await failure(client(NARROW).send(email("app@verified.example", ["success@simulator.amazonses.com"])));
    expect([err.name, err.status]).toEqual(["AccessDenied", 403]);
    expect(err.message).toBe(
      "User `arn:aws:iam::123456789012:user/narrow' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/verified.example'",
    );
    // the same user may send from the identity its policy names
    await expect(
      client(NARROW).send(email("app@other.example", ["success@simulator.amazonses.com"])),
    ).resolves.toMatchObject({
      MessageId: expect.any(String),
    });
  });

  it("messages beyond the sandbox rate (1/s) are Throttling", async () => {
    // sent together so they land within one second even on a loaded machine
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => client().send(email("app@verified.example", ["success@simulator.amazonses.com"]))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const rejected = results.flatMap((r) =>
      r.status === "rejected"
        ? [r.reason as { name: string; message: string; $metadata: { httpStatusCode?: number } }]
        : [],
    );
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const err of rejected)
      expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([
        "Throttling",
        400,
        "Maximum sending rate exceeded.",
      ]);
  });
});

describe("SES v1 error cases: code, status and message", () => {
  const cases: Array<[string, () => Promise<unknown>, string, string]> = [
    [
      "VerifyEmailIdentity with an invalid address",
      () => client().send(new VerifyEmailIdentityCommand({ EmailAddress: "not-an-address" })),
      "InvalidParameterValue",
      "Invalid email address not-an-address.",
    ],
    [
      "SetIdentityMailFromDomain on an unknown identity",
      () =>
        client().send(
          new SetIdentityMailFromDomainCommand({ Identity: "unknown.example", MailFromDomain: "mail.unknown.example" }),
        ),
      "InvalidParameterValue",
      "Identity unknown.example is invalid. Must be a verified identity.",
    ],
    [
      "SetIdentityMailFromDomain outside the identity's domain",
      () =>
        client().send(
          new SetIdentityMailFromDomainCommand({ Identity: "verified.example", MailFromDomain: "mail.elsewhere.test" }),
        ),
      "InvalidParameterValue",
      "Provided MAIL-FROM domain 'mail.elsewhere.test' is not subdomain of the domain of the identity 'verified.example'.",
    ],
    [
      "ListIdentities with an unknown IdentityType",
      // biome-ignore lint/suspicious/noExplicitAny: a deliberately invalid enum value
      () => client().send(new ListIdentitiesCommand({ IdentityType: "Phone" as any })),
      "ValidationError",
      "1 validation error detected: Value 'Phone' at 'identityType' failed to satisfy constraint: Member must satisfy enum value set: [EmailAddress, Domain]",
    ],
    [
      "GetIdentityVerificationAttributes without Identities",
      () => client().send(new GetIdentityVerificationAttributesCommand({ Identities: [] })),
      "ValidationError",
      "1 validation error detected: Value null at 'identities' failed to satisfy constraint: Member must not be null",
    ],
    [
      "SendEmail to nobody",
      () =>
        client().send(
          new SendEmailCommand({
            Source: "app@verified.example",
            Destination: { ToAddresses: [] },
            Message: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } },
          }),
        ),
      "InvalidParameterValue",
      "Missing required header 'To'.",
    ],
  ];
  for (const [name, call, code, message] of cases) {
    it(name, async () => {
      expect(await failure(call())).toEqual({ name: code, status: 400, message });
    });
  }
});
