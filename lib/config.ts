import "server-only";
import path from "node:path";
import { z } from "zod";
import { endpointsFromEnv } from "./aws/endpoints";
import { DiagnoseInputSchema, TargetIdSchema } from "./diagnose/schema";

/**
 * Sesame's own settings, read from the process environment. One schema so the README table, the wizard, the health
 * endpoint and the start script agree on names and defaults.
 */
export const SesameConfigSchema = z.object({
  /** the platform env file Sesame writes and the health check reads */
  envFile: z.string().default(path.resolve(process.cwd(), "data/platform.env")),
  /** target preset of the deployed platform */
  target: TargetIdSchema.default("plunk"),
  /**
   * setup token for the wizard's routes; the start script generates and prints one when unset. Its strength is
   * checked at start-up with a message, not here (lib/setup/token.ts setupTokenProblem, docs/security.md).
   */
  setupToken: z.string().optional(),
  /** where the wizard keeps its progress and the lock flag (no secrets are stored there) */
  stateDir: z.string().default(path.resolve(process.cwd(), ".sesame")),
  /** domain the health check verifies (otherwise taken from the wizard state) */
  domain: z.string().optional(),
  /** custom AWS endpoint for every service, AWS_ENDPOINT_URL (the demo sets it to the emulator) */
  endpoint: z.string().url().optional(),
  /** per-service endpoints, AWS_ENDPOINT_URL_SES / _IAM / _STS / _SNS / _ROUTE_53; they win over `endpoint` */
  endpoints: DiagnoseInputSchema.shape.endpoints.unwrap().optional(),
  /** DNS server for Sesame's own lookups, "host:port" */
  dnsServer: z.string().optional(),
  /** health cache period in seconds */
  healthCacheSeconds: z.coerce.number().int().positive().default(60),
  /** demo mode: banner + DNS publish panel talking to the emulator admin API */
  demo: z.boolean().default(false),
  /** emulator admin base URL (demo only) */
  emulatorUrl: z.string().url().optional(),
  /** SES SMTP endpoint override "host:port" (the demo's stand-in); default email-smtp.<region>.amazonaws.com:587 */
  smtpEndpoint: z.string().optional(),
  /** where the stand-in plays each SES SMTP port for the port check: "587=host:port,465=host:port,…" (demo only) */
  smtpPortMap: z.string().optional(),
  /** PEM file of a CA to trust for the SMTP endpoint override (the demo stand-in's self-signed certificate) */
  smtpCaFile: z.string().optional(),
  /** per-call deadline for AWS/DNS/SMTP, ms */
  timeoutMs: z.coerce.number().int().positive().default(5000),
});
export type SesameConfig = z.infer<typeof SesameConfigSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): SesameConfig {
  return SesameConfigSchema.parse({
    envFile: env.SESAME_ENV_FILE || undefined,
    target: env.SESAME_TARGET || undefined,
    setupToken: env.SESAME_SETUP_TOKEN || undefined,
    stateDir: env.SESAME_STATE_DIR || undefined,
    domain: env.SESAME_DOMAIN || undefined,
    endpoint: env.AWS_ENDPOINT_URL || undefined,
    endpoints: endpointsFromEnv(env).endpoints,
    dnsServer: env.SESAME_DNS_SERVER || undefined,
    healthCacheSeconds: env.SESAME_HEALTH_CACHE_SECONDS || undefined,
    demo: env.SESAME_DEMO === "1" || env.SESAME_DEMO === "true",
    emulatorUrl: env.SESAME_EMULATOR_URL || undefined,
    smtpEndpoint: env.SESAME_SMTP_ENDPOINT || undefined,
    smtpCaFile: env.SESAME_SMTP_CA_FILE || undefined,
    smtpPortMap: env.SESAME_SMTP_PORT_MAP || undefined,
    timeoutMs: env.SESAME_TIMEOUT_MS || undefined,
  });
}
