import { modernDenialText, type QueryServiceTable } from "../../core/operations";
import { AwsError, type RequestContext } from "../../core/types";
import { iamHandlers } from "./handlers";
import { roleHandlers } from "./role-handlers";
import type { IamModel } from "./model";

export { IamModel, parsePolicyDocument } from "./model";

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** IAM's operation table; `model()` is read per request so a reset swaps the state underneath. */
export function createIam(model: () => IamModel): QueryServiceTable {
  return {
    protocol: "query",
    service: "iam",
    signingNames: ["iam"],
    xmlns: IAM_XMLNS,
    version: "2010-05-08",
    denied: (ctx, action, resource, decision) =>
      new AwsError("AccessDenied", modernDenialText(ctx.principal.arn, action, resource, decision), 403),
    // IAM actions without output have no <ActionResult> element on the wire
    emptyResultElement: false,
    operations: Object.entries({ ...iamHandlers, ...roleHandlers }).map(([name, handler]) => ({
      name,
      iam: `iam:${name}`,
      resource: (params, ctx) => iamResourceFor(model(), name, params, ctx),
      handler: (params, ctx) => handler(model(), params, ctx),
    })),
  };
}

/** The resource an IAM action is authorized against: the target user's ARN where there is one. */
export function iamResourceFor(model: IamModel, action: string, params: Record<string, string>, ctx: RequestContext) {
  if (action === "SimulatePrincipalPolicy" && params.PolicySourceArn) return params.PolicySourceArn;
  if (action === "CreatePolicy" && params.PolicyName) {
    return `arn:aws:iam::${model.accountId}:policy${params.Path || "/"}${params.PolicyName}`;
  }
  if ((action === "GetPolicy" || action === "GetPolicyVersion") && params.PolicyArn) return params.PolicyArn;
  if (action === "ListUsers") return `arn:aws:iam::${model.accountId}:user/`;
  if (action === "ListRoles") return `arn:aws:iam::${model.accountId}:role/`;
  if (params.RoleName) {
    const path =
      model.roles.find(params.RoleName)?.path ?? (action === "CreateRole" && params.Path ? params.Path : "/");
    return `arn:aws:iam::${model.accountId}:role${path}${params.RoleName}`;
  }
  const name =
    params.UserName || (/AccessKey|^GetUser$/.test(action) && !ctx.principal.role ? ctx.principal.userName : undefined);
  if (!name) return "*";
  const path = model.findUserByName(name)?.path ?? (action === "CreateUser" && params.Path ? params.Path : "/");
  return `arn:aws:iam::${model.accountId}:user${path}${name}`;
}
