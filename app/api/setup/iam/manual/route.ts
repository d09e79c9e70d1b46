import { NextResponse } from "next/server";
import { z } from "zod";
import { swappedFieldProblem } from "@/lib/credentials";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { putSecrets } from "@/lib/setup/secrets";
import { updateState } from "@/lib/setup/state";

/**
 * Manual IAM path: the operator pastes the key they created. Deliberately NOT trimmed or reformatted here: stray
 * whitespace, quotes or a swapped pair are exactly what the credential check (step 3) diagnoses and explains.
 */
const Body = z.object({
  accessKeyId: z.string().min(1, "Paste the access key ID.").max(256),
  secretAccessKey: z.string().min(1, "Paste the secret access key.").max(512),
  sessionToken: z.string().max(4096).optional(),
  userName: z.string().trim().max(64).optional(),
});

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  // A secret in a field that is stored and shown (key id, user name) must never reach wizard.json or a page.
  const problem =
    swappedFieldProblem("access key ID", body.accessKeyId) ?? swappedFieldProblem("IAM user name", body.userName);
  if (problem) throw new SetupError(422, problem, { problem: "swapped" });
  putSecrets(sid, {
    accessKeyId: body.accessKeyId,
    secretAccessKey: body.secretAccessKey,
    sessionToken: body.sessionToken || undefined,
  });
  await updateState((s) => {
    s.iam = {
      mode: "manual",
      userName: body.userName || undefined,
      accessKeyId: body.accessKeyId.trim(),
      at: new Date().toISOString(),
    };
    s.check = undefined;
    s.env = undefined;
    return s;
  });
  return NextResponse.json({ ok: true, accessKeyId: body.accessKeyId.trim() });
});
