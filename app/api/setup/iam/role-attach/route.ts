import { NextResponse } from "next/server";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { attachRolePolicy } from "@/lib/golive/role-attach";
import { chooseRole, roleRefusal } from "@/lib/golive/role-choice";
import { awsWhere } from "@/lib/setup/context";
import { type ResponseOf, RoleAttachRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { dropSecrets } from "@/lib/setup/secrets";
import { loadState, updateState } from "@/lib/setup/state";

/**
 * "Attach the policy to the role" (docs/wizard.md): the target's policy, created when missing, attached to an existing
 * role; the role path is then recorded. The bootstrap credentials live only in this request's scope: they are not
 * stored, logged or returned.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, RoleAttachRequestSchema);
  const state = await loadState();
  if (!state.target || !state.region)
    throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const refusal = roleRefusal(state.target);
  if (refusal) throw new SetupError(409, `${refusal.title}. ${refusal.fix}`, { finding: refusal });
  const result = await attachRolePolicy({
    bootstrap: {
      accessKeyId: body.accessKeyId,
      secretAccessKey: body.secretAccessKey,
      sessionToken: body.sessionToken || undefined,
    },
    target: getTarget(state.target),
    where: awsWhere(readConfig(), state.region, state.endpoint),
    roleName: body.roleName,
  });
  if (!result.ok) {
    const status = result.problem === "network" ? 502 : result.problem === "access-denied" ? 403 : 422;
    return NextResponse.json(
      { error: result.message, finding: result.finding, problem: result.problem, permission: result.permission },
      { status },
    );
  }
  const next = await updateState(
    (s) =>
      chooseRole(s, {
        host: body.host,
        roleName: body.roleName,
        roleArn: result.roleArn,
        policyArn: result.policyArn,
        attachedAt: new Date().toISOString(),
      }).state,
  );
  dropSecrets(sid);
  if (next.iam?.mode !== "role") throw new Error("role path not recorded");
  const answer: ResponseOf<"POST /api/setup/iam/role-attach"> = { ok: true, iam: next.iam, existed: result.existed };
  return NextResponse.json(answer);
});
