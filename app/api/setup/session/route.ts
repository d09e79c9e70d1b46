import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { SessionRequestSchema } from "@/lib/setup/contract";
import { crossOriginReason, jsonError, readBody, SetupError } from "@/lib/setup/http";
import { isLocked } from "@/lib/setup/lock";
import { closeSession, openSession } from "@/lib/setup/session-table";
import { checkToken, SESSION_COOKIE } from "@/lib/setup/token";
import { clientOf, COOKIE_OPTIONS, tradeLinkToken } from "./link-token";

/**
 * A direct call of the start-up link's trade (`/api/setup/session?token=…&next=/setup/…`); the link itself,
 * `/setup/…?token=…`, reaches ./link/[[...path]] by next.config.ts's rewrite.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  return tradeLinkToken(req, url.searchParams.get("next") ?? "/setup");
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
