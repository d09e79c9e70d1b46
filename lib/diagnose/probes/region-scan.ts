import {
  GetIdentityVerificationAttributesCommand,
  type GetIdentityVerificationAttributesCommandOutput,
} from "@aws-sdk/client-ses";
import { GetEmailIdentityCommand, type GetEmailIdentityCommandOutput } from "@aws-sdk/client-sesv2";
import { isAccessDenied } from "@/lib/aws/errors";
import { SES_REGIONS } from "@/lib/aws/regions";
import type { RawFinding } from "../findings";
import { allCandidates, subjectsOf } from "../subjects";
import type { Probe } from "../types";

/** Regions to scan: every SES region of the partition the target region belongs to, except the target itself. */
export function regionsToScan(target: string): string[] {
  const gov = target.startsWith("us-gov-");
  return SES_REGIONS.filter((r) => r !== target && r.startsWith("us-gov-") === gov);
}

async function verifiedIn(
  ctx: Parameters<Probe["run"]>[0],
  region: string,
  names: string[],
): Promise<string[] | undefined> {
  const v1 = await ctx.aws.call<GetIdentityVerificationAttributesCommandOutput>(
    "ses",
    region,
    "GetIdentityVerificationAttributes",
    () => new GetIdentityVerificationAttributesCommand({ Identities: names }),
  );
  if (v1.ok) {
    const attrs = v1.output.VerificationAttributes ?? {};
    return names.filter((n) => attrs[n]?.VerificationStatus === "Success");
  }
  if (!isAccessDenied(v1.error)) return undefined;
  // v1 reads refused (a useSend-style policy): ask SESv2 instead, one identity per call.
  const v2 = await Promise.all(
    names.map((n) =>
      ctx.aws.call<GetEmailIdentityCommandOutput>(
        "sesv2",
        region,
        "GetEmailIdentity",
        () => new GetEmailIdentityCommand({ EmailIdentity: n }),
      ),
    ),
  );
  if (v2.every((r) => !r.ok && !(r.error.kind === "aws" && r.error.code === "NotFoundException"))) return undefined;
  return names.filter((_, i) => {
    const r = v2[i];
    return r.ok && (r.output.VerifiedForSendingStatus === true || r.output.VerificationStatus === "SUCCESS");
  });
}

/** Where else the domain or From address is verified: every SES region at once, so the scan costs one round trip. */
export const regionScanProbe: Probe = {
  id: "region-scan",
  label: "Identity in other SES regions",
  needs: ["input"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.region && subjectsOf(ctx.input).length > 0,
  async run(ctx, facts) {
    const names = allCandidates(subjectsOf(ctx.input));
    const regions = regionsToScan(facts.region as string);
    const results = await Promise.all(regions.map((r) => verifiedIn(ctx, r, names)));
    const verifiedElsewhere: Record<string, string[]> = {};
    regions.forEach((r, i) => {
      const v = results[i];
      if (v?.length) verifiedElsewhere[r] = v;
    });
    return { findings: [] as RawFinding[], facts: { verifiedElsewhere } };
  },
};

/** Joins the target-region state with the scan: no call, so it adds nothing to the critical path. */
export const regionVerdictProbe: Probe = {
  id: "region-verdict",
  label: "Region of the identity",
  needs: ["domain", "region-scan"],
  when: (_ctx, f) => !!f.subjects && !!f.verifiedElsewhere,
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
