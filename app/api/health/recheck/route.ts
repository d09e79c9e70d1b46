import { cookies } from "next/headers";
import { healthService } from "@/lib/health";
import type { HealthError } from "@/lib/health/contract";
import { renderHealthResponse } from "@/lib/health/respond";
import { crossOriginReason } from "@/lib/setup/http";
import { validSession } from "@/lib/setup/session-table";
import { SESSION_COOKIE } from "@/lib/setup/token";

/**
 * The page's re-check button. Anyone who may read /health may press it, but only a signed-in operator (setup
 * session) makes the server call AWS: an anonymous re-check is answered from the cache, and even the operator gets
 * at most one forced round per cache period (the service's limit). Cross-site posts are refused. docs/health.md.
 */
export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const why = crossOriginReason(req);
  if (why) {
    const refused: HealthError = { error: `Rejected: ${why}.` };
    return Response.json(refused, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  const service = healthService();
  const signedIn = validSession((await cookies()).get(SESSION_COOKIE)?.value) !== null;
  return renderHealthResponse(await (signedIn ? service.refresh() : service.get()), service.periodMs);
}
