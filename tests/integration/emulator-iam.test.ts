import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  clientConfig,
  FORM,
  form,
  KEYS,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from "../helpers/emulator";

let emu: TestEmulator;
let iam: IAMClient;
beforeAll(async () => {
  emu = await startTestEmulator();
  iam = new IAMClient(clientConfig(emu, KEYS.admin));
});
afterAll(() => emu?.close());

const POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Send mail", Effect: "Allow", Action: ["ses:SendRawEmail", "ses:Get*"], Resource: "*" },
    { Effect: "Deny", Action: "ses:DeleteIdentity", Resource: "arn:aws:ses:*:*:identity/keep+this@example.com" },
  ],
};

describe("IAM users", () => {
  it("creates, reads, tags and lists users; names are unique case-insensitively", async () => {
    const created = await iam.send(
      new CreateUserCommand({ UserName: "plunk-app", Tags: [{ Key: "app", Value: "plunk" }] }),
    );
    expect(created.User).toMatchObject({
      UserName: "plunk-app",
      Path: "/",
      Arn: `arn:aws:iam::${ACCOUNT}:user/plunk-app`,
      Tags: [{ Key: "app", Value: "plunk" }],
    });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);

    await expect(iam.send(new CreateUserCommand({ UserName: "PLUNK-APP" }))).rejects.toMatchObject({
      name: "EntityAlreadyExistsException",
      message: "User with name PLUNK-APP already exists.",
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new TagUserCommand({ UserName: "plunk-app", Tags: [{ Key: "env", Value: "prod" }] }));
    const got = await iam.send(new GetUserCommand({ UserName: "plunk-app" }));
    expect(got.User?.Tags).toEqual([
      { Key: "app", Value: "plunk" },
      { Key: "env", Value: "prod" },
    ]);
    const me = await iam.send(new GetUserCommand({}));
    expect(me.User?.UserName).toBe("admin");
    const list = await iam.send(new ListUsersCommand({}));
    expect(list.Users?.map((u) => u.UserName)).toContain("plunk-app");
    expect(list.IsTruncated).toBe(false);

    await expect(iam.send(new GetUserCommand({ UserName: "nobody" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The user with name nobody cannot be found.",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("stores inline policies and returns them URL-encoded, as AWS does", async () => {
    const text = JSON.stringify(POLICY, null, 2);
    await iam.send(new PutUserPolicyCommand({ UserName: "plunk-app", PolicyName: "send", PolicyDocument: text }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: "plunk-app", PolicyName: "send" }));
    expect(got.PolicyDocument).not.toBe(text);
    expect(got.PolicyDocument).toContain("%22Version%22");
    expect(decodeURIComponent(got.PolicyDocument ?? "")).toBe(text);
    const names = await iam.send(new ListUserPoliciesCommand({ UserName: "plunk-app" }));
    expect(names.PolicyNames).toEqual(["send"]);
    await expect(
      iam.send(new PutUserPolicyCommand({ UserName: "plunk-app", PolicyName: "bad", PolicyDocument: "{not json" })),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: "Syntax errors in policy.",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      iam.send(new GetUserPolicyCommand({ UserName: "plunk-app", PolicyName: "nope" })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The user policy with name nope cannot be found.",
    });
  });

  it("attaches AWS-managed and customer policies; unknown ARNs are NoSuchEntity", async () => {
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: "plunk-app",
        PolicyArn: "arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess",
      }),
    );
    const custom = await iam.send(
      new CreatePolicyCommand({ PolicyName: "extra", PolicyDocument: JSON.stringify(POLICY) }),
    );
    expect(custom.Policy?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:policy/extra`);
    await iam.send(new AttachUserPolicyCommand({ UserName: "plunk-app", PolicyArn: custom.Policy?.Arn }));
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "plunk-app" }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: "AmazonSESReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess" },
      { PolicyName: "extra", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/extra` },
    ]);
    await expect(
      iam.send(
        new AttachUserPolicyCommand({ UserName: "plunk-app", PolicyArn: "arn:aws:iam::aws:policy/NoSuchPolicy" }),
      ),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.",
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe("access keys", () => {
  it("creates keys usable at once, enforces 2 per user (inactive ones count), tracks last use", async () => {
    const k1 = (await iam.send(new CreateAccessKeyCommand({ UserName: "plunk-app" }))).AccessKey!;
    expect(k1.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(k1.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(k1.Status).toBe("Active");

    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k1.AccessKeyId }));
    expect(before.AccessKeyLastUsed).toMatchObject({ ServiceName: "N/A", Region: "N/A" });
    expect(before.AccessKeyLastUsed?.LastUsedDate).toBeUndefined();

    const asApp = new STSClient(
      clientConfig(emu, { accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! }),
    );
    expect((await asApp.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/plunk-app`);
    const after = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k1.AccessKeyId }));
    expect(after.UserName).toBe("plunk-app");
    expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: "sts", Region: "us-east-1" });
    expect(after.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);

    const k2 = (await iam.send(new CreateAccessKeyCommand({ UserName: "plunk-app" }))).AccessKey!;
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: "plunk-app", AccessKeyId: k2.AccessKeyId, Status: "Inactive" }),
    );
    await expect(iam.send(new CreateAccessKeyCommand({ UserName: "plunk-app" }))).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "Cannot exceed quota for AccessKeysPerUser: 2",
      $metadata: { httpStatusCode: 409 },
    });
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: "plunk-app" }));
    expect(listed.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.Status])).toEqual([
      [k1.AccessKeyId, "Active"],
      [k2.AccessKeyId, "Inactive"],
    ]);
    // the inactive key no longer authenticates
    const inactive = new STSClient(
      clientConfig(emu, { accessKeyId: k2.AccessKeyId!, secretAccessKey: k2.SecretAccessKey! }),
    );
    await expect(inactive.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
    // a key of another user is not found under this user
    await expect(
      iam.send(new DeleteAccessKeyCommand({ UserName: "plunk-app", AccessKeyId: KEYS.reader.accessKeyId })),
    ).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: `The Access Key with id ${KEYS.reader.accessKeyId} cannot be found.`,
    });
  });

  it("DeleteUser conflicts until keys and policies are gone", async () => {
    const conflict = (message: string) => ({
      name: "DeleteConflictException",
      message,
      $metadata: { httpStatusCode: 409 },
    });
    await expect(iam.send(new DeleteUserCommand({ UserName: "plunk-app" }))).rejects.toMatchObject(
      conflict("Cannot delete entity, must delete access keys first."),
    );
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: "plunk-app" }));
    for (const k of keys.AccessKeyMetadata ?? []) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: "plunk-app", AccessKeyId: k.AccessKeyId }));
    }
    await expect(iam.send(new DeleteUserCommand({ UserName: "plunk-app" }))).rejects.toMatchObject(
      conflict("Cannot delete entity, must delete policies first."),
    );
    await iam.send(new DeleteUserPolicyCommand({ UserName: "plunk-app", PolicyName: "send" }));
    await expect(iam.send(new DeleteUserCommand({ UserName: "plunk-app" }))).rejects.toMatchObject(
      conflict("Cannot delete entity, must detach all policies first."),
    );
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "plunk-app" }));
    for (const p of attached.AttachedPolicies ?? []) {
      await iam.send(new DetachUserPolicyCommand({ UserName: "plunk-app", PolicyArn: p.PolicyArn }));
    }
    await iam.send(new DeleteUserCommand({ UserName: "plunk-app" }));
    await expect(iam.send(new GetUserCommand({ UserName: "plunk-app" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
  });
});

describe("IAM error cases: code, status and message", () => {
  const KEY = "AKIAEXAMPLENOKEY0001";
  const cases: Array<[string, () => Promise<unknown>, string, number, string]> = [
    [
      "TagUser on a missing user",
      () => iam.send(new TagUserCommand({ UserName: "ghost", Tags: [{ Key: "a", Value: "b" }] })),
      "NoSuchEntityException",
      404,
      "The user with name ghost cannot be found.",
    ],
    [
      "DeleteUser on a missing user",
      () => iam.send(new DeleteUserCommand({ UserName: "ghost" })),
      "NoSuchEntityException",
      404,
      "The user with name ghost cannot be found.",
    ],
    [
      "DeleteUserPolicy of a missing policy",
      () => iam.send(new DeleteUserPolicyCommand({ UserName: "admin", PolicyName: "nope" })),
      "NoSuchEntityException",
      404,
      "The user policy with name nope cannot be found.",
    ],
    [
      "DetachUserPolicy of a policy not attached",
      () =>
        iam.send(
          new DetachUserPolicyCommand({ UserName: "reader", PolicyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
        ),
      "NoSuchEntityException",
      404,
      "Policy arn:aws:iam::aws:policy/IAMFullAccess was not found.",
    ],
    [
      "UpdateAccessKey of an unknown key",
      () => iam.send(new UpdateAccessKeyCommand({ UserName: "admin", AccessKeyId: KEY, Status: "Inactive" })),
      "NoSuchEntityException",
      404,
      `The Access Key with id ${KEY} cannot be found.`,
    ],
    [
      "GetAccessKeyLastUsed of an unknown key",
      () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: KEY })),
      "NoSuchEntityException",
      404,
      `The Access Key with id ${KEY} cannot be found.`,
    ],
    [
      "ListAccessKeys of a missing user",
      () => iam.send(new ListAccessKeysCommand({ UserName: "ghost" })),
      "NoSuchEntityException",
      404,
      "The user with name ghost cannot be found.",
    ],
    [
      "SimulatePrincipalPolicy for a missing user",
      () =>
        iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/ghost`,
            ActionNames: ["ses:SendEmail"],
          }),
        ),
      "NoSuchEntityException",
      404,
      "The user with name ghost cannot be found.",
    ],
  ];
  for (const [name, call, code, status, message] of cases) {
    it(name, async () => {
      await expect(call()).rejects.toMatchObject({ name: code, message, $metadata: { httpStatusCode: status } });
    });
  }
});

describe("SimulatePrincipalPolicy", () => {
  it("reports allowed / implicitDeny / explicitDeny with the same evaluator as the front door", async () => {
    await iam.send(new CreateUserCommand({ UserName: "sim" }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: "sim", PolicyName: "p", PolicyDocument: JSON.stringify(POLICY) }),
    );
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`,
        ActionNames: ["ses:SendRawEmail", "SES:getsendquota", "ses:SendEmail", "ses:DeleteIdentity"],
        ResourceArns: ["arn:aws:ses:us-east-1:123456789012:identity/keep+this@example.com"],
      }),
    );
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ["ses:SendRawEmail", "allowed"],
      ["SES:getsendquota", "allowed"],
      ["ses:SendEmail", "implicitDeny"],
      ["ses:DeleteIdentity", "explicitDeny"],
    ]);
    expect(out.EvaluationResults?.[0].MatchedStatements?.[0]).toMatchObject({
      SourcePolicyId: "p",
      SourcePolicyType: "user",
    });

    const denied = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/denied`,
        ActionNames: ["iam:CreateUser", "ses:SendEmail"],
      }),
    );
    expect(denied.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(["explicitDeny", "allowed"]);
  });

  it("requires iam:SimulatePrincipalPolicy", async () => {
    const r = await rawCall(emu, {
      service: "iam",
      credentials: KEYS.reader,
      headers: FORM,
      body: form({
        Action: "SimulatePrincipalPolicy",
        Version: "2010-05-08",
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
        "ActionNames.member.1": "ses:GetSendQuota",
      }),
    });
    expect(r).toMatchObject({
      status: 403,
      code: "AccessDenied",
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${ACCOUNT}:user/reader because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
    });
  });

  it("a missing required parameter is a ValidationError", async () => {
    const r = await rawCall(emu, {
      service: "iam",
      headers: FORM,
      body: form({ Action: "CreateUser", Version: "2010-05-08" }),
    });
    expect(r).toMatchObject({
      status: 400,
      code: "ValidationError",
      message:
        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    });
  });
});

