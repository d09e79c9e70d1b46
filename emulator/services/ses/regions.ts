/**
 * Regions offering the SES API (reference/aws.md §3.1, partition aws plus GovCloud and aws-eusc). The emulator keeps
 * its own copy on purpose: emulator code must not import the product's lib/aws.
 */
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
  "eusc-de-east-1",
] as const;

export function isSesRegion(region: string): boolean {
  return (SES_REGIONS as readonly string[]).includes(region);
}

/** ARN partition of a region (identity ARNs in AccessDenied messages must carry the right one). */
export function partitionOf(region: string): string {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}
