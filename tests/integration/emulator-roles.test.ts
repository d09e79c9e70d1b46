import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetSendQuotaCommand, SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { policyJson } from "@/lib/policy";
import {
  ACCOUNT,
  clientConfig,
  failure,
  KEYS,
  startTestEmulator,
  TEST_CONFIG,
  type TestEmulator,
} from "../helpers/emulator";

/**
 * Roles in the stand-in (docs/emulator.md "Roles"): IAM role operations with the real IAM client, STS AssumeRole
 * (identity policy AND trust policy), requests signed with the session's temporary credentials authorized by the
 * role's policies, and the ECS-style container credentials endpoint feeding the real SDK's default chain.
 */

const trust = (principal: Record<string, string | string[]>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }],
  });
const ROOT_TRUST = trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
const SEND_ONLY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["ses:GetSendQuota"], Resource: "*" }],
});

const assumer = { accessKeyId: "AKIAEXAMPLEASSUMER01", secretAccessKey: "assumerEXAMPLEsecret/00000000000000000+1" };
const noAssume = { accessKeyId: "AKIAEXAMPLENOASSUME1", secretAccessKey: "noassumeEXAMPLEsecret/0000000000000000+1" };

const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  users: [
    ...(TEST_CONFIG.users ?? []),
    {
      name: "assumer",
      inlinePolicies: {
        assume: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] },
      },
      accessKeys: [{ id: assumer.accessKeyId, secret: assumer.secretAccessKey }],
    },
    {
      name: "no-assume",
      inlinePolicies: {
        quota: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:GetSendQuota", Resource: "*" }] },
      },
      accessKeys: [{ id: noAssume.accessKeyId, secret: noAssume.secretAccessKey }],
    },
  ],
  roles: [
    { name: "trusts-account", assumeRolePolicyDocument: JSON.parse(ROOT_TRUST) },
    {
      name: "trusts-admin-only",
      assumeRolePolicyDocument: JSON.parse(trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/admin` })),
      managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"],
    },
  ],
};

let emu: TestEmulator;
let iam: IAMClient;
beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
  iam = new IAMClient(clientConfig(emu, KEYS.admin));
});
afterAll(() => emu?.close());

describe("IAM roles", () => {
  it("CreateRole answers the Role shape (trust policy URL-encoded, as AWS); a second one is EntityAlreadyExists", async () => {
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: "app-task",
        Path: "/service/",
        Description: "the platform's task role",
        AssumeRolePolicyDocument: trust({ Service: "ecs-tasks.amazonaws.com" }),
      }),
    );
    expect(out.Role).toMatchObject({
      RoleName: "app-task",
      Path: "/service/",
      Arn: `arn:aws:iam::${ACCOUNT}:role/service/app-task`,
      Description: "the platform's task role",
      MaxSessionDuration: 3600,
    });
    expect(out.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(out.Role?.CreateDate).toBeInstanceOf(Date);
    expect(JSON.parse(decodeURIComponent(out.Role?.AssumeRolePolicyDocument ?? ""))).toEqual(
      JSON.parse(trust({ Service: "ecs-tasks.amazonaws.com" })),
    );
    const again = await failure(
      iam.send(new CreateRoleCommand({ RoleName: "APP-TASK", AssumeRolePolicyDocument: ROOT_TRUST })),
    );
    expect(again).toEqual({
      name: "EntityAlreadyExistsException",
      message: "Role with name APP-TASK already exists.",
      status: 409,
    });
  });

  it("refuses a trust policy with a Resource or without a Principal (MalformedPolicyDocument)", async () => {
    const withResource = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Resource: "*" }],
    });
    expect(
      await failure(iam.send(new CreateRoleCommand({ RoleName: "bad1", AssumeRolePolicyDocument: withResource }))),
    ).toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: "Has prohibited field Resource",
      status: 400,
    });
    const noPrincipal = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] });
    expect(
      await failure(iam.send(new CreateRoleCommand({ RoleName: "bad2", AssumeRolePolicyDocument: noPrincipal }))),
    ).toMatchObject({ name: "MalformedPolicyDocumentException", status: 400 });
  });

  it("inline and attached role policies: put, get, list, attach, detach, delete; DeleteRole refuses until empty", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "crud", AssumeRolePolicyDocument: ROOT_TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "crud", PolicyName: "quota", PolicyDocument: SEND_ONLY }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: "crud", PolicyName: "quota" }));
    expect(got.RoleName).toBe("crud");
    expect(decodeURIComponent(got.PolicyDocument ?? "")).toBe(SEND_ONLY);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: "crud" }))).PolicyNames).toEqual(["quota"]);
    const arn = "arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess";
    await iam.send(new AttachRolePolicyCommand({ RoleName: "crud", PolicyArn: arn }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "crud" }))).AttachedPolicies).toEqual([
      { PolicyName: "AmazonSESReadOnlyAccess", PolicyArn: arn },
    ]);
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: "crud" })))).toEqual({
      name: "DeleteConflictException",
      message: "Cannot delete entity, must delete policies first.",
      status: 409,
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "crud", PolicyName: "quota" }));
    expect(await failure(iam.send(new DeleteRoleCommand({ RoleName: "crud" })))).toMatchObject({
      message: "Cannot delete entity, must detach all policies first.",
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: "crud", PolicyArn: arn }));
    expect(await failure(iam.send(new DetachRolePolicyCommand({ RoleName: "crud", PolicyArn: arn })))).toMatchObject({
      name: "NoSuchEntityException",
      status: 404,
    });
    await iam.send(new DeleteRoleCommand({ RoleName: "crud" }));
    expect(await failure(iam.send(new GetRoleCommand({ RoleName: "crud" })))).toEqual({
      name: "NoSuchEntityException",
      message: "The role with name crud cannot be found.",
      status: 404,
    });
    expect(
      await failure(iam.send(new GetRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "nope" }))),
    ).toMatchObject({ name: "NoSuchEntityException", message: "The role policy with name nope cannot be found." });
  });

  it("PutRolePolicy validates the document; role actions are IAM-authorized on the role ARN", async () => {
    expect(
      await failure(
        iam.send(new PutRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "x", PolicyDocument: "{" })),
      ),
    ).toMatchObject({ name: "MalformedPolicyDocumentException" });
    const reader = new IAMClient(clientConfig(emu, KEYS.reader));
    expect(await failure(reader.send(new GetRoleCommand({ RoleName: "trusts-account" })))).toEqual({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${ACCOUNT}:role/trusts-account because no identity-based policy allows the iam:GetRole action`,
      status: 403,
    });
  });

  it("GetRole and ListRoles list the seeded roles", async () => {
    const role = (await iam.send(new GetRoleCommand({ RoleName: "trusts-admin-only" }))).Role;
    expect(role?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:role/trusts-admin-only`);
    const names = (await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName);
    expect(names).toEqual(expect.arrayContaining(["trusts-account", "trusts-admin-only"]));
  });

  it("SimulatePrincipalPolicy accepts a role ARN and evaluates the role's policies", async () => {
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/trusts-admin-only`,
        ActionNames: ["ses:GetSendQuota", "ses:SendEmail"],
      }),
    );
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["ses:GetSendQuota", "allowed"],
      ["ses:SendEmail", "implicitDeny"],
    ]);
  });
});

