/**
 * Where SES and its SMTP interface are offered (docs/aws-facts.md §3.1, sources in §3.1.1). Product knowledge,
 * deliberately separate from the emulator's own table so that the emulator can disagree with it in tests.
 *
 * Source: AWS General Reference, "Amazon Simple Email Service endpoints and quotas"
 * (https://docs.aws.amazon.com/general/latest/gr/ses.html) — its "Service API endpoints" table for SES_REGIONS;
 * for SMTP, AWS's SMTP-credentials sample (aws-doc-sdk-examples ses_generate_smtp_credentials.py, which lists
 * eu-south-1) and operators' reports of SMTP host names that do not resolve (ap-southeast-3, eu-central-2).
 * tests/unit/regions.test.ts holds every region of the table.
 */

/** Regions with the SES API (commercial and GovCloud partitions). */
export const SES_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-south-1",
  "ap-south-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

/**
 * SES regions without an `email-smtp.<region>.amazonaws.com` host: documented as such by AWS (af-south-1,
 * il-central-1, me-south-1) or reported not to resolve (ap-southeast-3, eu-central-2). Europe (Milan), eu-south-1,
 * is NOT among them: AWS's own SMTP-credentials sample lists it.
 */
export const NO_SMTP_REGIONS = ["af-south-1", "ap-southeast-3", "il-central-1", "me-south-1", "eu-central-2"] as const;

/** Regions whose SMTP availability is unconfirmed (docs/aws-facts.md §6); treated as available with a warning. */
export const SMTP_UNCONFIRMED_REGIONS = ["ap-south-2", "ap-southeast-5", "ca-west-1", "me-central-1"] as const;

/** Every region AWS has (commercial + GovCloud), for telling "unknown region" from "no SES here". */
export const ALL_AWS_REGIONS = [
  ...SES_REGIONS,
  "ap-east-1",
  "ap-east-2",
  "ap-southeast-4",
  "ap-southeast-6",
  "ap-southeast-7",
  "mx-central-1",
  "eu-south-2",
  "cn-north-1",
  "cn-northwest-1",
] as const;

export type SesRegion = (typeof SES_REGIONS)[number];

export const SMTP_PORTS = { starttls: [587, 2587, 25], tls: [465, 2465] } as const;

const REGION_RE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function isRegionShaped(region: string): boolean {
  return REGION_RE.test(region);
}
export function isKnownRegion(region: string): boolean {
  return (ALL_AWS_REGIONS as readonly string[]).includes(region);
}
export function hasSes(region: string): boolean {
  return (SES_REGIONS as readonly string[]).includes(region);
}
export function hasSmtp(region: string): boolean {
  return hasSes(region) && !(NO_SMTP_REGIONS as readonly string[]).includes(region);
}
export function smtpRegions(): string[] {
  return SES_REGIONS.filter((r) => hasSmtp(r));
}
export function sesApiHost(region: string): string {
  return `email.${region}.amazonaws.com`;
}
export function smtpHost(region: string): string {
  return `email-smtp.${region}.amazonaws.com`;
}
export function mailFromMxHost(region: string): string {
  return `feedback-smtp.${region}.amazonses.com`;
}

export type Partition = "aws" | "aws-us-gov" | "aws-cn";

/** The partition a region belongs to: GovCloud and China have their own global endpoints and signing regions. */
export function partitionOf(region: string): Partition {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  return "aws";
}
