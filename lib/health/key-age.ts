import "server-only";
import { ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { createClient } from "@/lib/aws/clients";
import { materialize } from "@/lib/diagnose/findings";
import type { Finding } from "@/lib/diagnose/schema";

/**
 * Key age, read with the deployed key itself through iam:ListAccessKeys on its own user (no UserName = the
 * caller). A least-privilege key usually may not; then the age is unknown and the finding says how to allow it.
 * Codes (in the catalogue): credentials.key-age (info), credentials.key-old (warn), credentials.key-age-unknown.
 */

export const MAX_KEY_AGE_DAYS = 90;
export const ROTATE_PATH = "/setup/rotate";

export const SELF_READ_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable
      Resource: "arn:aws:iam::*:user/${aws:username}",
    },
  ],
});

export interface KeyAgeInput {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** IAM endpoint override (emulator / custom endpoint) */
  endpoint?: string;
  timeoutMs: number;
  now?: Date;
  signal?: AbortSignal;
}

const DAY = 86_400_000;
const AGE_EVIDENCE = { maxAgeDays: MAX_KEY_AGE_DAYS, rotatePath: ROTATE_PATH };

export async function checkKeyAge(input: KeyAgeInput): Promise<Finding[]> {
  const masked = `${input.accessKeyId.slice(0, 4)}…${input.accessKeyId.slice(-4)}`;
  if (input.accessKeyId.startsWith("ASIA")) {
    return [
      materialize("credentials.key-age", {
        ...AGE_EVIDENCE,
        accessKeyId: masked,
        ageDays: 0,
        ageNote: "temporary",
      }),
    ];
  }
  const client = createClient("iam", "us-east-1", {
    credentials: {
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      sessionToken: input.sessionToken,
    },
    endpoint: input.endpoint,
    timeoutMs: input.timeoutMs,
  });
  try {
    const out = await client.send(new ListAccessKeysCommand({}), { abortSignal: input.signal });
    const mine = out.AccessKeyMetadata?.find((k) => k.AccessKeyId === input.accessKeyId);
    if (!mine?.CreateDate) return [unknown(masked, "ListAccessKeys did not list this key")];
    const now = input.now ?? new Date();
    const ageDays = Math.floor((now.getTime() - mine.CreateDate.getTime()) / DAY);
    const evidence = { ...AGE_EVIDENCE, accessKeyId: masked, createdAt: mine.CreateDate.toISOString(), ageDays };
    if (ageDays > MAX_KEY_AGE_DAYS) return [materialize("credentials.key-old", evidence)];
    return [
      materialize("credentials.key-age", {
        ...evidence,
        ageNote: "young",
      }),
    ];
  } catch (error) {
    const code = (error as { name?: string }).name ?? "";
    if (code === "AccessDenied" || code === "AccessDeniedException") return [unknown(masked, code)];
    // Invalid keys, clock skew and unreachable endpoints are the engine's findings; no duplicate here.
    return [];
  } finally {
    client.destroy();
  }
}

function unknown(masked: string, reason: string): Finding {
  return materialize("credentials.key-age-unknown", {
    ...AGE_EVIDENCE,
    accessKeyId: masked,
    reason,
    selfReadPolicy: SELF_READ_POLICY,
  });
}
