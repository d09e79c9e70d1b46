import type { PolicyDocument, Statement } from "../config";
import type { Decision } from "../core/types";

/** A policy attached to a principal, as the evaluator and SimulatePrincipalPolicy see it. */
export interface SourcePolicy {
  /** policy name (inline) or ARN (managed) */
  id: string;
  type: "user" | "aws-managed" | "user-managed";
  document: PolicyDocument;
}

export interface MatchedStatement {
  sourcePolicyId: string;
  sourcePolicyType: SourcePolicy["type"];
  effect: "Allow" | "Deny";
  index: number;
}

const asList = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/** IAM wildcard match: `*` any run, `?` one character. */
function wildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`, caseInsensitive ? "is" : "s").test(value);
}

function matchesAny(patterns: string[], value: string, caseInsensitive: boolean): boolean {
  return patterns.some((p) => wildcard(p, value, caseInsensitive));
}

/** Does the statement apply to this action and resource? Actions compare case-insensitively, resources exactly. */
function statementApplies(s: Statement, action: string, resource: string): boolean {
  const actions = asList(s.Action);
  const notActions = asList(s.NotAction);
  const actionOk = actions
    ? matchesAny(actions, action, true)
    : notActions
      ? !matchesAny(notActions, action, true)
      : false;
  if (!actionOk) return false;
  const resources = asList(s.Resource);
  const notResources = asList(s.NotResource);
  const resourceOk = resources
    ? matchesAny(resources, resource, false)
    : notResources
      ? !matchesAny(notResources, resource, false)
      : false;
  // Conditions are not evaluated: a conditional statement is treated as not applying, so a conditional Allow
  // never grants more than AWS would, and the emulator's worlds avoid conditional Denies.
  return resourceOk && s.Condition === undefined;
}

/** Identity-based policy evaluation: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluatePolicies(
  policies: SourcePolicy[],
  action: string,
  resource = "*",
): { decision: Decision; matched: MatchedStatement[] } {
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  for (const policy of policies) {
    const statements = Array.isArray(policy.document.Statement)
      ? policy.document.Statement
      : [policy.document.Statement];
    statements.forEach((s, index) => {
      if (!statementApplies(s, action, resource)) return;
      const m = { sourcePolicyId: policy.id, sourcePolicyType: policy.type, effect: s.Effect, index };
      (s.Effect === "Deny" ? denies : allows).push(m);
    });
  }
  if (denies.length > 0) return { decision: "explicitDeny", matched: denies };
  if (allows.length > 0) return { decision: "allowed", matched: allows };
  return { decision: "implicitDeny", matched: [] };
}

/** AWS managed policies the emulator knows by ARN (reference/aws.md §4.5). */
export const AWS_MANAGED_POLICIES: Record<string, PolicyDocument> = {
  "arn:aws:iam::aws:policy/AmazonSESFullAccess": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["ses:*"], Resource: "*" }],
  },
  "arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess": {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["ses:Get*", "ses:List*", "ses:BatchGetMetricData", "ses:Describe*"], Resource: "*" },
    ],
  },
  "arn:aws:iam::aws:policy/AdministratorAccess": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
  },
  "arn:aws:iam::aws:policy/IAMFullAccess": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }],
  },
};
