import { readFile } from "node:fs/promises";
import path from "node:path";
import type { HealthError } from "@/lib/health/contract";

/**
 * health+json's `links.docs`: this deployment's docs/health.md (what each check means, monitor recipes), served as
 * Markdown from the checkout or, in the image, from the copy the Dockerfile puts next to the server.
 */
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const text = await readFile(path.join(process.cwd(), "docs", "health.md"), "utf8").catch(() => undefined);
  if (text === undefined) {
    const missing: HealthError = {
      error: "docs/health.md is not part of this installation; see the Sesame repository's docs/health.md.",
    };
    return Response.json(missing, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(text, {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
