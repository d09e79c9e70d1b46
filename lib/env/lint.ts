import { isRegionShaped } from "@/lib/regions";
import type { RawFindingIn } from "@/lib/findings/catalogue";
import type { TargetId } from "@/lib/findings/model";
import { KEY_ID_RE as KEY_ID, SECRET_RE as SECRET, smtpPasswordVersion } from "@/lib/credentials";
import { envVarsOf, parseEnv } from "./parse";
import { maskValue } from "./render";
import { getTarget, requiredVarNames, type TargetPreset } from "./targets";

/**
 * Local checks of a platform's env: names the platform does not read, missing variables, values a parser will
 * change on the way in, key and secret swapped. No network. Evidence names variables and masked values only.
 */
export type EnvLintFinding = RawFindingIn<"env">;

/** SES SMTP password version (4, or legacy 2) when the value has that shape, else null. */
export { smtpPasswordVersion };

/** Variable names the target reads, by role. */
function knownNames(t: TargetPreset): string[] {
  const { extra, ...main } = t.vars;
  return [...Object.values(main), ...Object.values(extra ?? {})].filter((n): n is string => typeof n === "string");
}

export function lintEnv(input: Record<string, string> | string, target: TargetId | TargetPreset): EnvLintFinding[] {
  const t = typeof target === "string" ? getTarget(target) : target;
  const text = typeof input === "string" ? input : null;
  const vars = text === null ? (input as Record<string, string>) : envVarsOf(text);
  const out: EnvLintFinding[] = [];
  const known = new Set(knownNames(t));
  const present = (name: string | undefined) => !!name && vars[name] !== undefined && vars[name] !== "";

  // names this platform never reads
  for (const [legacy, expected] of Object.entries(t.legacyNames)) {
    if (vars[legacy] === undefined || known.has(legacy)) continue;
    out.push({ code: "env.legacy-name", evidence: { name: legacy, expected, target: t.id } });
  }

  // missing variables (credentials may be omitted together on platforms that use the default chain)
  const missing = requiredVarNames(t).filter((n) => !present(n));
  if (t.credentialsOptional && t.mode === "api") {
    const { accessKeyId, secretAccessKey } = t.vars;
    if (present(accessKeyId) !== present(secretAccessKey))
      missing.push((present(accessKeyId) ? secretAccessKey : accessKeyId) as string);
  }
  for (const name of missing) out.push({ code: "env.missing-var", evidence: { name, target: t.id } });

  // values that do not reach the platform as written
  if (text !== null) {
    const env = parseEnv(text);
    const counts = new Map<string, number>();
    for (const e of env.entries) {
      if (e.kind !== "var") continue;
      counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
      if (!known.has(e.key)) continue;
      // dotenv ends a bare value at any `#`, compose only at ` #`: a `#` glued to the value means they disagree
      if (e.quote === null && /\S#/.test(e.written))
        out.push({ code: "env.unquoted-hash", evidence: { name: e.key, keptChars: e.value.length } });
      // compose expands $ in bare and double-quoted values; docker-compose v1 expands ${…} even in single quotes
      if (((e.quote === null || e.quote === '"') && e.value.includes("$")) || e.value.includes("${"))
        out.push({ code: "env.dollar-interpolation", evidence: { name: e.key } });
    }
    for (const [name, n] of counts)
      if (n > 1 && known.has(name)) out.push({ code: "env.duplicate-var", evidence: { name, count: n } });
    const crlf = env.entries.filter((e) => e.raw.endsWith("\r")).length;
    if (crlf > 0) out.push({ code: "env.crlf", evidence: { lines: crlf } });
  }

  for (const name of known) {
    const v = vars[name];
    if (v === undefined || v === "") continue;
    if (v !== v.trim()) out.push({ code: "env.value-whitespace", evidence: { name, length: v.length } });
    if (/^(["'`]).*\1$/s.test(v.trim()) && v.trim().length >= 2)
      out.push({ code: "env.value-quoted", evidence: { name, quote: v.trim()[0] } });
  }

  const { accessKeyId, secretAccessKey, region, smtpUser, smtpPassword } = t.vars;
  const keyVal = accessKeyId ? vars[accessKeyId]?.trim() : undefined;
  const secretVal = secretAccessKey ? vars[secretAccessKey]?.trim() : undefined;
  if (keyVal && secretVal && SECRET.test(keyVal) && KEY_ID.test(secretVal))
    out.push({ code: "env.key-secret-swapped", evidence: { accessKeyVar: accessKeyId!, secretVar: secretAccessKey! } });

  if (region && vars[region]?.trim() && !isRegionShaped(vars[region].trim()))
    out.push({ code: "env.bad-region", evidence: { name: region, value: vars[region].trim().slice(0, 40) } });

  const userVal = smtpUser ? vars[smtpUser]?.trim() : undefined;
  const passVal = smtpPassword ? vars[smtpPassword]?.trim() : undefined;
  if (userVal && passVal && SECRET.test(userVal) && KEY_ID.test(passVal))
    out.push({ code: "env.key-secret-swapped", evidence: { accessKeyVar: smtpUser!, secretVar: smtpPassword! } });
  else if (passVal) {
    const shape = smtpPasswordVersion(passVal);
    if (shape === 2)
      out.push({ code: "env.smtp-password-v2", evidence: { name: smtpPassword!, value: maskValue(passVal) } });
    else if (!shape && SECRET.test(passVal))
      out.push({ code: "env.secret-as-smtp-password", evidence: { name: smtpPassword!, value: maskValue(passVal) } });
  }
  return out;
}
