import "server-only";
import { domainProbe } from "@/lib/diagnose/probes/domain";
import { identityProbe } from "@/lib/diagnose/probes/identity";
import { inputProbe } from "@/lib/diagnose/probes/input";
import { regionScanProbe, regionVerdictProbe } from "@/lib/diagnose/probes/region-scan";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { Finding } from "@/lib/diagnose/schema";
import type { ReadyContext } from "./diagnose-input";
import type { SessionSecrets } from "./secrets";

/** Just enough of the engine to answer "is this domain verified in another SES region?" (every region at once). */
const ELSEWHERE_PROBES = [inputProbe, identityProbe, domainProbe, regionScanProbe, regionVerdictProbe];

/**
 * Before the Domain step creates an identity: the engine's all-regions scan, with the credentials the step uses. A
 * domain verified elsewhere yields the catalogue's `region.identity-in-other-region` finding and the regions, so the
 * screen can offer to switch the platform's region instead of creating a second, pending identity here. A scan that
 * cannot run (no permission to read other regions) finds nothing and never blocks creating the identity.
 */
export async function identityElsewhere(
  ctx: ReadyContext,
  creds: SessionSecrets,
  domain: string,
): Promise<{ finding: Finding; regions: string[] } | undefined> {
  const report = await runDiagnosis(
    {
      target: ctx.target.id,
      region: ctx.where.region,
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
      endpoint: ctx.where.endpoint,
      endpoints: ctx.where.endpoints,
      domain,
      timeoutMs: ctx.config.timeoutMs,
      readOnly: true,
    },
    { probes: ELSEWHERE_PROBES },
  ).catch(() => undefined);
  const finding = report?.findings.find(
    (f) => f.code === "region.identity-in-other-region" && f.evidence.identity === domain,
  );
  if (!finding) return undefined;
  const regions = String(finding.evidence.otherRegions ?? "")
    .split(/,\s*/)
    .filter(Boolean);
  return regions.length ? { finding, regions } : undefined;
}
