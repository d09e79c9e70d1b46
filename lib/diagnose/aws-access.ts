import {
  AwsDoor,
  type AwsService,
  type CallResult,
  type ClassifiedError,
  isAccessDenied,
  isAuthFailure,
  isScopeRegionError,
  type ServiceClient,
} from "@/lib/aws";
import type { RawFinding } from "@/lib/findings/catalogue";
import { redact } from "./mask";
import type { DiagnoseInput } from "./schema";
import type { Credentials } from "./types";
import { type NotAwsAnswer, notAwsAnswer, notAwsError, tapWire, type Wire } from "./wire-check";

/**
 * The engine's view of the AWS door (lib/aws): the same clients, deadlines and error classes as the wizard, plus
 * a look at every raw answer (is it the AWS protocol at all?) and the translation of "no usable answer" into
 * endpoint findings shared by all probes.
 */
export class AwsAccess extends AwsDoor {
  constructor(
    private readonly input: DiagnoseInput,
    creds: Credentials | undefined,
    signal?: AbortSignal,
    serial = false,
  ) {
    super({ timeoutMs: input.timeoutMs, endpoint: input.endpoint, endpoints: input.endpoints }, creds, {
      signal,
      serial,
    });
  }

  /** Each attempt taps the wire: an answer that is not AWS's becomes a `not-aws` error carrying what came back. */
  protected override async send1<T>(client: ServiceClient, command: unknown): Promise<CallResult<T>> {
    const wire: Wire = {};
    tapWire(command as Parameters<typeof tapWire>[0], wire);
    const r = await super.send1<T>(client, command);
    const stranger = notAwsAnswer(r, wire);
    if (!stranger) return r;
    const error = notAwsError(stranger, wire, r.ok ? r.meta.status : r.error.status);
    this.wires.set(error, wire);
    return { ok: false, error, meta: r.meta };
  }

  /** What came back, for an answer that is not AWS's (endpoint.not-aws's evidence). */
  private readonly wires = new WeakMap<ClassifiedError, Wire>();

  notAwsFinding(
    answer: NotAwsAnswer,
    wire: Wire,
    where: { service: AwsService; region: string; operation: string },
  ): RawFinding {
    const service = where.service === "sesv2" ? "SES" : where.service.toUpperCase();
    const bodyStart = redact(wire.bodyStart ?? "", this.secrets);
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
}
