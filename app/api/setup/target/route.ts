import { NextResponse } from "next/server";
import { TargetRequestSchema } from "@/lib/setup/contract";
import { readBody, setupRoute } from "@/lib/setup/http";
import { updateState } from "@/lib/setup/state";
import { assertSesRegion, withWhere } from "@/lib/setup/where";

export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, TargetRequestSchema);
  assertSesRegion(body.region, body.endpoint);
  const state = await updateState((s) => withWhere(s, body));
  return NextResponse.json({ ok: true, target: state.target, region: state.region });
});
