import { NextResponse } from "next/server";
import { z } from "zod";
import { EnvConflictError, writeEnvFile } from "@/lib/env/write";
import { EnvValueError } from "@/lib/env/render";
import { readyContext } from "@/lib/setup/context";
import { envPlan, varsFor } from "@/lib/setup/env";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { updateState } from "@/lib/setup/state";

async function planFor(sid: string) {
  const ctx = await readyContext(sid);
  // the platform talks to the real SES SMTP endpoint on 587 (STARTTLS), whatever endpoint the wizard itself uses
  const vars = varsFor(ctx.target, ctx.state, ctx.secrets, 587);
  return { ctx, vars, plan: await envPlan({ file: ctx.config.envFile, target: ctx.target, vars }) };
}

/** Masked preview of what would be written, and where. */
export const GET = setupRoute(async ({ sid }) => {
  const { plan } = await planFor(sid);
  return NextResponse.json(plan, { headers: { "cache-control": "no-store" } });
});

const Body = z.discriminatedUnion("action", [
  z.object({ action: z.literal("reveal") }),
  z.object({
    action: z.literal("write"),
    expectedHash: z.string().min(1).max(128),
    commentOutLegacy: z.boolean().default(false),
  }),
]);

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  const { ctx, vars, plan } = await planFor(sid);
  if (ctx.state.check?.status === "fail")
    throw new SetupError(409, "The credential check found errors. Fix them (step 3) before writing the env file.");
  if (body.action === "reveal") {
    // explicit, same-origin, token-gated request from the operator who entered the key; never cached
    return NextResponse.json({ values: vars }, { headers: { "cache-control": "no-store" } });
  }
  try {
    const commentOut = body.commentOutLegacy
      ? Object.fromEntries(plan.legacy.map((l) => [l.name, l.expected]))
      : undefined;
    const res = await writeEnvFile(ctx.config.envFile, vars, { expectedHash: body.expectedHash, commentOut });
    await updateState((s) => {
      s.env = {
        path: ctx.config.envFile,
        names: Object.keys(vars),
        backup: res.backupPath ?? undefined,
        at: new Date().toISOString(),
      };
      return s;
    });
    return NextResponse.json({
      ok: true,
      written: res.written,
      file: ctx.config.envFile,
      backup: res.backupPath,
      changes: res.changes,
      restartHint: ctx.target.restartHint,
    });
  } catch (err) {
    if (err instanceof EnvConflictError)
      throw new SetupError(409, `${err.message}. Sesame did not change the file; review the preview again.`, {
        conflict: err.reason,
      });
    if (err instanceof EnvValueError) throw new SetupError(422, err.message);
    if ((err as NodeJS.ErrnoException).code === "EACCES")
      throw new SetupError(
        422,
        `Sesame may not write ${ctx.config.envFile} (permission denied). Download the file instead, or fix the permissions.`,
      );
    throw err;
  }
});
