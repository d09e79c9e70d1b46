import { NextResponse } from "next/server";
import { z } from "zod";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { createPlatformUser, UserNameSchema } from "@/lib/setup/iam";
import { putSecrets } from "@/lib/setup/secrets";
import { loadState, updateState } from "@/lib/setup/state";

const Body = z.object({
  accessKeyId: z.string().trim().min(1, "Paste the bootstrap access key ID.").max(128),
  secretAccessKey: z.string().trim().min(1, "Paste the bootstrap secret access key.").max(256),
  sessionToken: z.string().trim().max(4096).optional(),
  userName: UserNameSchema,
  reuseExisting: z.boolean().default(false),
});

/**
 * Automatic IAM path. The bootstrap credentials live only in this request's scope: they are not stored, logged or
 * returned. The new key goes to session memory; the browser only learns its id.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  const state = await loadState();
  if (!state.target || !state.region)
    throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const config = readConfig();
  const target = getTarget(state.target);
  const result = await createPlatformUser({
    bootstrap: {
      accessKeyId: body.accessKeyId,
      secretAccessKey: body.secretAccessKey,
      sessionToken: body.sessionToken || undefined,
    },
    userName: body.userName,
    target,
    reuseExisting: body.reuseExisting,
    where: { region: state.region, endpoint: state.endpoint ?? config.endpoint, timeoutMs: config.timeoutMs },
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
