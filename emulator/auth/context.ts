import type { Principal } from "../core/types";
import type { ConditionContext } from "./conditions";

/**
 * The global condition keys AWS puts in every IAM user's (or role session's) request context (aws:RequestedRegion, aws:username, …).
 * aws:SecureTransport is "true" because every AWS endpoint is HTTPS-only, even though the stand-in speaks plain HTTP;
 * aws:MultiFactorAuthPresent is absent, as it is for long-term access keys.
 */
export function globalContext(principal: Principal, request: { region: string; sourceIp?: string; now: Date }) {
  const context: ConditionContext = {
    "aws:RequestedRegion": request.region,
    "aws:CurrentTime": request.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(request.now.getTime() / 1000)),
    "aws:SecureTransport": "true",
    "aws:PrincipalType": principal.role ? "AssumedRole" : "User",
    // a role session's aws:PrincipalArn is the role's ARN, and it has no aws:username
    "aws:PrincipalArn": principal.role?.arn ?? principal.arn,
    "aws:PrincipalAccount": principal.accountId,
    "aws:userid": principal.userId,
  };
  if (!principal.role) context["aws:username"] = principal.userName;
  if (request.sourceIp) context["aws:SourceIp"] = request.sourceIp.replace(/^::ffff:/, "");
  return context;
}
