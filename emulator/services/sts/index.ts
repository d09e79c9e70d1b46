import type { TrustCaller } from "../../auth/trust";
import { trustAllows } from "../../auth/trust";
import { isoSeconds } from "../../core/ids";
import { modernDenialText, type QueryServiceTable } from "../../core/operations";
import { required } from "../../core/params";
import { AwsError, type RequestContext } from "../../core/types";
import { el } from "../../core/xml";
import type { IamModel } from "../iam/model";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
/** a session assumed by another role session (role chaining) lasts at most an hour, as on AWS */
const CHAINED_MAX_SECONDS = 3600;

const validation = (m: string) => new AwsError("ValidationError", m, 400);

/** The role an AssumeRole names, from its ARN in this account (anything else is simply not found). */
function roleFromArn(model: IamModel, arn: string) {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
  if (!m || m[1] !== model.accountId) return undefined;
  const role = model.roles.find(m[2]);
  return role?.arn === arn ? role : undefined;
}

/** sts:AssumeRole: the identity policy allowed it (the server checked); the trust policy must name the caller too. */
function assumeRole(model: IamModel, p: Record<string, string>, ctx: RequestContext): string {
  const roleArn = required(p, "RoleArn");
  const sessionName = required(p, "RoleSessionName");
  if (!SESSION_NAME.test(sessionName)) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = p.DurationSeconds === undefined || p.DurationSeconds === "" ? 3600 : Number(p.DurationSeconds);
  if (!Number.isInteger(duration) || duration < 900) {
    throw validation(
      `1 validation error detected: Value '${p.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  }
  const denied = () =>
    new AwsError(
      "AccessDenied",
      `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  const role = roleFromArn(model, roleArn);
  // an unknown role and an untrusting one look the same to the caller, as on AWS
  if (!role) throw denied();
  const caller: TrustCaller = {
    kind: "aws",
    accountId: ctx.principal.accountId,
    arn: ctx.principal.role?.arn ?? ctx.principal.arn,
  };
  const context = {
    "aws:PrincipalArn": caller.arn,
    "aws:PrincipalAccount": ctx.principal.accountId,
    "aws:PrincipalType": ctx.principal.role ? "AssumedRole" : "User",
    "sts:RoleSessionName": sessionName,
  };
  if (!trustAllows(role.trust, caller, context)) throw denied();
  const max = ctx.principal.role ? CHAINED_MAX_SECONDS : role.maxSessionDuration;
  if (duration > max) {
    throw validation(
      ctx.principal.role
        ? `The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.`
        : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  const s = model.roles.startSession(role, sessionName, duration);
  return (
    `<Credentials>${el("AccessKeyId", s.accessKeyId)}${el("SecretAccessKey", s.secret)}${el("SessionToken", s.sessionToken)}${el("Expiration", isoSeconds(s.expiresAt))}</Credentials>` +
    `<AssumedRoleUser>${el("AssumedRoleId", s.assumedRoleId)}${el("Arn", s.arn)}</AssumedRoleUser>` +
    el("PackedPolicySize", 0)
  );
}

/** STS: GetCallerIdentity (needs no permission, docs/emulator.md) and AssumeRole. */
export function createSts(model: () => IamModel): QueryServiceTable {
  return {
    protocol: "query",
    service: "sts",
    signingNames: ["sts"],
    xmlns: STS_XMLNS,
    version: "2011-06-15",
    denied: (ctx, action, resource, decision) =>
      new AwsError("AccessDenied", modernDenialText(ctx.principal.arn, action, resource, decision), 403),
    operations: [
      {
        name: "GetCallerIdentity",
        iam: "sts:GetCallerIdentity",
        authorize: "none",
        handler: (_params, ctx) =>
          el("Arn", ctx.principal.arn) + el("UserId", ctx.principal.userId) + el("Account", ctx.principal.accountId),
      },
      {
        name: "AssumeRole",
        iam: "sts:AssumeRole",
        resource: (params) => params.RoleArn || "*",
        handler: (params, ctx) => assumeRole(model(), params, ctx),
      },
    ],
  };
}
