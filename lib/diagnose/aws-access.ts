import { type CallResult, awsCall } from "@/lib/aws/call";
import {
  type AwsService,
  type ClientOptions,
  createClient,
  endpointLabel,
  type ServiceClient,
} from "@/lib/aws/clients";
import {
  type ClassifiedError,
  isAccessDenied,
  isAuthFailure,
  isClockError,
  isScopeRegionError,
} from "@/lib/aws/errors";
import type { RawFinding } from "./catalogue";
import { redact } from "./mask";
import { type NotAwsAnswer, notAwsAnswer, notAwsError, tapWire, type Wire } from "./wire-check";
import type { DiagnoseInput } from "./schema";
import type { Credentials } from "./types";

/**
 * The engine's door to AWS: one cached client per service and region, a deadline on every call, and the
 * translation of "no usable answer" into endpoint findings shared by all probes.
 */
export class AwsAccess {
  private clients = new Map<string, ServiceClient>();
  /** every call made, for the benchmark's serial replay and for tests */
  readonly log: { service: AwsService; region: string; operation: string; ms: number }[] = [];

  /** serial = one call at a time across all probes (the benchmark's baseline) */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly input: DiagnoseInput,
    private creds: Credentials | undefined,
    private readonly signal?: AbortSignal,
    private readonly serial = false,
  ) {}

  /** The input probe decides which credentials are usable; clients are made only after that. */
  setCredentials(creds: Credentials | undefined): void {
    this.creds = creds;
    this.destroy();
  }

  get hasCredentials(): boolean {
    return !!this.creds;
  }

  private options(): ClientOptions {
    if (!this.creds) throw new Error("no credentials to sign with");
    return {
      credentials: this.creds,
      timeoutMs: this.input.timeoutMs,
      endpoint: this.input.endpoint,
      endpoints: this.input.endpoints,
    };
  }

  client(service: AwsService, region: string): ServiceClient {
    const key = `${service}/${region}`;
    let c = this.clients.get(key);
    if (!c) {
      c = createClient(service, region, this.options());
      this.clients.set(key, c);
    }
    return c;
  }

  endpoint(service: AwsService, region: string): string {
    return endpointLabel(service, region, this.input);
  }

  /**
   * Runs one operation. A "Signature expired / not yet current" answer is retried once with the clock offset AWS's
   * Date header revealed: the clock gets its own finding, and the remaining checks still learn something.
   */
  call<T>(service: AwsService, region: string, operation: string, makeCommand: () => unknown): Promise<CallResult<T>> {
    if (!this.serial) return this.callNow<T>(service, region, operation, makeCommand);
    const next = this.queue.then(() => this.callNow<T>(service, region, operation, makeCommand));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async callNow<T>(
    service: AwsService,
    region: string,
    operation: string,
    makeCommand: () => unknown,
  ): Promise<CallResult<T>> {
    const client = this.client(service, region);
    const started = Date.now();
    const send = async (): Promise<CallResult<T>> => {
      const wire: Wire = {};
      const command = makeCommand() as Parameters<typeof tapWire>[0];
      tapWire(command, wire);
      // biome-ignore lint/suspicious/noExplicitAny: commands are structurally typed in awsCall
      const r = await awsCall<T>(client, command as any, { timeoutMs: this.input.timeoutMs, signal: this.signal });
      const stranger = notAwsAnswer(r, wire);
      if (!stranger) return r;
      const error = notAwsError(stranger, wire, r.ok ? r.meta.status : r.error.status);
      this.wires.set(error, wire);
      return { ok: false, error, meta: r.meta };
    };
    let result = await send();
    if (!result.ok && isClockError(result.error) && result.meta.skewMs !== undefined) {
      (client.config as { systemClockOffset?: number }).systemClockOffset = result.meta.skewMs;
      result = await send();
    }
    this.log.push({ service, region, operation, ms: Date.now() - started });
    if (!result.ok)
      result.error.message = redact(result.error.message, [this.creds?.secretAccessKey, this.creds?.sessionToken]);
    return result;
  }

  /** What came back, for an answer that is not AWS's (endpoint.not-aws's evidence). */
  private readonly wires = new WeakMap<ClassifiedError, Wire>();

  notAwsFinding(
    answer: NotAwsAnswer,
    wire: Wire,
    where: { service: AwsService; region: string; operation: string },
  ): RawFinding {
    const service = where.service === "sesv2" ? "SES" : where.service.toUpperCase();
    const bodyStart = redact(wire.bodyStart ?? "", [this.creds?.secretAccessKey, this.creds?.sessionToken]);
    return {
      code: "endpoint.not-aws",
      evidence: {
        service,
        serviceUpper: where.service === "sesv2" ? "SES" : service,
        endpoint: this.endpoint(where.service, where.region),
        operation: where.operation,
        region: where.region,
        status: wire.status ?? "?",
        answer,
        contentType: wire.contentType ?? null,
        contentTypeText: wire.contentType ? "known" : "unknown",
        bodyStart: bodyStart || null,
        bodyText: bodyStart ? "known" : "unknown",
      },
    };
  }

  /**
   * Findings for a failed call that are not the caller's own business: endpoint trouble, a rejected signing region,
   * or an unexpected answer. Authentication failures belong to the identity probe and access denials to the
   * permission probe, so other probes stay quiet about them.
   */
  errorFindings(
    error: ClassifiedError,
    where: { service: AwsService; region: string; operation: string },
  ): RawFinding[] {
    const endpoint = this.endpoint(where.service, where.region);
    const service = where.service === "sesv2" ? "SES" : where.service.toUpperCase();
    const base = { service, endpoint, operation: where.operation, region: where.region };
    switch (error.kind) {
      case "unreachable":
        return [{ code: "endpoint.unreachable", evidence: { ...base, errorCode: error.code, message: error.message } }];
      case "timeout":
        return [{ code: "endpoint.timeout", evidence: { ...base, timeoutMs: this.input.timeoutMs } }];
      case "tls":
        return [{ code: "endpoint.tls", evidence: { ...base, errorCode: error.code, message: error.message } }];
      case "server-error":
        return [
          {
            code: "endpoint.server-error",
            evidence: {
              ...base,
              status: error.status ?? "?",
              errorCode: error.code,
              requestId: error.requestId ?? null,
            },
          },
        ];
      case "throttled":
        return [{ code: "endpoint.throttled", evidence: { ...base, errorCode: error.code, message: error.message } }];
      case "aborted":
        return [];
      case "not-aws":
        return [
          this.notAwsFinding(error.code as NotAwsAnswer, this.wires.get(error) ?? { status: error.status }, where),
        ];
      case "aws":
        if (isScopeRegionError(error)) {
          return [
            {
              code: "region.scope-rejected",
              evidence: { ...base, message: error.message, serviceUpper: service, requestId: error.requestId ?? null },
            },
          ];
        }
        if (isAuthFailure(error) || isAccessDenied(error)) return [];
        return [
          {
            code: "endpoint.unexpected-error",
            evidence: {
              ...base,
              status: error.status ?? "?",
              errorCode: error.code,
              message: error.message,
              requestId: error.requestId ?? null,
            },
          },
        ];
    }
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
