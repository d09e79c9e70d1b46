import "server-only";
import type { AwsWhere } from "@/lib/aws";
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
 * The sandboxed regions the health page shows production access for (docs/wizard.md): the deployed region when the
 * round found it sandboxed or under review; for a signed-in session also the wizard's region and every region a
 * request was filed for, read again with the session's platform key (GetAccount) where it may. A region known to be
 * out of the sandbox with nothing under review is left out.
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
  if (opts.signedIn) {
    if (state.region) regions.add(state.region);
    for (const r of Object.keys(state.productionAccess ?? {})) regions.add(r);
  }
  const out = await Promise.all(
    [...regions].sort().map(async (region): Promise<RegionAccess | undefined> => {
      const seen: { sandbox?: boolean; review?: Review } = region === snap.region ? round : {};
      const live = opts.signedIn && opts.key ? await readAccount(opts.key, opts.where(region)) : {};
      const filed = state.productionAccess?.[region];
      const review = live.review ?? seen.review ?? (filed ? { status: filed.status, caseId: filed.caseId } : undefined);
      const sandbox = live.sandbox ?? seen.sandbox;
      // offered unless the region is known to be out of the sandbox with nothing under review
      if (sandbox === false && !review) return undefined;
      if (sandbox === undefined && !review && region !== state.region) return undefined;
      return { region, review, asFiled: !!review && !live.review && !seen.review };
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
