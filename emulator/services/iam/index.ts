import type { QueryService, RequestContext } from "../../core/types";
import { iamHandlers } from "./handlers";
import type { IamModel } from "./model";

export { IamModel, parsePolicyDocument } from "./model";

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** IAM as a query service; `model()` is read per request so a reset swaps the state underneath. */
export function createIam(model: () => IamModel): QueryService {
  const actions: QueryService["actions"] = {};
  for (const [name, handler] of Object.entries(iamHandlers)) {
    actions[name] = (params, ctx) => handler(model(), params, ctx);
  }
  return { signingNames: ["iam"], xmlns: IAM_XMLNS, actions };
}

/** The resource an IAM action is authorized against: the target user's ARN where there is one. */
export function iamResourceFor(model: IamModel, action: string, params: Record<string, string>, ctx: RequestContext) {
  if (action === "SimulatePrincipalPolicy" && params.PolicySourceArn) return params.PolicySourceArn;
  if (action === "CreatePolicy" && params.PolicyName) {
    return `arn:aws:iam::${model.accountId}:policy${params.Path || "/"}${params.PolicyName}`;
  }
  if ((action === "GetPolicy" || action === "GetPolicyVersion") && params.PolicyArn) return params.PolicyArn;
  if (action === "ListUsers") return `arn:aws:iam::${model.accountId}:user/`;
  const name = params.UserName || (/AccessKey|^GetUser$/.test(action) ? ctx.principal.userName : undefined);
  if (!name) return "*";
  const path = model.findUserByName(name)?.path ?? (action === "CreateUser" && params.Path ? params.Path : "/");
  return `arn:aws:iam::${model.accountId}:user${path}${name}`;
}
