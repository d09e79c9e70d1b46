import { NextResponse } from "next/server";
import { setupRoute } from "@/lib/setup/http";
import { lockSetup } from "@/lib/setup/lock";
import { closeAllSessions } from "@/lib/setup/session-table";
import { updateState } from "@/lib/setup/state";

/** Lock the wizard after setup: every session ends and every credential held in memory is dropped at once. */
export const POST = setupRoute(async () => {
  await updateState((s) => {
    s.doneAt = s.doneAt ?? new Date().toISOString();
    return s;
  });
  await lockSetup();
  closeAllSessions();
  return NextResponse.json({ ok: true, locked: true });
});
