import type { QueryService } from "../../core/types";
import { el } from "../../core/xml";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** STS: only what Sesame calls. GetCallerIdentity needs no permission (aws.md §4.4). */
export function createSts(): QueryService {
  return {
    signingNames: ["sts"],
    xmlns: STS_XMLNS,
    actions: {
      GetCallerIdentity: (_params, ctx) =>
        el("Arn", ctx.principal.arn) + el("UserId", ctx.principal.userId) + el("Account", ctx.principal.accountId),
    },
  };
}
