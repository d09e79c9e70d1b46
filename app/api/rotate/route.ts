import { readConfig } from "@/lib/config";
import { healthService } from "@/lib/health";
import { adminFor, forgetAdmin, holdAdmin } from "@/lib/rotate/admin-store";
import {
  createAndWrite,
  deactivateOld,
  deleteOld,
  type RotateContext,
  RotateError,
  reactivateOld,
  rotationView,
  verifyNew,
} from "@/lib/rotate/rotate";
import { RotateRequestSchema, type RotateResponse, type RotationView } from "@/lib/setup/contract";
import { jsonError, readBody, setupRoute } from "@/lib/setup/http";

/**
 * Key rotation steps for /setup/rotate. Behind the setup token and same-origin check (setupRoute); answers carry
 * masked key ids only. Admin credentials, when given, are kept in memory for this session and never echoed.
 */
export const dynamic = "force-dynamic";

const STEPS = {
  create: createAndWrite,
  verify: verifyNew,
  deactivate: deactivateOld,
  reactivate: reactivateOld,
  delete: deleteOld,
} as const;

function context(sid: string): RotateContext {
  return { config: readConfig(), admin: adminFor(sid) };
}

async function respond(run: () => Promise<RotationView>, sid: string): Promise<Response> {
  try {
    const answer: RotateResponse = { ...(await run()), adminHeld: !!adminFor(sid) };
    return Response.json(answer, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof RotateError) return jsonError(err.status, err.message, { code: err.code, finding: err.finding });
    throw err;
  }
}

export const GET = setupRoute(async ({ sid }) => respond(() => rotationView(context(sid)), sid));

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, RotateRequestSchema);
  if (body.admin) holdAdmin(sid, body.admin);
  if (body.action === "forget-admin") {
    forgetAdmin(sid);
    return respond(() => rotationView(context(sid)), sid);
  }
  const step = STEPS[body.action as keyof typeof STEPS];
  const res = await respond(() => step(context(sid)), sid);
  // the deployed key changed (or its old twin did): let the health page catch up without waiting a period
  if (res.ok)
    void healthService()
      .refresh({ changed: true })
      .catch(() => undefined);
  if (res.ok && body.action === "delete") forgetAdmin(sid);
  return res;
});
