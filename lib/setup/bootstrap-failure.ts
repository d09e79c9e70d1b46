import "server-only";
import {
  type ClassifiedError,
  isAccessDenied,
  isAuthFailure,
  isNetworkFailure,
  permissionFromMessage,
} from "@/lib/aws";

/**
 * Why AWS refused a call made with bootstrap credentials (the IAM user path, lib/setup/iam.ts, and the role policy,
 * lib/golive/role-policy.ts), in one wording: the action they lack, a rejected key, an unreachable service, or AWS's
 * own words.
 */
export function bootstrapFailure(
  e: ClassifiedError,
  at: {
    /** the action this step needs, when AWS's message does not name one */
    permission?: string;
    service: "STS" | "IAM";
    /** the endpoint that did not answer, when the caller knows it */
    endpoint?: string;
  },
): { problem: "access-denied" | "invalid-credentials" | "network" | "aws"; message: string; permission?: string } {
  if (isAccessDenied(e)) {
    const permission = permissionFromMessage(e.message) ?? at.permission;
    return {
      problem: "access-denied",
      permission,
      message: `The bootstrap credentials are not allowed to call ${permission ?? "this IAM action"}. Add ${permission ?? "it"} to their policy (or use an administrator's temporary credentials) and try again. AWS said: ${e.message}`,
    };
  }
  if (isAuthFailure(e)) {
    return {
      problem: "invalid-credentials",
      message: `AWS rejected the bootstrap credentials (${e.code}): ${e.message} Check the key id and secret were pasted whole; temporary (ASIA…) keys also need their session token.`,
    };
  }
  if (isNetworkFailure(e)) {
    const where = at.endpoint ? ` at ${at.endpoint}` : "";
    return {
      problem: "network",
      message: `Could not reach AWS ${at.service}${where} (${e.code}). Check the network or the custom endpoint, then retry.`,
    };
  }
  return { problem: "aws", message: `${e.code}: ${e.message}` };
}
