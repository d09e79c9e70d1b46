import { checkDomainDns } from "@/lib/dns/check";
import type { IdentityState, Probe } from "../types";

function domainState(identities: IdentityState[] | undefined, domain: string): IdentityState | undefined {
  // DKIM tokens to look up, or (Easy DKIM off, legacy verification) the _amazonses TXT token
  return identities?.find(
    (s) => s.name === domain && s.found && ((s.dkimTokens?.length ?? 0) > 0 || !!s.verificationToken),
  );
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
    const r = await checkDomainDns({
      domain,
      region: facts.region as string,
      dkimTokens: state.dkimTokens ?? [],
      ...(txtVerification ? { verificationToken: state.verificationToken } : {}),
      ...(state.mailFromDomain ? { mailFromDomain: state.mailFromDomain } : {}),
      ...(ctx.input.dnsServer ? { dnsServer: ctx.input.dnsServer } : {}),
      timeoutMs: ctx.input.timeoutMs,
    });
    return { findings: r.findings };
  },
};
