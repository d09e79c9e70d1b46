import { z } from "zod";

/**
 * Shapes shared by the engine, the doctor CLI (--json), the wizard's streamed results and the health endpoint.
 * Contract: changing a field here changes what scripts parsing `doctor --json` see.
 */

export const TargetIdSchema = z.enum(["plunk", "plunk-v1", "usesend", "aws", "smtp"]);
export type TargetId = z.infer<typeof TargetIdSchema>;

export const SeveritySchema = z.enum(["error", "warn", "info", "pass"]);
export type Severity = z.infer<typeof SeveritySchema>;

/** Evidence is what Sesame saw: AWS error code/message/request id, masked values, measured numbers. Never a secret. */
export const EvidenceSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  /** stable dotted code from lib/diagnose/catalogue.ts, e.g. "credentials.smtp-password-as-secret" */
  code: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
  severity: SeveritySchema,
  title: z.string(),
  /** why it happens (from the catalogue) */
  detail: z.string(),
  /** the exact fix (from the catalogue, with evidence filled in) */
  fix: z.string(),
  evidence: EvidenceSchema,
  /** which component it belongs to on the health page: credentials, permissions, region, account, quota, domain, dns, smtp, clock, env, endpoint */
  component: z.string().optional(),
  docs: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const ReportStatusSchema = z.enum(["pass", "warn", "fail"]);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

/** `doctor --json` prints exactly this. */
export const ReportSchema = z.object({
  status: ReportStatusSchema,
  findings: z.array(FindingSchema),
  durationMs: z.number(),
});
export type Report = z.infer<typeof ReportSchema>;

/** What the engine is asked to check. Secrets stay on the server. */
export const DiagnoseInputSchema = z.object({
  target: TargetIdSchema.default("plunk"),
  region: z.string().optional(),
  accessKeyId: z.string().optional(),
  secretAccessKey: z.string().optional(),
  sessionToken: z.string().optional(),
  /** SMTP targets: the SMTP password the platform is configured with (checked, never echoed) */
  smtpPassword: z.string().optional(),
  smtpHost: z.string().optional(),
  smtpPort: z.number().int().optional(),
  /** extra CA (PEM) trusted for the SMTP probe's TLS, e.g. the emulator's self-signed certificate */
  smtpCa: z.string().optional(),
  /** custom endpoint (AWS_ENDPOINT_URL); per-service overrides below */
  endpoint: z.string().url().optional(),
  endpoints: z
    .object({
      ses: z.string().url().optional(),
      iam: z.string().url().optional(),
      sts: z.string().url().optional(),
      sns: z.string().url().optional(),
    })
    .default({}),
  domain: z.string().optional(),
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
