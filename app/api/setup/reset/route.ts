import { NextResponse } from "next/server";
import { setupRoute } from "@/lib/setup/http";
import { dropSecrets } from "@/lib/setup/secrets";
import { resetState } from "@/lib/setup/state";

/** Start over: forget the wizard's progress and this session's secrets (the env file is left alone). */
export const POST = setupRoute(async ({ sid }) => {
  dropSecrets(sid);
  await resetState();
  return NextResponse.json({ ok: true });
});
