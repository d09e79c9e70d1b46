import { crossOriginReason } from "@/lib/setup/http";
import { healthService } from "@/lib/health";
import { renderHealthResponse } from "@/lib/health/respond";

/**
 * The page's re-check button. Open to anyone who may read /health, so it is rate-limited by the service (one forced
 * round per few seconds, shared with every other caller) and refuses cross-site posts.
 */
export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const why = crossOriginReason(req);
  if (why) {
    return Response.json({ error: `Rejected: ${why}.` }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }
  return renderHealthResponse(await healthService().refresh());
}
