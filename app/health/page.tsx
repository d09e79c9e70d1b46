import type { Metadata } from "next";
import { connection } from "next/server";
import { Suspense } from "react";
import { HealthProduction } from "@/components/golive/health-production";
import { HealthCard, RecheckButton, StatusBadge } from "@/components/health";
import { PageHeader } from "@/components/shell/page-header";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import { healthService } from "@/lib/health";
import { ROTATE_PATH } from "@/lib/health/key-age";
import { publicSnapshot, withoutAccountIds } from "@/lib/health/redact";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { platformPhrase, productionRegions } from "@/lib/golive/health-regions";
import { awsWhere } from "@/lib/setup/context";
import { getSecrets } from "@/lib/setup/secrets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const metadata: Metadata = { title: "Health — Sesame" };

/**
 * The post-deploy view of the same cached round /api/health serves. Readable without the setup token: it shows
 * statuses, findings and a masked key id, never a secret; IAM principals by name, the AWS account id only to a
 * signed-in setup session.
 */
export default async function HealthPage() {
  await connection();
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title="Health"
        description="Can the deployed platform still send through Amazon SES? Re-runs the read-only checks against the deployed configuration."
        actions={<RecheckButton />}
      />
      {/* the shell renders at once; a cold round (first visit, slow AWS) streams in when it lands, bounded by its deadline */}
      <Suspense
        fallback={
          <p className="flex items-center gap-2 text-sm text-neutral-500">
            <Spinner label="Checking" /> Running the checks against AWS…
          </p>
        }
      >
        <HealthReport />
      </Suspense>
    </div>
  );
}

async function HealthReport() {
  const entry = await healthService().get();
  // the account id only to a signed-in setup session; everyone else sees principals by name (lib/health/redact.ts)
  const sid = await setupSession();
  const signedIn = sid !== null;
  const snap = signedIn ? entry.value : publicSnapshot(entry.value);
  // production access per sandboxed region: the form to a signed-in session only, the review status to everyone
  const state = await loadState();
  const config = readConfig();
  const target = getTarget(state.target ?? snap.target);
  const regions = await productionRegions({
    snap,
    state,
    signedIn,
    key: sid ? getSecrets(sid) : undefined,
    where: (region) => ({ ...awsWhere(config, region, state.endpoint), timeoutMs: Math.min(config.timeoutMs, 4000) }),
  });
  const failedRefresh = entry.lastRefreshFailed;
  const overall = failedRefresh && snap.status === "pass" ? "warn" : snap.status;
  const headline =
    overall === "pass"
      ? "The platform can send."
      : overall === "warn"
        ? "The platform can send, with warnings."
        : "The platform cannot send reliably.";
  const checked = snap.components.filter((c) => c.status !== "skipped");
  const skipped = snap.components.filter((c) => c.status === "skipped");

  return (
    <>
      <section aria-label="Overall status" className="mb-6 rounded-lg border border-neutral-200 bg-white p-4">
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={overall} />
          <p className="text-sm font-medium text-neutral-900" data-testid="health-headline">
            {headline}
          </p>
        </div>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
          <dt className="text-neutral-500">Target</dt>
          <dd className="text-neutral-800">{snap.target}</dd>
          <dt className="text-neutral-500">Region</dt>
          <dd className="font-mono text-neutral-800">{snap.region ?? "—"}</dd>
          <dt className="text-neutral-500">Access key</dt>
          <dd className="font-mono text-neutral-800">{snap.keyId ?? "—"}</dd>
          <dt className="text-neutral-500">Domain</dt>
          <dd className="font-mono text-neutral-800">{snap.domain ?? "—"}</dd>
          <dt className="text-neutral-500">Read from</dt>
          <dd className="text-neutral-800">
            {snap.source === "env-file"
              ? "env file"
              : snap.source === "process-env"
                ? "process environment"
                : snap.source === "chain"
                  ? "AWS default credential chain (no stored key)"
                  : "nothing found"}
          </dd>
          <dt className="text-neutral-500">Checked</dt>
          <dd className="text-neutral-800">
            <time dateTime={snap.checkedAt}>
              {new Date(snap.checkedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
            </time>
            {entry.stale ? " (refresh under way)" : ""} · took {Math.round(snap.durationMs)} ms
          </dd>
        </dl>
        <p className="mt-3 text-xs text-neutral-500">
          Machine-readable:{" "}
          <a className="underline underline-offset-2" href="/api/health">
            /api/health
          </a>{" "}
          (health+json, 503 on fail) · liveness{" "}
          <a className="underline underline-offset-2" href="/api/health/live">
            /api/health/live
          </a>
        </p>
      </section>

      {failedRefresh ? (
        <Alert variant="warning" title="Showing the previous result" className="mb-6">
          The latest check ({new Date(failedRefresh.at).toISOString()}) could not reach AWS
          {failedRefresh.value.error ? `: ${withoutAccountIds(failedRefresh.value.error)}` : ""}. Sesame retries on its
          own.
        </Alert>
      ) : null}

      <div className="grid items-start gap-3 md:grid-cols-2">
        {checked.map((c) => (
          <HealthCard key={c.id} component={c} checkedAt={snap.checkedAt} rotatePath={ROTATE_PATH} />
        ))}
      </div>

      {skipped.length ? (
        <section aria-label="Not checked" className="mt-6">
          <h2 className="mb-2 text-sm font-semibold text-neutral-900">Not checked this round</h2>
          <div className="grid items-start gap-3 md:grid-cols-2">
            {skipped.map((c) => (
              <HealthCard key={c.id} component={c} checkedAt={snap.checkedAt} />
            ))}
          </div>
        </section>
      ) : null}

      <HealthProduction
        regions={regions}
        signedIn={signedIn}
        platform={target ? platformPhrase(target) : snap.target}
        domain={state.domain?.name ?? snap.domain}
        eventLoop={state.events?.status === "confirmed"}
      />
    </>
  );
}
