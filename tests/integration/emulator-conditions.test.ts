// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}
import {
  IAMClient,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetSendQuotaCommand, SendEmailCommand, SESClient } from "@aws-sdk/client-ses";
import { GetAccountCommand, SendEmailCommand as SendEmailV2Command, SESv2Client } from "@aws-sdk/client-sesv2";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { ACCOUNT, clientConfig, failure, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** IAM Condition blocks, end to end: the same policies AWS evaluates, through SDK v3 clients and SMTP. */

const COND = { accessKeyId: "AKIAEXAMPLECOND00001", secretAccessKey: "condEXAMPLEsecret/00000000000000000000+1" };
const ARN = `arn:aws:iam::${ACCOUNT}:user/cond`;
const V2ONLY = { accessKeyId: "AKIAEXAMPLEV2ONLY001", secretAccessKey: "v2onlyEXAMPLEsecret/000000000000000000+1" };
const SELF = { accessKeyId: "AKIAEXAMPLESELF00001", secretAccessKey: "selfEXAMPLEsecret/00000000000000000000+1" };
const identityArn = (region: string, id: string) => `arn:aws:ses:${region}:${ACCOUNT}:identity/${id}`;

const CONFIG: EmulatorConfigInput = {
  accountId: ACCOUNT,
  users: [
    {
      name: "admin",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
    },
    {
      name: "cond",
      inlinePolicies: {
        // SES's documented pattern: a sender may only send as addresses of its own domain
        sendAsNews: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["ses:SendEmail", "ses:SendRawEmail"],
              Resource: "*",
              Condition: { StringLike: { "ses:FromAddress": "*@verified.example" } },
            },
          ],
        },
        // read the quota only in the production region
        quotaInEu: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "ses:GetSendQuota",
              Resource: "*",
              Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } },
            },
          ],
        },
      },
      accessKeys: [{ id: COND.accessKeyId, secret: COND.secretAccessKey }],
    },
    {
      name: "self",
      inlinePolicies: {
        // the self-service key policy Sesame recommends (lib/health/key-age.ts, lib/rotate)
        ownKeys: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:CreateAccessKey"],
              Resource: "arn:aws:iam::*:user/${aws:username}",
            },
          ],
        },
      },
      accessKeys: [{ id: SELF.accessKeyId, secret: SELF.secretAccessKey }],
    },
  ],
  regions: { "us-east-1": { sandbox: true }, "eu-west-1": { sandbox: false } },
  identities: [
    { region: "eu-west-1", identity: "verified.example", status: "Success" },
    { region: "eu-west-1", identity: "other.example", status: "Success" },
  ],
  smtp: { region: "eu-west-1" },
};

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
});
afterAll(() => emu?.close());

describe("Condition on ses:FromAddress", () => {
  const v1 = () => new SESClient(clientConfig(emu, COND, "eu-west-1"));
  const v2 = () => new SESv2Client(clientConfig(emu, COND, "eu-west-1"));
  const message = { Subject: { Data: "hi" }, Body: { Text: { Data: "hello" } } };

  it("SES v1 SendEmail: allowed from the matching address, AccessDenied from another verified domain", async () => {
    const ok = await v1().send(
      new SendEmailCommand({
        Source: "news@verified.example",
        Destination: { ToAddresses: ["a@x.test"] },
        Message: message,
      }),
    );
    expect(ok.MessageId).toBeTruthy();
    const denied = await failure(
      v1().send(
        new SendEmailCommand({
          Source: "news@other.example",
          Destination: { ToAddresses: ["a@x.test"] },
          Message: message,
        }),
      ),
    );
    expect(denied).toEqual({
      name: "AccessDenied",
      status: 403,
      message: `User \`${ARN}' is not authorized to perform \`ses:SendEmail' on resource \`${identityArn("eu-west-1", "other.example")}'`,
    });
  });

  it("SESv2 SendEmail: the same condition, AccessDeniedException in the modern wording", async () => {
    const ok = await v2().send(
      new SendEmailV2Command({
        FromEmailAddress: "News <news@verified.example>",
        Destination: { ToAddresses: ["a@x.test"] },
        Content: { Simple: message },
      }),
    );
    expect(ok.MessageId).toBeTruthy();
    const denied = await failure(
      v2().send(
        new SendEmailV2Command({
          FromEmailAddress: "news@other.example",
          Destination: { ToAddresses: ["a@x.test"] },
          Content: { Simple: message },
        }),
      ),
    );
    expect(denied).toEqual({
      name: "AccessDeniedException",
      status: 403,
      message: `User: ${ARN} is not authorized to perform: ses:SendEmail on resource: ${identityArn("eu-west-1", "other.example")} because no identity-based policy allows the ses:SendEmail action`,
    });
  });

  it("SMTP: the conditional user may log in; each message's From decides", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: emu.ports.smtp,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: COND.accessKeyId, pass: await deriveSmtpPassword(COND.secretAccessKey, "eu-west-1") },
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
    });
    try {
      await transport.verify();
      const sent = await transport.sendMail({ from: "news@verified.example", to: "a@x.test", subject: "s", text: "t" });
      expect(sent.response).toMatch(/^250 Ok /);
      const err = await transport
        .sendMail({ from: "news@other.example", to: "a@x.test", subject: "s", text: "t" })
        .then(
          () => undefined,
          (e: { responseCode?: number; response?: string }) => e,
        );
      expect(err?.responseCode).toBe(554);
      expect(err?.response).toBe(
        `554 Access denied: User \`${ARN}' is not authorized to perform \`ses:SendRawEmail' on resource \`${identityArn("eu-west-1", "other.example")}'`,
      );
    } finally {
      transport.close();
    }
  });
});

