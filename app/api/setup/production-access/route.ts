import { NextResponse } from "next/server";
import { readReview, submitProductionAccess } from "@/lib/golive/production-access";
import { awsWhere, wizardContext } from "@/lib/setup/context";
import { ProductionAccessRequestSchema } from "@/lib/setup/contract";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { getSecrets } from "@/lib/setup/secrets";
import { updateState } from "@/lib/setup/state";

const Body = ProductionAccessRequestSchema;

async function where() {
  const ctx = await wizardContext(null);
  if (!ctx.target || !ctx.where) throw new SetupError(409, "Choose the target platform and region first (step 1).");
  return { ...ctx, where: ctx.where };
}

/** The review of the region's request as GetAccount reports it now (with the platform key of this session). */
export const GET = setupRoute(async ({ sid, req }) => {
  const ctx = await where();
  const region = new URL(req.url).searchParams.get("region") || ctx.where.region;
  const key = getSecrets(sid);
  const review = key ? await readReview(key, { ...ctx.where, region }) : undefined;
  const filed = ctx.state.productionAccess?.[region];
  return NextResponse.json(
    { region, review: review ?? (filed ? { status: filed.status, caseId: filed.caseId } : undefined) },
    { headers: { "cache-control": "no-store" } },
  );
});

/** Files the request (SESv2 PutAccountDetails with ProductionAccessEnabled) with credentials given once. */
export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, Body);
  // the region comes with the request: the health page files for any sandboxed region, the wizard for its own
  const ctx = await wizardContext(null);
  const out = await submitProductionAccess(
    {
      accessKeyId: body.accessKeyId,
      secretAccessKey: body.secretAccessKey,
      sessionToken: body.sessionToken || undefined,
    },
    awsWhere(ctx.config, body.request.region, ctx.state.endpoint),
    body.request,
  );
  if (!out.ok)
    return NextResponse.json(
      { error: out.message, finding: out.finding, problem: out.problem, cli: out.cli },
      { status: out.status },
    );
  const review = out.review ?? { status: "PENDING" as const };
  await updateState((s) => {
    s.productionAccess = {
      ...(s.productionAccess ?? {}),
      [body.request.region]: { status: review.status, caseId: review.caseId, at: new Date().toISOString() },
    };
    return s;
  });
  return NextResponse.json({ ok: true, region: body.request.region, review });
});
