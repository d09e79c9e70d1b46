import { NextResponse } from "next/server";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { ROLE_TARGETS } from "@/lib/golive/role-path";
import { createRolePolicy } from "@/lib/golive/role-policy";
import { awsWhere } from "@/lib/setup/context";
import { RolePolicyRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { loadState } from "@/lib/setup/state";

/**
 * "Keys without keys" (docs/wizard.md): create the target's policy as a managed policy to attach to a role. The
 * bootstrap credentials live only in this request's scope: they are not stored, logged or returned.
 */
export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, RolePolicyRequestSchema);
  const state = await loadState();
  if (!state.target || !state.region)
    throw new SetupError(409, "Choose the target platform and region first (step 1).");
  if (!ROLE_TARGETS.has(state.target))
    throw new SetupError(
      409,
      "This platform needs a stored access key; the role path is for useSend and AWS SDK apps.",
    );
  const result = await createRolePolicy({
    bootstrap: { ...body, sessionToken: body.sessionToken || undefined },
    target: getTarget(state.target),
    where: awsWhere(readConfig(), state.region, state.endpoint),
  });
  if (!result.ok) {
    const status = result.problem === "network" ? 502 : result.problem === "access-denied" ? 403 : 422;
    return NextResponse.json(
      { error: result.message, finding: result.finding, problem: result.problem, permission: result.permission },
      { status },
    );
  }
  return NextResponse.json(result);
});
