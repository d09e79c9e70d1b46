import type { RawFinding } from "@/lib/findings/materialize";
import type { Facts, Probe } from "../types";

/** Sandbox quota as SES reports it (docs/aws-facts.md §3.2): 200 per 24 h at 1 per second. */
const SANDBOX_MAX_24H = 200;
const SANDBOX_RATE = 1;
export const QUOTA_WARN_RATIO = 0.8;

export function quotaFindings(region: string, q: { max24HourSend?: number; sentLast24Hours?: number }): RawFinding[] {
  const max = q.max24HourSend ?? -1;
  const sent = q.sentLast24Hours ?? 0;
  if (max <= 0 || sent / max < QUOTA_WARN_RATIO) return [];
  return [
    {
      code: "account.quota-nearly-used",
      evidence: {
        region,
        sentLast24Hours: sent,
        max24HourSend: max,
        percent: Math.min(100, Math.round((sent / max) * 100)),
      },
    },
  ];
}

/**
 * Account state in the target region: SESv2 GetAccount is authoritative for the sandbox; when it is denied (Plunk's
 * policy has only v1 actions) the v1 quota heuristic decides. Both are asked at once so the fallback costs no
 * extra round trip.
 */
export const accountProbe: Probe = {
  id: "account",
  label: "SES account: sandbox, sending, quota",
  needs: ["input"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.region,
  async run(ctx, facts) {
    const region = facts.region as string;
    const [v2, quota, enabled] = await Promise.all([
      ctx.aws.call("sesv2", region, "GetAccount", (sdk) => new sdk.GetAccountCommand({})),
      ctx.aws.call("ses", region, "GetSendQuota", (sdk) => new sdk.GetSendQuotaCommand({})),
      ctx.aws.call("ses", region, "GetAccountSendingEnabled", (sdk) => new sdk.GetAccountSendingEnabledCommand({})),
    ]);
    const findings: RawFinding[] = [];
    let account: Facts["account"];

    if (v2.ok) {
      const o = v2.output;
      account = {
        sandbox: o.ProductionAccessEnabled === false,
        sendingEnabled: o.SendingEnabled !== false,
        max24HourSend: o.SendQuota?.Max24HourSend,
        maxSendRate: o.SendQuota?.MaxSendRate,
        sentLast24Hours: o.SendQuota?.SentLast24Hours,
        ...(o.Details?.ReviewDetails?.Status
          ? { review: { status: o.Details.ReviewDetails.Status, caseId: o.Details.ReviewDetails.CaseId } }
          : {}),
        source: "GetAccount",
      };
      if (account.sandbox) {
        findings.push({
          code: "account.sandbox",
          evidence: {
            region,
            method: "SESv2 GetAccount (ProductionAccessEnabled false)",
            max24HourSend: account.max24HourSend ?? SANDBOX_MAX_24H,
            maxSendRate: account.maxSendRate ?? SANDBOX_RATE,
          },
        });
      }
      if (!account.sendingEnabled) {
        findings.push({
          code: "account.sending-disabled",
          evidence: {
            region,
            enforcement: o.EnforcementStatus ? "reported" : "none",
            enforcementStatus: o.EnforcementStatus ?? null,
            method: "SESv2 GetAccount",
          },
        });
      }
    } else if (quota.ok) {
      const q = quota.output;
      account = {
        max24HourSend: q.Max24HourSend,
        maxSendRate: q.MaxSendRate,
        sentLast24Hours: q.SentLast24Hours,
        source: "GetSendQuota",
      };
      account.sandbox = q.Max24HourSend === SANDBOX_MAX_24H && q.MaxSendRate === SANDBOX_RATE;
      if (account.sandbox) {
        findings.push({
          code: "account.sandbox",
          evidence: {
            region,
            method:
              "the SES v1 quota heuristic: GetAccount was refused, and 200 per day at 1 per second is the sandbox quota",
            max24HourSend: SANDBOX_MAX_24H,
            maxSendRate: SANDBOX_RATE,
          },
        });
      }
    }
    if (!v2.ok && enabled.ok && enabled.output.Enabled === false) {
      account = { ...account, sendingEnabled: false };
      findings.push({
        code: "account.sending-disabled",
        evidence: { region, enforcement: "none", enforcementStatus: null, method: "SES GetAccountSendingEnabled" },
      });
    }
    if (account) findings.push(...quotaFindings(region, account));

    if (!v2.ok && !quota.ok) {
      const e = v2.error;
      const other = [
        ...ctx.aws.errorFindings(v2.error, { service: "sesv2", region, operation: "GetAccount" }),
        ...ctx.aws.errorFindings(quota.error, { service: "ses", region, operation: "GetSendQuota" }),
      ];
      findings.push(...other);
      if (other.length === 0 && e.kind === "aws" && /AccessDenied/.test(e.code)) {
        findings.push({ code: "account.not-checked", evidence: { region, errorCode: e.code } });
      }
    }
    return { findings, facts: account ? { account } : {} };
  },
};
