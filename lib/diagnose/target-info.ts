import { getTarget } from "@/lib/env/targets";
import type { TargetId } from "@/lib/findings/model";

/**
 * The engine's view of a target preset (lib/env/targets.ts is the one table): where its credentials live, for
 * evidence and fix text, and which actions it calls, for the permission probe.
 */
export interface TargetInfo {
  label: string;
  mode: "api" | "smtp";
  keyIdVar: string;
  secretVar: string;
  regionVar: string;
  smtpPasswordVar?: string;
  /** where the platform reads a session token; absent = it cannot use temporary (ASIA…) keys */
  sessionTokenVar?: string;
  requiredActions: string[];
}

export function targetInfo(id: TargetId): TargetInfo {
  const t = getTarget(id);
  return {
    label: t.label,
    mode: t.mode,
    keyIdVar: t.vars.accessKeyId ?? t.vars.smtpUser ?? "AWS_ACCESS_KEY_ID",
    secretVar: t.vars.secretAccessKey ?? "AWS_SECRET_ACCESS_KEY",
    regionVar: t.vars.region ?? t.vars.smtpHost ?? "AWS_REGION",
    ...(t.vars.smtpPassword ? { smtpPasswordVar: t.vars.smtpPassword } : {}),
    ...(t.vars.sessionToken ? { sessionTokenVar: t.vars.sessionToken } : {}),
    requiredActions: t.requiredActions,
  };
}
