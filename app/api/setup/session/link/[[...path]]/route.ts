import { tradeLinkToken } from "../../link-token";

/**
 * The start-up link, `/setup/<path>?token=…`, rewritten here by next.config.ts (inside the server, never over HTTP):
 * the path after /link is the wizard page to land on.
 */
export async function GET(req: Request, ctx: { params: Promise<{ path?: string[] }> }) {
  const { path = [] } = await ctx.params;
  const page = ["/setup", ...path.map(encodeURIComponent)].join("/");
  return tradeLinkToken(req, page);
}
