import "server-only";
import {
  type AwsWhere,
  awsFailureFinding,
  type ClassifiedError,
  failureBody,
  isAccessDenied,
  isAuthFailure,
  isNetworkFailure,
  type SetupTask,
} from "@/lib/aws";
import type { Finding } from "@/lib/findings/model";

/**
 * Why AWS refused a call made with bootstrap credentials (the IAM user path, lib/setup/iam.ts, the role policy,
 * lib/golive/role-policy.ts, and attaching it to a role, lib/golive/role-attach.ts): the catalogue's finding
 * (setup.denied, setup.credentials-rejected, the doctor's endpoint.* …) and, for the screens, its title, why and
 * fix in one paragraph (docs/architecture.md: lib/aws/failure-finding.ts).
 */
export function bootstrapFailure(
  e: ClassifiedError,
  at: {
    service: "sts" | "iam";
    /** the API operation that failed */
    operation: string;
    task: SetupTask;
    where: AwsWhere;
    /** the action this step needs, when AWS's message does not name one */
    permission?: string;
  },
): {
  problem: "access-denied" | "invalid-credentials" | "network" | "aws";
  message: string;
  finding: Finding;
  permission?: string;
} {
  const raw = awsFailureFinding(e, { who: "bootstrap", remedy: "add-permission", ...at });
  const { error, finding } = failureBody(raw);
  const problem = isAccessDenied(e)
    ? "access-denied"
    : isAuthFailure(e)
      ? "invalid-credentials"
      : isNetworkFailure(e)
        ? "network"
        : "aws";
  const permission = raw.code === "setup.denied" ? String(raw.evidence.permission) : undefined;
  return { problem, message: error, finding, ...(permission ? { permission } : {}) };
}
