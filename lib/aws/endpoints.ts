import "server-only";
import { partitionOf } from "@/lib/regions";
import { AWS_SERVICES, type AwsService } from "./services";

/**
 * Where a call goes and which region it is signed for. Custom endpoints follow the AWS SDKs' own rule
 * (docs/aws-facts.md §4.3): `AWS_ENDPOINT_URL_<SERVICE>` first, then `AWS_ENDPOINT_URL` for every service.
 */

export interface EndpointConfig {
  /** AWS_ENDPOINT_URL: one endpoint for every service */
  endpoint?: string;
  /** per-service overrides, keyed by service (AWS_ENDPOINT_URL_SES, _IAM, _STS, _SNS, _ROUTE_53, …) */
  endpoints?: Partial<Record<AwsService, string>>;
}

/** Reads AWS_ENDPOINT_URL and its per-service variants from an environment. */
export function endpointsFromEnv(env: Record<string, string | undefined>): {
  endpoint?: string;
  endpoints: Partial<Record<AwsService, string>>;
} {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v);
  const endpoints: Partial<Record<AwsService, string>> = {};
  for (const [service, row] of Object.entries(AWS_SERVICES) as [AwsService, (typeof AWS_SERVICES)[AwsService]][]) {
    const url = pick(...row.endpointVars.map((v) => `AWS_ENDPOINT_URL_${v}`));
    if (url) endpoints[service] = url;
  }
  return { endpoint: pick("AWS_ENDPOINT_URL"), endpoints };
}

/** The custom endpoint for a service, per-service override first. */
export function customEndpointFor(service: AwsService, cfg: EndpointConfig): string | undefined {
  return cfg.endpoints?.[service] ?? cfg.endpoint;
}

/**
 * The region a request is signed for. Global services (IAM, Route 53) sign for their partition's home region —
 * us-east-1, us-gov-west-1 in GovCloud, cn-north-1 / cn-northwest-1 in China — whatever region the platform uses.
 */
export function signingRegion(service: AwsService, region: string): string {
  if (!AWS_SERVICES[service].global) return region;
  const partition = partitionOf(region);
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return service === "route53" ? "cn-northwest-1" : "cn-north-1";
  return "us-east-1";
}

/** Where a call goes, for evidence and messages: the custom endpoint, or the AWS host the SDK will use. */
export function endpointLabel(service: AwsService, region: string, cfg: EndpointConfig): string {
  const custom = customEndpointFor(service, cfg);
  if (custom) return custom;
  const partition = partitionOf(region);
  const suffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
  switch (service) {
    case "iam":
      if (partition === "aws-us-gov") return "https://iam.us-gov.amazonaws.com";
      if (partition === "aws-cn") return "https://iam.cn-north-1.amazonaws.com.cn";
      return "https://iam.amazonaws.com";
    case "route53":
      if (partition === "aws-us-gov") return "https://route53.us-gov.amazonaws.com";
      if (partition === "aws-cn") return "https://route53.amazonaws.com.cn";
      return "https://route53.amazonaws.com";
    case "sts":
      return `https://sts.${region}.${suffix}`;
    case "sns":
      return `https://sns.${region}.${suffix}`;
    case "ses":
    case "sesv2":
      return `https://email.${region}.${suffix}`;
  }
}
