import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import {
  checkSecret,
  checkSmtpRegion,
  endpointNotes,
  type RegionProblem,
  type SecretCheck,
  type SmtpEndpoint,
  type SmtpPasswordFinding,
} from "./smtp-region";

export { checkSecret, checkSmtpRegion, smtpEndpoint } from "./smtp-region";
export type { SmtpEndpoint, SmtpRegionCheck, RegionProblem, SecretCheck, SmtpPasswordFinding } from "./smtp-region";

/** A refusal carries its catalogue finding (lib/findings/catalogue/smtp-password.ts), worded where it is shown. */
export type SmtpPasswordResult =
  | { ok: true; password: string; endpoint: SmtpEndpoint; warnings: SecretCheck["warnings"] }
  | { ok: false; problem: RegionProblem | "empty-secret"; finding: SmtpPasswordFinding; smtpRegions: string[] };

/**
 * IAM secret access key → SES SMTP password for `region` (docs/aws-facts.md §2.10), refusing regions without an
 * SMTP endpoint. The secret is only an input to HMAC: it is never logged, stored or returned.
 */
export async function smtpPasswordFor(secretInput: string, regionInput: string): Promise<SmtpPasswordResult> {
  const region = checkSmtpRegion(regionInput);
  if (!region.ok) return region;
  const { secret, warnings } = checkSecret(secretInput);
  if (!secret) {
    return { ok: false, problem: "empty-secret", finding: { code: "smtp.paste-empty", evidence: {} }, smtpRegions: [] };
  }
  return {
    ok: true,
    password: await deriveSmtpPassword(secret, region.endpoint.region),
    endpoint: region.endpoint,
    warnings: [...warnings, ...endpointNotes(region.endpoint)],
  };
}
