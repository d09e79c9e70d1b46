import { z } from "zod";
import type { Faults } from "./core/types";

/** Fault injection for AWS traffic (never for /_emulator/). POST /_emulator/faults merges a partial of this. */
export const FaultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    clockOffsetSeconds: z
      .number()
      .int()
      .min(-10 * 365 * 86_400)
      .max(10 * 365 * 86_400),
    throttleEvery: z.number().int().min(0),
    errorEvery: z.number().int().min(0),
    /** status of the injected 5xx: 500 InternalFailure (default) or 503 ServiceUnavailable */
    errorStatus: z.union([z.literal(500), z.literal(503)]),
    dropEvery: z.number().int().min(0),
    service: z.enum(["ses", "iam", "sts", "sns"]).optional(),
  })
  .strict();

export type FaultSettings = Faults & { errorStatus: 500 | 503 };
export const FaultsPatchSchema = FaultsSchema.partial().extend({
  service: z.enum(["ses", "iam", "sts", "sns"]).nullish(),
});

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  clockOffsetSeconds: 0,
  throttleEvery: 0,
  errorEvery: 0,
  errorStatus: 500,
  dropEvery: 0,
};

export type FaultOutcome =
  | { kind: "none" }
  | { kind: "drop" }
  | { kind: "throttle" }
  | { kind: "error"; status: 500 | 503 };

/** Decides, per AWS request, which fault (if any) hits it. Counters are per fault kind, over matching requests. */
export class FaultInjector {
  settings: FaultSettings = { ...NO_FAULTS };
  private count = 0;

  merge(patch: z.infer<typeof FaultsPatchSchema>): FaultSettings {
    const { service, ...rest } = patch;
    const next: FaultSettings = { ...this.settings, ...rest };
    if (service === null) delete next.service;
    else if (service !== undefined) next.service = service;
    this.settings = next;
    this.count = 0;
    return this.settings;
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
    this.count = 0;
  }

  /** Real time shifted by the clock-offset fault: what the emulator believes "now" is. */
  now(): Date {
    return new Date(Date.now() + this.settings.clockOffsetSeconds * 1000);
  }

  private matches(service: string | undefined): boolean {
    return this.settings.service === undefined || this.settings.service === service;
  }

  latencyFor(service: string | undefined): number {
    return this.matches(service) ? this.settings.latencyMs : 0;
  }

  next(service: string | undefined): FaultOutcome {
    if (!this.matches(service)) return { kind: "none" };
    const { dropEvery, throttleEvery, errorEvery, errorStatus } = this.settings;
    if (dropEvery === 0 && throttleEvery === 0 && errorEvery === 0) return { kind: "none" };
    const n = ++this.count;
    if (dropEvery > 0 && n % dropEvery === 0) return { kind: "drop" };
    if (throttleEvery > 0 && n % throttleEvery === 0) return { kind: "throttle" };
    if (errorEvery > 0 && n % errorEvery === 0) return { kind: "error", status: errorStatus };
    return { kind: "none" };
  }
}
