"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, AUTO_OR_MANUAL, Button, Field, Input, ModeTabs } from "@/components/ui";
import type { RequestOf } from "@/lib/setup/contract";
import { callSetup } from "../api";
import { CodeBlock } from "../code-block";
import { EMPTY_KEY, type KeyInput, KeyFields } from "../key-fields";

import type { ErrorData, EventsStepProps } from "./props";
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
            creds: { accessKeyId: key.keyId, secretAccessKey: key.secret, sessionToken: key.token || undefined },
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
          <>
            <ol className="flex list-decimal flex-col gap-1.5 pl-5 text-sm text-neutral-700">
              {p.manual.console.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
            <h3 className="text-sm font-medium text-neutral-900">Or with the AWS CLI</h3>
            <CodeBlock code={p.manual.cli.join("\n\n")} label="AWS CLI commands" />
            <Field id="topic-arn" label="Topic ARN" hint="From create-topic's output, or the SNS console.">
              <Input
                id="topic-arn"
                spellCheck={false}
                value={topicArn}
                onChange={(e) => setTopicArn(e.target.value)}
                required
              />
            </Field>
          </>
        ) : null}
      </div>
      {error && error.field !== "webhookUrl" ? (
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
