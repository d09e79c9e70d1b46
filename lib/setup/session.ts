import "server-only";
import { cookies } from "next/headers";
import { isLocked } from "./lock";
import { validSession } from "./session-table";
import { SESSION_COOKIE } from "./token";

/** The session id of the current request (server components), or null without an open session. */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  return validSession(jar.get(SESSION_COOKIE)?.value);
}

/**
 * The guard every setup page and server component calls first, itself: a request shaped like in-app navigation
 * (an RSC fetch) renders the page without the layout, so the layout's token form protects nothing on its own.
 * Returns the session id, or null when setup is locked or there is no open session — then the caller renders
 * nothing of the wizard's state. See docs/security.md#pages.
 */
export async function setupSession(): Promise<string | null> {
  if (await isLocked()) return null;
  return currentSessionId();
}
