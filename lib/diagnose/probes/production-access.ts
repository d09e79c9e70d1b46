import type { RawFinding } from "@/lib/findings/materialize";
import type { Probe } from "../types";

/**
 * The production-access request's review (GetAccount → Details.ReviewDetails, read by the account probe): pending,
 * denied or failed each say what happens next; granted needs no word (the sandbox finding is gone).
 */
export const productionAccessProbe: Probe = {
  id: "production-access",
  label: "Production access request",
  needs: ["account"],
  when: (_ctx, f) => !!f.account?.review,
  async run(_ctx, facts) {
    const review = facts.account?.review;
    if (!review) return { findings: [] };
    const evidence = { region: facts.region ?? "unknown", caseId: review.caseId ?? "unknown", status: review.status };
    const findings: RawFinding[] =
      review.status === "PENDING"
        ? [{ code: "account.production-access-pending", evidence }]
        : review.status === "DENIED"
          ? [{ code: "account.production-access-denied", evidence }]
          : review.status === "FAILED"
            ? [{ code: "account.production-access-failed", evidence }]
            : [];
    return { findings };
  },
};
