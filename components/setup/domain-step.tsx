"use client";

import { FlaskConical } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import { Alert, Button } from "@/components/ui";
import type { DemoBootstrap } from "@/lib/setup/contract";
import { DomainForm } from "./domain/domain-form";
import { DomainStatusBar } from "./domain/domain-status-bar";
import { RecordsTable } from "./domain/records-table";
import { POLL_SECONDS, useDomain } from "./domain/use-domain";
import { LazyFallback } from "./lazy-fallback";
import { RefusalAlert } from "@/components/findings/refusal-alert";

/** The findings appear once the records are looked up: their code comes with them, not with the page. */
const RecordFindings = lazy(() => import("./domain/record-findings"));

function DemoPublish({ busy, onPublish }: { busy: boolean; onPublish: () => void }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-amber-300 bg-amber-50/50 p-3">
      <p className="flex items-center gap-2 text-sm text-amber-900">
        <FlaskConical className="h-4 w-4 shrink-0" aria-hidden /> Demo: no real DNS provider here. Publish the records
        to the stand-in&apos;s DNS.
      </p>
      <Button size="sm" variant="outline" onClick={onPublish} disabled={busy}>
        Publish records to demo DNS
      </Button>
    </div>
  );
}

/** Step 5: create the identity, show the records with live status, poll SES with a visible countdown. */
export function DomainStep(props: {
  initial?: { name: string; mailFromLabel?: string };
  defaultSubdomain: string;
  region: string;
  demo: boolean;
  demoKey?: DemoBootstrap;
}) {
  const d = useDomain(props.initial?.name);
  const [editing, setEditingState] = useState(!props.initial);
  const [published, setPublished] = useState<string>();
  const [switchedTo, setSwitchedTo] = useState<string>();
  const setEditing = (on: boolean) => {
    setEditingState(on);
    d.setPolling(!on);
  };
  const { data, verified } = d;

  if (editing)
    return (
      <DomainForm
        initial={props.initial}
        defaultSubdomain={props.defaultSubdomain}
        region={props.region}
        demoKey={props.demoKey}
        error={d.error}
        busy={d.busy}
        onCreate={async (body) => {
          const ok = await d.create(body);
          if (ok) setEditingState(false);
          return ok;
        }}
        onSwitchRegion={async (r) => {
          const ok = await d.switchRegion(r);
          if (ok) setSwitchedTo(r);
          return ok;
        }}
        onCancel={props.initial ? () => setEditing(false) : undefined}
      />
    );
  if (!data) return d.error ? <RefusalAlert error={d.error.error} finding={d.error.finding} /> : null;
  return (
    <div className="flex flex-col gap-4">
      {switchedTo ? (
        <Alert variant="info" title={`The platform's region is now ${switchedTo}`}>
          Run the credential check again (step 3) and write the env file again (step 4): the platform has to send from{" "}
          {switchedTo} too.
        </Alert>
      ) : null}
      <DomainStatusBar
        status={data.status}
        countdown={verified ? undefined : d.countdown}
        onRefresh={() => void d.refresh()}
        onChange={() => setEditing(true)}
      />
      {verified ? (
        <Alert variant="success" title={`${data.status.domain} is verified`}>
          SES found the DKIM records; the domain can send in {data.status.region}.
        </Alert>
      ) : (
        <Alert variant="warning" title="DNS configuration required">
          Add these records at your DNS provider. Sesame looks them up itself and asks SES every {POLL_SECONDS} seconds;
          public DNS can take minutes (rarely hours) to update.
        </Alert>
      )}
      <RecordsTable data={data} />
      {props.demo && !verified ? (
        <DemoPublish busy={d.busy} onPublish={() => void d.publish().then((m) => m && setPublished(m))} />
      ) : null}
      {published ? <Alert variant="info">{published}</Alert> : null}
      {d.error ? <RefusalAlert error={d.error.error} finding={d.error.finding} /> : null}
      {data.live.findings.length ? (
        <Suspense fallback={<LazyFallback what="the findings" />}>
          <RecordFindings data={data} />
        </Suspense>
      ) : null}
    </div>
  );
}
