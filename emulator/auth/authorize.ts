import type { Decision } from "../core/types";

/** AccessDenied texts (reference/aws.md §1.3). */

/** IAM, STS and SESv2: the modern IAM-style text naming the resource and the reason. */
export function modernDenial(arn: string, action: string, resource: string, decision: Decision): string {
  const reason =
    decision === "explicitDeny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} ${reason}`;
}

/** SES v1 non-send actions: the older text without a resource. */
export function sesV1Denial(arn: string, action: string): string {
  return `User: ${arn} is not authorized to perform: ${action}`;
}
