import {
  CreateEmailIdentityCommand,
  DeleteEmailIdentityCommand,
  GetAccountCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  PutEmailIdentityMailFromAttributesCommand,
  SendEmailCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { SentMessage } from "@/emulator/core/types";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { adminOk, failure } from "../helpers/emulator";

const ADMIN = { id: "AKIAIOSFODNN7EXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
/** may call ses:SendEmail but not ses:SendRawEmail: v2 raw content must be denied */
const SIMPLE_ONLY = { id: "AKIAEXAMPLESIMPLE001", secret: "s1mpleOnlyFakeSecretKeyForTestsEXAMPLE01" };

const CONFIG: EmulatorConfigInput = {
  users: [
    { name: "admin", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"], accessKeys: [ADMIN] },
    {
      name: "simple-only",
      inlinePolicies: {
        send: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendEmail", Resource: "*" }] },
      },
      accessKeys: [SIMPLE_ONLY],
    },
  ],
  regions: { "eu-west-1": { sandbox: false } },
  identities: [{ region: "us-east-1", identity: "verified.example", status: "Success" }],
  dns: { zones: [{ name: "example.com" }] },
};

let emu: RunningEmulator;

function client(key = ADMIN, region = "us-east-1"): SESv2Client {
  return new SESv2Client({
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

describe("SESv2 account", () => {
  it("GetAccount: sandbox region", async () => {
    const { $metadata, ...account } = await client().send(new GetAccountCommand({}));
    expect($metadata.httpStatusCode).toBe(200);
    expect(account).toMatchObject({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      EnforcementStatus: "HEALTHY",
      SendQuota: { Max24HourSend: 200, MaxSendRate: 1, SentLast24Hours: 0 },
    });
  });

  it("GetAccount: production region", async () => {
    const account = await client(ADMIN, "eu-west-1").send(new GetAccountCommand({}));
    expect(account.ProductionAccessEnabled).toBe(true);
    expect(account.SendQuota).toEqual({ Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 0 });
  });
});

describe("SESv2 identities", () => {
  it("CreateEmailIdentity for a domain returns Easy DKIM tokens; a second create is AlreadyExists", async () => {
    const created = await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(created.IdentityType).toBe("DOMAIN");
    expect(created.VerifiedForSendingStatus).toBe(false);
    expect(created.DkimAttributes).toMatchObject({
      SigningEnabled: true,
      Status: "PENDING",
      SigningAttributesOrigin: "AWS_SES",
      NextSigningKeyLength: "RSA_2048_BIT",
    });
    expect(created.DkimAttributes?.Tokens).toHaveLength(3);
    expect(created.DkimAttributes?.LastKeyGenerationTimestamp).toBeInstanceOf(Date);
    const dup = await failure(client().send(new CreateEmailIdentityCommand({ EmailIdentity: "example.com" })));
    expect([dup.name, dup.message, dup.status]).toEqual([
      "AlreadyExistsException",
      "Email identity example.com already exist.",
      400,
    ]);
    const short = await client().send(
      new CreateEmailIdentityCommand({
        EmailIdentity: "short.example.com",
        DkimSigningAttributes: { NextSigningKeyLength: "RSA_1024_BIT" },
      }),
    );
    expect(short.DkimAttributes?.NextSigningKeyLength).toBe("RSA_1024_BIT");
  });

  it("CreateEmailIdentity for an address returns only the type and status", async () => {
    const { $metadata, ...body } = await client().send(
      new CreateEmailIdentityCommand({ EmailIdentity: "me@example.com" }),
    );
    expect(body).toEqual({ IdentityType: "EMAIL_ADDRESS", VerifiedForSendingStatus: false });
    const got = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "me@example.com" }));
    expect(got).toMatchObject({
      IdentityType: "EMAIL_ADDRESS",
      VerifiedForSendingStatus: false,
      VerificationStatus: "PENDING",
      DkimAttributes: { SigningEnabled: false, Status: "NOT_STARTED" },
      MailFromAttributes: { BehaviorOnMxFailure: "USE_DEFAULT_VALUE" },
      Policies: {},
      Tags: [],
    });
  });

  it("GetEmailIdentity tracks DKIM verification through the DNS store", async () => {
    const created = await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "example.com" }));
    for (const t of created.DkimAttributes?.Tokens ?? []) {
      await admin("dns", {
        method: "POST",
        body: { name: `${t}._domainkey.example.com`, type: "CNAME", value: `${t}.dkim.amazonses.com` },
      });
    }
    const got = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(got.VerificationStatus).toBe("SUCCESS");
    expect(got.VerifiedForSendingStatus).toBe(true);
    expect(got.DkimAttributes?.Status).toBe("SUCCESS");
    expect(got.VerificationInfo?.LastSuccessTimestamp).toBeInstanceOf(Date);
  });

  it("unknown identity: 404 NotFoundException with AWS's text", async () => {
    const err = await failure(client().send(new GetEmailIdentityCommand({ EmailIdentity: "mail.example.com" })));
    expect([err.name, err.message, err.status]).toEqual([
      "NotFoundException",
      "Email identity mail.example.com does not exist.",
      404,
    ]);
    const del = await failure(client().send(new DeleteEmailIdentityCommand({ EmailIdentity: "mail.example.com" })));
    expect([del.name, del.message, del.status]).toEqual([
      "NotFoundException",
      "Email identity mail.example.com does not exist.",
      404,
    ]);
  });

  it("ListEmailIdentities, PutEmailIdentityMailFromAttributes, DeleteEmailIdentity", async () => {
    await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "example.com" }));
    const listed = await client().send(new ListEmailIdentitiesCommand({}));
    expect(listed.EmailIdentities).toEqual(
      expect.arrayContaining([
        {
          IdentityType: "DOMAIN",
          IdentityName: "verified.example",
          SendingEnabled: true,
          VerificationStatus: "SUCCESS",
        },
        { IdentityType: "DOMAIN", IdentityName: "example.com", SendingEnabled: true, VerificationStatus: "PENDING" },
      ]),
    );
    const page = await client().send(new ListEmailIdentitiesCommand({ PageSize: 1 }));
    expect(page.EmailIdentities).toHaveLength(1);
    expect(page.NextToken).toBeTruthy();

    await client().send(
      new PutEmailIdentityMailFromAttributesCommand({
        EmailIdentity: "example.com",
        MailFromDomain: "bounce.example.com",
        BehaviorOnMxFailure: "REJECT_MESSAGE",
      }),
    );
    const got = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(got.MailFromAttributes).toEqual({
      MailFromDomain: "bounce.example.com",
      MailFromDomainStatus: "PENDING",
      BehaviorOnMxFailure: "REJECT_MESSAGE",
    });
    await client().send(new DeleteEmailIdentityCommand({ EmailIdentity: "example.com" }));
    const after = await client().send(new ListEmailIdentitiesCommand({}));
    expect(after.EmailIdentities?.map((i) => i.IdentityName)).toEqual(["verified.example"]);
  });
});

