import { describe, expect, it } from "vitest";
import { EmulatorConfigSchema } from "../../config";
import { authorizeOperation, findQueryOperation, type QueryServiceTable } from "../../core/operations";
import { AwsError, type RequestContext } from "../../core/types";
import { createDnsStore } from "../../dns/store";
import { SesModel } from "./model";
import { createSesV1 } from "./v1";

/** The handler of one operation in the table (authorization is the server's, so the test calls the handler). */
function call(svc: QueryServiceTable, name: string) {
  const op = findQueryOperation(svc, name);
  if (!op) throw new Error(`no operation ${name}`);
  return op.handler;
}

function setup() {
  const config = EmulatorConfigSchema.parse({
    identities: [{ region: "us-east-1", identity: "a&b.example", status: "Success" }],
  });
  const dns = createDnsStore([]);
  const model = new SesModel(config, dns, () => new Date());
  const ctx: RequestContext = {
    requestId: "r",
    region: "us-east-1",
    principal: {
      accountId: "123456789012",
      arn: "arn:aws:iam::123456789012:user/app",
      userName: "app",
      userId: "AIDAEXAMPLE",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    },
    authz: { evaluate: () => "allowed" },
    now: () => new Date(),
  };
  return { svc: createSesV1(model), ctx };
}

describe("SES v1 result XML", () => {
  it("GetSendQuota writes doubles as AWS does", async () => {
    const { svc, ctx } = setup();
    expect(await call(svc, "GetSendQuota")({ Action: "GetSendQuota" }, ctx)).toBe(
      "<Max24HourSend>200.0</Max24HourSend><MaxSendRate>1.0</MaxSendRate><SentLast24Hours>0.0</SentLast24Hours>",
    );
  });

  it("maps are non-flattened entry/key/value; unknown identities are absent", async () => {
    const { svc, ctx } = setup();
    const token = await call(svc, "VerifyDomainIdentity")({ Domain: "example.com" }, ctx);
    const t = /<VerificationToken>(.*)<\/VerificationToken>/.exec(token)?.[1];
    const xml = await call(svc, "GetIdentityVerificationAttributes")(
      { "Identities.member.2": "unknown.example", "Identities.member.1": "example.com" },
      ctx,
    );
    expect(xml).toBe(
      `<VerificationAttributes><entry><key>example.com</key><value><VerificationStatus>Pending</VerificationStatus><VerificationToken>${t}</VerificationToken></value></entry></VerificationAttributes>`,
    );
  });

  it("DKIM tokens are a member list; values are XML-escaped", async () => {
    const { svc, ctx } = setup();
    const xml = await call(svc, "VerifyDomainDkim")({ Domain: "example.com" }, ctx);
    expect(xml).toMatch(/^<DkimTokens>(<member>[a-z2-7]{32}<\/member>){3}<\/DkimTokens>$/);
    const list = await call(svc, "ListIdentities")({}, ctx);
    expect(list).toContain("<member>a&amp;b.example</member>");
  });

  it("a missing required parameter is ValidationError; a non-send denial has the old wording", async () => {
    const { svc, ctx } = setup();
    await expect(Promise.resolve().then(() => call(svc, "VerifyEmailIdentity")({}, ctx))).rejects.toMatchObject({
      code: "ValidationError",
      message:
        "1 validation error detected: Value null at 'emailAddress' failed to satisfy constraint: Member must not be null",
    });
    const denied = { ...ctx, authz: { evaluate: () => "implicitDeny" as const } };
    // the server authorizes once, from the table, before the handler runs
    const op = findQueryOperation(svc, "GetSendQuota");
    expect(op).toBeDefined();
    let err: unknown;
    try {
      authorizeOperation(svc, op!, op?.resource?.({}, denied) ?? "*", denied);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AwsError);
    expect((err as AwsError).message).toBe(
      "User: arn:aws:iam::123456789012:user/app is not authorized to perform: ses:GetSendQuota",
    );
  });
});
