import { type AwsDoor, isAccessDenied } from "@/lib/aws";
import { SES_REGIONS } from "@/lib/regions";
import type { RawFinding } from "@/lib/findings/materialize";
import { allCandidates, subjectsOf } from "../subjects";
import type { Probe } from "../types";

/** Regions to scan: every SES region of the partition the target region belongs to, except the target itself. */
export function regionsToScan(target: string): string[] {
  const gov = target.startsWith("us-gov-");
  return SES_REGIONS.filter((r) => r !== target && r.startsWith("us-gov-") === gov);
}

/** Which of `names` are verified in `region`; undefined when it cannot be told (also used by lib/golive/health-regions.ts). */
export async function verifiedIn(
  door: Pick<AwsDoor, "call">,
  region: string,
  names: string[],
): Promise<string[] | undefined> {
  const v1 = await door.call(
    "ses",
    region,
    "GetIdentityVerificationAttributes",
    (sdk) => new sdk.GetIdentityVerificationAttributesCommand({ Identities: names }),
  );
  if (v1.ok) {
    const attrs = v1.output.VerificationAttributes ?? {};
    return names.filter((n) => attrs[n]?.VerificationStatus === "Success");
  }
  if (!isAccessDenied(v1.error)) return undefined;
  // v1 reads refused (a useSend-style policy): ask SESv2 instead, one identity per call.
  const v2 = await Promise.all(
    names.map((n) =>
      door.call("sesv2", region, "GetEmailIdentity", (sdk) => new sdk.GetEmailIdentityCommand({ EmailIdentity: n })),
    ),
  );
  if (v2.every((r) => !r.ok && !(r.error.kind === "aws" && r.error.code === "NotFoundException"))) return undefined;
  return names.filter((_, i) => {
    const r = v2[i];
    return r.ok && (r.output.VerifiedForSendingStatus === true || r.output.VerificationStatus === "SUCCESS");
  });
}

/**
 * Production access (out of the sandbox, sending enabled) in a region; undefined when it cannot be told. One read per
 * region: GetAccount when the target region answered it, else (IAM is global, so it is refused everywhere) the v1
 * quota heuristic (200/day at 1/s = sandbox) plus the sending switch.
 */
async function productionIn(
  ctx: Parameters<Probe["run"]>[0],
  region: string,
  source: "GetAccount" | "GetSendQuota",
): Promise<boolean | undefined> {
  if (source === "GetAccount") {
    const v2 = await ctx.aws.call("sesv2", region, "GetAccount", (sdk) => new sdk.GetAccountCommand({}));
    return v2.ok ? v2.output.ProductionAccessEnabled === true && v2.output.SendingEnabled !== false : undefined;
  }
  const [q, enabled] = await Promise.all([
    ctx.aws.call("ses", region, "GetSendQuota", (sdk) => new sdk.GetSendQuotaCommand({})),
    ctx.aws.call("ses", region, "GetAccountSendingEnabled", (sdk) => new sdk.GetAccountSendingEnabledCommand({})),
  ]);
  if (!q.ok) return undefined;
  if (enabled.ok && enabled.output.Enabled === false) return false;
  return !(q.output.Max24HourSend === 200 && q.output.MaxSendRate === 1);
}

/**
 * Regions whose sandbox state is worth asking. With a domain or From address, only the regions where it is already
 * verified (the region scan found them): production there is a switch the operator can make today, and a domain
 * verified nowhere else costs no call at all. Without one, every SES region of the partition.
 */
export function sandboxScanRegions(
  target: string,
  hasSubjects: boolean,
  verifiedElsewhere: Record<string, string[]> | undefined,
): string[] {
  const all = regionsToScan(target);
  if (!hasSubjects || !verifiedElsewhere) return all;
  return all.filter((r) => (verifiedElsewhere[r]?.length ?? 0) > 0);
}

/** Where else the domain or From address is verified: every SES region at once, so the scan costs one round trip. */
export const regionScanProbe: Probe = {
  id: "region-scan",
  label: "Identity in other SES regions",
  // After STS: a key AWS refuses would only collect twenty refusals, and the first round stays light enough for
  // STS's answer (the start of the permission check, the critical path) not to queue behind twenty signings.
  needs: ["identity"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.authenticated && !!f.region && subjectsOf(ctx.input).length > 0,
  async run(ctx, facts) {
    const names = allCandidates(subjectsOf(ctx.input));
    const regions = regionsToScan(facts.region as string);
    const verified = await Promise.all(regions.map((r) => verifiedIn(ctx.aws, r, names)));
    const verifiedElsewhere: Record<string, string[]> = {};
    regions.forEach((r, i) => {
      const v = verified[i];
      if (v?.length) verifiedElsewhere[r] = v;
    });
    return { findings: [] as RawFinding[], facts: { verifiedElsewhere } };
  },
};

/**
 * Sandboxed here but in production elsewhere (the Plunk #111 trap). Asked only when the target region is sandboxed,
 * so a healthy account costs no extra calls; the regions asked are bounded by `sandboxScanRegions`, all at once,
 * one read each, in parallel with the permission check.
 */
export const sandboxScanProbe: Probe = {
  id: "sandbox-scan",
  label: "Sandbox state in other SES regions",
  needs: ["account", "region-scan"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.region && f.account?.sandbox === true && !!f.account.source,
  async run(ctx, facts) {
    const regions = sandboxScanRegions(
      facts.region as string,
      subjectsOf(ctx.input).length > 0,
      facts.verifiedElsewhere,
    );
    const source = facts.account?.source ?? "GetAccount";
    const production = await Promise.all(regions.map((r) => productionIn(ctx, r, source)));
    const others = regions.filter((_, i) => production[i] === true);
    if (others.length === 0) return { findings: [], facts: { productionElsewhere: [] } };
    return {
      facts: { productionElsewhere: others },
      findings: [
        {
          code: "account.production-in-other-region",
          evidence: {
            region: facts.region as string,
            productionRegions: others.join(", "),
            firstProductionRegion: others[0],
          },
        },
      ],
    };
  },
};

/** Joins the target-region state with the scan: no call, so it adds nothing to the critical path. */
export const regionVerdictProbe: Probe = {
  id: "region-verdict",
  label: "Region of the identity",
  needs: ["domain", "region-scan"],
  when: (_ctx, f) => !!f.subjects && !!f.verifiedElsewhere && Object.keys(f.verifiedElsewhere).length > 0,
  async run(ctx, facts) {
    const findings: RawFinding[] = [];
    const region = facts.region as string;
    const subjects = subjectsOf(ctx.input);
    for (const s of facts.subjects ?? []) {
      if (s.verified) continue;
      const candidates = subjects.find((x) => x.label === s.label)?.candidates ?? [s.label];
      const others = Object.entries(facts.verifiedElsewhere ?? {})
        .filter(([, names]) => names.some((n) => candidates.includes(n)))
        .map(([r]) => r);
      if (others.length === 0) continue;
      findings.push({
        code: "region.identity-in-other-region",
        evidence: {
          identity: s.label,
          region,
          otherRegions: others.join(", "),
          firstOtherRegion: others[0],
          statusHere: s.statusHere,
        },
      });
    }
    return { findings };
  },
};
