/**
 * What scope an AWS endpoint expects (docs/aws-facts.md §1.2, §3.1, §4.1): the region and the accepted service names
 * in the credential scope, read from the host name. Custom endpoints (an emulator, a proxy) tell us nothing, and
 * then the caller's --region/--service are the only expectation.
 */
export interface ExpectedScope {
  region?: string;
  services?: string[];
  /** where the expectation comes from: the endpoint's host name, or the region/service the user gave */
  by: "host" | "given";
  /** the host name read (when `by` is "host") */
  host?: string;
}

const REGION = "[a-z]{2}(?:-gov)?-[a-z]+-\\d";

export function expectedScopeForHost(hostHeader: string | undefined): ExpectedScope | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.toLowerCase().replace(/:\d+$/, "");
  if (host === "iam.amazonaws.com") return { region: "us-east-1", services: ["iam"], by: "host", host };
  if (host === "sts.amazonaws.com") return { region: "us-east-1", services: ["sts"], by: "host", host };
  const m = new RegExp(`^([a-z0-9-]+?)(?:-fips)?\\.(${REGION})\\.(?:amazonaws\\.com(?:\\.cn)?|api\\.aws)$`).exec(host);
  if (!m) return undefined;
  const [, prefix, region] = m;
  // SES accepts both its signing name and its endpoint prefix in the scope (aws.md §1.2).
  const services = prefix === "email" ? ["ses", "email"] : prefix === "email-smtp" ? ["ses"] : [prefix];
  return { region, services, by: "host", host };
}

/** The canonical AWS host for a service in a region, for "you signed for AWS but sent it elsewhere" variants. */
export function awsHostFor(service: string, region: string): string | undefined {
  if (service === "ses" || service === "email") return `email.${region}.amazonaws.com`;
  if (service === "iam") return "iam.amazonaws.com";
  if (service === "sts") return region === "us-east-1" ? "sts.amazonaws.com" : `sts.${region}.amazonaws.com`;
  if (/^[a-z0-9-]+$/.test(service)) return `${service}.${region}.amazonaws.com`;
  return undefined;
}