describe("SESv2 SendEmail", () => {
  it("Simple content from a verified domain", async () => {
    const { MessageId } = await client().send(
      new SendEmailCommand({
        FromEmailAddress: "app@verified.example",
        Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
        Content: { Simple: { Subject: { Data: "v2 hello" }, Body: { Text: { Data: "v2 body" } } } },
      }),
    );
    expect(MessageId).toMatch(/-000000$/);
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent[0]).toMatchObject({ messageId: MessageId, via: "sesv2", subject: "v2 hello", text: "v2 body" });
  });

  it("Raw content; the sender and recipients come from the headers", async () => {
    const mime = "From: app@verified.example\r\nTo: bounce@simulator.amazonses.com\r\nSubject: raw v2\r\n\r\nbody\r\n";
    const { MessageId } = await client().send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } }));
    const sent = (await admin("sent")) as SentMessage[];
    expect(sent[0]).toMatchObject({ messageId: MessageId, to: ["bounce@simulator.amazonses.com"], subject: "raw v2" });
  });

  it("Raw content needs ses:SendRawEmail (AccessDeniedException), Simple needs ses:SendEmail", async () => {
    const mime = "From: app@verified.example\r\nTo: success@simulator.amazonses.com\r\nSubject: x\r\n\r\nbody\r\n";
    const err = await failure(
      client(SIMPLE_ONLY).send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } })),
    );
    expect([err.name, err.status]).toEqual(["AccessDeniedException", 403]);
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/simple-only is not authorized to perform: ses:SendRawEmail on resource: arn:aws:ses:us-east-1:123456789012:identity/verified.example because no identity-based policy allows the ses:SendRawEmail action",
    );
    await expect(
      client(SIMPLE_ONLY).send(
        new SendEmailCommand({
          FromEmailAddress: "app@verified.example",
          Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
          Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } },
        }),
      ),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
  });

  it("sandbox recipient rejection and the rate limit use v2 codes", async () => {
    const send = (to: string) =>
      client().send(
        new SendEmailCommand({
          FromEmailAddress: "app@verified.example",
          Destination: { ToAddresses: [to] },
          Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } },
        }),
      );
    const unverified = await failure(send("stranger@gmail.com"));
    expect([unverified.name, unverified.status, unverified.message]).toEqual([
      "MessageRejected",
      400,
      "Email address is not verified. The following identities failed the check in region US-EAST-1: stranger@gmail.com",
    ]);
    const results = await Promise.allSettled([1, 2, 3].map(() => send("success@simulator.amazonses.com")));
    const rejected = results.flatMap((r) =>
      r.status === "rejected"
        ? [r.reason as { name: string; message: string; $metadata?: { httpStatusCode?: number } }]
        : [],
    );
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeLessThan(3);
    for (const t of rejected) {
      expect([t.name, t.message, t.$metadata?.httpStatusCode]).toEqual([
        "TooManyRequestsException",
        "Maximum sending rate exceeded.",
        429,
      ]);
    }
  });

  it("a bad request body is BadRequestException", async () => {
    const err = await failure(
      client().send(
        new SendEmailCommand({
          FromEmailAddress: "app@verified.example",
          Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
          Content: {},
        }),
      ),
    );
    expect([err.name, err.status, err.message]).toEqual([
      "BadRequestException",
      400,
      "Content must contain Simple or Raw.",
    ]);
  });
});

