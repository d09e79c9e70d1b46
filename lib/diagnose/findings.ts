import { CATALOGUE, type FindingCode, type FindingSpec } from "./catalogue";
import type { Evidence, Finding, ReportStatus, Severity } from "./schema";

/** What a probe emits: a catalogue code and what it saw. Wording comes only from the catalogue. */
export interface RawFinding {
  code: FindingCode;
  evidence: Evidence;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, pass: 3 };

function specOf(code: string): FindingSpec | undefined {
  return (CATALOGUE as Record<string, FindingSpec>)[code];
}

/** Fills `{name}` placeholders from evidence; a placeholder without evidence becomes "(unknown)" rather than leaking braces. */
export function fillTemplate(text: string, evidence: Evidence): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => {
    const value = evidence[name];
    return value === undefined || value === null ? "(unknown)" : String(value);
  });
}

/** Findings from other modules (env, DNS, SMTP libraries) typed by the catalogue; codes it lacks are dropped. */
export function knownFindings(list: { code: string; evidence: Evidence }[]): RawFinding[] {
  return list.filter((f) => specOf(f.code) !== undefined) as RawFinding[];
}

/** Turns `{code, evidence}` into the full finding the UI, CLI and health endpoint show. */
export function materialize(code: string, evidence: Evidence = {}): Finding {
  const spec = specOf(code);
  if (!spec) throw new Error(`unknown finding code: ${code}`);
  return {
    code,
    severity: spec.severity,
    title: fillTemplate(spec.title, evidence),
    detail: fillTemplate(spec.why, evidence),
    fix: fillTemplate(spec.fix, evidence),
    evidence,
    component: spec.component,
    ...(spec.docs ? { docs: spec.docs } : {}),
  };
}

/** What to fix first: catalogue order (input damage before identity before permissions …), then severity, then code. */
export function sortFindings(findings: Finding[]): Finding[] {
  const orderOf = (f: Finding) => specOf(f.code)?.order ?? 1000;
  return [...findings].sort(
    (a, b) =>
      orderOf(a) - orderOf(b) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.code.localeCompare(b.code) ||
      JSON.stringify(a.evidence).localeCompare(JSON.stringify(b.evidence)),
  );
}

/** fail when any finding is an error, warn when any is a warning; info findings do not change the status. */
export function statusOf(findings: Pick<Finding, "severity">[]): ReportStatus {
  if (findings.some((f) => f.severity === "error")) return "fail";
  if (findings.some((f) => f.severity === "warn")) return "warn";
  return "pass";
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
