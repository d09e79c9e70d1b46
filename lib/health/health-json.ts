import type { HealthCheckEntry, HealthJson } from "./contract";
import type { Entry } from "./cache";
import { release } from "./release";
import { findingStatus, type HealthSnapshot } from "./snapshot";

/**
 * health+json per draft-inadarei-api-health-check: status pass/warn/fail, checks keyed `component:measurement`,
 * pass and warn answer 200, fail answers 503. Each check's `time` is when the round that measured it started, so an
 * answer served stale (while one refresh runs) carries its real age. docs/health.md shows monitors built on it; the
 * schema is declared once in ./contract.ts.
 */

export { type HealthCheckEntry, HealthCheckEntrySchema, type HealthJson, HealthJsonSchema } from "./contract";

export const HEALTH_CONTENT_TYPE = "application/health+json";

/** Where a monitor or a person goes next; relative to the server that answered. */
export const HEALTH_LINKS = {
  about: "/health",
  self: "/api/health",
  live: "/api/health/live",
  component: "/api/health/{component}",
  docs: "/api/health/docs",
} as const;

export const httpStatusOf = (status: HealthJson["status"]) => (status === "fail" ? 503 : 200);

export function toHealthJson(entry: Entry<HealthSnapshot>): { body: HealthJson; httpStatus: number } {
  const snap = entry.value;
  const checks: Record<string, HealthCheckEntry[]> = {};
  for (const c of snap.components) {
    if (c.status === "skipped") continue;
    const problems = c.findings.filter((f) => findingStatus(f) !== "pass");
    checks[c.key] = [
      {
        componentId: c.id,
        componentType: c.id === "endpoint" || c.id === "smtp" || c.id === "dns" ? "system" : "component",
        ...(c.observedValue !== undefined ? { observedValue: c.observedValue, observedUnit: c.observedUnit } : {}),
        status: c.status,
        time: snap.checkedAt,
        ...(problems.length ? { output: problems.map((f) => `${f.code}: ${f.title} — ${f.fix}`).join("\n") } : {}),
      },
    ];
  }

  const notes = [
    `target ${snap.target}`,
    ...(snap.region ? [`region ${snap.region}`] : []),
    ...(snap.keyId ? [`access key ${snap.keyId}`] : []),
    ...(snap.domain ? [`domain ${snap.domain}`] : []),
    `checked ${snap.checkedAt}${entry.stale ? " (stale, refresh due)" : ""}`,
  ];
  let status = snap.status;
  let output = snap.error;
  if (entry.lastRefreshFailed) {
    const failedAt = new Date(entry.lastRefreshFailed.at).toISOString();
    const why = entry.lastRefreshFailed.value.error ?? "AWS could not be reached";
    notes.push(`last refresh at ${failedAt} failed (${why}); showing the previous result`);
    // the previous answer may be fine, but the latest attempt was not: never report a clean pass over it
    if (status === "pass") status = "warn";
    output = output ?? `Serving the result from ${snap.checkedAt}; the latest check failed: ${why}`;
  }
  const body: HealthJson = {
    status,
    ...release(),
    serviceId: "sesame",
    description: "Can the email platform still send through Amazon SES?",
    checks,
    notes,
    ...(output ? { output } : {}),
    links: { ...HEALTH_LINKS },
  };
  return { body, httpStatus: httpStatusOf(status) };
}
