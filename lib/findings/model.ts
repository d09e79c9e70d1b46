import { z } from "zod";

/**
 * The shapes every part of Sesame shares for findings: the targets they are about, one severity vocabulary with one
 * rank order, evidence and the finding itself. A leaf module (zod only): lib/env, lib/dns, lib/smtp, lib/diagnose,
 * lib/health and the sigv4 doctor import it, and it imports none of them.
 */

export const TargetIdSchema = z.enum(["plunk", "plunk-v1", "usesend", "aws", "smtp"]);
export type TargetId = z.infer<typeof TargetIdSchema>;

/** The one severity vocabulary: the engine's findings, the health cards and the signature doctor's rules. */
export const SeveritySchema = z.enum(["error", "warn", "info", "pass"]);
export type Severity = z.infer<typeof SeveritySchema>;

// the rank order lives in a zod-free module so the browser can sort findings without zod
export { bySeverity, SEVERITY_RANK, worstSeverity } from "./severity";

/**
 * Evidence is what Sesame saw: AWS error code/message/request id, masked values, measured numbers, names. Data only,
 * never a sentence (the wording lives in lib/findings/catalogue/) and never a secret.
 */
export const EvidenceValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type EvidenceValue = z.infer<typeof EvidenceValueSchema>;
export const EvidenceSchema = z.record(z.string(), EvidenceValueSchema);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  /** stable dotted code from lib/findings/catalogue/, e.g. "credentials.smtp-password-as-secret" */
  code: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
  severity: SeveritySchema,
  title: z.string(),
  /** why it happens (from the catalogue) */
  detail: z.string(),
  /** the exact fix (from the catalogue, with evidence filled in); code is in `backticks` */
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
