import { NextResponse } from "next/server";
import { z } from "zod";
import { readyContext } from "@/lib/setup/context";
import { liveRecords } from "@/lib/setup/dns-live";
import { createDomainIdentity, DomainNameSchema, domainStatus, SubdomainLabelSchema } from "@/lib/setup/domain";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { getSecrets, putSecrets } from "@/lib/setup/secrets";
import { updateState } from "@/lib/setup/state";

const CredsSchema = z.object({
  accessKeyId: z.string().trim().min(1, "Paste the access key ID.").max(128),
  secretAccessKey: z.string().trim().min(1, "Paste the secret access key.").max(256),
  sessionToken: z.string().trim().max(4096).optional(),
});

const Body = z.object({
  domain: DomainNameSchema,
  mailFromSubdomain: z.union([SubdomainLabelSchema, z.literal("")]).optional(),
  /** other credentials for identity management when the platform's least-privilege key may not (kept in memory) */
  creds: CredsSchema.optional(),
});

/** Identity-management credentials: the separately entered ones of this session, else the platform key. */
function domainCreds(sid: string, fallback: ReturnType<typeof getSecrets>) {
  return getSecrets(`${sid}:domain`) ?? fallback;
}

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, Body);
  const ctx = await readyContext(sid);
  if (body.creds) putSecrets(`${sid}:domain`, { ...body.creds, sessionToken: body.creds.sessionToken || undefined });
  const creds = domainCreds(sid, ctx.secrets) ?? ctx.secrets;
  const mailFrom = body.mailFromSubdomain ? `${body.mailFromSubdomain}.${body.domain}` : undefined;
  const result = await createDomainIdentity({
    creds,
    where: ctx.where,
    target: ctx.target,
    domain: body.domain,
    mailFromDomain: mailFrom,
  });
  if (!result.ok) {
    return NextResponse.json(
      {
        error: result.message,
        permission: result.permission,
        code: result.code,
        needCreds: !!result.permission || /AccessDenied/.test(result.code),
      },
      { status: 422 },
    );
  }
  await updateState((s) => {
    s.domain = { name: body.domain, mailFrom, region: ctx.where.region, status: result.status.verification };
    return s;
  });
  const live = await liveRecords(result.status, { dnsServer: ctx.config.dnsServer, timeoutMs: ctx.config.timeoutMs });
  return NextResponse.json({ ok: true, status: result.status, live });
});

/** Current SES status plus Sesame's own DNS lookups, for the polling table. */
export const GET = setupRoute(async ({ sid }) => {
  const ctx = await readyContext(sid);
  const d = ctx.state.domain;
  if (!d) throw new SetupError(404, "No domain yet: enter one first.");
  const creds = domainCreds(sid, ctx.secrets) ?? ctx.secrets;
  const result = await domainStatus({
    creds,
    where: { ...ctx.where, region: d.region },
    target: ctx.target,
    domain: d.name,
    mailFromDomain: d.mailFrom,
  });
  if (!result.ok) {
    return NextResponse.json(
      {
        error: result.message,
        permission: result.permission,
        code: result.code,
        needCreds: !!result.permission || /AccessDenied/.test(result.code),
      },
      { status: 422 },
    );
  }
  if (result.status.verification !== d.status) {
    await updateState((s) => {
      if (s.domain?.name === d.name) {
        s.domain.status = result.status.verification;
        if (result.status.verification === "SUCCESS")
          s.domain.verifiedAt = s.domain.verifiedAt ?? new Date().toISOString();
      }
      return s;
    });
  }
  const live = await liveRecords(result.status, { dnsServer: ctx.config.dnsServer, timeoutMs: ctx.config.timeoutMs });
  return NextResponse.json({ ok: true, status: result.status, live }, { headers: { "cache-control": "no-store" } });
});
