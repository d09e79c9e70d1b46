import "server-only";
import type {
  GetIdentityVerificationAttributesCommandOutput,
  IdentityVerificationAttributes,
} from "@aws-sdk/client-ses";
import type { GetEmailIdentityCommandOutput } from "@aws-sdk/client-sesv2";
import type { CallResult } from "./call";
import type { AwsDoor } from "./door";

/**
 * The one read of an identity's verification state and its one spelling. SES v1 says `Success`, `Pending`,
 * `TemporaryFailure`, `NotStarted`; SESv2 says `SUCCESS`, `PENDING`, `TEMPORARY_FAILURE`, `NOT_STARTED`
 * (docs/aws-facts.md). Everything in Sesame compares the SESv2 spelling.
 */
export const SES_STATUSES = ["PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE", "NOT_STARTED"] as const;
export type SesStatus = (typeof SES_STATUSES)[number] | "UNKNOWN";

export function sesStatus(s: string | undefined | null): SesStatus {
  if (!s) return "UNKNOWN";
  const v = s.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
  return SES_STATUSES.find((x) => x === v) ?? "UNKNOWN";
}

export interface VerificationReads {
  /** SES v1 GetIdentityVerificationAttributes for all names */
  v1: CallResult<GetIdentityVerificationAttributesCommandOutput>;
  /** SESv2 GetEmailIdentity, one per name, in the order of `names` */
  v2: CallResult<GetEmailIdentityCommandOutput>[];
}

/**
 * Verification state of identities in a region, asked through SES v1 and SESv2 at once: Plunk-style policies allow
 * only the v1 reads, useSend-style ones only the v2 reads, and asking both costs no extra round trip.
 */
export async function readVerification(door: AwsDoor, region: string, names: string[]): Promise<VerificationReads> {
  const [v1, ...v2] = await Promise.all([
    door.call(
      "ses",
      region,
      "GetIdentityVerificationAttributes",
      (sdk) => new sdk.GetIdentityVerificationAttributesCommand({ Identities: names }),
    ),
    ...names.map((n) =>
      door.call("sesv2", region, "GetEmailIdentity", (sdk) => new sdk.GetEmailIdentityCommand({ EmailIdentity: n })),
    ),
  ]);
  return {
    v1: v1 as CallResult<GetIdentityVerificationAttributesCommandOutput>,
    v2: v2 as CallResult<GetEmailIdentityCommandOutput>[],
  };
}

/** The state of one identity from a SESv2 answer. */
export function statusFromV2(out: GetEmailIdentityCommandOutput): { status: SesStatus; verified: boolean } {
  const status = sesStatus(out.VerificationStatus ?? (out.VerifiedForSendingStatus ? "SUCCESS" : undefined));
  return { status, verified: out.VerifiedForSendingStatus === true || status === "SUCCESS" };
}

/** The state of one identity from a SES v1 attribute entry (absent = SES has never heard of it). */
export function statusFromV1(attrs: IdentityVerificationAttributes | undefined): {
  status: SesStatus;
  verified: boolean;
} {
  const status = sesStatus(attrs?.VerificationStatus);
  return { status, verified: status === "SUCCESS" };
}
