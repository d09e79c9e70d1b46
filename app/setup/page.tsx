import { redirect } from "next/navigation";
import { firstOpenStep, progressOf } from "@/lib/setup/progress";
import { getSecrets } from "@/lib/setup/secrets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

/** /setup resumes where the operator left off. */
export default async function SetupIndex() {
  const sid = await setupSession();
  // without a session the layout shows the token form; keep the URL (it may carry ?token=)
  if (!sid) return null;
  const state = await loadState();
  redirect(`/setup/${firstOpenStep(progressOf(state, !!getSecrets(sid)))}`);
}
