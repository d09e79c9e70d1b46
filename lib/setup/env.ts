import "server-only";
import path from "node:path";
import { materializeRaw } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/diagnose/schema";
import { lintEnv } from "@/lib/env/lint";
import { applyVars, maskValue } from "@/lib/env/render";
import { envVarsFor, envVarsWithSmtpPassword, type TargetPreset } from "@/lib/env/targets";
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

/** The names of a target's key variables: never written on the role path (the platform's SDK must find none). */
export function keyNames(target: TargetPreset): string[] {
  const v = target.vars;
  return [v.accessKeyId, v.secretAccessKey, v.sessionToken].filter((n): n is string => !!n);
}

/**
 * What the env step writes. With a key: the target's key, region and extras. On the role path (`secrets` absent,
 * docs/wizard.md): the region and the non-secret names only; the platform's SDK picks up the role from its host.
 */
export async function varsFor(
  target: TargetPreset,
  state: WizardState,
  secrets: SessionSecrets | undefined,
  smtpPort: number,
): Promise<Record<string, string>> {
  const sub = state.domain?.mailFrom?.split(".")[0];
  const input = { region: state.region ?? "", smtpPort, mailFromSubdomain: sub };
  if (!secrets) {
    if (target.mode === "smtp") throw new Error(`${target.id}: an SMTP platform needs a key`);
    const vars = envVarsFor(target, { ...input, accessKeyId: "", secretAccessKey: "" });
    for (const name of keyNames(target)) delete vars[name];
    return vars;
  }
  return envVarsWithSmtpPassword(target, {
    ...input,
    accessKeyId: secrets.accessKeyId,
    secretAccessKey: secrets.secretAccessKey,
  });
}

export async function envPlan(args: {
  file: string;
  target: TargetPreset;
  vars: Record<string, string>;
  /** the role path: the file gets no key variables */
  role?: boolean;
}): Promise<EnvPlan> {
  const { file, target, vars } = args;
  const role = !!args.role;
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
    role,
    staleKeys: role ? keyNames(target).filter((n) => n in current.vars) : [],
  };
}

/**
 * Role path: how key variables left in the file are commented out on write. The AWS SDK reads environment keys before
 * any role, so a key left there would be used instead of the role.
 */
export function staleKeyComments(plan: EnvPlan): Record<string, string> {
  return Object.fromEntries(
    plan.staleKeys.map((n) => [n, `${n} would be used instead of the role; Sesame commented it out (role path)`]),
  );
}