describe("STS AssumeRole", () => {
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/trusts-account`;

  it("needs sts:AssumeRole in the caller's identity policy", async () => {
    const sts = new STSClient(clientConfig(emu, noAssume));
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" })))).toEqual({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${ACCOUNT}:user/no-assume is not authorized to perform: sts:AssumeRole on resource: ${roleArn} because no identity-based policy allows the sts:AssumeRole action`,
      status: 403,
    });
  });

  it("needs the role's trust policy to name the caller (or its account); an unknown role looks the same", async () => {
    const sts = new STSClient(clientConfig(emu, assumer));
    const other = `arn:aws:iam::${ACCOUNT}:role/trusts-admin-only`;
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: "s1" })))).toEqual({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${ACCOUNT}:user/assumer is not authorized to perform: sts:AssumeRole on resource: ${other}`,
      status: 403,
    });
    const missing = `arn:aws:iam::${ACCOUNT}:role/nobody`;
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: "s1" })))).toMatchObject({
      name: "AccessDenied",
      status: 403,
    });
    // the admin is named by the trust policy
    const admin = new STSClient(clientConfig(emu, KEYS.admin));
    const out = await admin.send(new AssumeRoleCommand({ RoleArn: other, RoleSessionName: "by-admin" }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/trusts-admin-only/by-admin`);
  });

  it("validates RoleSessionName and DurationSeconds against the role's MaxSessionDuration", async () => {
    const sts = new STSClient(clientConfig(emu, assumer));
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "a b" })))).toMatchObject({
      name: "ValidationError",
      status: 400,
    });
    expect(
      await failure(
        sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "long", DurationSeconds: 7200 })),
      ),
    ).toEqual({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      status: 400,
    });
  });

  it("returns temporary credentials that act as the role: caller identity, the role's policies only", async () => {
    const sts = new STSClient(clientConfig(emu, assumer));
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "deploy-1", DurationSeconds: 900 }),
    );
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c?.SecretAccessKey).toHaveLength(40);
    expect((c?.SessionToken ?? "").length).toBeGreaterThan(100);
    const ttl = (c?.Expiration?.getTime() ?? 0) - Date.now();
    expect(ttl).toBeGreaterThan(880_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:deploy-1$/);
    const creds = {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
    };

    const who = await new STSClient(clientConfig(emu, creds)).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/trusts-account/deploy-1`,
      Account: ACCOUNT,
      UserId: out.AssumedRoleUser?.AssumedRoleId,
    });

    // the role has no policy yet: the assumer's own rights do not carry over
    const ses = new SESClient(clientConfig(emu, creds));
    expect(await failure(ses.send(new GetSendQuotaCommand({})))).toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/trusts-account/deploy-1 is not authorized to perform: ses:GetSendQuota`,
      status: 403,
    });
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "quota", PolicyDocument: SEND_ONLY }),
    );
    expect((await ses.send(new GetSendQuotaCommand({}))).Max24HourSend).toBeGreaterThan(0);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "quota" }));
    expect(await failure(ses.send(new GetSendQuotaCommand({})))).toMatchObject({ name: "AccessDenied" });

    // a role session has no user: GetUser without a name is refused, not answered for some user
    const getUser = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }] });
    await iam.send(new PutRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "me", PolicyDocument: getUser }));
    expect(await failure(new IAMClient(clientConfig(emu, creds)).send(new GetUserCommand({})))).toEqual({
      name: "ValidationError",
      message: "Must specify userName when calling with non-User credentials",
      status: 400,
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "trusts-account", PolicyName: "me" }));
  });

  it("a wrong or missing session token is InvalidClientTokenId; an expired session is ExpiredToken", async () => {
    const sts = new STSClient(clientConfig(emu, assumer));
    const c = (
      await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "short", DurationSeconds: 900 }))
    ).Credentials!;
    const base = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! };
    const who = (creds: typeof base & { sessionToken?: string }, extra = {}) =>
      new STSClient({ ...clientConfig(emu, creds), ...extra }).send(new GetCallerIdentityCommand({}));
    expect(await failure(who({ ...base, sessionToken: `${c.SessionToken}x` }))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
    expect(await failure(who(base))).toMatchObject({ name: "InvalidClientTokenId", status: 403 });
    // 16 minutes later (the stand-in's clock moved; the client signs with the same offset, so only the token is old)
    await emu.admin("faults", { json: { clockOffsetSeconds: 960 } });
    try {
      expect(await failure(who({ ...base, sessionToken: c.SessionToken! }, { systemClockOffset: 960_000 }))).toEqual({
        name: "ExpiredToken",
        message: "The security token included in the request is expired",
        status: 403,
      });
    } finally {
      await emu.admin("faults/reset", { method: "POST" });
    }
  });
});

