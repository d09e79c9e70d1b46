import { checkDomainDns } from "@/lib/dns/check";
import { envVarsOf } from "@/lib/env/parse";
import { getTarget } from "@/lib/env/targets";
import type { RawFinding } from "@/lib/findings/catalogue";
import type { Facts, IdentityState, Probe, ProbeContext } from "../types";

function domainState(identities: IdentityState[] | undefined, domain: string): IdentityState | undefined {
  // DKIM tokens to look up, or (Easy DKIM off, legacy verification) the _amazonses TXT token
  return identities?.find(
    (s) => s.name === domain && s.found && ((s.dkimTokens?.length ?? 0) > 0 || !!s.verificationToken),
  );
}

/**
 * Which MAIL FROM domain to look up: the caller's (the wizard knows it), SES's answer, or — when SES's attributes could
 * not be read, e.g. with Plunk's own least-privilege key — the platform's convention: a platform that sets MAIL FROM
 * itself (Plunk: `MAIL_FROM_SUBDOMAIN`, default `plunk`) uses `<subdomain>.<domain>` (docs/doctor.md, "MAIL FROM").
 * `unknown` says why it could not be told.
 */
export function mailFromDomainOf(
  ctx: ProbeContext,
  facts: Facts,
  state: IdentityState,
  domain: string,
): { name: string } | { unknown: Facts["mailFromRead"] } | undefined {
  if (ctx.input.mailFromDomain?.trim()) return { name: ctx.input.mailFromDomain.trim().toLowerCase() };
  if (state.mailFromDomain) return { name: state.mailFromDomain };
  if (!facts.mailFromRead || facts.mailFromRead.ok) return undefined; // SES answered: no custom MAIL FROM domain
  const t = getTarget(ctx.input.target);
  const setsMailFrom = t.requiredActions.some((a) =>
    ["ses:SetIdentityMailFromDomain", "ses:PutEmailIdentityMailFromAttributes"].includes(a),
  );
  if (!setsMailFrom) return { unknown: facts.mailFromRead };
  const varName = t.vars.extra?.mailFromSubdomain;
  const vars = ctx.input.env ?? (ctx.input.envText !== undefined ? envVarsOf(ctx.input.envText) : {});
  const sub = (varName && vars[varName]?.trim()) || t.mailFromSubdomain;
  return { name: `${sub}.${domain}` };
}

/**
 * Sesame's own lookups of the records SES wants for the domain (DKIM CNAMEs, MAIL FROM MX + SPF, DMARC, and the
 * legacy _amazonses TXT only when that is how the domain is being verified). Needs the tokens from the identity.
 */
export const dnsProbe: Probe = {
  id: "dns",
  label: "DNS records of the domain",
  needs: ["domain"],
  when: (ctx, f) =>
    !!ctx.input.domain && !!f.region && !!domainState(f.identities, ctx.input.domain.trim().toLowerCase()),
  async run(ctx, facts) {
    const domain = (ctx.input.domain as string).trim().toLowerCase();
    const state = domainState(facts.identities, domain) as IdentityState;
    const txtVerification = !state.verified && !state.dkimStatus && state.verificationToken;
    const mailFrom = mailFromDomainOf(ctx, facts, state, domain);
    const r = await checkDomainDns({
      domain,
      region: facts.region as string,
      dkimTokens: state.dkimTokens ?? [],
      ...(txtVerification ? { verificationToken: state.verificationToken } : {}),
      ...(mailFrom && "name" in mailFrom ? { mailFromDomain: mailFrom.name } : {}),
      ...(ctx.input.dnsServer ? { dnsServer: ctx.input.dnsServer } : {}),
      timeoutMs: ctx.input.timeoutMs,
    });
    const findings: RawFinding[] = [...r.findings];
    if (mailFrom && "unknown" in mailFrom && mailFrom.unknown && !mailFrom.unknown.ok) {
      const why = mailFrom.unknown.refused ? "attributes-refused" : "attributes-unread";
      findings.push({
        code: "dns.mail-from-not-checked",
        evidence: {
          domain,
          target: getTarget(ctx.input.target).label,
          errorCode: mailFrom.unknown.errorCode,
          reason: why,
          remedy: why,
        },
      });
    }
    return { findings };
  },
};
