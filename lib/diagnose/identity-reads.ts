import {
  GetIdentityVerificationAttributesCommand,
  type GetIdentityVerificationAttributesCommandOutput,
} from "@aws-sdk/client-ses";
import { GetEmailIdentityCommand, type GetEmailIdentityCommandOutput } from "@aws-sdk/client-sesv2";
import type { CallResult } from "@/lib/aws/call";
import type { ProbeContext } from "./types";

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
export async function readVerification(ctx: ProbeContext, region: string, names: string[]): Promise<VerificationReads> {
  const [v1, ...v2] = await Promise.all([
    ctx.aws.call<GetIdentityVerificationAttributesCommandOutput>(
      "ses",
      region,
      "GetIdentityVerificationAttributes",
      () => new GetIdentityVerificationAttributesCommand({ Identities: names }),
    ),
    ...names.map((n) =>
      ctx.aws.call<GetEmailIdentityCommandOutput>(
        "sesv2",
        region,
        "GetEmailIdentity",
        () => new GetEmailIdentityCommand({ EmailIdentity: n }),
      ),
    ),
  ]);
  return {
    v1: v1 as CallResult<GetIdentityVerificationAttributesCommandOutput>,
    v2: v2 as CallResult<GetEmailIdentityCommandOutput>[],
  };
}
