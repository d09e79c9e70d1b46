import type { Entry } from "./cache";
import type { HealthSnapshot } from "./snapshot";

/**
 * `GET /api/metrics` (off unless SESAME_METRICS=1): the cached health round in Prometheus' text format — one gauge
 * per component (0 pass, 1 warn, 2 fail; a component the round could not check has no status sample and
 * `checked 0`), the overall status, the last round's duration, start time and AWS calls, and the rounds run so far.
 * Serving it runs no round of its own beyond what /api/health would (same cache). docs/health.md#metrics.
 */

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export const metricsEnabled = (env: Record<string, string | undefined> = process.env) => env.SESAME_METRICS === "1";

const VALUE = { pass: 0, warn: 1, fail: 2 } as const;

/** Label values in Prometheus' text format: backslash, quote and newline escaped. */
const label = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function renderMetrics(entry: Entry<HealthSnapshot>, rounds: number, awsCalls?: number): string {
  const snap = entry.value;
  const lines = [
    "# HELP sesame_health_status Overall health: 0 pass, 1 warn, 2 fail.",
    "# TYPE sesame_health_status gauge",
    `sesame_health_status ${VALUE[snap.status]}`,
    "# HELP sesame_health_component_status Health per component: 0 pass, 1 warn, 2 fail.",
    "# TYPE sesame_health_component_status gauge",
  ];
  for (const c of snap.components)
    if (c.status !== "skipped")
      lines.push(
        `sesame_health_component_status{component="${label(c.id)}",check="${label(c.key)}"} ${VALUE[c.status]}`,
      );
  lines.push(
    "# HELP sesame_health_component_checked 1 when the last round checked the component, 0 when it could not.",
    "# TYPE sesame_health_component_checked gauge",
    ...snap.components.map(
      (c) => `sesame_health_component_checked{component="${label(c.id)}"} ${c.status === "skipped" ? 0 : 1}`,
    ),
    "# HELP sesame_health_round_duration_seconds Duration of the last health round.",
    "# TYPE sesame_health_round_duration_seconds gauge",
    `sesame_health_round_duration_seconds ${(snap.durationMs / 1000).toFixed(3)}`,
    "# HELP sesame_health_round_start_timestamp_seconds When the last health round started (Unix time).",
    "# TYPE sesame_health_round_start_timestamp_seconds gauge",
    `sesame_health_round_start_timestamp_seconds ${(Date.parse(snap.checkedAt) / 1000).toFixed(3)}`,
    "# HELP sesame_health_stale 1 while the answer is older than the cache period (one refresh under way).",
    "# TYPE sesame_health_stale gauge",
    `sesame_health_stale ${entry.stale ? 1 : 0}`,
    "# HELP sesame_health_rounds_total Health rounds started since Sesame started.",
    "# TYPE sesame_health_rounds_total counter",
    `sesame_health_rounds_total ${rounds}`,
  );
  if (awsCalls !== undefined)
    lines.push(
      "# HELP sesame_health_round_aws_calls AWS requests the last health round made.",
      "# TYPE sesame_health_round_aws_calls gauge",
      `sesame_health_round_aws_calls ${awsCalls}`,
    );
  return `${lines.join("\n")}\n`;
}
