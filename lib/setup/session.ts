import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocked } from "./lock";
import { getSecrets, type SessionSecrets } from "./secrets";
import { validSession } from "./session-table";
import { loadState, type WizardState } from "./state";
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

/**
 * How every step page past step 1 starts: the session guard (null: render nothing), then the wizard state with a
 * target and region chosen (else back to step 1), and the platform key this session holds, if any.
 */
export async function stepSession(): Promise<{
  sid: string;
  state: WizardState & { target: NonNullable<WizardState["target"]>; region: string };
  secrets?: SessionSecrets;
} | null> {
  const sid = await setupSession();
  if (!sid) return null;
  const state = await loadState();
  const { target, region } = state;
  if (!target || !region) redirect("/setup/target");
  return { sid, state: { ...state, target, region }, secrets: getSecrets(sid) };
}
