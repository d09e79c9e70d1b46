import "server-only";
import { recordsFor } from "@/lib/dns";
import type { TargetPreset } from "@/lib/env/targets";
import type { Finding } from "@/lib/findings/model";
import {
  AwsCallError,
  type AwsWhere,
  awsErrorOf,
  awsFailureFinding,
  failureBody,
  hasCode,
  readVerification,
  type SetupTask,
  sesStatus,
  statusFromV1,
  statusFromV2,
  withDoor,
} from "@/lib/aws";
import type { DnsRecordSpec, DomainStatus } from "./contract";
import type { SessionSecrets } from "./secrets";

/** SES statuses in SESv2 spelling (lib/aws reads both generations into it). */
const normalise = sesStatus;

export { DomainNameSchema, SubdomainLabelSchema } from "./contract";
export type { DnsRecordSpec, DomainStatus, SesStatus } from "./contract";

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
  | { ok: false; finding: Finding; error: string; permission?: string; code: string };

/** A refused identity call as the catalogue's finding; a denial offers other credentials (the form below it). */
function failure(err: unknown, args: DomainArgs, task: SetupTask, call: SesCall): DomainResult & { ok: false } {
  const e = awsErrorOf(err);
  const raw = awsFailureFinding(e, {
    who: "identity",
    task,
    service: call.service,
    operation: call.operation,
    where: args.where,
    remedy: "other-credentials",
  });
  const body = failureBody(raw);
  const permission = raw.code === "setup.denied" ? String(raw.evidence.permission) : undefined;
  return { ok: false, code: e.code, permission, ...body };
}

/** The SES call in flight, for the finding when it fails. */
interface SesCall {
  service: "ses" | "sesv2";
  operation: string;
}

/** What the domain calls need: the session's keys, where to call, the platform, the domain and its MAIL FROM. */
interface DomainArgs {
  creds: SessionSecrets;
  where: AwsWhere;
  target: TargetPreset;
  domain: string;
  mailFromDomain?: string;
}

/**
 * Create the domain identity with Easy DKIM and set the custom MAIL FROM domain, through the API generation the
 * target platform itself uses — so the operator's least-privilege key is enough where the platform's is.
 */
export async function createDomainIdentity(args: DomainArgs): Promise<DomainResult> {
  const { creds, where, target, domain, mailFromDomain } = args;
  const call: SesCall =
    target.sesApi === "v2"
      ? { service: "sesv2", operation: "CreateEmailIdentity" }
      : { service: "ses", operation: "VerifyDomainDkim" };
  try {
    await withDoor(creds, where, async (door) => {
      if (target.sesApi === "v2") {
        try {
          await door.send("sesv2", (sdk) => new sdk.CreateEmailIdentityCommand({ EmailIdentity: domain }));
        } catch (err) {
          if (!hasCode(awsErrorOf(err), "AlreadyExistsException")) throw err;
        }
        if (mailFromDomain) {
          call.operation = "PutEmailIdentityMailFromAttributes";
          await door.send(
            "sesv2",
            (sdk) =>
              new sdk.PutEmailIdentityMailFromAttributesCommand({
                EmailIdentity: domain,
                MailFromDomain: mailFromDomain,
                BehaviorOnMxFailure: "USE_DEFAULT_VALUE",
              }),
          );
        }
      } else {
        await door.send("ses", (sdk) => new sdk.VerifyDomainDkimCommand({ Domain: domain }));
        if (mailFromDomain) {
          call.operation = "SetIdentityMailFromDomain";
          await door.send(
            "ses",
            (sdk) =>
              new sdk.SetIdentityMailFromDomainCommand({
                Identity: domain,
                MailFromDomain: mailFromDomain,
                BehaviorOnMXFailure: "UseDefaultValue",
              }),
          );
        }
      }
    });
  } catch (err) {
    return failure(err, args, "domain-create", call);
  }
  return domainStatus({ creds, where, target, domain, mailFromDomain });
}

export async function domainStatus(args: DomainArgs): Promise<DomainResult> {
  const { creds, where, target, domain } = args;
  const call: SesCall =
    target.sesApi === "v2"
      ? { service: "sesv2", operation: "GetEmailIdentity" }
      : { service: "ses", operation: "GetIdentityVerificationAttributes" };
  try {
    return await withDoor(creds, where, async (door): Promise<DomainResult> => {
      // The doctor's own read (lib/aws/identity-status.ts): v1 and v2 at once, the target's generation decides.
      const reads = await readVerification(door, where.region, [domain]);
      if (target.sesApi === "v2") {
        const v2 = reads.v2[0];
        if (!v2.ok) throw new AwsCallError(v2.error);
        const out = v2.output;
        const tokens = out.DkimAttributes?.Tokens ?? [];
        const mf = out.MailFromAttributes?.MailFromDomain || args.mailFromDomain;
        return {
          ok: true,
          status: {
            domain,
            region: where.region,
            verification: statusFromV2(out).status,
            dkim: normalise(out.DkimAttributes?.Status),
            dkimTokens: tokens,
            mailFrom: mf ? { domain: mf, status: normalise(out.MailFromAttributes?.MailFromDomainStatus) } : undefined,
            records: recordsWithIds(domain, where.region, tokens, mf),
          },
        };
      }
      if (!reads.v1.ok) throw new AwsCallError(reads.v1.error);
      const ver = reads.v1.output;
      call.operation = "GetIdentityDkimAttributes";
      const [dkim, mf] = await Promise.all([
        door.send("ses", (sdk) => new sdk.GetIdentityDkimAttributesCommand({ Identities: [domain] })),
        // Plunk's own policy has no GetIdentityMailFromDomainAttributes: a denial only hides the MAIL FROM status.
        door
          .send("ses", (sdk) => new sdk.GetIdentityMailFromDomainAttributesCommand({ Identities: [domain] }))
          .catch(() => undefined),
      ]);
      const d = dkim.DkimAttributes?.[domain];
      const tokens = d?.DkimTokens ?? [];
      const mfAttr = mf?.MailFromDomainAttributes?.[domain];
      const mfDomain = mfAttr?.MailFromDomain || args.mailFromDomain;
      const dkimStatus = normalise(d?.DkimVerificationStatus);
      const verStatus = statusFromV1(ver.VerificationAttributes?.[domain]).status;
      return {
        ok: true,
        status: {
          domain,
          region: where.region,
          // Easy DKIM success verifies the domain even when no _amazonses TXT exists (docs/aws-facts.md).
          verification: dkimStatus === "SUCCESS" ? "SUCCESS" : verStatus === "UNKNOWN" ? dkimStatus : verStatus,
          dkim: dkimStatus,
          dkimTokens: tokens,
          mailFrom: mfDomain ? { domain: mfDomain, status: normalise(mfAttr?.MailFromDomainStatus) } : undefined,
          records: recordsWithIds(domain, where.region, tokens, mfDomain),
        },
      };
    });
  } catch (err) {
    return failure(err, args, "domain-read", call);
  }
}
