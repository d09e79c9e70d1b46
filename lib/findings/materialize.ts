import type { Finding, ReportStatus } from "@/lib/findings/model";
import { bySeverity, worstSeverity } from "@/lib/findings/severity";
import { CATALOGUE, type EvidenceOf, type FindingCode, type RawFinding, specOf } from "./catalogue";
import { render } from "./section";

export type { RawFinding } from "./catalogue";
/** The template filler lives with the section materializer (./section.ts), which needs no catalogue. */
export { fillTemplate } from "./section";

/** Turns `{code, evidence}` into the full finding the UI, CLI and health endpoint show. */
export function materialize<C extends FindingCode>(code: C, evidence: EvidenceOf<C>): Finding {
  return render(CATALOGUE, code, evidence);
}

/** A finding already typed by the catalogue (a union of codes), e.g. from the DNS check or the env linter. */
export function materializeRaw(f: RawFinding): Finding {
  return render(CATALOGUE, f.code, f.evidence);
}

/** What to fix first: catalogue order (input damage before identity before permissions …), then severity, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  const orderOf = (f: Finding) => specOf(f.code)?.order ?? 1000;
  return [...findings].sort(
    (a, b) =>
      orderOf(a) - orderOf(b) ||
      bySeverity(a, b) ||
      a.code.localeCompare(b.code) ||
      JSON.stringify(a.evidence).localeCompare(JSON.stringify(b.evidence)),
  );
}

/** fail when any finding is an error, warn when any is a warning; info findings do not change the status. */
export function statusOf(findings: Pick<Finding, "severity">[]): ReportStatus {
  const w = worstSeverity(findings.map((f) => f.severity));
  return w === "error" ? "fail" : w === "warn" ? "warn" : "pass";
}

/** Same code and same evidence = the same finding (several probes may see one endpoint failure). */
export function dedupeFindings(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  const out: RawFinding[] = [];
  for (const f of findings) {
    const key = `${f.code}|${dedupeKey(f)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

function dedupeKey(f: RawFinding): string {
  // Endpoint trouble is one finding per endpoint and kind, whichever operation ran into it first.
  if (f.code.startsWith("endpoint.") || f.code === "region.scope-rejected") return `${f.evidence.endpoint ?? ""}`;
  return JSON.stringify(Object.entries(f.evidence).sort(([a], [b]) => a.localeCompare(b)));
}
