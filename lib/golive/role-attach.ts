import "server-only";
import { type AwsWhere, awsErrorOf, failureBody, hasCode, withDoor } from "@/lib/aws";
import type { TargetPreset } from "@/lib/env/targets";
import { finding as findingOf } from "@/lib/findings/catalogue";
import type { Finding } from "@/lib/findings/model";
import { bootstrapFailure } from "@/lib/setup/bootstrap-failure";
import type { SessionSecrets } from "@/lib/setup/secrets";
import { createRolePolicy } from "./role-policy";

export type RoleAttachResult =
  | { ok: true; policyName: string; policyArn: string; existed: boolean; roleArn?: string }
  | {
      ok: false;
      problem: "access-denied" | "invalid-credentials" | "no-role" | "network" | "aws";
      message: string;
      /** the catalogue's finding (title, why and fix are `message`) */
      finding: Finding;
      permission?: string;
    };

/**
 * "Attach the policy to the role" (docs/wizard.md, "No stored keys: a role"): the target's managed policy (created
 * when missing, left unchanged when there) attached to an existing role with AttachRolePolicy. The bootstrap
 * credentials are used for these calls only; nothing is stored. The role itself is not created: its trust policy
 * depends on where the platform runs, and the commands for that are shown next to the form.
 */
export async function attachRolePolicy(args: {
  bootstrap: SessionSecrets;
  target: TargetPreset;
  where: AwsWhere;
  roleName: string;
}): Promise<RoleAttachResult> {
  const policy = await createRolePolicy(args);
  if (!policy.ok) return policy;
  const account = policy.policyArn.split(":")[4];
  const partition = policy.policyArn.split(":")[1] || "aws";
  return withDoor(args.bootstrap, args.where, async (door) => {
    try {
      await door.send(
        "iam",
        (sdk) => new sdk.AttachRolePolicyCommand({ RoleName: args.roleName, PolicyArn: policy.policyArn }),
      );
      return {
        ok: true,
        policyName: policy.policyName,
        policyArn: policy.policyArn,
        existed: policy.existed,
        ...(account ? { roleArn: `arn:${partition}:iam::${account}:role/${args.roleName}` } : {}),
      };
    } catch (err) {
      const e = awsErrorOf(err);
      if (hasCode(e, "NoSuchEntity")) {
        const { error, finding } = failureBody(
          findingOf("setup.role-missing", { roleName: args.roleName, errorCode: e.code, message: e.message }),
        );
        return { ok: false, problem: "no-role", message: error, finding };
      }
      const failed = bootstrapFailure(e, {
        service: "iam",
        operation: "AttachRolePolicy",
        task: "role-attach",
        where: args.where,
      });
      return { ok: false, ...failed };
    }
  });
}
