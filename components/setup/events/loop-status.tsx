"use client";

import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Alert, Badge, Button, cn, DataTable, TableCell } from "@/components/ui";
import type { EventsStatus } from "@/lib/setup/contract";
import { callSetup } from "../api";

import { LazyFallback } from "../lazy-fallback";
import type { EventsStepProps, StatusData } from "./props";

/** The findings appear with the first status answer: their code comes with it, not with the page. */
const FindingList = lazy(() => import("@/components/findings/finding-list").then((m) => ({ default: m.FindingList })));

const STATUS_BADGE = {
  confirmed: { v: "success", t: "Confirmed" },
  pending: { v: "warning", t: "Pending confirmation" },
  problem: { v: "error", t: "Needs attention" },
} as const;

export function LoopStatus(p: EventsStepProps) {
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
      {data?.findings.length ? (
        <Suspense fallback={<LazyFallback what="the findings" />}>
          <FindingList findings={data.findings} />
        </Suspense>
      ) : null}
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
        <DataTable
          label="Received notifications"
          columns={["Notification and SES message ID", "Signature"]}
          rows={received}
          rowKey={(r) => `${r.type}-${r.messageId ?? ""}-${r.at ?? ""}`}
        >
          {(r) => (
            <>
              <TableCell>
                <span className="block">{r.eventType ? `${r.eventType} event` : r.type}</span>
                {r.messageId ? <span className="block font-mono text-neutral-500 break-all">{r.messageId}</span> : null}
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
            </>
          )}
        </DataTable>
      ) : (
        <p className="text-sm text-neutral-500">
          Nothing yet. A test send in the next step to bounce@simulator shows up here.
        </p>
      )}
    </div>
  );
}
