import { NextResponse } from "next/server";
import { readyContext } from "@/lib/setup/context";
import { liveRecords } from "@/lib/setup/dns-live";
import { type DomainError, DomainRequestSchema } from "@/lib/setup/contract";
import { identityElsewhere } from "@/lib/setup/domain-elsewhere";
import { createDomainIdentity, type DomainResult } from "@/lib/setup/domain";
import { domainCreds, wizardDomainStatus } from "@/lib/setup/domain-session";
import { readBody, SetupError, setupRoute } from "@/lib/setup/http";
import { putSecrets } from "@/lib/setup/secrets";
import { updateState } from "@/lib/setup/state";

/** SES refused (or denied) the identity call: 422, and whether other credentials for identity management would help. */
function refused(result: Extract<DomainResult, { ok: false }>) {
  const answer: DomainError = {
    error: result.error,
    finding: result.finding,
    permission: result.permission,
    code: result.code,
    needCreds: !!result.permission || /AccessDenied/.test(result.code),
  };
  return NextResponse.json(answer, { status: 422 });
}

export const POST = setupRoute(async ({ sid, req }) => {
  const body = await readBody(req, DomainRequestSchema);
  const ctx = await readyContext(sid);
  if (body.creds) putSecrets(`${sid}:domain`, { ...body.creds, sessionToken: body.creds.sessionToken || undefined });
  const creds = domainCreds(sid, ctx);
  const mailFrom = body.mailFromSubdomain ? `${body.mailFromSubdomain}.${body.domain}` : undefined;
  if (!body.createAnyway && ctx.state.domain?.name !== body.domain) {
    // a domain verified in another region is better used there than created again (pending) here
    const elsewhere = await identityElsewhere(ctx, creds, body.domain);
    if (elsewhere)
      return NextResponse.json({ error: elsewhere.finding.title, elsewhere } satisfies DomainError, { status: 409 });
  }
  const result = await createDomainIdentity({
    creds,
    where: ctx.where,
    target: ctx.target,
    domain: body.domain,
    mailFromDomain: mailFrom,
  });
  if (!result.ok) return refused(result);
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
  const result = await wizardDomainStatus(sid, ctx, d);
  if (!result.ok) return refused(result);
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
