import { applyVars } from "@/lib/env/render";
import { readEnvFile } from "@/lib/env/write";
import { envContext } from "@/lib/setup/context";
import { envPlan, staleKeyComments, varsFor } from "@/lib/setup/env";
import { SetupError, setupRoute } from "@/lib/setup/http";
import { checkGate } from "@/lib/setup/progress";
import { updateState } from "@/lib/setup/state";

/**
 * The env file as Sesame would write it, as a download (a form POST, so it is same-origin checked like any
 * mutation). Built on the current file so the operator's other lines and comments come along.
 */
export const POST = setupRoute(async ({ sid }) => {
  const ctx = await envContext(sid);
  const gate = checkGate(ctx.state);
  if (!gate.open) throw new SetupError(409, `${gate.reason} Sesame hands out the env file only after that.`);
  const vars = await varsFor(ctx.target, ctx.state, ctx.secrets, 587);
  const current = await readEnvFile(ctx.config.envFile);
  // role path: key variables already in the file would be used instead of the role
  const plan = ctx.secrets
    ? undefined
    : await envPlan({ file: ctx.config.envFile, target: ctx.target, vars, role: true });
  const { text } = applyVars(current.text, vars, plan ? { commentOutNotes: staleKeyComments(plan) } : {});
  await updateState((s) => {
    s.envDownloadedAt = new Date().toISOString();
    return s;
  });
  return new Response(text, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${ctx.target.id}.env"`,
      "cache-control": "no-store",
    },
  });
});
