import { healthService } from "@/lib/health";
import type { HealthError } from "@/lib/health/contract";
import { lastRoundAwsCalls } from "@/lib/health/engine";
import { METRICS_CONTENT_TYPE, metricsEnabled, renderMetrics } from "@/lib/health/metrics";

/** Prometheus scrape target over the cached health round; 404 unless SESAME_METRICS=1 (docs/health.md#metrics). */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (!metricsEnabled()) {
    const off: HealthError = { error: "Metrics are off. Set SESAME_METRICS=1 to serve them here." };
    return Response.json(off, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const service = healthService();
  const entry = await service.get();
  return new Response(renderMetrics(entry, service.runs, lastRoundAwsCalls()), {
    headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" },
  });
}
