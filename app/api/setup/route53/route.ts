import { NextResponse } from "next/server";
import type { AwsDoor } from "@/lib/aws";
import type { DnsRecordRow } from "@/lib/dns/records";
import type { z } from "zod";
import { applyChanges, findPublicZone, listSets, waitInSync } from "@/lib/golive/route53";
import { planChanges, zonePolicy } from "@/lib/golive/route53-plan";
import { createZoneAdvice } from "@/lib/golive/route53-zone";
import {
  awsErrorOf,
  awsFailureFinding,
  failureBody,
  findingSentence,
  isAccessDenied,
  isNetworkFailure,
  permissionFromMessage,
  withDoor,
} from "@/lib/aws";
import { finding } from "@/lib/findings/catalogue";
import { materialize } from "@/lib/findings/materialize";
import { readyContext } from "@/lib/setup/context";
import { Route53RequestSchema } from "@/lib/setup/contract";
import { domainStatus } from "@/lib/setup/domain";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";

const Body = Route53RequestSchema;

/**
 * "Publish to Route 53" (docs/wizard.md): plan = find the public zone and show the exact change set; apply = the
 * same plan recomputed on the server (never the browser's copy), applied, followed to INSYNC.
 */
export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  const ctx = await readyContext(sid);
  const domain = ctx.state.domain?.name;
  if (!domain) throw new SetupError(409, "Create the domain identity first; then its records can be published.");
  const status = await domainStatus({
    creds: ctx.secrets,
    where: ctx.where,
    target: ctx.target,
    domain,
    mailFromDomain: ctx.state.domain?.mailFrom,
  });
  if (!status.ok) throw new SetupError(502, status.error, { finding: status.finding });
  const creds = body.credentials
    ? { ...body.credentials, sessionToken: body.credentials.sessionToken || undefined }
    : ctx.secrets;
  try {
    return await withDoor(creds, ctx.where, (door) => publish(door, body, domain, status.status.records));
  } catch (err) {
    const e = awsErrorOf(err);
    // the call AWS named in a denial; otherwise the change itself (zone lookups fail the same way)
    const operation = permissionFromMessage(e.message)?.split(":")[1] ?? "ChangeResourceRecordSets";
    const answer = failureBody(
      awsFailureFinding(e, {
        who: body.credentials ? "given" : "platform",
        task: "route53-publish",
        service: "route53",
        operation,
        where: ctx.where,
        region: "us-east-1",
        remedy: "zone-policy",
      }),
    );
    if (isAccessDenied(e))
      return NextResponse.json({ ...answer, problem: "denied", policy: zonePolicy() }, { status: 403 });
    if (isNetworkFailure(e)) return NextResponse.json(answer, { status: 502 });
    return NextResponse.json(answer, { status: 422 });
  }
});

async function publish(
  door: AwsDoor,
  body: z.infer<typeof Body>,
  domain: string,
  records: DnsRecordRow[],
): Promise<Response> {
  const zone = await findPublicZone(door, domain);
  if (!zone) {
    let createZone: ReturnType<typeof createZoneAdvice> | undefined;
    try {
      createZone = createZoneAdvice(domain, new Date());
    } catch {
      // not a name a command line may carry: the refusal alone
    }
    return NextResponse.json(
      {
        ...failureBody(finding("setup.route53-no-zone", { domain, remedy: createZone ? "create-zone" : "by-hand" })),
        problem: "no-zone",
        // Sesame never creates the zone: delegating the domain to Route 53 is the operator's call (docs/wizard.md)
        createZone,
      },
      { status: 404 },
    );
  }
  const plan = planChanges(records, await listSets(door, zone.id));
  const policy = zonePolicy(zone.id);
  const clashes = plan.filter((p) => p.action === "conflict").map((p) => p.name);
  const conflict = clashes.length
    ? materialize("setup.route53-cname-conflict", { names: [...new Set(clashes)].join(", ") })
    : undefined;
  if (body.action === "plan") return NextResponse.json({ zone, plan, policy, conflict });
  if (conflict)
    return NextResponse.json(
      { error: findingSentence(conflict), finding: conflict, zone, plan, policy },
      { status: 409 },
    );
  if (plan.some((p) => p.action === "replace") && !body.confirmReplace)
    return NextResponse.json(
      {
        error: "Some records in the zone have different values; confirm that they may be overwritten.",
        zone,
        plan,
        policy,
      },
      { status: 409 },
    );
  const changeId = await applyChanges(door, zone.id, plan);
  const sync = changeId ? await waitInSync(door, changeId) : "INSYNC";
  return NextResponse.json({ zone, plan, policy, changeId, status: sync });
}
