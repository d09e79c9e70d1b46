import type { Finding, Severity } from "@/lib/diagnose/schema";
import { FindingCard } from "./finding-card";

const RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, pass: 3 };

/** Findings worst-first (stable within a severity, so the engine's fix-first order survives). */
export function FindingList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
  return (
    <ul aria-label="Findings" className="flex flex-col gap-2">
      {sorted.map(({ f, i }) => (
        <li key={`${f.code}-${i}`}>
          <FindingCard finding={f} />
        </li>
      ))}
    </ul>
  );
}
