"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Finding, Report } from "@/lib/diagnose/schema";
import type { CheckEvent } from "@/lib/setup/contract";
import { callSetup } from "../api";

/** One chip per probe: its state and how many findings of each weight it produced so far. */
export interface ProbeTally {
  probe: string;
  status: Extract<CheckEvent, { type: "probe" }>["status"];
  errors: number;
  warnings: number;
  others: number;
}

function tallied(rows: ProbeTally[], e: Extract<CheckEvent, { type: "probe" }>): ProbeTally[] {
  const prev = rows.find((r) => r.probe === e.probe);
  const count = (sev: Finding["severity"]) => e.findings.filter((f) => f.severity === sev).length;
  const row: ProbeTally = {
    probe: e.probe,
    status: e.status,
    errors: (prev?.errors ?? 0) + count("error"),
    warnings: (prev?.warnings ?? 0) + count("warn"),
    others: (prev?.others ?? 0) + count("info"),
  };
  return prev ? rows.map((r) => (r.probe === e.probe ? row : r)) : [...rows, row];
}

/** Runs the credential check (POST /api/setup/check) and keeps what its stream has said so far. */
export function useCheckStream(autoStart: boolean) {
  const router = useRouter();
  const [probes, setProbes] = useState<ProbeTally[]>([]);
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
      const res = await callSetup("POST /api/setup/check", {}, { signal: ac.signal });
      if (!res.ok) {
        setError(res.data.error);
        return;
      }
      for await (const e of res.data) {
        if (e.type === "probe") {
          setProbes((rows) => tallied(rows, e));
          if (e.findings.length) setFindings((f) => [...f, ...e.findings]);
        } else if (e.type === "report") {
          setReport(e.report);
          setFindings(e.report.findings);
          router.refresh();
        } else setError(e.message);
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

  return { probes, findings, report, error, running, run };
}
