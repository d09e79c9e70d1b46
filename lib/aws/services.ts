import "server-only";

/**
 * Every AWS service Sesame talks to, one row each: how to load its SDK package (lazily — a run loads only the
 * clients it uses, which keeps `sesame doctor --help` and short runs fast), which client class it builds, which
 * `AWS_ENDPOINT_URL_<ID>` variables override its endpoint (the names the AWS SDKs and CLI read; docs/aws-facts.md),
 * and whether it is a global service that signs for one region per partition. Adding a service is adding a row.
 */
export const AWS_SERVICES = {
  sts: { load: () => import("@aws-sdk/client-sts"), client: "STSClient", endpointVars: ["STS"], global: false },
  iam: { load: () => import("@aws-sdk/client-iam"), client: "IAMClient", endpointVars: ["IAM"], global: true },
  // SES v1 and SESv2 share one host (docs/aws-facts.md): either variable moves both.
  ses: {
    load: () => import("@aws-sdk/client-ses"),
    client: "SESClient",
    endpointVars: ["SES", "SESV2"],
    global: false,
  },
  sesv2: {
    load: () => import("@aws-sdk/client-sesv2"),
    client: "SESv2Client",
    endpointVars: ["SESV2", "SES"],
    global: false,
  },
  sns: { load: () => import("@aws-sdk/client-sns"), client: "SNSClient", endpointVars: ["SNS"], global: false },
  route53: {
    load: () => import("@aws-sdk/client-route-53"),
    client: "Route53Client",
    endpointVars: ["ROUTE_53"],
    global: true,
  },
} as const;

export type AwsService = keyof typeof AWS_SERVICES;
export const AWS_SERVICE_IDS = Object.keys(AWS_SERVICES) as AwsService[];

/** The SDK package of a service, as its dynamic import resolves. */
export type SdkOf<S extends AwsService> = Awaited<ReturnType<(typeof AWS_SERVICES)[S]["load"]>>;

const loaded = new Map<AwsService, Promise<unknown>>();

/** Loads a service's SDK package once per process. */
export function loadSdk<S extends AwsService>(service: S): Promise<SdkOf<S>> {
  let p = loaded.get(service);
  if (!p) {
    const row = AWS_SERVICES[service];
    // A bundler may hand a CommonJS package to a dynamic import as `{ default: module.exports }` only (esbuild does
    // with code splitting, as in the compiled `sesame` CLI): the named exports are then on `default`.
    p = row.load().then((m) => (row.client in m ? m : ((m as { default?: unknown }).default ?? m)));
    loaded.set(service, p);
  }
  return p as Promise<SdkOf<S>>;
}

/** Which service packages this process has loaded so far (for the start-up test and the bench). */
export function loadedSdks(): AwsService[] {
  return [...loaded.keys()];
}
