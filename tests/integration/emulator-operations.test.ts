import { SESClient, VerifyDomainIdentityCommand } from "@aws-sdk/client-ses";
import { GetEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, clientConfig, failure, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** One lookup, one authorization per request: resource-level permissions reach the operation's own resource. */

const SCOPED = { accessKeyId: "AKIAEXAMPLESCOPED001", secretAccessKey: "scopedEXAMPLEsecret/000000000000000000+1" };
const identity = (name: string) => `arn:aws:ses:us-east-1:${ACCOUNT}:identity/${name}`;

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({
    accountId: ACCOUNT,
    users: [
      {
        name: "scoped",
        inlinePolicies: {
          one: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["ses:VerifyDomainIdentity", "ses:GetEmailIdentity"],
                Resource: identity("example.com"),
              },
            ],
          },
        },
        accessKeys: [{ id: SCOPED.accessKeyId, secret: SCOPED.secretAccessKey }],
      },
    ],
  });
});
afterAll(() => emu?.close());

describe("operation tables: authorized once, against the operation's resource", () => {
  it("SES v1: a policy scoped to one identity allows it and denies another, with v1's wording", async () => {
    const ses = new SESClient(clientConfig(emu, SCOPED));
    const ok = await ses.send(new VerifyDomainIdentityCommand({ Domain: "example.com" }));
    expect(ok.VerificationToken).toBeTruthy();
    const denied = await failure(ses.send(new VerifyDomainIdentityCommand({ Domain: "other.org" })));
    expect(denied).toEqual({
      name: "AccessDenied",
      status: 403,
      message: "User: arn:aws:iam::123456789012:user/scoped is not authorized to perform: ses:VerifyDomainIdentity",
    });
  });

  it("SESv2: the path's identity is the resource", async () => {
    const v2 = new SESv2Client(clientConfig(emu, SCOPED));
    const ok = await v2.send(new GetEmailIdentityCommand({ EmailIdentity: "example.com" }));
    expect(ok.IdentityType).toBe("DOMAIN");
    const denied = await failure(v2.send(new GetEmailIdentityCommand({ EmailIdentity: "other.org" })));
    expect(denied.name).toBe("AccessDeniedException");
    expect(denied.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/scoped is not authorized to perform: ses:GetEmailIdentity on resource: ${identity("other.org")} because no identity-based policy allows the ses:GetEmailIdentity action`,
    );
  });
});

describe("authorization lives in one place", () => {
  it("no service handler evaluates a policy itself, except the SES model's sends (identity + set, message keys)", () => {
    const root = path.resolve(__dirname, "../../emulator/services");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    );
    const offenders = files.filter((f) => /\bauthz\.evaluate\(/.test(readFileSync(path.join(root, f), "utf8")));
    expect(offenders).toEqual([path.join("ses", "model.ts")]);
  });
});
