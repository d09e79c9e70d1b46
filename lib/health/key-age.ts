import "server-only";
import { ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { createClient } from "@/lib/aws/clients";
import type { Finding } from "@/lib/diagnose/schema";

/**
 * Key age, read with the deployed key itself through iam:ListAccessKeys on its own user (no UserName = the
 * caller). A least-privilege key usually may not; then the age is unknown and the finding says how to allow it.
 * Codes here are health-only: credentials.key-age (pass), credentials.key-old (warn), credentials.key-age-unknown.
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

export async function checkKeyAge(input: KeyAgeInput): Promise<Finding[]> {
  const masked = `${input.accessKeyId.slice(0, 4)}…${input.accessKeyId.slice(-4)}`;
  if (input.accessKeyId.startsWith("ASIA")) {
    return [
      finding("credentials.key-age", "pass", "Temporary credentials", {
        detail: "ASIA keys come from STS and expire on their own; they have no age to watch.",
        fix: "",
        evidence: { accessKeyId: masked },
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
    const evidence = { accessKeyId: masked, createdAt: mine.CreateDate.toISOString(), ageDays };
    if (ageDays > MAX_KEY_AGE_DAYS) {
      return [
        finding("credentials.key-old", "warn", `Access key is ${ageDays} days old`, {
          detail: `Keys older than ${MAX_KEY_AGE_DAYS} days should be rotated; a leaked old key keeps working until it is deleted.`,
          fix: `Rotate it with Sesame (${ROTATE_PATH}): create a second key, write it to the env file, verify it, then deactivate and delete the old one.`,
          evidence,
        }),
      ];
    }
    return [
      finding("credentials.key-age", "pass", `Access key is ${ageDays} days old`, {
        detail: `Younger than the ${MAX_KEY_AGE_DAYS}-day rotation limit.`,
        fix: "",
        evidence,
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
  return finding("credentials.key-age-unknown", "info", "Key age unknown", {
    detail: "The key may not read its own metadata (iam:ListAccessKeys), so Sesame cannot tell how old it is.",
    fix: `To see the age, allow the user to read its own keys with this inline policy: ${SELF_READ_POLICY}`,
    evidence: { accessKeyId: masked, reason },
  });
}

function finding(
  code: string,
  severity: Finding["severity"],
  title: string,
  rest: Pick<Finding, "detail" | "fix" | "evidence">,
): Finding {
  return { code, severity, title, component: "keyAge", ...rest };
}
