import { type NextRequest, NextResponse } from "next/server";
import { pageCsp, SECURITY_HEADERS } from "./lib/http/security-headers";

/**
 * Pages only (API routes get their headers from next.config.ts, and their bodies are never buffered here):
 * - a Content-Security-Policy with a fresh nonce per request, which Next applies to its own scripts;
 * - the start-up link `/setup?token=…` is handed to the session route, which trades the token for the cookie and
 *   redirects to the same page without it, so the token never stays in the address bar or history.
 * docs/security.md#headers.
 */
export const LINK_TOKEN_HEADER = "x-sesame-link-token";

export function proxy(req: NextRequest) {
  const url = req.nextUrl;
  if (url.pathname.startsWith("/setup") && url.searchParams.has("token")) {
    const next = new URL(url);
    next.searchParams.delete("token");
    const target = new URL("/api/setup/session", url);
    target.searchParams.set("next", `${next.pathname}${next.search}`);
    // the token travels in a request header: Next echoes the rewrite URL to the browser (x-middleware-rewrite)
    const headers = new Headers(req.headers);
    headers.set(LINK_TOKEN_HEADER, url.searchParams.get("token") ?? "");
    return NextResponse.rewrite(target, { request: { headers } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.headers.set(k, v);
  return res;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
