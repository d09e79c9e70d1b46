import "server-only";
import {
  GetIdentityDkimAttributesCommand,
  GetIdentityMailFromDomainAttributesCommand,
  GetIdentityVerificationAttributesCommand,
  SetIdentityMailFromDomainCommand,
  VerifyDomainDkimCommand,
} from "@aws-sdk/client-ses";
import {
  CreateEmailIdentityCommand,
  GetEmailIdentityCommand,
  PutEmailIdentityMailFromAttributesCommand,
} from "@aws-sdk/client-sesv2";
import { z } from "zod";
import { type DnsRecordRow, recordsFor } from "@/lib/dns";
import type { TargetPreset } from "@/lib/env/targets";
import { type AwsWhere, describeAwsError, sesClient, sesv2Client } from "./aws";
import type { SessionSecrets } from "./secrets";

export const DomainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .min(3, "Enter a domain such as example.com.")
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        "That is not a domain name (letters, digits, hyphens and dots, e.g. example.com; no https:// or @).",
      ),
  );

export const SubdomainLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "Use a single label such as mail or plunk.");

/** SES statuses in SESv2 spelling; v1's Pending/Success/… are mapped onto these. */
export type SesStatus = "PENDING" | "SUCCESS" | "FAILED" | "TEMPORARY_FAILURE" | "NOT_STARTED" | "UNKNOWN";

function normalise(s: string | undefined): SesStatus {
  if (!s) return "UNKNOWN";
  const v = s.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return (
    (["PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED"] as const).find((x) => x === v) ?? "UNKNOWN"
  );
}

export type DnsRecordSpec = DnsRecordRow & { id: string };

export interface DomainStatus {
  domain: string;
  region: string;
  verification: SesStatus;
  dkim: SesStatus;
  dkimTokens: string[];
  mailFrom?: { domain: string; status: SesStatus };
  records: DnsRecordSpec[];
}

/** lib/dns's record table (DKIM CNAMEs, MAIL FROM MX + SPF, DMARC) with stable row ids for the UI. */
export function recordsWithIds(
  domain: string,
  region: string,
  dkimTokens: string[],
  mailFromDomain?: string,
): DnsRecordSpec[] {
  return recordsFor({ domain, region, dkimTokens, mailFromDomain }).map((r, i) => ({ ...r, id: `${r.purpose}-${i}` }));
}

export type DomainResult =
  | { ok: true; status: DomainStatus }
  | { ok: false; message: string; permission?: string; code: string };

function failure(err: unknown, what: string): DomainResult & { ok: false } {
  const info = describeAwsError(err);
  if (info.permission || /AccessDenied/.test(info.code)) {
    return {
      ok: false,
      code: info.code,
      permission: info.permission,
      message: `These credentials may not ${what} (missing ${info.permission ?? "permission"}). Use credentials that can, below — they are held in server memory for this session only.`,
    };
  }
  if (info.network) return { ok: false, code: info.code, message: `Could not reach SES to ${what} (${info.code}).` };
  return { ok: false, code: info.code, message: `SES refused to ${what}: ${info.code}: ${info.message}` };
}

/**
 * Create the domain identity with Easy DKIM and set the custom MAIL FROM domain, through the API generation the
 * target platform itself uses — so the operator's least-privilege key is enough where the platform's is.
 */
export async function createDomainIdentity(args: {
  creds: SessionSecrets;
  where: AwsWhere;
  target: TargetPreset;
  domain: string;
  mailFromDomain?: string;
}): Promise<DomainResult> {
  const { creds, where, target, domain, mailFromDomain } = args;
  try {
    if (target.sesApi === "v2") {
      const v2 = sesv2Client(creds, where);
      try {
        await v2.send(new CreateEmailIdentityCommand({ EmailIdentity: domain }));
      } catch (err) {
        if (describeAwsError(err).code !== "AlreadyExistsException") throw err;
      }
      if (mailFromDomain) {
        await v2.send(
          new PutEmailIdentityMailFromAttributesCommand({
            EmailIdentity: domain,
            MailFromDomain: mailFromDomain,
            BehaviorOnMxFailure: "USE_DEFAULT_VALUE",
          }),
        );
      }
    } else {
      const v1 = sesClient(creds, where);
      await v1.send(new VerifyDomainDkimCommand({ Domain: domain }));
      if (mailFromDomain) {
        await v1.send(
          new SetIdentityMailFromDomainCommand({
            Identity: domain,
            MailFromDomain: mailFromDomain,
            BehaviorOnMXFailure: "UseDefaultValue",
          }),
        );
      }
    }
  } catch (err) {
    return failure(err, "create the domain identity");
  }
  return domainStatus({ creds, where, target, domain, mailFromDomain });
}

export async function domainStatus(args: {
  creds: SessionSecrets;
  where: AwsWhere;
  target: TargetPreset;
  domain: string;
  mailFromDomain?: string;
}): Promise<DomainResult> {
  const { creds, where, target, domain } = args;
  try {
    if (target.sesApi === "v2") {
      const out = await sesv2Client(creds, where).send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
      const tokens = out.DkimAttributes?.Tokens ?? [];
      const mf = out.MailFromAttributes?.MailFromDomain || args.mailFromDomain;
      return {
        ok: true,
        status: {
          domain,
          region: where.region,
          verification: normalise(out.VerificationStatus ?? (out.VerifiedForSendingStatus ? "SUCCESS" : undefined)),
          dkim: normalise(out.DkimAttributes?.Status),
          dkimTokens: tokens,
          mailFrom: mf ? { domain: mf, status: normalise(out.MailFromAttributes?.MailFromDomainStatus) } : undefined,
          records: recordsWithIds(domain, where.region, tokens, mf),
        },
      };
    }
    const v1 = sesClient(creds, where);
    const [ver, dkim, mf] = await Promise.all([
      v1.send(new GetIdentityVerificationAttributesCommand({ Identities: [domain] })),
      v1.send(new GetIdentityDkimAttributesCommand({ Identities: [domain] })),
      // Plunk's own policy has no GetIdentityMailFromDomainAttributes: a denial only hides the MAIL FROM status.
      v1.send(new GetIdentityMailFromDomainAttributesCommand({ Identities: [domain] })).catch(() => undefined),
    ]);
    const d = dkim.DkimAttributes?.[domain];
    const tokens = d?.DkimTokens ?? [];
    const mfAttr = mf?.MailFromDomainAttributes?.[domain];
    const mfDomain = mfAttr?.MailFromDomain || args.mailFromDomain;
    const dkimStatus = normalise(d?.DkimVerificationStatus);
    const verStatus = normalise(ver.VerificationAttributes?.[domain]?.VerificationStatus);
    return {
      ok: true,
      status: {
        domain,
        region: where.region,
        // Easy DKIM success verifies the domain even when no _amazonses TXT exists (reference/aws.md §3.3).
        verification: dkimStatus === "SUCCESS" ? "SUCCESS" : verStatus === "UNKNOWN" ? dkimStatus : verStatus,
        dkim: dkimStatus,
        dkimTokens: tokens,
        mailFrom: mfDomain ? { domain: mfDomain, status: normalise(mfAttr?.MailFromDomainStatus) } : undefined,
        records: recordsWithIds(domain, where.region, tokens, mfDomain),
      },
    };
  } catch (err) {
    return failure(err, "read the domain's verification status");
  }
}
