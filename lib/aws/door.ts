import "server-only";
import { type CallResult, awsCall } from "./call";
import { type ClientOptions, createClient, type ServiceClient, type StaticCredentials } from "./clients";
import { customEndpointFor, type EndpointConfig, endpointLabel } from "./endpoints";
import { AwsCallError, isClockError } from "./errors";
import { type AwsService, loadSdk, type SdkOf } from "./services";

/**
 * THE door to AWS. Every AWS call Sesame makes — wizard, rotation, key age, health, doctor — goes through an
 * AwsDoor: one cached client per service and region (built in ./clients.ts, SDK package loaded on first use), the
 * endpoint and signing region of ./endpoints.ts, a deadline on every call (./call.ts), errors classified once
 * (./errors.ts), and secrets scrubbed from every message it hands back.
 */

/** Where calls go: the platform's region, the custom endpoints, and the per-call deadline. */
export interface AwsWhere extends EndpointConfig {
  region: string;
  timeoutMs: number;
}

/** The output type of an SDK command instance (smithy commands carry it on their middleware stack). */
export type OutputOf<C> = C extends { middlewareStack: { resolve(...args: never[]): infer H } }
  ? H extends (...args: never[]) => Promise<{ output: infer O }>
    ? O
    : never
  : never;

export type CommandFactory<S extends AwsService, C> = (sdk: SdkOf<S>) => C;

export interface CallLogEntry {
  service: AwsService;
  region: string;
  operation: string;
  ms: number;
}

export class AwsDoor {
  private clients = new Map<string, Promise<ServiceClient>>();
  /** every call made (for the benchmark's serial replay and for tests) */
  readonly log: CallLogEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly where: Omit<AwsWhere, "region"> & { region?: string },
    private creds?: StaticCredentials,
    private readonly opts: { signal?: AbortSignal; serial?: boolean } = {},
  ) {}

  /** Clients are made only once credentials are known; changing them drops every client. */
  setCredentials(creds: StaticCredentials | undefined): void {
    this.creds = creds;
    this.destroy();
  }

  get hasCredentials(): boolean {
    return !!this.creds;
  }

  get timeoutMs(): number {
    return this.where.timeoutMs;
  }

  /** Where a call to this service goes, for evidence and messages. */
  endpoint(service: AwsService, region = this.defaultRegion()): string {
    return endpointLabel(service, region, this.where);
  }

  /** Whether the service is pointed at a custom endpoint rather than AWS. */
  isCustomEndpoint(service: AwsService): boolean {
    return !!customEndpointFor(service, this.where);
  }

  private defaultRegion(): string {
    if (!this.where.region) throw new Error("no region for this AWS call");
    return this.where.region;
  }

  private options(): ClientOptions {
    if (!this.creds) throw new Error("no credentials to sign with");
    return {
      credentials: this.creds,
      timeoutMs: this.where.timeoutMs,
      endpoint: this.where.endpoint,
      endpoints: this.where.endpoints,
    };
  }

  private client(service: AwsService, region: string): Promise<ServiceClient> {
    const key = `${service}/${region}`;
    let c = this.clients.get(key);
    if (!c) {
      c = createClient(service, region, this.options());
      this.clients.set(key, c);
    }
    return c;
  }

  /**
   * Runs one operation and returns its result as a value. The command is built from the lazily loaded SDK package:
   * `door.call("sesv2", region, "GetAccount", (sdk) => new sdk.GetAccountCommand({}))`. A "Signature expired / not
   * yet current" answer is retried once with the clock offset AWS's Date header revealed, so the clock gets its own
   * finding and the remaining checks still learn something.
   */
  call<S extends AwsService, C>(
    service: S,
    region: string,
    operation: string,
    make: CommandFactory<S, C>,
  ): Promise<CallResult<OutputOf<C>>> {
    if (!this.opts.serial) return this.callNow(service, region, operation, make);
    const next = this.queue.then(() => this.callNow(service, region, operation, make));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Like call(), in the platform's region, throwing an AwsCallError on failure. */
  async send<S extends AwsService, C>(service: S, make: CommandFactory<S, C>, region?: string): Promise<OutputOf<C>> {
    const r = await this.call(service, region ?? this.defaultRegion(), "", make);
    if (!r.ok) throw new AwsCallError(r.error);
    return r.output;
  }

  private async callNow<S extends AwsService, C>(
    service: S,
    region: string,
    operation: string,
    make: CommandFactory<S, C>,
  ): Promise<CallResult<OutputOf<C>>> {
    const started = Date.now();
    const [client, sdk] = await Promise.all([this.client(service, region), loadSdk(service)]);
    const run = () => this.send1<OutputOf<C>>(client, make(sdk));
    let result = await run();
    if (!result.ok && isClockError(result.error) && result.meta.skewMs !== undefined) {
      (client.config as { systemClockOffset?: number }).systemClockOffset = result.meta.skewMs;
      result = await run();
    }
    this.log.push({ service, region, operation, ms: Date.now() - started });
    if (!result.ok) result.error.message = this.scrub(result.error.message);
    return result;
  }

  /**
   * One attempt of one command. Subclasses may look at the raw answer around it (the engine checks that the answer
   * is the AWS protocol at all); the door itself only bounds and classifies.
   */
  protected send1<T>(client: ServiceClient, command: unknown): Promise<CallResult<T>> {
    // biome-ignore lint/suspicious/noExplicitAny: commands are structurally typed in awsCall
    return awsCall<T>(client, command as any, { timeoutMs: this.where.timeoutMs, signal: this.opts.signal });
  }

  /** The secrets this door signs with, for scrubbing text that may echo them. */
  protected get secrets(): (string | undefined)[] {
    return [this.creds?.secretAccessKey, this.creds?.sessionToken];
  }

  /** No character of the secret or session token survives in a message handed back (AWS sometimes echoes input). */
  private scrub(message: string): string {
    let out = message;
    for (const s of this.secrets) {
      if (s && s.length >= 8) out = out.split(s).join("[redacted]");
    }
    return out;
  }

  destroy(): void {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const c of all) c.then((client) => client.destroy()).catch(() => undefined);
  }
}

/** One short-lived door for a few calls with the given key; its sockets are closed when `use` settles. */
export async function withDoor<T>(
  creds: StaticCredentials,
  where: AwsWhere,
  use: (door: AwsDoor) => Promise<T>,
): Promise<T> {
  const door = new AwsDoor(where, {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    sessionToken: creds.sessionToken || undefined,
  });
  try {
    return await use(door);
  } finally {
    door.destroy();
  }
}
