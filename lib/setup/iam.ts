import "server-only";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import type { TargetPreset } from "@/lib/env/targets";
import { type AwsWhere, describeAwsError, iamClient, isAccessDenied, stsClient } from "./aws";
import { policyJsonFor, policyNameFor } from "./policy";
import type { SessionSecrets } from "./secrets";

/** SDK v3 names IAM errors "EntityAlreadyExistsException"; the wire code is "EntityAlreadyExists". */
const baseCode = (code: string) => code.replace(/Exception$/, "");

export const UserNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a user name.")
  .max(64, "IAM user names are at most 64 characters.")
  .regex(/^[\w+=,.@-]+$/, "IAM user names may contain letters, digits and + = , . @ _ - only.");

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
      message: string;
      /** the IAM action the bootstrap credentials lack */
      permission?: string;
      step: "identify" | "create-user" | "put-policy" | "create-key";
      /** existing keys (ids only) when the user already has two */
      keys?: { accessKeyId: string; status: string; created?: string }[];
      code?: string;
    };

const STEP_PERMISSION = {
  identify: undefined,
  "create-user": "iam:CreateUser",
  "put-policy": "iam:PutUserPolicy",
  "create-key": "iam:CreateAccessKey",
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
  const iam = iamClient(bootstrap, where);
  const policyName = policyNameFor(target);
  let step: Extract<IamResult, { ok: false }>["step"] = "identify";

  try {
    const caller = await stsClient(bootstrap, { ...where, region: where.region || "us-east-1" }).send(
      new GetCallerIdentityCommand({}),
    );

    step = "create-user";
    let userArn: string | undefined;
    let reusedUser = false;
    try {
      const created = await iam.send(
        new CreateUserCommand({ UserName: userName, Tags: [{ Key: "created-by", Value: "sesame" }] }),
      );
      userArn = created.User?.Arn;
    } catch (err) {
      const info = describeAwsError(err);
      if (baseCode(info.code) !== "EntityAlreadyExists") throw err;
      if (!args.reuseExisting) {
        return {
          ok: false,
          problem: "user-exists",
          step,
          code: info.code,
          message: `An IAM user named "${userName}" already exists. Choose another name, or reuse it: Sesame will replace its ${policyName} policy and add an access key.`,
        };
      }
      reusedUser = true;
      userArn = await iam
        .send(new GetUserCommand({ UserName: userName }))
        .then((r) => r.User?.Arn)
        .catch(() => undefined);
    }

    step = "put-policy";
    await iam.send(
      new PutUserPolicyCommand({ UserName: userName, PolicyName: policyName, PolicyDocument: policyJsonFor(target) }),
    );

    step = "create-key";
    let key: SessionSecrets;
    try {
      const out = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
      if (!out.AccessKey?.AccessKeyId || !out.AccessKey.SecretAccessKey)
        throw new Error("CreateAccessKey returned no key");
      key = { accessKeyId: out.AccessKey.AccessKeyId, secretAccessKey: out.AccessKey.SecretAccessKey };
    } catch (err) {
      const info = describeAwsError(err);
      if (baseCode(info.code) !== "LimitExceeded") throw err;
      const keys = await iam
        .send(new ListAccessKeysCommand({ UserName: userName }))
        .then((r) =>
          (r.AccessKeyMetadata ?? []).map((k) => ({
            accessKeyId: k.AccessKeyId ?? "?",
            status: k.Status ?? "?",
            created: k.CreateDate?.toISOString(),
          })),
        )
        .catch(() => undefined);
      return {
        ok: false,
        problem: "key-limit",
        step,
        code: info.code,
        keys,
        message: `"${userName}" already has 2 access keys (inactive keys count too), the IAM maximum. Delete one in the IAM console (Users → ${userName} → Security credentials) or with \`aws iam delete-access-key --user-name ${userName} --access-key-id <id>\`, then try again — or choose a new user name.`,
      };
    }
    return { ok: true, userName, userArn, policyName, reusedUser, callerArn: caller.Arn, key };
  } catch (err) {
    const info = describeAwsError(err);
    if (isAccessDenied(info)) {
      const permission = info.permission ?? STEP_PERMISSION[step];
      return {
        ok: false,
        problem: "access-denied",
        step,
        code: info.code,
        permission,
        message: `The bootstrap credentials are not allowed to call ${permission ?? "this IAM action"}. Add ${permission ?? "it"} to their policy (or use an administrator's temporary credentials) and try again. AWS said: ${info.message}`,
      };
    }
    if (
      /InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient|ExpiredToken|IncompleteSignature/.test(info.code)
    ) {
      return {
        ok: false,
        problem: "invalid-credentials",
        step,
        code: info.code,
        message: `AWS rejected the bootstrap credentials (${info.code}): ${info.message} Check the key id and secret were pasted whole; temporary (ASIA…) keys also need their session token.`,
      };
    }
    if (info.network) {
      return {
        ok: false,
        problem: "network",
        step,
        code: info.code,
        message: `Could not reach AWS IAM (${info.code}). Check the network or the custom endpoint, then retry.`,
      };
    }
    return { ok: false, problem: "aws", step, code: info.code, message: `${info.code}: ${info.message}` };
  }
}
