import "server-only";
import { maskKeyId } from "@/lib/credentials";
import { AwsDoor, type EndpointConfig, isAccessDenied } from "@/lib/aws";
import { materialize } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/diagnose/schema";

/**
 * Key age, read with the deployed key itself through iam:ListAccessKeys on its own user (no UserName = the
 * caller). A least-privilege key usually may not; then the age is unknown and the finding says how to allow it.
 * Codes (in the catalogue): credentials.key-age (info), credentials.key-old (warn), credentials.key-age-unknown, credentials.key-temporary (info:
 * ASIA credentials from STS, e.g. a role's).
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
  /** the platform's region: IAM signs for its partition (us-gov-west-1 in GovCloud) */
  region?: string;
  /** custom endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_IAM …) */
  endpoint?: EndpointConfig["endpoint"];
  endpoints?: EndpointConfig["endpoints"];
  timeoutMs: number;
  now?: Date;
  signal?: AbortSignal;
}

const DAY = 86_400_000;
const AGE_EVIDENCE = { maxAgeDays: MAX_KEY_AGE_DAYS, rotatePath: ROTATE_PATH };

export async function checkKeyAge(input: KeyAgeInput): Promise<Finding[]> {
  const masked = maskKeyId(input.accessKeyId);
  if (input.accessKeyId.startsWith("ASIA")) {
    return [materialize("credentials.key-temporary", { accessKeyId: masked })];
  }
  const door = new AwsDoor(
    { timeoutMs: input.timeoutMs, endpoint: input.endpoint, endpoints: input.endpoints },
    { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey, sessionToken: input.sessionToken },
    { signal: input.signal },
  );
  try {
    const r = await door.call(
      "iam",
      input.region ?? "us-east-1",
      "ListAccessKeys",
      (sdk) => new sdk.ListAccessKeysCommand({}),
    );
    if (!r.ok) {
      if (isAccessDenied(r.error)) return [unknown(masked, r.error.code)];
      // Invalid keys, clock skew and unreachable endpoints are the engine's findings; no duplicate here.
      return [];
    }
    const mine = r.output.AccessKeyMetadata?.find((k) => k.AccessKeyId === input.accessKeyId);
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
  } finally {
    door.destroy();
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
