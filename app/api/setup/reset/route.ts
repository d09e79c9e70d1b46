import { NextResponse } from "next/server";
import { setupRoute } from "@/lib/setup/http";
import { forgetSession } from "@/lib/setup/secrets";
import { resetState } from "@/lib/setup/state";

/**
 * Start over: forget the wizard's progress and every credential of this session — the platform key, the Domain
 * step's keys and a rotation's admin key (the env file is left alone).
 */
export const POST = setupRoute(async ({ sid }) => {
  forgetSession(sid);
  await resetState();
  return NextResponse.json({ ok: true });
});
