import { z } from "zod";
import { TargetIdSchema } from "@/lib/findings/model";

/**
 * Shapes shared by the engine, the doctor CLI (--json), the wizard's streamed results and the health endpoint.
 * Contract: changing a field here changes what scripts parsing `doctor --json` see.
 */

export {
  type Evidence,
  EvidenceSchema,
  type Finding,
  FindingSchema,
  type Report,
  ReportSchema,
  type ReportStatus,
  ReportStatusSchema,
  type Severity,
  SeveritySchema,
  type TargetId,
  TargetIdSchema,
} from "@/lib/findings/model";

/** What the engine is asked to check. Secrets stay on the server. */
export const DiagnoseInputSchema = z.object({
  target: TargetIdSchema.default("plunk"),
  region: z.string().optional(),
  accessKeyId: z.string().optional(),
  secretAccessKey: z.string().optional(),
  sessionToken: z.string().optional(),
  /** where the key came from: the platform's configuration, or the AWS default credential chain (no key configured) */
  credentialSource: z.enum(["static", "chain"]).default("static"),
  /** the chain gave nothing: why (no secret in it) */
  chainError: z.string().optional(),
  /** SMTP targets: the SMTP password the platform is configured with (checked, never echoed) */
  smtpPassword: z.string().optional(),
  smtpHost: z.string().optional(),
  smtpPort: z.number().int().optional(),
  /** try every SES SMTP port at once (doctor --smtp-ports; health for SMTP targets) */
  smtpPorts: z.boolean().default(false),
  /** where each SES SMTP port is really served ("587" → host:port): the demo's stand-in (SESAME_SMTP_PORT_MAP) */
  smtpPortMap: z.record(z.string(), z.object({ host: z.string(), port: z.number().int() })).optional(),
  /** extra CA (PEM) trusted for the SMTP probe's TLS, e.g. the emulator's self-signed certificate */
  smtpCa: z.string().optional(),
  /** custom endpoint (AWS_ENDPOINT_URL); per-service overrides below */
  endpoint: z.string().url().optional(),
  endpoints: z
    .object({
      ses: z.string().url(),
      sesv2: z.string().url(),
      iam: z.string().url(),
      sts: z.string().url(),
      sns: z.string().url(),
      route53: z.string().url(),
    })
    .partial()
    .default({}),
  domain: z.string().optional(),
  /** the MAIL FROM domain when the caller knows it (the wizard's state); else SES's answer or the platform's convention */
  mailFromDomain: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  /** DNS server for Sesame's own lookups, "host:port" (tests: the emulator's DNS); default: system resolver */
  dnsServer: z.string().optional(),
  /** raw env-file text or parsed variables, for env.* checks */
  env: z.record(z.string(), z.string()).optional(),
  envText: z.string().optional(),
  /** per-call deadline in ms */
  timeoutMs: z.number().int().positive().default(5000),
  /** skip checks that send mail (health uses only read-only probes) */
  readOnly: z.boolean().default(true),
});
export type DiagnoseInput = z.infer<typeof DiagnoseInputSchema>;
export type DiagnoseInputRaw = z.input<typeof DiagnoseInputSchema>;
