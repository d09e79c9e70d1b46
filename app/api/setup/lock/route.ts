import { NextResponse } from "next/server";
import { setupRoute } from "@/lib/setup/http";
import { lockSetup } from "@/lib/setup/lock";
import { dropSecrets } from "@/lib/setup/secrets";
import { updateState } from "@/lib/setup/state";

/** Lock the wizard after setup; secrets of this session are forgotten at once. */
export const POST = setupRoute(async ({ sid }) => {
  await updateState((s) => {
    s.doneAt = s.doneAt ?? new Date().toISOString();
    return s;
  });
  await lockSetup();
  dropSecrets(sid);
  return NextResponse.json({ ok: true, locked: true });
});
