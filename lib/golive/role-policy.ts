import "server-only";
import { type AwsWhere, awsErrorOf, hasCode, withDoor } from "@/lib/aws";
import type { Finding } from "@/lib/findings/model";
import type { TargetPreset } from "@/lib/env/targets";
import type { RolePolicyProblem } from "@/lib/setup/contract";
import { bootstrapFailure } from "@/lib/setup/bootstrap-failure";
import { policyJsonFor, policyNameFor } from "@/lib/setup/policy";
import type { SessionSecrets } from "@/lib/setup/secrets";

export type RolePolicyResult =
  | { ok: true; policyName: string; policyArn: string; existed: boolean; callerArn?: string }
  | { ok: false; problem: RolePolicyProblem; message: string; finding: Finding; permission?: string };

/**
 * "Keys without keys" (docs/wizard.md): create the target's least-privilege policy — the same document the key path
 * puts on the platform user — as a customer managed policy, so it can be attached to a role. The bootstrap
 * credentials are used for these calls only; nothing is stored. A policy of that name that already exists is
 * reported with its ARN and left unchanged.
 */
export async function createRolePolicy(args: {
  bootstrap: SessionSecrets;
  target: TargetPreset;
  where: AwsWhere;
}): Promise<RolePolicyResult> {
  const policyName = policyNameFor(args.target);
  let step: "identify" | "create-policy" = "identify";
  return withDoor(args.bootstrap, args.where, async (door) => {
    try {
      const caller = await door.send("sts", (sdk) => new sdk.GetCallerIdentityCommand({}));
      step = "create-policy";
      try {
        const out = await door.send(
          "iam",
          (sdk) =>
            new sdk.CreatePolicyCommand({
              PolicyName: policyName,
              PolicyDocument: policyJsonFor(args.target),
              Description: "SES sending for the platform, created by Sesame for a role",
              Tags: [{ Key: "created-by", Value: "sesame" }],
            }),
        );
        if (!out.Policy?.Arn) throw new Error("CreatePolicy returned no ARN");
        return { ok: true, policyName, policyArn: out.Policy.Arn, existed: false, callerArn: caller.Arn };
      } catch (err) {
        if (!hasCode(awsErrorOf(err), "EntityAlreadyExists") || !caller.Account) throw err;
        return {
          ok: true,
          policyName,
          policyArn: `arn:aws:iam::${caller.Account}:policy/${policyName}`,
          existed: true,
          callerArn: caller.Arn,
        };
      }
    } catch (err) {
      return {
        ok: false,
        ...bootstrapFailure(awsErrorOf(err), {
          ...(step === "identify"
            ? { service: "sts", operation: "GetCallerIdentity", task: "identify" }
            : { service: "iam", operation: "CreatePolicy", task: "role-policy" }),
          where: args.where,
        }),
      };
    }
  });
}
