"use client";

import { ArrowRight } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, Button, cn, describedBy, Field, Input, Select } from "@/components/ui";
import type { TargetId } from "@/lib/diagnose/schema";
import type { Via } from "@/lib/setup/contract";
import { callSetup } from "./api";

export interface TargetOption {
  id: TargetId;
  label: string;
  description: string;
  mode: Via;
}

export interface RegionOption {
  id: string;
  smtp: boolean;
}

/** Step 1: platform + region (+ optional AWS-compatible endpoint). */
export function TargetForm(props: {
  targets: TargetOption[];
  regions: RegionOption[];
  initial: { target?: TargetId; region?: string; endpoint?: string };
  serverEndpoint?: string;
}) {
  const router = useRouter();
  const [target, setTarget] = useState<TargetId>(props.initial.target ?? "plunk");
  const [region, setRegion] = useState(props.initial.region ?? "us-east-1");
  const [endpoint, setEndpoint] = useState(props.initial.endpoint ?? "");
  const [error, setError] = useState<{ message: string; field?: string }>();
  const [busy, setBusy] = useState(false);
  const smtpTarget = props.targets.find((t) => t.id === target)?.mode === "smtp";
  const regionInfo = props.regions.find((r) => r.id === region);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const res = await callSetup("POST /api/setup/target", { target, region, endpoint: endpoint.trim() || undefined });
    setBusy(false);
    if (res.ok) {
      router.push("/setup/iam");
      router.refresh();
    } else setError({ message: res.data.error, field: res.data.field });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-neutral-800">Platform</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {props.targets.map((t) => (
            <label
              key={t.id}
              className={cn(
                "flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors",
                target === t.id
                  ? "border-neutral-900 bg-neutral-50 ring-1 ring-neutral-900"
                  : "border-neutral-200 hover:bg-neutral-50",
              )}
            >
              <input
                type="radio"
                name="target"
                value={t.id}
                checked={target === t.id}
                onChange={() => setTarget(t.id)}
                aria-labelledby={`target-${t.id}-label`}
                aria-describedby={`target-${t.id}-desc`}
                className="mt-0.5 accent-neutral-900"
              />
              <span>
                <span id={`target-${t.id}-label`} className="block font-medium text-neutral-900">
                  {t.label}
                </span>
                <span id={`target-${t.id}-desc`} className="block text-xs text-neutral-500">
                  {t.description}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <Field
        id="region"
        label="Region"
        hint={
          regionInfo
            ? regionInfo.smtp
              ? `SES API and SMTP (email-smtp.${region}.amazonaws.com) are offered in ${region}.`
              : `SES API only: ${region} has no SMTP endpoint.`
            : undefined
        }
        error={error?.field === "region" ? error.message : undefined}
      >
        <Select
          id="region"
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          aria-describedby={describedBy("region", regionInfo, error?.field === "region")}
        >
          {props.regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id} — {r.smtp ? "SES + SMTP" : "SES API only (no SMTP)"}
            </option>
          ))}
        </Select>
      </Field>
      {smtpTarget && regionInfo && !regionInfo.smtp ? (
        <Alert variant="error" title={`No SMTP endpoint in ${region}`}>
          An SMTP app cannot send from this region. Pick a region marked “SES + SMTP”.
        </Alert>
      ) : null}

      <Field
        id="endpoint"
        label="Custom endpoint (optional)"
        hint={
          props.serverEndpoint
            ? `Leave empty to use the server's AWS_ENDPOINT_URL (${props.serverEndpoint}).`
            : "Only for AWS-compatible servers (e.g. LocalStack). Leave empty for Amazon SES."
        }
        error={error?.field === "endpoint" ? error.message : undefined}
      >
        <Input
          id="endpoint"
          type="url"
          placeholder="https://…"
          value={endpoint}
          onChange={(e) => setEndpoint(e.target.value)}
          aria-describedby={describedBy("endpoint", true, error?.field === "endpoint")}
        />
      </Field>

      {error && !error.field ? <Alert variant="error">{error.message}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={busy || (smtpTarget && regionInfo && !regionInfo.smtp)}>
          Save and continue <ArrowRight className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </form>
  );
}
