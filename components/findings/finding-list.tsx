import type { Finding } from "@/lib/diagnose/schema";
import { SEVERITY_RANK } from "@/lib/findings/severity";
import { FindingCard } from "./finding-card";

/** Findings worst-first (stable within a severity, so the engine's fix-first order survives). */
export function FindingList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i);
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
