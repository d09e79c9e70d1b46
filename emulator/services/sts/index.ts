import { modernDenialText, type QueryServiceTable } from "../../core/operations";
import { AwsError } from "../../core/types";
import { el } from "../../core/xml";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** STS: only what Sesame calls. GetCallerIdentity needs no permission (docs/emulator.md). */
export function createSts(): QueryServiceTable {
  return {
    protocol: "query",
    service: "sts",
    signingNames: ["sts"],
    xmlns: STS_XMLNS,
    version: "2011-06-15",
    denied: (ctx, action, resource, decision) =>
      new AwsError("AccessDenied", modernDenialText(ctx.principal.arn, action, resource, decision), 403),
    operations: [
      {
        name: "GetCallerIdentity",
        iam: "sts:GetCallerIdentity",
        authorize: "none",
        handler: (_params, ctx) =>
          el("Arn", ctx.principal.arn) + el("UserId", ctx.principal.userId) + el("Account", ctx.principal.accountId),
      },
    ],
  };
}
