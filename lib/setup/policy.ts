import "server-only";
import type { TargetPreset } from "@/lib/env/targets";
import { eventNeeds } from "@/lib/events/needs";
import { proposedSets } from "@/lib/events/plan";
import { type PolicyOptions, policyJson } from "@/lib/policy";

/** The inline policy the wizard attaches is lib/policy's least-privilege document; this is only its name and the bootstrap needs. */
export function policyNameFor(target: TargetPreset): string {
  return `sesame-${target.id}-ses`;
}

export function policyJsonFor(target: TargetPreset): string {
  return policyJson(target, policyOptionsFor(target));
}

/** The options of the one policy the IAM step shows, attaches and puts in its CLI commands. */
export function policyOptionsFor(target: TargetPreset): PolicyOptions {
  // platforms with an event loop also get the read-only calls Sesame checks the loop with (docs/events.md)
  return { eventChecks: eventNeeds(target.id).uses, configurationSets: sendSetsOf(target) };
}

/**
 * The configuration sets the platform will send through, named on the send actions (SES authorises a send on the
 * set's ARN too, docs/events.md "Permissions"): Plunk v2's default `plunk-configuration-set` (used while
 * SES_CONFIGURATION_SET is unset) and the sets the Events step creates. Empty (any set) for platforms whose set
 * names Sesame does not choose (useSend keeps its own) or that have no loop.
 */
export function sendSetsOf(target: TargetPreset): string[] {
  const needs = eventNeeds(target.id);
  if (!needs.uses || needs.discovered) return [];
  const names = [...needs.sets.map((s) => s.name), ...proposedSets(target.id).map((s) => s.name)];
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** What the bootstrap credentials must be allowed to do (ListAccessKeys only to name keys when the 2-key limit hits). */
export const BOOTSTRAP_PERMISSIONS = [
  "iam:CreateUser",
  "iam:PutUserPolicy",
  "iam:CreateAccessKey",
  "iam:ListAccessKeys",
];
