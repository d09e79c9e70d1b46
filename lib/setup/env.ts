import "server-only";
import path from "node:path";
import { materializeRaw } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/diagnose/schema";
import { lintEnv } from "@/lib/env/lint";
import { applyVars, maskValue } from "@/lib/env/render";
import { envVarsWithSmtpPassword, type TargetPreset } from "@/lib/env/targets";
import { readEnvFile } from "@/lib/env/write";
import type { EnvLine, EnvPlan } from "./contract";
import type { SessionSecrets } from "./secrets";
import type { WizardState } from "./state";

export type { EnvLine, EnvPlan } from "./contract";

/** Which of a target's variables hold secrets (the key id is sensitive enough to mask too). */
export function secretNames(target: TargetPreset): Set<string> {
  const v = target.vars;
  return new Set([v.accessKeyId, v.secretAccessKey, v.smtpUser, v.smtpPassword].filter((n): n is string => !!n));
}

/** Secrets proper (secret key, SMTP password): the preview shows their length only, no part of them goes back. */
function lengthOnlyNames(target: TargetPreset): Set<string> {
  const v = target.vars;
  return new Set([v.secretAccessKey, v.smtpPassword].filter((n): n is string => !!n));
}

export async function varsFor(
  target: TargetPreset,
  state: WizardState,
  secrets: SessionSecrets,
  smtpPort: number,
): Promise<Record<string, string>> {
  const sub = state.domain?.mailFrom?.split(".")[0];
  return envVarsWithSmtpPassword(target, {
    accessKeyId: secrets.accessKeyId,
    secretAccessKey: secrets.secretAccessKey,
    region: state.region ?? "",
    smtpPort,
    mailFromSubdomain: sub,
  });
}

export async function envPlan(args: {
  file: string;
  target: TargetPreset;
  vars: Record<string, string>;
}): Promise<EnvPlan> {
  const { file, target, vars } = args;
  const current = await readEnvFile(file);
  const { changes } = applyVars(current.text, vars);
  const secret = secretNames(target);
  const lengthOnly = lengthOnlyNames(target);
  const lines: EnvLine[] = Object.entries(vars).map(([key, value]) => ({
    key,
    shown: lengthOnly.has(key) ? `•••••••• (${value.length} chars)` : secret.has(key) ? maskValue(value) : value,
    secret: secret.has(key),
    action: (changes.find((c) => c.key === key)?.action ?? "added") as EnvLine["action"],
  }));
  const lint = current.exists ? lintEnv(current.text, target) : [];
  const legacy = lint
    .filter((f) => f.code === "env.legacy-name" && !(String(f.evidence.name) in vars))
    .map((f) => ({ name: String(f.evidence.name), expected: String(f.evidence.expected) }));
  const findings: Finding[] = [];
  for (const f of lint) {
    // only findings about the file as it is: anything about our own variables is fixed by writing them
    if (f.code !== "env.legacy-name") continue;
    findings.push(materializeRaw(f));
  }
  return {
    file,
    fileName: path.basename(file),
    exists: current.exists,
    hash: current.hash,
    lines,
    legacy,
    findings,
    restartHint: target.restartHint,
    mode: target.mode,
  };
}
