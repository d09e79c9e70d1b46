import { NextResponse } from "next/server";
import { isLocked } from "@/lib/setup/lock";
import { openSession } from "@/lib/setup/session-table";
import { checkToken, SESSION_COOKIE } from "@/lib/setup/token";

export function clientOf(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "a local client";
}

export const COOKIE_OPTIONS = (req: Request, maxAge: number) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  path: "/",
  secure: new URL(req.url).protocol === "https:",
  maxAge,
});

/** Where to go after the start-up link: a wizard path on this server, never another site. */
function safeNext(raw: string): string {
  return /^\/setup(?:[/?#]|$)/.test(raw) && !raw.startsWith("//") ? raw : "/setup";
}

/**
 * The start-up link `/setup…?token=…`: trade the token for the session cookie and redirect to the same page without
 * it (its other query parameters kept), so the token stays in neither the address bar nor the history. A wrong or
 * paused token lands on the same page without a session: the token form says what to do. docs/security.md#headers.
 */
export async function tradeLinkToken(req: Request, page: string): Promise<NextResponse> {
  const url = new URL(req.url);
  const rest = new URLSearchParams([...url.searchParams].filter(([k]) => k !== "token" && k !== "next"));
  const target = safeNext(page);
  const location = rest.size ? `${target}${target.includes("?") ? "&" : "?"}${rest}` : target;
  // a relative Location: behind a proxy or on 127.0.0.1 vs localhost, the browser stays on the origin it used
  const res = new NextResponse(null, { status: 303, headers: { location, "cache-control": "no-store" } });
  if (await isLocked()) return res;
  const verdict = checkToken(url.searchParams.get("token"), clientOf(req));
  if (!verdict.ok) return res;
  const { cookie, maxAgeSeconds } = openSession();
  res.cookies.set(SESSION_COOKIE, cookie, COOKIE_OPTIONS(req, maxAgeSeconds));
  return res;
}
