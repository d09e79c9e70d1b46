import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { z } from "zod";
import { crossOriginReason, jsonError, readBody, SetupError } from "@/lib/setup/http";
import { isLocked } from "@/lib/setup/lock";
import { dropSecrets } from "@/lib/setup/secrets";
import { newSessionCookieValue, SESSION_COOKIE, sessionIdFrom, tokenMatches } from "@/lib/setup/token";

const Body = z.object({ token: z.string().max(512) });

/** Trade the setup token for an httpOnly session cookie (the token itself is never stored in the browser). */
export async function POST(req: Request) {
  try {
    const why = crossOriginReason(req);
    if (why) return jsonError(403, `Rejected: ${why}.`);
    if (await isLocked()) return jsonError(423, "Setup is locked.");
    const { token } = await readBody(req, Body);
    if (!tokenMatches(token)) {
      // a failed guess costs time, so the token cannot be brute-forced at line speed
      await new Promise((r) => setTimeout(r, 400));
      return jsonError(
        401,
        "That setup token is not right. Use the one printed when Sesame started (or SESAME_SETUP_TOKEN).",
      );
    }
    const jar = await cookies();
    jar.set(SESSION_COOKIE, newSessionCookieValue(), {
      httpOnly: true,
      sameSite: "strict",
      path: "/",
      secure: new URL(req.url).protocol === "https:",
      maxAge: 12 * 60 * 60,
    });
    return NextResponse.json({ ok: true });
  } catch (err) {
    if (err instanceof SetupError) return jsonError(err.status, err.message);
    return jsonError(500, "Unexpected server error.");
  }
}

/** Sign out: forget this session's secrets and the cookie. */
export async function DELETE(req: Request) {
  const why = crossOriginReason(req);
  if (why) return jsonError(403, `Rejected: ${why}.`);
  const jar = await cookies();
  const sid = sessionIdFrom(jar.get(SESSION_COOKIE)?.value);
  if (sid) dropSecrets(sid);
  jar.delete(SESSION_COOKIE);
  return NextResponse.json({ ok: true });
}
