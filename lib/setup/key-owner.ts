import "server-only";
import { type AwsWhere, withDoor } from "@/lib/aws";
import { principalFromArn } from "@/lib/diagnose/probes/identity";
import type { SessionSecrets } from "./secrets";

/**
 * Who a pasted key belongs to, as AWS itself says (STS GetCallerIdentity, which needs no permission): the IAM user
 * name from the caller ARN, or the ARN for a role session or root. Undefined when STS refused the key or did not
 * answer in time: the credential check (step 3) then explains why, and the wizard shows no guessed name meanwhile.
 */
export async function keyOwner(
  creds: SessionSecrets,
  where: AwsWhere,
): Promise<{ userName?: string; arn: string } | undefined> {
  const trimmed = {
    accessKeyId: creds.accessKeyId.trim(),
    secretAccessKey: creds.secretAccessKey.trim(),
    sessionToken: creds.sessionToken?.trim() || undefined,
  };
  const out = await withDoor(trimmed, where, (door) =>
    door.send("sts", (sdk) => new sdk.GetCallerIdentityCommand({})),
  ).catch(() => undefined);
  if (!out?.Arn) return undefined;
  const p = principalFromArn(out.Arn, out.Account ?? "", out.UserId ?? "");
  return { userName: p.userName, arn: p.arn };
}
