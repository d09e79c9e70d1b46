/**
 * Regions the emulator accepts in a SigV4 credential scope (docs/emulator.md "What it checks", step 4). Its own table on purpose:
 * emulator code must not import the product's lib/aws.
 */
export const SES_SCOPE_REGIONS: readonly string[] = [
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
  "eusc-de-east-1",
];

/** Regions with a regional STS endpoint: every SES region plus the commercial regions SES does not serve. */
const OTHER_REAL_REGIONS = [
  "ap-east-1",
  "ap-east-2",
  "ap-southeast-4",
  "ap-southeast-6",
  "ap-southeast-7",
  "eu-south-2",
  "mx-central-1",
  "cn-north-1",
  "cn-northwest-1",
];

export type SigningService = "ses" | "iam" | "sts" | "sns" | "route53";

/** Is `region` a valid credential-scope region for this service on this (single, global-looking) endpoint? */
export function isValidScopeRegion(service: SigningService, region: string): boolean {
  // IAM and Route 53 are global: they sign for us-east-1
  if (service === "iam" || service === "route53") return region === "us-east-1";
  if (service === "sts" || service === "sns")
    return SES_SCOPE_REGIONS.includes(region) || OTHER_REAL_REGIONS.includes(region);
  return SES_SCOPE_REGIONS.includes(region);
}

/** ARN partition of a region (identity ARNs in AccessDenied messages must carry the right one). */
export function partitionOf(region: string): string {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}
