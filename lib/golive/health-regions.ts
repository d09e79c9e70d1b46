import "server-only";
import { type AwsWhere, withDoor } from "@/lib/aws";
import { regionsToScan, verifiedIn } from "@/lib/diagnose/probes/region-scan";
import type { HealthSnapshot } from "@/lib/health/snapshot";
import type { SessionSecrets } from "@/lib/setup/secrets";
import type { WizardState } from "@/lib/setup/state";
import { readAccount } from "./production-access";
import { type Review, ReviewSchema } from "./production-request";

/** One region the health page offers (or reports) production access for. */
export interface RegionAccess {
  region: string;
  review?: Review;
  /** the review is the wizard's record of what was filed, not GetAccount's answer */
  asFiled: boolean;
  /** shown only because the domain identity is verified there too (the region scan) */
  domainElsewhere?: boolean;
}

const REVIEW_CODES: Record<string, Review["status"]> = {
  "account.production-access-pending": "PENDING",
  "account.production-access-denied": "DENIED",
  "account.production-access-failed": "FAILED",
};

/** What the health round saw in its region: sandboxed (account.sandbox) and the review of a filed request. */
function fromRound(snap: HealthSnapshot): { sandbox: boolean; review?: Review } {
  const findings = snap.components.find((c) => c.id === "account")?.findings ?? [];
  const sandbox = findings.some((f) => f.code === "account.sandbox");
  const reviewed = findings.find((f) => REVIEW_CODES[f.code]);
  if (!reviewed) return { sandbox };
  const parsed = ReviewSchema.safeParse({
    status: REVIEW_CODES[reviewed.code],
    caseId: typeof reviewed.evidence.caseId === "string" ? reviewed.evidence.caseId : undefined,
  });
  return { sandbox: sandbox || parsed.success, review: parsed.success ? parsed.data : undefined };
}

/**
 * How long one scan of the other SES regions for the domain is reused: the scan is the doctor's (one read per region,
 * ~26), far more than a health round may make (docs/health.md#call-budget), so it is not part of the round; a
 * signed-in /health view makes it at most once per key, domain and region in this period.
 */
export const DOMAIN_SCAN_TTL_MS = 15 * 60_000;

const memo = globalThis as typeof globalThis & {
  __sesameDomainScan?: Map<string, { at: number; regions: Promise<string[]> }>;
};

/**
 * The other SES regions where `domain` is verified, by the doctor's region scan (lib/diagnose/probes/region-scan.ts,
 * every region of the partition at once) with the session's platform key. A region the key may not read counts as
 * not verified there. Single-flight and reused for DOMAIN_SCAN_TTL_MS.
 */
export function domainRegions(
  key: SessionSecrets,
  domain: string,
  from: string,
  where: (region: string) => AwsWhere,
  now = Date.now(),
): Promise<string[]> {
  if (!memo.__sesameDomainScan) memo.__sesameDomainScan = new Map();
  const cache = memo.__sesameDomainScan;
  const id = `${key.accessKeyId}|${domain.toLowerCase()}|${from}`;
  const hit = cache.get(id);
  if (hit && now - hit.at < DOMAIN_SCAN_TTL_MS) return hit.regions;
  for (const [k, v] of cache) if (now - v.at >= DOMAIN_SCAN_TTL_MS) cache.delete(k);
  const regions = withDoor(key, where(from), async (door) => {
    const scanned = regionsToScan(from);
    const verified = await Promise.all(scanned.map((r) => verifiedIn(door, r, [domain]).catch(() => undefined)));
    return scanned.filter((_, i) => (verified[i]?.length ?? 0) > 0);
  }).catch(() => [] as string[]);
  cache.set(id, { at: now, regions });
  return regions;
}

/**
 * The sandboxed regions the health page shows production access for (docs/wizard.md): the deployed region when the
 * round found it sandboxed or under review; for a signed-in session also the wizard's region, every region a request
 * was filed for and every region where the domain identity exists (the doctor's region scan, `domainRegions`), read
 * again with the session's platform key (GetAccount) where it may. A region known to be out of the sandbox with
 * nothing under review is left out; a region found only by the scan is shown only while it is sandboxed (granted or
 * unreadable: left out).
 */
export async function productionRegions(opts: {
  snap: HealthSnapshot;
  state: WizardState;
  signedIn: boolean;
  key?: SessionSecrets;
  where: (region: string) => AwsWhere;
}): Promise<RegionAccess[]> {
  const { snap, state } = opts;
  const round: { sandbox?: boolean; review?: Review } = snap.region ? fromRound(snap) : {};
  const regions = new Set<string>();
  if (snap.region && (round.sandbox || round.review)) regions.add(snap.region);
  /** regions known only because the domain is verified there: shown while sandboxed, never on an unknown state */
  const scannedOnly = new Set<string>();
  if (opts.signedIn) {
    if (state.region) regions.add(state.region);
    for (const r of Object.keys(state.productionAccess ?? {})) regions.add(r);
    const domain = state.domain?.name ?? snap.domain;
    const from = state.region ?? snap.region;
    if (opts.key && domain && from) {
      for (const r of await domainRegions(opts.key, domain, from, opts.where)) {
        if (!regions.has(r)) scannedOnly.add(r);
        regions.add(r);
      }
    }
  }
  const out = await Promise.all(
    [...regions].sort().map(async (region): Promise<RegionAccess | undefined> => {
      const seen: { sandbox?: boolean; review?: Review } = region === snap.region ? round : {};
      const live = opts.signedIn && opts.key ? await readAccount(opts.key, opts.where(region)) : {};
      // the wizard's record of a filed request stands in only while AWS cannot be asked: when GetAccount answered
      // without a review, AWS knows no such request in this account (another account, or a reset stand-in)
      const filed = live.sandbox === undefined ? state.productionAccess?.[region] : undefined;
      const review = live.review ?? seen.review ?? (filed ? { status: filed.status, caseId: filed.caseId } : undefined);
      const sandbox = live.sandbox ?? seen.sandbox;
      if (scannedOnly.has(region) && sandbox !== true) return undefined;
      // offered unless the region is known to be out of the sandbox with nothing under review
      if (sandbox === false && !review) return undefined;
      if (sandbox === undefined && !review && region !== state.region) return undefined;
      return {
        region,
        review,
        asFiled: !!review && !live.review && !seen.review,
        ...(scannedOnly.has(region) ? { domainElsewhere: true } : {}),
      };
    }),
  );
  return out.filter((r): r is RegionAccess => !!r);
}

/** How the drafted use case names the sending platform. */
export function platformPhrase(target: { id: string; label: string }): string {
  if (target.id === "aws") return "our own application (AWS SDK)";
  if (target.id === "smtp") return "our own application over SMTP";
  return target.label;
}