describe("Condition on aws:RequestedRegion", () => {
  it("GetSendQuota allowed in eu-west-1, AccessDenied in us-east-1", async () => {
    const eu = await new SESClient(clientConfig(emu, COND, "eu-west-1")).send(new GetSendQuotaCommand({}));
    expect(eu.Max24HourSend).toBe(50000);
    const us = await failure(new SESClient(clientConfig(emu, COND, "us-east-1")).send(new GetSendQuotaCommand({})));
    expect(us).toEqual({
      name: "AccessDenied",
      status: 403,
      message: `User: ${ARN} is not authorized to perform: ses:GetSendQuota`,
    });
  });
});

describe("Condition on ses:ApiVersion", () => {
  it("a v2-only policy lets SESv2 GetAccount through and refuses SES v1 GetSendQuota", async () => {
    await emu.admin("reset", {
      json: {
        ...CONFIG,
        users: [
          ...(CONFIG.users ?? []),
          {
            name: "v2only",
            inlinePolicies: {
              v2: {
                Version: "2012-10-17",
                Statement: [
                  {
                    Effect: "Allow",
                    Action: ["ses:GetAccount", "ses:GetSendQuota"],
                    Resource: "*",
                    Condition: { StringEquals: { "ses:ApiVersion": "2" } },
                  },
                ],
              },
            },
            accessKeys: [{ id: V2ONLY.accessKeyId, secret: V2ONLY.secretAccessKey }],
          },
        ],
      },
    });
    try {
      const account = await new SESv2Client(clientConfig(emu, V2ONLY, "eu-west-1")).send(new GetAccountCommand({}));
      expect(account.ProductionAccessEnabled).toBe(true);
      const v1 = await failure(new SESClient(clientConfig(emu, V2ONLY, "eu-west-1")).send(new GetSendQuotaCommand({})));
      expect(v1).toEqual({
        name: "AccessDenied",
        status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/v2only is not authorized to perform: ses:GetSendQuota`,
      });
    } finally {
      await emu.admin("reset", { method: "POST" });
    }
  });
});

describe("policy variables", () => {
  it("${aws:username} in a Resource: a user manages its own keys, not another user's", async () => {
    const iam = new IAMClient(clientConfig(emu, SELF));
    const own = await iam.send(new ListAccessKeysCommand({}));
    expect(own.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([SELF.accessKeyId]);
    const named = await iam.send(new ListAccessKeysCommand({ UserName: "self" }));
    expect(named.AccessKeyMetadata).toHaveLength(1);
    const other = await failure(iam.send(new ListAccessKeysCommand({ UserName: "cond" })));
    expect(other).toEqual({
      name: "AccessDenied",
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/self is not authorized to perform: iam:ListAccessKeys on resource: ${ARN} because no identity-based policy allows the iam:ListAccessKeys action`,
    });
  });
});

describe("policy documents with conditions", () => {
  it("PutUserPolicy refuses an unknown condition operator with IAM's syntax error", async () => {
    const iam = new IAMClient(clientConfig(emu, KEYS.admin));
    const doc = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ses:*", Resource: "*", Condition: { StringEqual: { "aws:RequestedRegion": "x" } } },
      ],
    };
    const err = await failure(
      iam.send(
        new PutUserPolicyCommand({ UserName: "admin", PolicyName: "typo", PolicyDocument: JSON.stringify(doc) }),
      ),
    );
    expect(err).toEqual({ name: "MalformedPolicyDocumentException", status: 400, message: "Syntax errors in policy." });
    // a known operator is accepted
    doc.Statement[0].Condition = { StringEquals: { "aws:RequestedRegion": "x" } } as never;
    await iam.send(
      new PutUserPolicyCommand({ UserName: "admin", PolicyName: "ok", PolicyDocument: JSON.stringify(doc) }),
    );
  });
});

describe("SimulatePrincipalPolicy", () => {
  const iam = () => new IAMClient(clientConfig(emu, KEYS.admin));

  it("evaluates every resource: one result per action × resource, in request order", async () => {
    const out = await iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: ARN,
        ActionNames: ["ses:SendEmail", "ses:DeleteIdentity"],
        ResourceArns: [identityArn("eu-west-1", "verified.example"), identityArn("eu-west-1", "other.example")],
        ContextEntries: [
          { ContextKeyName: "ses:FromAddress", ContextKeyType: "string", ContextKeyValues: ["a@verified.example"] },
        ],
      }),
    );
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision])).toEqual([
      ["ses:SendEmail", identityArn("eu-west-1", "verified.example"), "allowed"],
      ["ses:SendEmail", identityArn("eu-west-1", "other.example"), "allowed"],
      ["ses:DeleteIdentity", identityArn("eu-west-1", "verified.example"), "implicitDeny"],
      ["ses:DeleteIdentity", identityArn("eu-west-1", "other.example"), "implicitDeny"],
    ]);
  });

  it("ContextEntries decide conditional statements; absent keys are listed in MissingContextValues", async () => {
    const run = (from?: string) =>
      iam().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: ARN,
          ActionNames: ["ses:SendRawEmail"],
          ContextEntries: from
            ? [{ ContextKeyName: "ses:FromAddress", ContextKeyType: "string", ContextKeyValues: [from] }]
            : undefined,
        }),
      );
    const match = (await run("x@verified.example")).EvaluationResults?.[0];
    expect(match?.EvalDecision).toBe("allowed");
    expect(match?.MissingContextValues).toEqual([]);
    expect((await run("x@other.example")).EvaluationResults?.[0].EvalDecision).toBe("implicitDeny");
    const missing = (await run()).EvaluationResults?.[0];
    expect(missing?.EvalDecision).toBe("implicitDeny");
    expect(missing?.MissingContextValues).toEqual(["ses:FromAddress"]);
  });
});
