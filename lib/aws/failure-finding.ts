import "server-only";
import type { EvidenceOf, RawFinding } from "@/lib/findings/catalogue";
import { materializeRaw } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/findings/model";
import { endpointLabel } from "./endpoints";
import {
  type ClassifiedError,
  isAccessDenied,
  isAuthFailure,
  isScopeRegionError,
  permissionFromMessage,
} from "./errors";
import type { AwsWhere } from "./door";
import type { AwsService } from "./services";

/**
 * A failed AWS call of the wizard, go-live or rotation as a catalogue finding (issue 9: every cause and fix a person
 * reads lives in lib/findings/catalogue/). No usable answer becomes the engine's own `endpoint.*` finding, a
 * rejected signing region `region.scope-rejected`, so the wizard shows the words the doctor and health show; a denial,
 * rejected credentials or any other refusal become the `setup.*` codes, which name whose credentials and what for.
 */

export type SetupWho = EvidenceOf<"setup.denied">["who"];
export type SetupTask = EvidenceOf<"setup.denied">["task"];
export type DeniedRemedy = EvidenceOf<"setup.denied">["remedy"];

export interface FailureContext {
  who: SetupWho;
  task: SetupTask;
  service: AwsService;
  /** the API operation that failed, e.g. CreateEmailIdentity */
  operation: string;
  where: AwsWhere;
  /** the region the call went to, when not where.region */
  region?: string;
  /** what a denial's fix says: add the permission, enter other credentials below, run the CLI command … */
  remedy: DeniedRemedy;
  /** the IAM action when AWS's message does not name one (default: service prefix and operation) */
  permission?: string;
  /** rejected credentials: paste them again (default), or a new key not propagated yet */
  rejected?: EvidenceOf<"setup.credentials-rejected">["remedy"];
}

const SERVICE_LABEL: Record<AwsService, string> = {
  ses: "SES",
  sesv2: "SES",
  iam: "IAM",
  sts: "STS",
  sns: "SNS",
  route53: "Route 53",
};
const IAM_PREFIX: Record<AwsService, string> = {
  ses: "ses",
  sesv2: "ses",
  iam: "iam",
  sts: "sts",
  sns: "sns",
  route53: "route53",
};

/** The IAM policy variable of a user's own ARN (rotation's self-service keys). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
const OWN_USER_ARN = "arn:aws:iam::*:user/${aws:username}";

export function awsFailureFinding(e: ClassifiedError, ctx: FailureContext): RawFinding {
  const region = ctx.region ?? ctx.where.region;
  const service = SERVICE_LABEL[ctx.service];
  const endpoint = endpointLabel(ctx.service, region, ctx.where);
  const base = { service, endpoint, operation: ctx.operation, region };
  switch (e.kind) {
    case "unreachable":
      return { code: "endpoint.unreachable", evidence: { ...base, errorCode: e.code, message: e.message } };
    case "timeout":
      return { code: "endpoint.timeout", evidence: { ...base, timeoutMs: ctx.where.timeoutMs } };
    case "tls":
      return { code: "endpoint.tls", evidence: { ...base, errorCode: e.code, message: e.message } };
    case "server-error":
      return {
        code: "endpoint.server-error",
        evidence: { ...base, status: e.status ?? "?", errorCode: e.code, requestId: e.requestId ?? null },
      };
    case "throttled":
      return { code: "endpoint.throttled", evidence: { ...base, errorCode: e.code, message: e.message } };
    default:
      break;
  }
  if (isScopeRegionError(e)) {
    return {
      code: "region.scope-rejected",
      evidence: { ...base, message: e.message, serviceUpper: service.replace(/\s/g, "").toUpperCase() },
    };
  }
  if (isAccessDenied(e)) {
    const permission =
      permissionFromMessage(e.message) ?? ctx.permission ?? `${IAM_PREFIX[ctx.service]}:${ctx.operation}`;
    return {
      code: "setup.denied",
      evidence: {
        ...base,
        who: ctx.who,
        task: ctx.task,
        remedy: ctx.remedy,
        permission,
        errorCode: e.code,
        message: e.message,
        ownUserArn: OWN_USER_ARN,
      },
    };
  }
  if (isAuthFailure(e)) {
    return {
      code: "setup.credentials-rejected",
      evidence: { ...base, who: ctx.who, remedy: ctx.rejected ?? "paste", errorCode: e.code, message: e.message },
    };
  }
  return { code: "setup.aws-refused", evidence: { ...base, task: ctx.task, errorCode: e.code, message: e.message } };
}

/** The refusal body of a route: the finding in one sentence (`error`, what every screen shows) and the finding. */
export function failureBody(f: RawFinding): { error: string; finding: Finding } {
  const finding = materializeRaw(f);
  return { error: findingSentence(finding), finding };
}

/** Title, why and fix of a materialized finding as one paragraph. */
export function findingSentence(f: Pick<Finding, "title" | "detail" | "fix">): string {
  return `${f.title}. ${f.detail} ${f.fix}`;
}
