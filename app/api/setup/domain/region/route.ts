import { NextResponse } from "next/server";
import { RegionSwitchRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { loadState, updateState } from "@/lib/setup/state";
import { assertSesRegion, withWhere } from "@/lib/setup/where";

/**
 * The Domain step's "use the region where the domain already is": switches the platform's region (like step 1 would)
 * instead of creating a second identity. The check and the env file then have to be redone for the new region.
 */
export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, RegionSwitchRequestSchema);
  const current = await loadState();
  if (!current.target) throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const target = current.target;
  assertSesRegion(body.region, current.endpoint);
  const state = await updateState((s) => withWhere(s, { target, region: body.region, endpoint: s.endpoint }));
  return NextResponse.json({ ok: true, region: state.region ?? body.region });
});
