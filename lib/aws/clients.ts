import "server-only";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { customEndpointFor, type EndpointConfig, signingRegion } from "./endpoints";
import { AWS_SERVICES, type AwsService, loadSdk } from "./services";

/**
 * The only place an AWS SDK client is built: static credentials only (never the default chain, so a check tests
 * exactly the keys it was given), one attempt (a retry would hide throttling and double the wait), connection and
 * socket deadlines, the custom endpoint for the service, and the signing region of its partition.
 */

export type { AwsService } from "./services";

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions extends EndpointConfig {
  credentials: StaticCredentials;
  timeoutMs: number;
}

/** Structural view every generated client fits. */
export interface ServiceClient {
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's send() is overloaded per client; any command fits here
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  destroy(): void;
  config: unknown;
}

export async function createClient<S extends AwsService>(
  service: S,
  region: string,
  opts: ClientOptions,
): Promise<ServiceClient> {
  const sdk = (await loadSdk(service)) as unknown as Record<string, new (config: object) => ServiceClient>;
  const Client = sdk[AWS_SERVICES[service].client];
  const endpoint = customEndpointFor(service, opts);
  return new Client({
    region: signingRegion(service, region),
    credentials: {
      accessKeyId: opts.credentials.accessKeyId,
      secretAccessKey: opts.credentials.secretAccessKey,
      ...(opts.credentials.sessionToken ? { sessionToken: opts.credentials.sessionToken } : {}),
    },
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: opts.timeoutMs,
      requestTimeout: opts.timeoutMs,
    }),
  });
}
