/**
 * Browser-safe (no zod): what the Route 53 panel shows when no public hosted zone matches the domain
 * (docs/wizard.md, "Publish to Route 53"). Sesame never creates the zone itself: moving a domain's DNS to Route 53 is
 * the operator's decision, taken at the registrar. It shows the exact command instead.
 */

export interface CreateZoneAdvice {
  /** the zone to create: the SES domain identity's name */
  domain: string;
  /** `aws route53 create-hosted-zone …`, ready to paste; it prints the zone's four name servers */
  command: string;
}

const bare = (n: string) => n.trim().replace(/\.$/, "").toLowerCase();

/**
 * The create command with a CallerReference Route 53 takes once (sesame-<domain>-<day>): pasting it twice makes no
 * second zone, the second run answers HostedZoneAlreadyExists.
 */
export function createZoneAdvice(domain: string, today: Date): CreateZoneAdvice {
  const name = bare(domain);
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(name)) throw new Error(`not a domain name: ${domain}`);
  const day = today.toISOString().slice(0, 10);
  return {
    domain: name,
    command: `aws route53 create-hosted-zone --name ${name} --caller-reference sesame-${name}-${day} --query DelegationSet.NameServers`,
  };
}
