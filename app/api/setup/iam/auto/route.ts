import { NextResponse } from "next/server";
import { readConfig } from "@/lib/config";
import { materializeRaw } from "@/lib/findings/materialize";
import { inspectInput } from "@/lib/diagnose/forensics";
import { getTarget } from "@/lib/env/targets";
import { awsWhere } from "@/lib/setup/context";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { IamAutoRequestSchema } from "@/lib/setup/contract";
import { createPlatformUser } from "@/lib/setup/iam";
import { putSecrets } from "@/lib/setup/secrets";
import { loadState, updateState } from "@/lib/setup/state";

/**
 * Automatic IAM path. The bootstrap credentials live only in this request's scope: they are not stored, logged or
 * returned. The new key goes to session memory; the browser only learns its id.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, IamAutoRequestSchema);
  const state = await loadState();
  if (!state.target || !state.region)
    throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const config = readConfig();
  const target = getTarget(state.target);
  const where = awsWhere(config, state.region, state.endpoint);
  // The bootstrap key gets the same forensics as every pasted key: an SMTP password, a swapped pair or a cut-off
  // secret is named before AWS is asked (and the bootstrap key is never stored, so this is the only chance).
  const forensics = inspectInput({
    target: "aws",
    accessKeyId: body.accessKeyId,
    secretAccessKey: body.secretAccessKey,
    sessionToken: body.sessionToken,
    region: state.region,
    customEndpoint: where.endpoints?.iam ?? where.endpoint,
  });
  const problems = forensics.findings
    .filter((f) => f.code.startsWith("credentials."))
    .map((f) => materializeRaw(f))
    .filter((f) => f.severity === "error");
  if (problems.length > 0 || !forensics.creds) {
    const first = problems[0];
    return NextResponse.json(
      {
        ok: false,
        problem: "invalid-credentials",
        step: "identify",
        error: first
          ? `Bootstrap credentials: ${first.title}. ${first.detail}`
          : "Paste the bootstrap key id and secret.",
        findings: problems,
      },
      { status: 422 },
    );
  }
  const result = await createPlatformUser({
    bootstrap: forensics.creds,
    userName: body.userName,
    target,
    reuseExisting: body.reuseExisting,
    where,
  });
  if (!result.ok) {
    const status =
      result.problem === "user-exists" || result.problem === "key-limit"
        ? 409
        : result.problem === "network"
          ? 502
          : 422;
    return NextResponse.json({ error: result.message, ...result, ok: false }, { status });
  }
  putSecrets(sid, result.key);
  await updateState((s) => {
    s.iam = {
      mode: "auto",
      userName: result.userName,
      userArn: result.userArn,
      policyName: result.policyName,
      accessKeyId: result.key.accessKeyId,
      at: new Date().toISOString(),
    };
    s.check = undefined;
    s.env = undefined;
    return s;
  });
  return NextResponse.json({
    ok: true,
    userName: result.userName,
    userArn: result.userArn,
    policyName: result.policyName,
    reusedUser: result.reusedUser,
    callerArn: result.callerArn,
    accessKeyId: result.key.accessKeyId,
  });
});
