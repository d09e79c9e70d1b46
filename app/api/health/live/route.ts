import type { LiveJson } from "@/lib/health/contract";

/**
 * Liveness: answers 200 as long as the process serves HTTP. No outbound call, no config read, so a slow or
 * unreachable AWS never gets the container restarted (readiness lives at /api/health). Answer: LiveJson
 * (lib/health/contract.ts).
 */
export const dynamic = "force-dynamic";

const startedAt = Date.now();

export function GET(): Response {
  const body: LiveJson = { status: "pass", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  return Response.json(body, {
    headers: { "Content-Type": "application/health+json", "Cache-Control": "no-store" },
  });
}

export function HEAD(): Response {
  return new Response(null, { headers: { "Cache-Control": "no-store" } });
}
