import "server-only";
import { getTarget } from "@/lib/env/targets";
import { materializeRaw } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/diagnose/schema";
import { targetInfo } from "@/lib/diagnose/target-info";
import type { TargetId } from "@/lib/findings/model";
import type { IamRecord, RoleHost } from "@/lib/setup/contract";
import { policyNameFor } from "@/lib/setup/policy";
import type { WizardState } from "@/lib/setup/state";
import { ROLE_TARGETS } from "./role-path";

/**
 * Why a target cannot take the role path, in the engine's words (credentials.chain-not-supported): Plunk hands its
 * own AWS_SES_* keys to SES and SMTP apps derive their password from a key, so a role on the host never reaches them.
 */
export function roleRefusal(target: TargetId): Finding | undefined {
  if (ROLE_TARGETS.has(target)) return undefined;
  const info = targetInfo(target);
  return materializeRaw({
    code: "credentials.chain-not-supported",
    evidence: { target: info.label, keyIdVar: info.keyIdVar, secretVar: info.secretVar },
  });
}

/**
 * The role path as the wizard records it. Choosing the same role again keeps its record (and so the sends it proved);
 * another role or host is a new credential: the check and the env file are then to be done again.
 */
export function chooseRole(
  state: WizardState,
  choice: { host: RoleHost; roleName?: string; roleArn?: string; policyArn?: string; attachedAt?: string },
): { state: WizardState; changed: boolean } {
  const target = getTarget(state.target ?? "aws");
  const prev = state.iam?.mode === "role" ? state.iam : undefined;
  const same = !!prev && prev.host === choice.host && prev.roleName === choice.roleName;
  // what Sesame did to this role before (its ARN, the attached policy) stays true while the role is the same
  const kept = (k: "roleArn" | "policyArn" | "attachedAt") => {
    const v = choice[k] ?? (same ? prev?.[k] : undefined);
    return v ? { [k]: v } : {};
  };
  const iam: Extract<IamRecord, { mode: "role" }> = {
    mode: "role",
    host: choice.host,
    ...(choice.roleName ? { roleName: choice.roleName } : {}),
    policyName: policyNameFor(target),
    ...kept("roleArn"),
    ...kept("policyArn"),
    ...kept("attachedAt"),
    at: same && prev ? prev.at : new Date().toISOString(),
  };
  const next = { ...state, iam };
  if (!same) {
    next.check = undefined;
    next.env = undefined;
  }
  return { state: next, changed: !same };
}
