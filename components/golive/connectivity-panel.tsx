"use client";

import { Network } from "lucide-react";
import { useState } from "react";
import { callSetup } from "@/components/setup/api";
import { Alert, Badge, type BadgeVariant, Button, CopyButton, DataTable, TableCell } from "@/components/ui";
import type { SmtpPortsResponse } from "@/lib/setup/contract";
import type { PortOutcome } from "@/lib/smtp/port-advice";

type Checked = SmtpPortsResponse & { error?: string };

const OUTCOME: Record<PortOutcome, { label: string; variant: BadgeVariant }> = {
  reachable: { label: "Works", variant: "success" },
  timeout: { label: "Timed out", variant: "warning" },
  refused: { label: "Refused", variant: "error" },
  "tls-failed": { label: "TLS failed", variant: "error" },
  error: { label: "Failed", variant: "error" },
};

/**
 * "Connectivity": which of SES's SMTP ports answer from this host, the port and TLS setting to use per app, and (SMTP
 * targets) writing them to the env file. The check runs on the server; nothing secret is involved.
 */
export function ConnectivityPanel(props: { smtpTarget: boolean; initial?: Checked }) {
  const [busy, setBusy] = useState<"check" | "apply" | null>(null);
  const [state, setState] = useState<Checked | undefined>(props.initial);

  async function run(action: "check" | "apply") {
    setBusy(action);
    const res = await callSetup("POST /api/setup/smtp-ports", { action });
    setBusy(null);
    setState(res.ok ? res.data : { ...(state ?? { results: [], advice: [] }), error: res.data.error });
  }

  const best = state?.recommended;
  return (
    <section aria-labelledby="connectivity-title" className="flex flex-col gap-3 border-t border-neutral-200 pt-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h3 id="connectivity-title" className="text-sm font-semibold text-neutral-900">
            Connectivity
          </h3>
          <p className="text-sm text-neutral-500">
            Tries SES&apos;s SMTP endpoint{state?.host ? ` (${state.host})` : ""} on 25, 587, 2587 (STARTTLS) and 465,
            2465 (TLS) from this host at once.
          </p>
        </div>
        <Button variant="secondary" onClick={() => run("check")} disabled={busy !== null}>
          <Network className="h-4 w-4" aria-hidden />
          {busy === "check" ? "Checking ports…" : "Check SMTP ports"}
        </Button>
      </div>
      {state?.error ? <Alert variant="error">{state.error}</Alert> : null}
      {state && state.results.length > 0 ? (
        <DataTable
          label="SMTP ports"
          columns={["Port", "TLS", "Result", { label: "Detail", className: "hidden sm:table-cell" }]}
          rows={state.results}
          rowKey={(r) => String(r.port)}
        >
          {(r) => (
            <>
              <TableCell className="font-mono">{r.port}</TableCell>
              <TableCell className="whitespace-nowrap">{r.tls === "implicit" ? "Implicit TLS" : "STARTTLS"}</TableCell>
              <TableCell>
                <Badge variant={OUTCOME[r.outcome].variant}>{OUTCOME[r.outcome].label}</Badge>
                {r.outcome === "reachable" ? null : <p className="mt-1 text-neutral-500 sm:hidden">{r.detail}</p>}
              </TableCell>
              <TableCell className="hidden text-neutral-500 sm:table-cell">
                {r.outcome === "reachable" ? `${r.ms} ms` : (r.detail ?? "")}
              </TableCell>
            </>
          )}
        </DataTable>
      ) : null}
      {state && state.results.length > 0 && !best ? (
        <Alert variant="error" title="No SES SMTP port works from this host">
          Outbound SMTP is blocked here. Ask the hosting provider to allow outbound TCP to SES on 587 or 2587, or send
          through the SES API over HTTPS instead.
        </Alert>
      ) : null}
      {best ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-neutral-800">
            Use port <strong className="font-mono">{best.port}</strong> with{" "}
            <strong>
              {best.tls === "implicit" ? "TLS from the first byte (secure: true)" : "STARTTLS (secure: false)"}
            </strong>
            .
          </p>
          <ul className="grid gap-2 sm:grid-cols-2" aria-label="Settings per app">
            {state?.advice.map((a) => (
              <li key={a.app} className="rounded-lg border border-neutral-200 p-3 text-xs">
                <p className="font-medium text-neutral-900">{a.app}</p>
                {a.settings.map((s) => (
                  <p key={s.name} className="mt-1 flex items-center gap-1 font-mono text-neutral-700">
                    <span className="break-all">
                      {s.name}={s.value}
                    </span>
                    <CopyButton value={`${s.name}=${s.value}`} label={`Copy ${s.name}`} />
                  </p>
                ))}
                {a.note ? <p className="mt-1 text-neutral-500">{a.note}</p> : null}
              </li>
            ))}
          </ul>
          {props.smtpTarget ? (
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => run("apply")} disabled={busy !== null}>
                {busy === "apply" ? "Writing…" : `Write port ${best.port} to the env file`}
              </Button>
              {state?.applied ? (
                <span role="status" className="text-sm text-green-700">
                  Wrote{" "}
                  {Object.entries(state.applied)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}{" "}
                  to {state.file}.
                </span>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
