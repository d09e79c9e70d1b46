"use client";

import { CheckCircle2, RotateCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { FindingList } from "@/components/findings/finding-list";
import { Alert, Button, Spinner } from "@/components/ui";
import type { Finding, Report } from "@/lib/diagnose/schema";

type ProbeRow = { probe: string; status: "start" | "done"; errors: number; warnings: number; others: number };

/** The chip's tally, worst first, coloured like the finding cards below it. */
function tally(p: ProbeRow): { text: string; className: string } | undefined {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (p.errors) return { text: plural(p.errors, "error"), className: "text-red-700" };
  if (p.warnings) return { text: plural(p.warnings, "warning"), className: "text-amber-700" };
  if (p.others) return { text: plural(p.others, "note"), className: "text-neutral-500" };
  return undefined;
}
type Line =
  | { type: "probe"; probe: string; status: "start" | "done"; findings: Finding[] }
  | { type: "report"; report: Report }
  | { type: "error"; message: string };

/** Step 3: runs the engine and shows each probe's findings the moment its NDJSON line arrives. */
export function CheckRunner({ autoStart }: { autoStart: boolean }) {
  const router = useRouter();
  const [probes, setProbes] = useState<ProbeRow[]>([]);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setRunning(true);
    setProbes([]);
    setFindings([]);
    setReport(undefined);
    setError(undefined);
    try {
      const res = await fetch("/api/setup/check", { method: "POST", signal: ac.signal, cache: "no-store" });
      if (!res.ok || !res.body) {
        const data = await res.json().catch(() => ({}));
        setError(data.error ?? `The check could not start (HTTP ${res.status}).`);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl = buf.indexOf("\n");
        while (nl >= 0) {
          const text = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          nl = buf.indexOf("\n");
          if (!text) continue;
          const line = JSON.parse(text) as Line;
          if (line.type === "probe") {
            setProbes((rows) => {
              const rest = rows.filter((r) => r.probe !== line.probe);
              const prev = rows.find((r) => r.probe === line.probe);
              const count = (sev: string) => line.findings.filter((f) => f.severity === sev).length;
              const row = {
                probe: line.probe,
                status: line.status,
                errors: (prev?.errors ?? 0) + count("error"),
                warnings: (prev?.warnings ?? 0) + count("warn"),
                others: (prev?.others ?? 0) + count("info"),
              };
              return prev ? rows.map((r) => (r.probe === line.probe ? row : r)) : [...rest, row];
            });
            if (line.findings.length) setFindings((f) => [...f, ...line.findings]);
          } else if (line.type === "report") {
            setReport(line.report);
            setFindings(line.report.findings);
            router.refresh();
          } else setError(line.message);
        }
      }
    } catch (err) {
      if ((err as Error).name !== "AbortError") setError("The connection to the Sesame server broke off.");
    } finally {
      if (abort.current === ac) setRunning(false);
    }
  }, [router]);

  useEffect(() => {
    if (autoStart) void run();
    return () => abort.current?.abort();
  }, [autoStart, run]);

  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warn").length;
  const shown = findings.filter((f) => f.severity !== "pass");
  const passes = findings.filter((f) => f.severity === "pass");

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-neutral-600" aria-live="polite">
          {running
            ? `Checking… ${probes.filter((p) => p.status === "done").length} of ${probes.length} checks finished`
            : report
              ? `Finished in ${Math.round(report.durationMs)} ms: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`
              : "Not run yet."}
        </p>
        <Button variant="outline" size="sm" onClick={() => void run()} disabled={running}>
          <RotateCw className="h-3.5 w-3.5" aria-hidden /> {report || error ? "Run again" : "Run check"}
        </Button>
      </div>
      {probes.length ? (
        <ul aria-label="Checks" className="grid gap-1 text-xs sm:grid-cols-2">
          {probes.map((p) => {
            const t = tally(p);
            return (
              <li
                key={p.probe}
                className="flex items-center gap-2 rounded-md border border-neutral-200 bg-white px-2 py-1.5"
              >
                {p.status === "done" ? (
                  <CheckCircle2 className="h-3.5 w-3.5 text-neutral-400" aria-label="finished" />
                ) : (
                  <Spinner className="h-3.5 w-3.5" label="running" />
                )}
                <span className="font-mono text-neutral-700">{p.probe}</span>
                {t ? <span className={`ml-auto ${t.className}`}>{t.text}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error ? <Alert variant="error">{error}</Alert> : null}
      {report ? (
        errors ? (
          <Alert variant="error" title="Fix the errors below, then run the check again">
            Continue stays disabled while an error is open: writing a key that AWS rejects would only break the
            platform.
          </Alert>
        ) : warnings ? (
          <Alert variant="warning" title="Works, with warnings">
            Nothing blocks setup; the warnings below are worth fixing.
          </Alert>
        ) : (
          <Alert variant="success" title="All checks passed">
            The key works in this region with the permissions {""}the platform needs.
          </Alert>
        )
      ) : null}
      <FindingList findings={shown} />
      {passes.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-neutral-500">{passes.length} passed checks</summary>
          <div className="mt-2">
            <FindingList findings={passes} />
          </div>
        </details>
      ) : null}
    </div>
  );
}
