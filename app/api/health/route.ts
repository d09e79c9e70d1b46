import { healthService } from "@/lib/health";
import { renderHealthResponse } from "@/lib/health/respond";

/**
 * Readiness for compose gates and uptime monitors: the cached health round as application/health+json,
 * 200 for pass/warn, 503 for fail. Callers never trigger more than one AWS round per cache period.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const service = healthService();
  return renderHealthResponse(await service.get(), service.periodMs);
}
