"use client";

import { RotateCw } from "lucide-react";
import { FindingList } from "@/components/findings/finding-list";
import { Alert, Button } from "@/components/ui";
import type { Finding, Report } from "@/lib/diagnose/schema";
import { ProbeChips } from "./check/probe-chips";
import { useCheckStream } from "./check/use-check-stream";

const count = (findings: Finding[], severity: Finding["severity"]) =>
  findings.filter((f) => f.severity === severity).length;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function Verdict({ findings }: { findings: Finding[] }) {
  if (count(findings, "error"))
    return (
      <Alert variant="error" title="Fix the errors below, then run the check again">
        Continue stays disabled while an error is open: writing a key that AWS rejects would only break the platform.
      </Alert>
    );
  if (count(findings, "warn"))
    return (
      <Alert variant="warning" title="Works, with warnings">
        Nothing blocks setup; the warnings below are worth fixing.
      </Alert>
    );
  return (
    <Alert variant="success" title="All checks passed">
      The key works in this region with the permissions the platform needs.
    </Alert>
  );
}

function summary(running: boolean, done: number, started: number, report?: Report, findings: Finding[] = []) {
  if (running) return `Checking… ${done} of ${started} checks finished`;
  if (!report) return "Not run yet.";
  return `Finished in ${Math.round(report.durationMs)} ms: ${plural(count(findings, "error"), "error")}, ${plural(count(findings, "warn"), "warning")}.`;
}

/** Step 3: runs the engine and shows each probe's findings the moment its NDJSON line arrives. */
export function CheckRunner({ autoStart }: { autoStart: boolean }) {
  const { probes, findings, report, error, running, run } = useCheckStream(autoStart);
  const passes = findings.filter((f) => f.severity === "pass");
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-neutral-600" aria-live="polite">
          {summary(running, probes.filter((p) => p.status === "done").length, probes.length, report, findings)}
        </p>
        <Button variant="outline" size="sm" onClick={() => void run()} disabled={running}>
          <RotateCw className="h-3.5 w-3.5" aria-hidden /> {report || error ? "Run again" : "Run check"}
        </Button>
      </div>
      <ProbeChips probes={probes} />
      {error ? <Alert variant="error">{error}</Alert> : null}
      {report ? <Verdict findings={findings} /> : null}
      <FindingList findings={findings.filter((f) => f.severity !== "pass")} />
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
