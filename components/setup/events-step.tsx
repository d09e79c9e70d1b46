"use client";

import { Alert } from "@/components/ui";
import { BuildForm, PlatformBuilds } from "./events/build-form";
import { LoopStatus } from "./events/loop-status";
import { Needs } from "./events/needs";
import type { EventsStepProps } from "./events/props";
import { NoEvents, SkipButton } from "./events/skip";

export type { EventsStepProps } from "./events/props";

/** Step 6: the SES → SNS → webhook loop the platform learns deliveries, bounces and complaints from. */
export function EventsStep(p: EventsStepProps) {
  if (!p.needs.uses) return <NoEvents {...p} />;
  const built = p.current && p.current.mode !== "skipped";
  return (
    <div className="flex flex-col gap-6">
      <Needs {...p} />
      {built ? <LoopStatus {...p} /> : p.needs.discovered ? <PlatformBuilds {...p} /> : <BuildForm {...p} />}
      {p.current?.status === "skipped" ? (
        <Alert variant="warning" title="Skipped">
          The loop was skipped. {p.targetLabel} will not learn of bounces and complaints until it exists.
        </Alert>
      ) : null}
      {!built && p.current?.status !== "skipped" ? <SkipButton {...p} /> : null}
    </div>
  );
}