describe("the container credentials endpoint and the SDK's default chain (demo world)", () => {
  const demo = JSON.parse(readFileSync(path.resolve("emulator/demo-config.json"), "utf8"));
  const ROLE = "sesame-demo-platform-role";
  let world: TestEmulator;
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_EC2_METADATA_DISABLED",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
  ];

  beforeAll(async () => {
    world = await startTestEmulator(demo);
    dir = mkdtempSync(path.join(tmpdir(), "sesame-roles-"));
    for (const k of ENV) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    // nothing from this machine may feed the chain: no keys, no shared files, no instance metadata
    process.env.AWS_CONFIG_FILE = path.join(dir, "none-config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, "none-credentials");
    process.env.AWS_EC2_METADATA_DISABLED = "true";
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${world.url}/_emulator/container-credentials/${ROLE}`;
  });
  afterAll(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    rmSync(dir, { recursive: true, force: true });
    await world?.close();
  });

  it("the demo seeds the role trusted by ECS tasks, with no policy (a fresh task role)", async () => {
    const demoIam = new IAMClient(
      clientConfig(world, { accessKeyId: "AKIAEXAMPLEBOOTSTRAP", secretAccessKey: demo.users[0].accessKeys[0].secret }),
    );
    const role = (await demoIam.send(new GetRoleCommand({ RoleName: ROLE }))).Role;
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? "")).Statement[0].Principal).toEqual({
      Service: "ecs-tasks.amazonaws.com",
    });
    expect((await demoIam.send(new ListRolePoliciesCommand({ RoleName: ROLE }))).PolicyNames).toEqual([]);
    expect((await demoIam.send(new ListAttachedRolePoliciesCommand({ RoleName: ROLE }))).AttachedPolicies).toEqual([]);
  });

  it("answers what the SDK's container provider reads; 404 with a JSON message for an unknown role", async () => {
    const ok = await fetch(`${world.url}/_emulator/container-credentials/${ROLE}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("application/json");
    const body = await ok.json();
    expect(Object.keys(body).sort()).toEqual(["AccessKeyId", "Expiration", "RoleArn", "SecretAccessKey", "Token"]);
    expect(body.AccessKeyId).toMatch(/^ASIA/);
    expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${ROLE}`);
    expect(new Date(body.Expiration).getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    const missing = await fetch(`${world.url}/_emulator/container-credentials/no-such-role`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toContain("no-such-role");
    // the state lists sessions without their secrets
    const state = JSON.stringify((await world.admin("state")).body);
    expect(state).toContain(body.AccessKeyId);
    expect(state).not.toContain(body.SecretAccessKey);
    expect(state).not.toContain(body.Token);
  });

  it("the real default chain resolves the role: AccessDenied before the platform policy, sends after PutRolePolicy", async () => {
    const creds = await defaultProvider()();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.sessionToken).toBeTruthy();

    // clients built without credentials: the SDK's own default chain, as the platform runs
    const region = "eu-west-1";
    const sts = new STSClient({ endpoint: world.url, region, maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/ecs-task-[0-9a-f]{16}$`),
    );
    const ses = new SESClient({ endpoint: world.url, region, maxAttempts: 1 });
    const send = () =>
      ses.send(
        new SendEmailCommand({
          Source: "noreply@example.com",
          Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
          Message: { Subject: { Data: "role" }, Body: { Text: { Data: "sent as the task role" } } },
        }),
      );
    expect(await failure(ses.send(new GetSendQuotaCommand({})))).toMatchObject({ name: "AccessDenied", status: 403 });
    expect(await failure(send())).toMatchObject({ name: "AccessDenied", status: 403 });

    const bootstrap = new IAMClient(
      clientConfig(world, { accessKeyId: "AKIAEXAMPLEBOOTSTRAP", secretAccessKey: demo.users[0].accessKeys[0].secret }),
    );
    await bootstrap.send(
      new PutRolePolicyCommand({
        RoleName: ROLE,
        PolicyName: "sesame-platform",
        PolicyDocument: policyJson("aws", { region, accountId: ACCOUNT, identities: ["example.com"] }),
      }),
    );
    expect((await ses.send(new GetSendQuotaCommand({}))).Max24HourSend).toBeGreaterThan(0);
    const sent = await send();
    expect(sent.MessageId).toBeTruthy();
    const log = (await world.admin("sent")).body as Array<{ messageId: string; accessKeyId: string }>;
    expect(log.find((m) => m.messageId === sent.MessageId)?.accessKeyId).toMatch(/^ASIA/);
  });
});
