"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { FindingList } from "@/components/findings/finding-list";
import {
  Alert,
  Badge,
  Button,
  cn,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui";
import type { EventNeeds } from "@/lib/events/needs";
import type { PlanSet } from "@/lib/events/plan";
import type { EventsState } from "@/lib/events/state";
import type { ErrorOf, EventsStatus, RequestOf } from "@/lib/setup/contract";
import { callSetup } from "./api";
import { CodeBlock } from "./code-block";
import { EMPTY_KEY, type KeyInput, KeyFields } from "./key-fields";

export interface EventsStepProps {
  targetLabel: string;
  region: string;
  needs: EventNeeds;
  sets: PlanSet[];
  webhookUrl: string;
  demo: boolean;
  topicArnGuess: string;
  setupActions: string[];
  manual?: { console: string[]; cli: string[] };
  current?: EventsState;
}

type StatusData = EventsStatus;
type ErrorData = ErrorOf<"POST /api/setup/events">;

const TYPE_WORD: Record<string, string> = { renderingFailure: "rendering failure", deliveryDelay: "delivery delay" };
const typesText = (t: string[]) => t.map((x) => TYPE_WORD[x] ?? x).join(", ");

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

function NoEvents(p: EventsStepProps) {
  return (
    <div className="flex flex-col gap-4">
      <Alert title={`${p.targetLabel} has no event webhook`}>{p.needs.skipTradeoff}</Alert>
      {p.current?.status === "skipped" ? <p className="text-sm text-neutral-600">Skipped.</p> : <SkipButton {...p} />}
    </div>
  );
}

function SkipButton(p: EventsStepProps) {
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

function Needs(p: EventsStepProps) {
  const rows = p.sets.length
    ? p.sets.map((s) => ({ name: s.name, variable: s.variable, types: s.eventTypes, role: s.role }))
    : p.needs.sets.map((s) => ({ name: s.name ?? "—", variable: s.variable ?? "", types: s.eventTypes, role: s.role }));
  return (
    <section aria-labelledby="needs-heading" className="flex flex-col gap-3">
      <h3 id="needs-heading" className="text-sm font-medium text-neutral-900">
        What {p.targetLabel} needs in {p.region}
      </h3>
      {rows.length ? (
        <Table aria-label="Configuration sets">
          <TableHeader>
            <TableRow>
              <TableHead>Configuration set and variable</TableHead>
              <TableHead>Events published to SNS</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.variable || r.name}>
                <TableCell>
                  <span className="block font-mono break-all">{r.name}</span>
                  <span className="block font-mono text-neutral-500 break-all">{r.variable}</span>
                </TableCell>
                <TableCell>
                  {typesText(r.types)} <span className="text-neutral-400">({r.role})</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <ul className="flex list-disc flex-col gap-1 pl-5 text-sm text-neutral-600">
        <li>
          SNS topic <code className="font-mono text-xs">{p.needs.topicName}</code>, subscribed by the webhook{" "}
          <code className="font-mono text-xs">{p.needs.webhookPath}</code>. {p.needs.webhookHelp}
        </li>
        {p.needs.allowListVar ? (
          <li>
            The topic&apos;s ARN in <code className="font-mono text-xs">{p.needs.allowListVar}</code>: Plunk drops
            events from topics not listed there.
          </li>
        ) : null}
        <li>Every send names the set, so a set missing in {p.region} makes every send of the platform fail.</li>
      </ul>
    </section>
  );
}

function BuildForm(p: EventsStepProps) {
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
      <div
        role="tablist"
        aria-label="How to build the loop"
        className="inline-flex w-fit rounded-lg bg-neutral-100 p-1"
      >
        {(["auto", "manual"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              mode === m ? "bg-white text-neutral-900 shadow-xs" : "text-neutral-600 hover:text-neutral-900",
            )}
          >
            {m === "auto" ? "Automatic" : "Manual"}
          </button>
        ))}
      </div>
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

function PlatformBuilds(p: EventsStepProps) {
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

const STATUS_BADGE = {
  confirmed: { v: "success", t: "Confirmed" },
  pending: { v: "warning", t: "Pending confirmation" },
  problem: { v: "error", t: "Needs attention" },
} as const;

function LoopStatus(p: EventsStepProps) {
  const router = useRouter();
  const [data, setData] = useState<StatusData>();
  const [error, setError] = useState<string>();
  const refresh = useCallback(async () => {
    const res = await callSetup("GET /api/setup/events");
    if (res.ok) {
      setError(undefined);
      setData((prev) => {
        if (res.data.status === "confirmed" && prev?.status !== "confirmed") router.refresh();
        return res.data;
      });
    } else setError(res.data.error);
  }, [router]);

  useEffect(() => {
    void refresh();
    // the demo's stand-in confirms within a second; a real platform behind a proxy can take a while
    const timer = setInterval(() => void refresh(), p.demo ? 2000 : 10_000);
    return () => clearInterval(timer);
  }, [refresh, p.demo]);

  const badge = data ? STATUS_BADGE[data.status] : undefined;
  return (
    <section aria-labelledby="loop-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="loop-heading" className="text-sm font-medium text-neutral-900">
          Subscription
        </h3>
        {badge ? (
          <Badge variant={badge.v} role="status" aria-label={`Subscription: ${badge.t}`}>
            {badge.t}
          </Badge>
        ) : (
          <span className="text-xs text-neutral-500">Checking…</span>
        )}
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {p.current?.topicArn ? (
          <>
            <dt className="text-neutral-500">Topic</dt>
            <dd className="break-all font-mono text-xs">{p.current.topicArn}</dd>
          </>
        ) : null}
        {p.current?.webhookUrl ? (
          <>
            <dt className="text-neutral-500">Webhook</dt>
            <dd className="break-all font-mono text-xs">{p.current.webhookUrl}</dd>
          </>
        ) : null}
        {p.current?.envWritten.length ? (
          <>
            <dt className="text-neutral-500">Written</dt>
            <dd className="font-mono text-xs">{p.current.envWritten.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {error ? <Alert variant="error">{error}</Alert> : null}
      {data?.status === "pending" ? (
        <p className="text-sm text-neutral-600">
          Waiting for the platform to confirm. Sesame checks again every {p.demo ? 2 : 10} seconds; what to fix is
          below.
        </p>
      ) : null}
      {data ? <FindingList findings={data.findings} /> : null}
      {data?.status === "confirmed" ? <BounceTest onSent={refresh} /> : null}
      {data?.received ? <ReceivedTable received={data.received} /> : null}
    </section>
  );
}

/** One send to the bounce simulator through the platform's set: SES answers with a Bounce event on the loop. */
function BounceTest({ onSent }: { onSent: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-neutral-200 p-3">
      <p className="text-sm text-neutral-600">
        Prove the loop end to end: send one message to the mailbox simulator&apos;s bounce address through the
        platform&apos;s configuration set; SES answers with a Bounce event that travels the topic to the webhook.
      </p>
      <div>
        <Button
          type="button"
          size="sm"
          variant="outline"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const res = await callSetup("POST /api/setup/events", { action: "bounce" });
            setBusy(false);
            setResult(
              res.ok
                ? {
                    ok: true,
                    text: `Sent to bounce@simulator.amazonses.com through ${res.data.configurationSet}: ${res.data.messageId}`,
                  }
                : { ok: false, text: res.data.error ?? "The send failed." },
            );
            if (res.ok) await onSent();
          }}
        >
          {busy ? "Sending…" : "Send a test bounce"}
        </Button>
      </div>
      {result ? (
        <p role="status" className={cn("text-sm break-all", result.ok ? "text-neutral-700" : "text-red-700")}>
          {result.text}
        </p>
      ) : null}
    </div>
  );
}

function ReceivedTable({ received }: { received: NonNullable<EventsStatus["received"]> }) {
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-medium text-neutral-900">Received by the demo webhook</h3>
      {received.length ? (
        <Table aria-label="Received notifications">
          <TableHeader>
            <TableRow>
              <TableHead>Notification and SES message ID</TableHead>
              <TableHead>Signature</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {received.map((r) => (
              <TableRow key={`${r.type}-${r.messageId ?? ""}-${r.at ?? ""}`}>
                <TableCell>
                  <span className="block">{r.eventType ? `${r.eventType} event` : r.type}</span>
                  {r.messageId ? (
                    <span className="block font-mono text-neutral-500 break-all">{r.messageId}</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  {r.signatureValid === undefined ? (
                    "—"
                  ) : (
                    <Badge variant={r.signatureValid ? "success" : "error"}>
                      {r.signatureValid ? "Valid" : "Invalid"}
                    </Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <p className="text-sm text-neutral-500">
          Nothing yet. A test send in the next step to bounce@simulator shows up here.
        </p>
      )}
    </div>
  );
}
