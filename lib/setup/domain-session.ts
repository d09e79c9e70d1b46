import "server-only";
import type { readyContext } from "./context";
import { type DomainResult, domainStatus } from "./domain";
import { getSecrets, type SessionSecrets } from "./secrets";

type Ready = Awaited<ReturnType<typeof readyContext>>;

/** Identity-management credentials: the ones entered separately in this session, else the platform key. */
export function domainCreds(sid: string, ctx: Ready): SessionSecrets {
  return getSecrets(`${sid}:domain`) ?? ctx.secrets;
}

/**
 * SES's view of the wizard's domain (the Domain step's poll, the demo's DNS publisher): asked in the region the
 * identity was created in, with the session's identity-management credentials.
 */
export function wizardDomainStatus(
  sid: string,
  ctx: Ready,
  d: NonNullable<Ready["state"]["domain"]>,
): Promise<DomainResult> {
  return domainStatus({
    creds: domainCreds(sid, ctx),
    where: { ...ctx.where, region: d.region },
    target: ctx.target,
    domain: d.name,
    mailFromDomain: d.mailFrom,
  });
}
