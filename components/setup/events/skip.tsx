"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { callSetup } from "../api";

import type { EventsStepProps } from "./props";
export function NoEvents(p: EventsStepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Alert title={`${p.targetLabel} has no event webhook`}>{p.needs.skipTradeoff}</Alert>
      {p.current?.status === "skipped" ? <p className="text-sm text-neutral-600">Skipped.</p> : <SkipButton {...p} />}
    </div>
  );
}

export function SkipButton(p: EventsStepProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-2 border-t border-neutral-200 pt-4">
      {p.needs.uses ? (
        <p className="text-xs text-neutral-500">
          Skipping leaves {p.targetLabel} without delivery, bounce and complaint events
          {p.needs.sets.some((s) => !s.optional)
            ? `, and if ${p.needs.sets.map((s) => s.variable).join(" / ")} names a set that does not exist in ${p.region}, SES rejects every send of the platform`
            : ""}
          .
        </p>
      ) : null}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const res = await callSetup("POST /api/setup/events", { action: "skip" });
            setBusy(false);
            if (res.ok) router.refresh();
            else setError(res.data.error);
          }}
        >
          Skip this step
        </Button>
      </div>
    </div>
  );
}
