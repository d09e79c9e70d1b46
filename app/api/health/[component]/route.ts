import { healthService } from "@/lib/health";
import { renderComponentResponse } from "@/lib/health/respond";

/**
 * One component's readiness (`/api/health/credentials`, `/api/health/domain`, …) for monitors that can only test a
 * single URL: the same cached round as /api/health, the same status codes (200 pass/warn, 503 fail), 404 for a name
 * that is no component.
 */
export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ component: string }> }): Promise<Response> {
  const { component } = await ctx.params;
  return renderComponentResponse(await healthService().get(), component);
}
