import { isAuthFailure, isClockError, isScopeRegionError } from "@/lib/aws";
import type { RawFinding } from "@/lib/findings/materialize";
import { asNonstandard } from "../forensics";
import { maskKeyId } from "../mask";
import { targetInfo } from "../target-info";
import type { Facts, Principal, Probe } from "../types";

/** SES accepts signatures within 5 minutes of its clock (docs/aws-facts.md §1.2); warn well before that. */
export const CLOCK_WARN_SECONDS = 60;
export const CLOCK_FATAL_SECONDS = 300;

export function clockFindings(skewSeconds: number | undefined, sawExpiredSignature: boolean): RawFinding[] {
  if (skewSeconds === undefined) return [];
  const abs = Math.abs(skewSeconds);
  const skewText = `${abs >= 120 ? `${Math.round(abs / 6) / 10} minutes` : `${abs} seconds`} (${skewSeconds > 0 ? "behind" : "ahead of"} AWS)`;
  const evidence = { skewSeconds, skewText, windowMinutes: 5, source: "Date header of the STS response" };
  if (abs > CLOCK_FATAL_SECONDS || sawExpiredSignature) return [{ code: "clock.skew-fatal", evidence }];
  if (abs > CLOCK_WARN_SECONDS) return [{ code: "clock.skew", evidence }];
  return [];
}