describe("SESv2 error cases: code, status and message", () => {
  const cases: Array<[string, () => Promise<unknown>, string, number, string]> = [
    [
      "CreateEmailIdentity with an invalid name",
      () => client().send(new CreateEmailIdentityCommand({ EmailIdentity: "not valid" })),
      "BadRequestException",
      400,
      "Invalid email identity not valid.",
    ],
    [
      "PutEmailIdentityMailFromAttributes outside the identity's domain",
      () =>
        client().send(
          new PutEmailIdentityMailFromAttributesCommand({
            EmailIdentity: "verified.example",
            MailFromDomain: "mail.elsewhere.test",
          }),
        ),
      "BadRequestException",
      400,
      "Provided MAIL-FROM domain 'mail.elsewhere.test' is not subdomain of the domain of the identity 'verified.example'.",
    ],
    [
      "PutEmailIdentityMailFromAttributes on an unknown identity",
      () =>
        client().send(
          new PutEmailIdentityMailFromAttributesCommand({
            EmailIdentity: "ghost.example",
            MailFromDomain: "m.ghost.example",
          }),
        ),
      "NotFoundException",
      404,
      "Email identity ghost.example does not exist.",
    ],
    [
      "ListEmailIdentities with PageSize 0",
      () => client().send(new ListEmailIdentitiesCommand({ PageSize: 0 })),
      "BadRequestException",
      400,
      "PageSize must be between 1 and 1000.",
    ],
    [
      "SendEmail without a sender",
      () =>
        client().send(
          new SendEmailCommand({
            Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
            Content: { Simple: { Subject: { Data: "s" }, Body: { Text: { Data: "t" } } } },
          }),
        ),
      "BadRequestException",
      400,
      "Missing required parameter FromEmailAddress.",
    ],
  ];
  for (const [name, call, code, status, message] of cases) {
    it(name, async () => {
      expect(await failure(call())).toEqual({ name: code, status, message });
    });
  }
});
