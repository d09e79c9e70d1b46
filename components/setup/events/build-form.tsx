"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { Alert, AUTO_OR_MANUAL, Button, Field, Input, ModeTabs } from "@/components/ui";
import type { RequestOf } from "@/lib/setup/contract";
import { callSetup } from "../api";
import { EMPTY_KEY, type KeyInput, KeyFields, keyBody } from "../key-fields";
import { LazyFallback } from "../lazy-fallback";

import type { ErrorData, EventsStepProps } from "./props";
import { RefusalAlert } from "@/components/findings/refusal-alert";

/** The manual path's long texts load on the click on "Manual" that opens them. */
const ManualPath = lazy(() => import("./manual-path"));

export function BuildForm(p: EventsStepProps) {
  const router = useRouter();
  const [mode, setMode] = useState<"auto" | "manual">("auto");
  const [webhook, setWebhook] = useState(p.webhookUrl);
  const [key, setKey] = useState<KeyInput>(EMPTY_KEY);
  const [topicArn, setTopicArn] = useState(p.topicArnGuess);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: RequestOf<"POST /api/setup/events"> =
      mode === "auto"
        ? {
            action: "create",
            webhookUrl: webhook,
            creds: keyBody(key),
          }
        : { action: "manual", webhookUrl: webhook, topicArn };
    const res = await callSetup("POST /api/setup/events", body);
    setBusy(false);
    if (res.ok) {
      setKey(EMPTY_KEY);
      router.refresh();
    } else setError(res.data);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-5">
      <Field
        id="webhook-url"
        label={`${p.targetLabel} webhook URL`}
        hint={
          p.demo
            ? "Demo: the stand-in's built-in receiver plays the platform's webhook (it confirms the subscription and records each event)."
            : `The platform's public API URL followed by ${p.needs.webhookPath}. AWS must reach it from the internet over https, and the platform must be running: it confirms the subscription itself.`
        }
        error={error?.field === "webhookUrl" ? error.error : undefined}
      >
        <Input
          id="webhook-url"
          spellCheck={false}
          value={webhook}
          onChange={(e) => setWebhook(e.target.value)}
          required
        />
      </Field>
      <ModeTabs label="How to build the loop" modes={AUTO_OR_MANUAL} mode={mode} onChange={setMode} />
      <div role="tabpanel" className="flex flex-col gap-4">
        {mode === "auto" ? (
          <>
            <Alert title="Set-up credentials">
              Paste short-lived credentials of an administrator (or a principal allowed{" "}
              {p.setupActions.map((x, i) => (
                <span key={x}>
                  {i ? ", " : ""}
                  <code className="font-mono text-xs">{x}</code>
                </span>
              ))}
              ). They are used for these calls only, never stored; the platform&apos;s own key gets none of these
              rights.
            </Alert>
            <KeyFields idPrefix="events-setup" labelPrefix="Set-up" value={key} onChange={setKey} />
          </>
        ) : p.manual ? (
          <Suspense fallback={<LazyFallback what="the manual steps" />}>
            <ManualPath manual={p.manual} topicArn={topicArn} onTopicArn={setTopicArn} />
          </Suspense>
        ) : null}
      </div>
      {error?.finding ? (
        <RefusalAlert error={error.error} finding={error.finding} />
      ) : error && error.field !== "webhookUrl" ? (
        <Alert
          variant="error"
          title={error.permission ? `Missing permission ${error.permission}` : "Could not build the loop"}
        >
          {error.error}
        </Alert>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={busy}>
          {busy ? "Working…" : mode === "auto" ? "Create event loop" : "Check what I built"}
        </Button>
      </div>
    </form>
  );
}

export function PlatformBuilds(p: EventsStepProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <Alert title={`${p.targetLabel} builds its own loop`}>{p.needs.webhookHelp}</Alert>
      <div className="flex justify-end">
        <Button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const res = await callSetup("POST /api/setup/events", { action: "platform" });
            setBusy(false);
            if (res.ok) router.refresh();
          }}
        >
          Done in {p.targetLabel} — check it
        </Button>
      </div>
    </div>
  );
}
