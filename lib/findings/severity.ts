/** Browser-safe (no zod): the severities' rank order, for the engine, the health cards and the pages. */
import type { Severity } from "./model";

/** The one rank order: what to look at first. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warn: 1, info: 2, pass: 3 };

export function bySeverity<T extends { severity: Severity }>(a: T, b: T): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

/** The most severe of a list ("pass" for none). */
export function worstSeverity(severities: Iterable<Severity>): Severity {
  let w: Severity = "pass";
  for (const s of severities) if (SEVERITY_RANK[s] < SEVERITY_RANK[w]) w = s;
  return w;
}
