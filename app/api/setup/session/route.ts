import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { SessionRequestSchema } from "@/lib/setup/contract";
import { crossOriginReason, jsonError, readBody, SetupError } from "@/lib/setup/http";
import { isLocked } from "@/lib/setup/lock";
import { closeSession, openSession } from "@/lib/setup/session-table";
import { checkToken, SESSION_COOKIE } from "@/lib/setup/token";

function clientOf(req: Request): string {
  return req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "a local client";
}

const COOKIE_OPTIONS = (req: Request, maxAge: number) => ({
  httpOnly: true,
  sameSite: "strict" as const,
  path: "/",
  secure: new URL(req.url).protocol === "https:",
  maxAge,
});

/** Where to go after the start-up link: a wizard path on this server, never another site. */
function safeNext(raw: string | null): string {
  return raw && /^\/setup(?:[/?#]|$)/.test(raw) && !raw.startsWith("//") ? raw : "/setup";
}

/**
 * The start-up link `/setup?token=…` (proxy.ts hands it here): trade the token for the cookie and redirect to the
 * same page without the token, so it stays in neither the address bar nor the history. A wrong or paused token
 * lands on the same page without a session: the token form says what to do.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const next = safeNext(url.searchParams.get("next"));
  // a relative Location: behind a proxy or on 127.0.0.1 vs localhost, the browser stays on the origin it used
  const res = new NextResponse(null, { status: 303, headers: { location: next, "cache-control": "no-store" } });
  if (await isLocked()) return res;
  // proxy.ts passes the link's token in a header (never in a URL Next would echo back); a direct call may use ?token=
  const verdict = checkToken(req.headers.get("x-sesame-link-token") ?? url.searchParams.get("token"), clientOf(req));
  if (!verdict.ok) return res;
  const { cookie, maxAgeSeconds } = openSession();
  res.cookies.set(SESSION_COOKIE, cookie, COOKIE_OPTIONS(req, maxAgeSeconds));
  return res;
}

/** Trade the setup token for an httpOnly session cookie (the token itself is never stored in the browser). */
export async function POST(req: Request) {
  try {
    const why = crossOriginReason(req);
    if (why) return jsonError(403, `Rejected: ${why}.`);
    if (await isLocked()) return jsonError(423, "Setup is locked.");
    const { token } = await readBody(req, SessionRequestSchema);
    const verdict = checkToken(token, clientOf(req));
    if (!verdict.ok) {
      if (verdict.lockedOutForMs !== undefined) {
        const seconds = Math.max(1, Math.ceil(verdict.lockedOutForMs / 1000));
        return NextResponse.json(
          {
            error: `Too many wrong setup tokens: sign-in is paused for ${seconds} s. Restarting Sesame ends the pause.`,
          },
          { status: 429, headers: { "retry-after": String(seconds), "cache-control": "no-store" } },
        );
      }
      // a failed guess costs time too, on top of the global budget
      await new Promise((r) => setTimeout(r, 400));
      return jsonError(
        401,
        "That setup token is not right. Use the one printed when Sesame started (or SESAME_SETUP_TOKEN).",
      );
    }
    const { cookie, maxAgeSeconds } = openSession();
    const jar = await cookies();
    jar.set(SESSION_COOKIE, cookie, COOKIE_OPTIONS(req, maxAgeSeconds));
    return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof SetupError) return jsonError(err.status, err.message);
    return jsonError(500, "Unexpected server error.");
  }
}

/** Sign out: the session is revoked (a replayed cookie no longer works) and its credentials are dropped. */
export async function DELETE(req: Request) {
  const why = crossOriginReason(req);
  if (why) return jsonError(403, `Rejected: ${why}.`);
  const jar = await cookies();
  closeSession(jar.get(SESSION_COOKIE)?.value);
  jar.delete(SESSION_COOKIE);
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
