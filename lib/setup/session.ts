import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE, sessionIdFrom } from "./token";

/** The session id of the current request (server components), or null when the setup token was not given yet. */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  return sessionIdFrom(jar.get(SESSION_COOKIE)?.value);
}