export function principalFromArn(arn: string, account: string, userId: string): Principal {
  const user = arn.match(/:user\/(?:.*\/)?([^/]+)$/);
  if (user) return { arn, account, userId, userName: user[1], kind: "user" };
  if (/:assumed-role\//.test(arn)) return { arn, account, userId, kind: "assumed-role" };
  if (/:root$/.test(arn)) return { arn, account, userId, kind: "root" };
  return { arn, account, userId, kind: "other" };
}

/** An input finding that explains a SignatureDoesNotMatch, and the key of its phrase in the catalogue. */
const LIKELY = {
  "credentials.smtp-password-as-secret": "smtp-password-as-secret",
  "credentials.secret-malformed": "secret-malformed",
  "credentials.secret-nonstandard": "secret-nonstandard",
  "credentials.swapped": "swapped",
} as const;

/** STS GetCallerIdentity: who the key is, whether the secret and token work, and AWS's clock. Cannot be denied. */
export const identityProbe: Probe = {
  id: "identity",
  label: "Key, secret and clock (STS GetCallerIdentity)",
  needs: ["input"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.creds,
  async run(ctx, facts) {
    const region = facts.stsRegion ?? "us-east-1";
    const res = await ctx.aws.call("sts", region, "GetCallerIdentity", (sdk) => new sdk.GetCallerIdentityCommand({}));
    const skewSeconds = res.meta.skewMs === undefined ? undefined : Math.round(res.meta.skewMs / 1000);
    const keyId = maskKeyId(facts.creds?.accessKeyId);
    const findings: RawFinding[] = [];
    const out: Partial<Facts> = {
      authenticated: false,
      ...(skewSeconds !== undefined ? { clockSkewSeconds: skewSeconds } : {}),
    };

    // Custom endpoint: key format findings held back by the input probe. Refused key → AWS's format explains it (the
    // error); accepted (LocalStack's test/test) or no verdict → only a warning that real AWS would refuse it.
    const held = facts.formatFindings ?? [];
    const refused = !res.ok && isAuthFailure(res.error) && !isClockError(res.error);
    findings.push(...(refused ? held : held.map((f) => asNonstandard(f, facts.customEndpoint))));

    if (res.ok && (!res.output.Arn || !res.output.Account)) {
      // A 200 without the caller's ARN and account is no STS answer (a server that answers anything with 200).
      findings.push(
        ctx.aws.notAwsFinding(
          "ok-unparsed",
          { status: res.meta.status ?? 200 },
          { service: "sts", region, operation: "GetCallerIdentity" },
        ),
      );
      return { findings, facts: { ...out, endpointNotAws: true } };
    }
    if (res.ok) {
      const o = res.output;
      const principal = principalFromArn(o.Arn ?? "", o.Account ?? "", o.UserId ?? "");
      out.principal = principal;
      out.authenticated = true;
      findings.push(...clockFindings(skewSeconds, false));
      const info = targetInfo(ctx.input.target);
      if (principal.userName?.startsWith("ses-smtp-user.") && info.mode === "api") {
        findings.push({
          code: "credentials.smtp-console-user",
          evidence: { userName: principal.userName, target: info.label, keyId },
        });
      }
      if (principal.kind === "root") {
        findings.push({
          code: "permissions.too-broad",
          evidence: { actions: "everything (root user keys)", principal: principal.arn, target: info.label },
        });
      }
      return { findings, facts: out };
    }

    const e = res.error;
    if (e.kind === "not-aws") {
      findings.push(...ctx.aws.errorFindings(e, { service: "sts", region, operation: "GetCallerIdentity" }));
      return { findings, facts: { ...out, endpointNotAws: true } };
    }
    if (e.kind === "server-error" || e.kind === "throttled") {
      // STS is the one call that proves the credentials; without its answer they are unverified, and that is an error.
      findings.push({
        code: "endpoint.credentials-unverified",
        evidence: {
          service: "STS",
          endpoint: ctx.aws.endpoint("sts", region),
          errorCode: e.code,
          status: e.status ?? "?",
          answer: e.kind,
          remedy: e.kind,
          requestId: e.requestId ?? null,
        },
      });
      return { findings, facts: out };
    }
    const inputCodes = [...(facts.inputCodes ?? []), ...(refused ? held.map((f) => f.code) : [])];
    if (isClockError(e)) {
      findings.push(...clockFindings(skewSeconds ?? 0, true));
    } else if (isScopeRegionError(e)) {
      findings.push(...ctx.aws.errorFindings(e, { service: "sts", region, operation: "GetCallerIdentity" }));
    } else if (e.kind === "aws" && (e.code === "InvalidClientTokenId" || e.code === "UnrecognizedClientException")) {
      // An ASIA key without its token, or a malformed key id, gets the same answer; the input finding names the cause.
      if (
        !inputCodes.includes("credentials.session-token-missing") &&
        !inputCodes.includes("credentials.temporary-key-unsupported") &&
        !inputCodes.includes("credentials.key-id-malformed")
      ) {
        findings.push({
          code: "credentials.unknown-key",
          evidence: { keyId, errorCode: e.code, requestId: e.requestId ?? "(none)" },
        });
      }
    } else if (e.kind === "aws" && (e.code === "ExpiredToken" || e.code === "ExpiredTokenException")) {
      findings.push({
        code: "credentials.expired-token",
        evidence: { keyId, errorCode: e.code, requestId: e.requestId ?? null },
      });
    } else if (e.kind === "aws" && (e.code === "SignatureDoesNotMatch" || e.code === "InvalidSignatureException")) {
      const known = (Object.keys(LIKELY) as (keyof typeof LIKELY)[]).find((c) => inputCodes.includes(c));
      const likely = known ? LIKELY[known] : "other";
      findings.push({
        code: "credentials.wrong-secret",
        evidence: {
          keyId,
          errorCode: e.code,
          requestId: e.requestId ?? "(none)",
          likelyCause: likely,
          likelyFix: likely,
          likelyFinding: known ?? null,
        },
      });
    } else {
      findings.push(...ctx.aws.errorFindings(e, { service: "sts", region, operation: "GetCallerIdentity" }));
    }
    // Any AWS answer carries AWS's time, even a refusal: a skewed clock is worth knowing whatever else is wrong.
    if (e.kind !== "aws" || !isClockError(e)) findings.push(...clockFindings(skewSeconds, false));
    return { findings, facts: out };
  },
};
