import { z } from "zod";

/**
 * The health routes' half of the one route contract (lib/setup/contract.ts merges this table into its own, so
 * `callSetup` is typed for health routes too): health+json as docs/health.md documents it, liveness, the one-component
 * answer, the re-check, the docs page and the Prometheus text. Browser-safe: zod only, no server import, and client
 * components import its types only.
 */

/** health+json's status (draft-inadarei-api-health-check): pass and warn answer 200, fail answers 503. */
export const HealthStatusSchema = z.enum(["pass", "warn", "fail"]);

export const HealthCheckEntrySchema = z.object({
  componentId: z.string(),
  componentType: z.enum(["component", "datastore", "system"]),
  observedValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  observedUnit: z.string().optional(),
  status: HealthStatusSchema,
  time: z.string(),
  output: z.string().optional(),
});
export type HealthCheckEntry = z.infer<typeof HealthCheckEntrySchema>;

/** The documented health JSON (docs/health.md): its fields do not change. */
export const HealthJsonSchema = z.object({
  status: HealthStatusSchema,
  version: z.string(),
  releaseId: z.string().optional(),
  serviceId: z.string(),
  description: z.string(),
  checks: z.record(z.string(), z.array(HealthCheckEntrySchema)),
  notes: z.array(z.string()),
  output: z.string().optional(),
  links: z.record(z.string(), z.string()),
});
export type HealthJson = z.infer<typeof HealthJsonSchema>;

/** Liveness: the process serves HTTP; nothing else was asked. */
export const LiveJsonSchema = z.object({ status: z.literal("pass"), uptimeSeconds: z.number().int().nonnegative() });
export type LiveJson = z.infer<typeof LiveJsonSchema>;

/** A refusal (cross-site re-check, metrics off, docs missing): a sentence a person can act on. */
export const HealthErrorSchema = z.object({ error: z.string() });
export type HealthError = z.infer<typeof HealthErrorSchema>;

/** `GET /api/health/<name>` for a name that is no component: 404 listing the names that are. */
export const UnknownComponentSchema = HealthErrorSchema.extend({ components: z.array(z.string()) });
export type UnknownComponent = z.infer<typeof UnknownComponentSchema>;

/**
 * A failing round is answered 503 with the same health JSON (not a refusal); the client adds `error` to every non-2xx
 * answer, so the refusal side is the health JSON, partial, plus that sentence.
 */
const HealthFailSchema = HealthJsonSchema.partial().extend(HealthErrorSchema.shape);

/** Health routes take no body. */
const NoBodySchema = z.object({}).strict();

/**
 * Every health route: method and path (`{component}` is the path parameter), request, answer and refusal. `text: true`
 * marks a route answering text instead of JSON (its `response` is the text).
 */
export const HEALTH_ROUTES = {
  "GET /api/health": { request: NoBodySchema, response: HealthJsonSchema, error: HealthFailSchema },
  "GET /api/health/{component}": {
    request: NoBodySchema,
    response: HealthJsonSchema,
    error: z.union([UnknownComponentSchema, HealthFailSchema]),
  },
  "POST /api/health/recheck": { request: NoBodySchema, response: HealthJsonSchema, error: HealthFailSchema },
  "GET /api/health/live": { request: NoBodySchema, response: LiveJsonSchema, error: HealthErrorSchema },
  /** the same liveness, headers only */
  "HEAD /api/health/live": { request: NoBodySchema, response: z.literal(""), error: HealthErrorSchema, text: true },
  /** docs/health.md as Markdown */
  "GET /api/health/docs": { request: NoBodySchema, response: z.string(), error: HealthErrorSchema, text: true },
  /** Prometheus text (docs/health.md#metrics); 404 unless SESAME_METRICS=1 */
  "GET /api/metrics": { request: NoBodySchema, response: z.string(), error: HealthErrorSchema, text: true },
} as const;
