import { type NextRequest, NextResponse } from "next/server";
import { pageCsp, SECURITY_HEADERS } from "./lib/http/security-headers";

/**
 * Pages only (API routes get their headers from next.config.ts, and their bodies are never buffered here): a
 * Content-Security-Policy with a fresh nonce per request, which Next applies to its own scripts. The start-up link
 * `/setup?token=…` is rewritten to the session route by next.config.ts. docs/security.md#headers.
 */
export function proxy(req: NextRequest) {
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
