import type { PolicyDocument, Statement } from "../config";
import type { Decision } from "../core/types";
import { type ConditionContext, conditionKeys, evaluateCondition, type MissingKeys } from "./conditions";
import { type Lookup, likeMatch, lookupIn } from "./variables";

/** A policy attached to a principal, as the evaluator and SimulatePrincipalPolicy see it. */
export interface SourcePolicy {
  /** policy name (inline) or ARN (managed) */
  id: string;
  type: "user" | "role" | "aws-managed" | "user-managed";
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

function matchesAny(patterns: string[], value: string, caseInsensitive: boolean, lookup?: Lookup): boolean {
  return patterns.some((p) => likeMatch(p, value, caseInsensitive, lookup));
}

/**
 * Does the statement name this action and resource? Actions compare case-insensitively, resources exactly;
 * `lookup` resolves policy variables in resources (${aws:username}).
 */
function statementTargets(s: Statement, action: string, resource: string, lookup?: Lookup): boolean {
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
    ? matchesAny(resources, resource, false, lookup)
    : notResources
      ? !matchesAny(notResources, resource, false, lookup)
      : false;
  return resourceOk;
}

/**
 * Does the statement apply to this request? Its Condition must hold over the context; a condition the emulator
 * cannot evaluate fails closed (an Allow does not apply, a Deny does).
 */
function statementApplies(
  s: Statement,
  action: string,
  resource: string,
  context: ConditionContext,
  missing: MissingKeys,
  lookup: Lookup | undefined,
): boolean {
  if (!statementTargets(s, action, resource, lookup)) return false;
  const r = evaluateCondition(s.Condition, context, s.Effect, missing, lookup);
  return r === "match" || (r === "unsupported" && s.Effect === "Deny");
}

export interface EvaluateOptions {
  /** request context for Condition blocks (aws:RequestedRegion, ses:FromAddress, …) */
  context?: ConditionContext;
  /** "possible": keys the context lacks count as satisfiable for Allows (a pre-check before the real request) */
  missing?: MissingKeys;
}

/** Identity-based policy evaluation: an explicit Deny wins, then any Allow, else the implicit deny. */
export function evaluatePolicies(
  policies: SourcePolicy[],
  action: string,
  resource = "*",
  opts: EvaluateOptions = {},
): { decision: Decision; matched: MatchedStatement[]; missingContextKeys: string[] } {
  const context = opts.context ?? {};
  const missing = opts.missing ?? "strict";
  const allows: MatchedStatement[] = [];
  const denies: MatchedStatement[] = [];
  const missingKeys = new Map<string, string>();
  const has = (key: string) => Object.keys(context).some((k) => k.toLowerCase() === key.toLowerCase());
  for (const policy of policies) {
    const statements = Array.isArray(policy.document.Statement)
      ? policy.document.Statement
      : [policy.document.Statement];
    // policy variables exist from policy language version 2012-10-17 on; older documents match them literally
    const lookup = policy.document.Version === "2012-10-17" ? lookupIn(context) : undefined;
    statements.forEach((s, index) => {
      if (!statementTargets(s, action, resource, lookup)) return;
      for (const key of conditionKeys(s.Condition)) {
        if (!has(key)) missingKeys.set(key.toLowerCase(), key);
      }
      if (!statementApplies(s, action, resource, context, missing, lookup)) return;
      const m = { sourcePolicyId: policy.id, sourcePolicyType: policy.type, effect: s.Effect, index };
      (s.Effect === "Deny" ? denies : allows).push(m);
    });
  }
  const missingContextKeys = [...missingKeys.values()];
  if (denies.length > 0) return { decision: "explicitDeny", matched: denies, missingContextKeys };
  if (allows.length > 0) return { decision: "allowed", matched: allows, missingContextKeys };
  return { decision: "implicitDeny", matched: [], missingContextKeys };
}

/** AWS managed policies the emulator knows by ARN (docs/emulator.md "Supported operations"). */
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
