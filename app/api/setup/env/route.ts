import { NextResponse } from "next/server";
import { canRenderValue, EnvValueError } from "@/lib/env/render";
import { backupsToKeep, EnvConflictError, writeEnvFile } from "@/lib/env/write";
import { envContext } from "@/lib/setup/context";
import { EnvRequestSchema } from "@/lib/setup/contract";
import { envPlan, staleKeyComments, varsFor } from "@/lib/setup/env";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { checkGate } from "@/lib/setup/progress";
import { updateState } from "@/lib/setup/state";

/**
 * A value the writer refuses (lib/env/render.ts) is the operator's input, not a server fault: 422 naming the
 * variable and why, never the value itself (it may be a secret).
 */
function refused(vars: Record<string, string>, err: EnvValueError): SetupError {
  const name = Object.entries(vars).find(([, v]) => !canRenderValue(v))?.[0];
  return new SetupError(
    422,
    `${name ? `The value for ${name} cannot be written to an env file: ` : ""}${err.message} Check what was pasted in step 2 (it is usually a stray character) and enter it again.`,
    { variable: name },
  );
}

async function planFor(sid: string) {
  const ctx = await envContext(sid);
  // the platform talks to the real SES SMTP endpoint on 587 (STARTTLS), whatever endpoint the wizard itself uses
  const vars = await varsFor(ctx.target, ctx.state, ctx.secrets, 587);
  try {
    const role = !ctx.secrets;
    return { ctx, vars, plan: await envPlan({ file: ctx.config.envFile, target: ctx.target, vars, role }) };
  } catch (err) {
    if (err instanceof EnvValueError) throw refused(vars, err);
    throw err;
  }
}

/** Masked preview of what would be written, and where. */
export const GET = setupRoute(async ({ sid }) => {
  const { plan } = await planFor(sid);
  return NextResponse.json(plan, { headers: { "cache-control": "no-store" } });
});

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, EnvRequestSchema);
  const { ctx, vars, plan } = await planFor(sid);
  // the same gate as the screen: no reveal or write before a passing credential check of this key
  const gate = checkGate(ctx.state);
  if (!gate.open) throw new SetupError(409, `${gate.reason} Sesame writes the env file only after that.`);
  if (body.action === "reveal") {
    // explicit, same-origin, token-gated request from the operator who entered the key; never cached
    return NextResponse.json({ values: vars }, { headers: { "cache-control": "no-store" } });
  }
  try {
    const commentOut = body.commentOutLegacy
      ? Object.fromEntries(plan.legacy.map((l) => [l.name, l.expected]))
      : undefined;
    const res = await writeEnvFile(ctx.config.envFile, vars, {
      expectedHash: body.expectedHash,
      commentOut,
      commentOutNotes: staleKeyComments(plan),
    });
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
      backups: res.backups,
      backupNote: res.backups.length
        ? `Sesame keeps the newest ${backupsToKeep()} backups next to the file (${res.backups.length} now, mode 0600, each with the secrets of its time): ${res.backups.join(", ")}. SESAME_ENV_BACKUPS sets how many.`
        : undefined,
      changes: res.changes,
      restartHint: ctx.target.restartHint,
    });
  } catch (err) {
    if (err instanceof EnvConflictError)
      throw new SetupError(409, `${err.message}. Sesame did not change the file; review the preview again.`, {
        conflict: err.reason,
      });
    if (err instanceof EnvValueError) throw refused(vars, err);
    if ((err as NodeJS.ErrnoException).code === "EACCES")
      throw new SetupError(
        422,
        `Sesame may not write ${ctx.config.envFile} (permission denied). Download the file instead, or fix the permissions.`,
      );
    throw err;
  }
});
