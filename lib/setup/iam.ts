import "server-only";
import {
  type AwsDoor,
  type AwsWhere,
  awsErrorOf,
  type ClassifiedError,
  failureBody,
  hasCode,
  withDoor,
} from "@/lib/aws";
import type { TargetPreset } from "@/lib/env/targets";
import { finding } from "@/lib/findings/catalogue";
import type { Finding } from "@/lib/findings/model";
import { bootstrapFailure } from "./bootstrap-failure";
import { policyJsonFor, policyNameFor } from "./policy";
import type { SessionSecrets } from "./secrets";

export { UserNameSchema } from "./contract";

export type IamProblem = "user-exists" | "key-limit" | "access-denied" | "invalid-credentials" | "network" | "aws";

export type IamResult =
  | {
      ok: true;
      userName: string;
      userArn?: string;
      policyName: string;
      reusedUser: boolean;
      callerArn?: string;
      key: SessionSecrets;
    }
  | {
      ok: false;
      problem: IamProblem;
      /** the finding's title, why and fix in one paragraph (what the IAM step shows) */
      message: string;
      /** the catalogue's finding for the refusal */
      finding: Finding;
      /** the IAM action the bootstrap credentials lack */
      permission?: string;
      step: "identify" | "create-user" | "put-policy" | "create-key";
      /** existing keys (ids only) when the user already has two */
      keys?: { accessKeyId: string; status: string; created?: string }[];
      code?: string;
    };

/** The call each step makes (for the finding when it fails). */
const STEP_CALL = {
  identify: { service: "sts", operation: "GetCallerIdentity" },
  "create-user": { service: "iam", operation: "CreateUser" },
  "put-policy": { service: "iam", operation: "PutUserPolicy" },
  "create-key": { service: "iam", operation: "CreateAccessKey" },
} as const;

/**
 * Create the platform's IAM user, attach the target's inline policy and mint its access key, with the bootstrap
 * credentials (used for these calls only; the caller forgets them when this returns). Each failure names the step
 * and, for denials, the missing permission.
 */
export async function createPlatformUser(args: {
  bootstrap: SessionSecrets;
  userName: string;
  target: TargetPreset;
  reuseExisting: boolean;
  where: AwsWhere;
}): Promise<IamResult> {
  const { bootstrap, userName, target, where } = args;
  return withDoor(bootstrap, where, (door) => createWith(door, where, userName, target, args.reuseExisting));
}

async function createWith(
  door: AwsDoor,
  where: AwsWhere,
  userName: string,
  target: TargetPreset,
  reuseExisting: boolean,
): Promise<IamResult> {
  const policyName = policyNameFor(target);
  let step: Extract<IamResult, { ok: false }>["step"] = "identify";
  try {
    const caller = await door.send("sts", (sdk) => new sdk.GetCallerIdentityCommand({}));

    step = "create-user";
    let userArn: string | undefined;
    let reusedUser = false;
    try {
      const created = await door.send(
        "iam",
        (sdk) => new sdk.CreateUserCommand({ UserName: userName, Tags: [{ Key: "created-by", Value: "sesame" }] }),
      );
      userArn = created.User?.Arn;
    } catch (err) {
      const e = awsErrorOf(err);
      if (!hasCode(e, "EntityAlreadyExists")) throw err;
      if (!reuseExisting) {
        const { error, finding: f } = failureBody(
          finding("setup.user-exists", { userName, policyName, errorCode: e.code }),
        );
        return { ok: false, problem: "user-exists", step, code: e.code, message: error, finding: f };
      }
      reusedUser = true;
      userArn = await door
        .send("iam", (sdk) => new sdk.GetUserCommand({ UserName: userName }))
        .then((r) => r.User?.Arn)
        .catch(() => undefined);
    }

    step = "put-policy";
    await door.send(
      "iam",
      (sdk) =>
        new sdk.PutUserPolicyCommand({
          UserName: userName,
          PolicyName: policyName,
          PolicyDocument: policyJsonFor(target),
        }),
    );

    step = "create-key";
    let key: SessionSecrets;
    try {
      const out = await door.send("iam", (sdk) => new sdk.CreateAccessKeyCommand({ UserName: userName }));
      if (!out.AccessKey?.AccessKeyId || !out.AccessKey.SecretAccessKey)
        throw new Error("CreateAccessKey returned no key");
      key = { accessKeyId: out.AccessKey.AccessKeyId, secretAccessKey: out.AccessKey.SecretAccessKey };
    } catch (err) {
      const e = awsErrorOf(err);
      if (!hasCode(e, "LimitExceeded")) throw err;
      const keys = await door
        .send("iam", (sdk) => new sdk.ListAccessKeysCommand({ UserName: userName }))
        .then((r) =>
          (r.AccessKeyMetadata ?? []).map((k) => ({
            accessKeyId: k.AccessKeyId ?? "?",
            status: k.Status ?? "?",
            created: k.CreateDate?.toISOString(),
          })),
        )
        .catch(() => undefined);
      const { error, finding: f } = failureBody(
        finding("setup.key-limit", { userName, errorCode: e.code, remedy: "wizard" }),
      );
      return { ok: false, problem: "key-limit", step, code: e.code, keys, message: error, finding: f };
    }
    return { ok: true, userName, userArn, policyName, reusedUser, callerArn: caller.Arn, key };
  } catch (err) {
    return failure(awsErrorOf(err), step, where);
  }
}

/** A refused step as the catalogue's finding (setup.denied, setup.credentials-rejected, endpoint.* …). */
function failure(
  e: ClassifiedError,
  step: Extract<IamResult, { ok: false }>["step"],
  where: AwsWhere,
): Extract<IamResult, { ok: false }> {
  return {
    ok: false,
    ...bootstrapFailure(e, { ...STEP_CALL[step], task: step, where }),
    step,
    code: e.code,
  };
}
