import type { Principal } from "../core/types";
import type { ConditionContext } from "./conditions";

/**
 * The global condition keys AWS puts in every IAM user's request context (aws:RequestedRegion, aws:username, …).
 * aws:SecureTransport is "true" because every AWS endpoint is HTTPS-only, even though the stand-in speaks plain HTTP;
 * aws:MultiFactorAuthPresent is absent, as it is for long-term access keys.
 */
export function globalContext(principal: Principal, request: { region: string; sourceIp?: string; now: Date }) {
  const context: ConditionContext = {
    "aws:RequestedRegion": request.region,
    "aws:CurrentTime": request.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(request.now.getTime() / 1000)),
    "aws:SecureTransport": "true",
    "aws:PrincipalType": "User",
    "aws:PrincipalArn": principal.arn,
    "aws:PrincipalAccount": principal.accountId,
    "aws:username": principal.userName,
    "aws:userid": principal.userId,
  };
  if (request.sourceIp) context["aws:SourceIp"] = request.sourceIp.replace(/^::ffff:/, "");
  return context;
}
