import type { Evidence, Finding, ReportStatus } from "@/lib/findings/model";
import { bySeverity, worstSeverity } from "@/lib/findings/severity";
import { type EvidenceOf, type FindingCode, type FindingSpec, type RawFinding, specOf } from "./catalogue";

export type { RawFinding } from "./catalogue";

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Fills `{name}` placeholders from evidence; a placeholder named in `phrases` is replaced by the phrase its evidence
 * value selects (itself filled). Typed evidence makes a missing value a compile error; should one slip through
 * (untyped callers), it reads "(unknown)" rather than leaking braces.
 */
export function fillTemplate(
  text: string,
  evidence: Evidence,
  phrases: FindingSpec["phrases"] = {},
  depth = 0,
): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = evidence[name];
    const table = Object.hasOwn(phrases, name) ? phrases[name] : undefined;
    if (table && depth < 2) {
      const phrase = value === undefined || value === null ? undefined : table[String(value)];
      return phrase === undefined ? "(unknown)" : fillTemplate(phrase, evidence, phrases, depth + 1);
    }
    return value === undefined || value === null ? "(unknown)" : String(value);
  });
}

/** Turns `{code, evidence}` into the full finding the UI, CLI and health endpoint show. */
export function materialize<C extends FindingCode>(code: C, evidence: EvidenceOf<C>): Finding {
  return render(code, evidence);
}

/** A finding already typed by the catalogue (a union of codes), e.g. from the DNS check or the env linter. */
export function materializeRaw(f: RawFinding): Finding {
  return render(f.code, f.evidence);
}

function render(code: string, evidence: Evidence): Finding {
  const spec = specOf(code);
  if (!spec) throw new Error(`unknown finding code: ${code}`);
  return {
    code,
    severity: spec.severity,
    title: fillTemplate(spec.title, evidence, spec.phrases),
    detail: fillTemplate(spec.why, evidence, spec.phrases),
    fix: fillTemplate(spec.fix, evidence, spec.phrases),
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
