import { NextResponse } from "next/server";
import { z } from "zod";
import { hasSes, isRegionShaped } from "@/lib/regions";
import { TargetIdSchema } from "@/lib/diagnose/schema";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { updateState } from "@/lib/setup/state";

const Body = z.object({
  target: TargetIdSchema,
  region: z.string().trim().toLowerCase().min(1, "Choose a region."),
  endpoint: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full http(s):// URL, or leave it empty for AWS." }).optional()),
});

export const POST = setupRoute(async ({ req }) => {
  const body = await readBody(req, Body);
  if (!isRegionShaped(body.region))
    throw new SetupError(400, `"${body.region}" is not an AWS region name (like eu-west-1).`, { field: "region" });
  if (!body.endpoint && !hasSes(body.region))
    throw new SetupError(400, `Amazon SES is not offered in ${body.region}. Pick one of the regions in the list.`, {
      field: "region",
    });
  const state = await updateState((s) => {
    const changed = s.target !== body.target || s.region !== body.region || s.endpoint !== body.endpoint;
    s.target = body.target;
    s.region = body.region;
    s.endpoint = body.endpoint;
    // a new target, region or endpoint invalidates what was checked and written for the old one
    if (changed) {
      s.check = undefined;
      s.env = undefined;
    }
    return s;
  });
  return NextResponse.json({ ok: true, target: state.target, region: state.region });
});
