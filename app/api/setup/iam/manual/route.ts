import { NextResponse } from "next/server";
import { readConfig } from "@/lib/config";
import { awsWhere } from "@/lib/setup/context";
import { IamManualRequestSchema, type ResponseOf } from "@/lib/setup/contract";
import { swappedFieldProblem } from "@/lib/credentials";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { keyOwner } from "@/lib/setup/key-owner";
import { putSecrets } from "@/lib/setup/secrets";
import { loadState, updateState } from "@/lib/setup/state";

/** Manual IAM path: the operator pastes the key they created (kept as pasted: step 3 diagnoses the paste). */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, IamManualRequestSchema);
  // A secret in a field that is stored and shown (key id, user name) must never reach wizard.json or a page.
  const problem =
    swappedFieldProblem("access key ID", body.accessKeyId) ?? swappedFieldProblem("IAM user name", body.userName);
  if (problem) throw new SetupError(422, problem, { problem: "swapped" });
  const secrets = {
    accessKeyId: body.accessKeyId,
    secretAccessKey: body.secretAccessKey,
    sessionToken: body.sessionToken || undefined,
  };
  putSecrets(sid, secrets);
  // the key is labelled with its real owner (STS), never with the name the wizard would have suggested
  const state = await loadState();
  const owner = await keyOwner(secrets, awsWhere(readConfig(), state.region ?? "us-east-1", state.endpoint));
  await updateState((s) => {
    s.iam = {
      mode: "manual",
      userName: owner?.userName,
      userArn: owner?.arn,
      accessKeyId: body.accessKeyId.trim(),
      at: new Date().toISOString(),
    };
    s.check = undefined;
    s.env = undefined;
    return s;
  });
  const answer: ResponseOf<"POST /api/setup/iam/manual"> = {
    ok: true,
    accessKeyId: body.accessKeyId.trim(),
    userName: owner?.userName,
  };
  return NextResponse.json(answer);
});
