import { Badge } from "@/components/ui";
import type { RegionAccess } from "@/lib/golive/health-regions";
import { ProductionAccessPanel } from "./production-access-panel";
import { REVIEW_STATUS } from "./review-status";

/**
 * Production access per sandboxed region on the health page (docs/wizard.md): a signed-in session gets the wizard's
 * request panel for each region (credentials used once), a region found by the domain scan saying why it is there;
 * everyone else sees the review status only.
 */
export function HealthProduction(props: {
  regions: RegionAccess[];
  signedIn: boolean;
  platform: string;
  domain?: string;
  eventLoop: boolean;
}) {
  if (!props.regions.length) return null;
  return (
    <section aria-label="Production access" className="mt-6 flex flex-col gap-3">
      <h2 className="text-sm font-semibold text-neutral-900">Production access</h2>
      {props.regions.map((r) =>
        props.signedIn ? (
          <div key={r.region} className="rounded-lg border border-neutral-200 bg-white p-4">
            {r.domainElsewhere && props.domain ? (
              <p className="mb-3 text-xs text-neutral-500">
                {props.domain} is verified in <span className="font-mono">{r.region}</span> too, and the account is in
                the sandbox there.
              </p>
            ) : null}
            <ProductionAccessPanel
              region={r.region}
              platform={props.platform}
              domain={props.domain}
              eventLoop={props.eventLoop}
              initialReview={r.review}
              reviewAsFiled={r.asFiled}
            />
          </div>
        ) : (
          <p
            key={r.region}
            role="status"
            aria-label={`Production access in ${r.region}`}
            className="flex flex-wrap items-center gap-2 rounded-lg border border-neutral-200 bg-white p-4 text-sm text-neutral-800"
          >
            Production access in <span className="font-mono">{r.region}</span>:{" "}
            {r.review ? (
              <Badge variant={REVIEW_STATUS[r.review.status].variant}>{REVIEW_STATUS[r.review.status].label}</Badge>
            ) : (
              <Badge variant="warning">In the sandbox</Badge>
            )}
          </p>
        ),
      )}
    </section>
  );
}
