import { NextResponse } from "next/server";
import { chooseRole, roleRefusal } from "@/lib/golive/role-choice";
import { IamRoleRequestSchema, type ResponseOf } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { dropSecrets } from "@/lib/setup/secrets";
import { loadState, updateState } from "@/lib/setup/state";

/**
 * The role path (docs/wizard.md, "No stored keys: a role"): the platform gets its credentials from the AWS SDK's
 * default chain where it runs. Recorded without any credentials; the check then uses the chain Sesame runs with.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, IamRoleRequestSchema);
  const state = await loadState();
  if (!state.target || !state.region)
    throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const refusal = roleRefusal(state.target);
  if (refusal) throw new SetupError(409, `${refusal.title}. ${refusal.fix}`, { finding: refusal });
  const next = await updateState((s) => chooseRole(s, { host: body.host, roleName: body.roleName }).state);
  // no key is used on this path: a platform key held for this session is dropped
  dropSecrets(sid);
  if (next.iam?.mode !== "role") throw new Error("role path not recorded");
  const answer: ResponseOf<"POST /api/setup/iam/role"> = { ok: true, iam: next.iam };
  return NextResponse.json(answer);
});
