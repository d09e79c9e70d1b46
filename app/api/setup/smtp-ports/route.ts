import { NextResponse } from "next/server";
import { applyPort, checkConnectivity } from "@/lib/golive/connectivity";
import { wizardContext } from "@/lib/setup/context";
import { SmtpPortsRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { updateState } from "@/lib/setup/state";

/** "Connectivity": which SES SMTP ports work from this host, and (SMTP targets) writing the one to use. */
export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, SmtpPortsRequestSchema);
  const ctx = await wizardContext(null);
  if (!ctx.target || !ctx.where) throw new SetupError(409, "Choose the target platform and region first (step 1).");
  const c = await checkConnectivity(ctx.config, ctx.target, ctx.where.region);
  if (body.action === "check") {
    await updateState((s) => {
      s.connectivity = { results: c.results, recommended: c.recommended?.port, at: new Date().toISOString() };
      return s;
    });
    return NextResponse.json(c, { headers: { "cache-control": "no-store" } });
  }
  if (ctx.target.mode !== "smtp")
    throw new SetupError(409, `${ctx.target.label} sends through the SES API over HTTPS; it has no SMTP port to set.`);
  if (!c.recommended) throw new SetupError(409, "No SES SMTP port works from this host, so there is nothing to write.");
  const applied = await applyPort(ctx.config.envFile, ctx.target, c.recommended);
  const at = new Date().toISOString();
  await updateState((s) => {
    s.connectivity = { results: c.results, recommended: c.recommended?.port, appliedAt: at, at };
    return s;
  });
  return NextResponse.json({ ...c, applied: applied.vars, written: applied.written, file: ctx.config.envFile });
});
