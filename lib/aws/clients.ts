import { IAMClient } from "@aws-sdk/client-iam";
import { SESClient } from "@aws-sdk/client-ses";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/**
 * SDK clients for probes: static credentials only (never the default chain, so a probe checks exactly the keys it
 * was given), one attempt (a retry would hide throttling and double the wait), and connection + socket deadlines.
 */

export type AwsService = "ses" | "sesv2" | "iam" | "sts" | "sns";

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface EndpointConfig {
  /** AWS_ENDPOINT_URL: one endpoint for every service */
  endpoint?: string;
  /** AWS_ENDPOINT_URL_SES / _IAM / _STS / _SNS (SESv2 shares the SES host) */
  endpoints?: { ses?: string; iam?: string; sts?: string; sns?: string };
}

export interface ClientOptions extends EndpointConfig {
  credentials: StaticCredentials;
  timeoutMs: number;
}

/** The custom endpoint for a service, per-service override first. */
export function customEndpointFor(service: AwsService, cfg: EndpointConfig): string | undefined {
  const key = service === "sesv2" ? "ses" : service;
  return cfg.endpoints?.[key] ?? cfg.endpoint;
}

/** Where a call goes, for evidence: the custom endpoint, or the AWS host the SDK will use. */
export function endpointLabel(service: AwsService, region: string, cfg: EndpointConfig): string {
  const custom = customEndpointFor(service, cfg);
  if (custom) return custom;
  if (service === "iam")
    return region.startsWith("us-gov-") ? "https://iam.us-gov.amazonaws.com" : "https://iam.amazonaws.com";
  if (service === "sts") return `https://sts.${region}.amazonaws.com`;
  if (service === "sns") return `https://sns.${region}.amazonaws.com`;
  return `https://email.${region}.amazonaws.com`;
}

/** Reads AWS_ENDPOINT_URL and its per-service variants (the names the AWS SDKs and CLI use). */
export function endpointsFromEnv(env: Record<string, string | undefined>): Required<EndpointConfig> {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v);
  return {
    endpoint: pick("AWS_ENDPOINT_URL") as string,
    endpoints: {
      ses: pick("AWS_ENDPOINT_URL_SES", "AWS_ENDPOINT_URL_SESV2"),
      iam: pick("AWS_ENDPOINT_URL_IAM"),
      sts: pick("AWS_ENDPOINT_URL_STS"),
      sns: pick("AWS_ENDPOINT_URL_SNS"),
    },
  };
}

export type ServiceClient = STSClient | IAMClient | SESClient | SESv2Client | SNSClient;

export function createClient(service: "sts", region: string, opts: ClientOptions): STSClient;
export function createClient(service: "iam", region: string, opts: ClientOptions): IAMClient;
export function createClient(service: "ses", region: string, opts: ClientOptions): SESClient;
export function createClient(service: "sesv2", region: string, opts: ClientOptions): SESv2Client;
export function createClient(service: "sns", region: string, opts: ClientOptions): SNSClient;
export function createClient(service: AwsService, region: string, opts: ClientOptions): ServiceClient;
export function createClient(service: AwsService, region: string, opts: ClientOptions): ServiceClient {
  const endpoint = customEndpointFor(service, opts);
  const config = {
    // IAM is global: its signing region is us-east-1 (GovCloud: us-gov-west-1) whatever region the platform uses.
    region: service === "iam" ? (region.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1") : region,
    credentials: { ...opts.credentials },
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: new NodeHttpHandler({ connectionTimeout: opts.timeoutMs, requestTimeout: opts.timeoutMs }),
  };
  switch (service) {
    case "sts":
      return new STSClient(config);
    case "iam":
      return new IAMClient(config);
    case "ses":
      return new SESClient(config);
    case "sesv2":
      return new SESv2Client(config);
    case "sns":
      return new SNSClient(config);
  }
}
