import "server-only";
import type { TargetPreset } from "@/lib/env/targets";
import { eventNeeds } from "@/lib/events/needs";
import { policyJson } from "@/lib/policy";

/** The inline policy the wizard attaches is lib/policy's least-privilege document; this is only its name and the bootstrap needs. */
export function policyNameFor(target: TargetPreset): string {
  return `sesame-${target.id}-ses`;
}

export function policyJsonFor(target: TargetPreset): string {
  // platforms with an event loop also get the read-only calls Sesame checks the loop with (docs/events.md)
  return policyJson(target, { eventChecks: eventNeeds(target.id).uses });
}

/** What the bootstrap credentials must be allowed to do (ListAccessKeys only to name keys when the 2-key limit hits). */
export const BOOTSTRAP_PERMISSIONS = [
  "iam:CreateUser",
  "iam:PutUserPolicy",
  "iam:CreateAccessKey",
  "iam:ListAccessKeys",
];
