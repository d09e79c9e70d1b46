import { AwsError } from "../core/types";
import { type ConditionContext, evaluateCondition, parseOperator } from "./conditions";
import { likeMatch } from "./variables";

/**
 * A role's trust policy (AssumeRolePolicyDocument): who may assume the role. Unlike an identity policy its
 * statements name a `Principal` and no `Resource` (docs/emulator.md "Roles").
 */

export interface TrustStatement {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Principal?: "*" | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Condition?: Record<string, unknown>;
}

/** Who asks: an IAM user, an assumed-role session (by its role), or a service (ecs-tasks.amazonaws.com). */
export type TrustCaller = { kind: "aws"; accountId: string; arn: string } | { kind: "service"; service: string };

const malformed = (m: string) => new AwsError("MalformedPolicyDocument", m, 400);
const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Validate a trust policy as IAM does for CreateRole (MalformedPolicyDocument). */
export function parseTrustPolicy(text: string): TrustStatement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed("This policy contains invalid Json");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw malformed("Syntax errors in policy.");
  const raw = (json as { Statement?: unknown }).Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as unknown[];
  if (statements.length === 0) throw malformed("Syntax errors in policy.");
  for (const s of statements) {
    if (typeof s !== "object" || s === null) throw malformed("Syntax errors in policy.");
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") throw malformed("Syntax errors in policy.");
    if ("Resource" in st || "NotResource" in st) throw malformed("Has prohibited field Resource");
    if (st.Action === undefined && st.NotAction === undefined) {
      throw malformed("Policy statement must contain actions.");
    }
    if (st.Principal === undefined && st.NotPrincipal === undefined) {
      throw malformed("AssumeRolepolicy contained an invalid principal: Principal is required.");
    }
    for (const operator of Object.keys((st.Condition as object | undefined) ?? {})) {
      if (parseOperator(operator) === undefined) throw malformed("Syntax errors in policy.");
    }
  }
  return statements as TrustStatement[];
}

/** Does one Principal element name the caller? An account id or `arn:aws:iam::<acct>:root` names every principal of it. */
function principalMatches(principal: TrustStatement["Principal"], caller: TrustCaller): boolean {
  if (principal === undefined) return false;
  if (principal === "*") return true;
  if (caller.kind === "service") return asList(principal.Service).includes(caller.service);
  return asList(principal.AWS).some(
    (p) => p === "*" || p === caller.arn || p === caller.accountId || p === `arn:aws:iam::${caller.accountId}:root`,
  );
}

function actionMatches(s: TrustStatement, action: string): boolean {
  if (s.Action !== undefined) return asList(s.Action).some((a) => likeMatch(a, action, true));
  return !asList(s.NotAction).some((a) => likeMatch(a, action, true));
}

/** An explicit Deny wins, then an Allow naming the caller; otherwise the role is not assumable by it. */
export function trustAllows(
  statements: TrustStatement[],
  caller: TrustCaller,
  context: ConditionContext = {},
  action = "sts:AssumeRole",
): boolean {
  let allowed = false;
  for (const s of statements) {
    if (!actionMatches(s, action)) continue;
    const named =
      s.Principal !== undefined ? principalMatches(s.Principal, caller) : !principalMatches(s.NotPrincipal, caller);
    if (!named) continue;
    const condition = evaluateCondition(s.Condition, context, s.Effect);
    const applies = condition === "match" || (condition === "unsupported" && s.Effect === "Deny");
    if (!applies) continue;
    if (s.Effect === "Deny") return false;
    allowed = true;
  }
  return allowed;
}