describe("managed policy documents and groups", () => {
  it("GetPolicyVersion returns the document URL-encoded; ListGroupsForUser is empty", async () => {
    const { GetPolicyVersionCommand, ListGroupsForUserCommand } = await import("@aws-sdk/client-iam");
    const v = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: "arn:aws:iam::aws:policy/AmazonSESFullAccess", VersionId: "v1" }),
    );
    expect(JSON.parse(decodeURIComponent(v.PolicyVersion?.Document ?? ""))).toMatchObject({
      Statement: [{ Effect: "Allow", Action: ["ses:*"], Resource: "*" }],
    });
    expect(v.PolicyVersion?.IsDefaultVersion).toBe(true);
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: "admin" }));
    expect(groups.Groups).toEqual([]);
  });
});

describe("policy size quotas", () => {
  it("inline policies of one user share 2048 non-whitespace characters", async () => {
    await iam.send(new CreateUserCommand({ UserName: "big" }));
    const doc = (n: number) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: Array.from({ length: n }, (_, i) => `ses:Get${i}`), Resource: "*" }],
      });
    await iam.send(new PutUserPolicyCommand({ UserName: "big", PolicyName: "a", PolicyDocument: doc(80) }));
    await expect(
      iam.send(new PutUserPolicyCommand({ UserName: "big", PolicyName: "b", PolicyDocument: doc(80) })),
    ).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "Maximum policy size of 2048 bytes exceeded for user big",
      $metadata: { httpStatusCode: 409 },
    });
    // replacing the same policy does not count it twice
    await iam.send(new PutUserPolicyCommand({ UserName: "big", PolicyName: "a", PolicyDocument: doc(90) }));
  });
});
