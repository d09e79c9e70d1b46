import { type EnvEntry, parseEnv, serializeEnv } from "./parse";

/**
 * Writing values so that they survive both readers a platform may use: dotenv (Node apps) and docker compose's
 * `env_file` (compose-spec godotenv). Their rules, and what follows from them:
 * - bare values: dotenv cuts at `#` and trims; compose expands `$VAR` and (newer versions) cuts at ` #`
 *   → bare only for a conservative charset (letters, digits, `_ . , : @ / + = % -`).
 * - single quotes: literal in both; compose ends the value at the first `'` not preceded by `\`
 *   → used whenever the value has no `'`, no line break and does not end with `\` (this covers `$ # " \` spaces).
 * - double quotes: dotenv turns `\n`/`\r` into line breaks and keeps other backslashes; compose also unescapes
 *   and expands `$` → used only for values with `'` or line breaks and none of `" \ $`.
 * - docker-compose v1 (python-dotenv) expands `${VAR}` even inside single quotes and unescapes `\\` there
 *   → values containing `${` or `\\` are refused (verified against Debian's docker-compose 1.29).
 * Anything else has no spelling both accept; we refuse rather than write a value that arrives changed.
 */
export class EnvValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvValueError";
  }
}

const BARE = /^[A-Za-z0-9_.,:@/+=%-]+$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function canRenderValue(v: string): boolean {
  try {
    renderValue(v);
    return true;
  } catch {
    return false;
  }
}

export function renderValue(v: string): string {
  if (v === "") return "";
  if (BARE.test(v)) return v;
  if (v.includes("${") || v.includes("\\\\"))
    throw new EnvValueError(
      "This value contains ${ or a double backslash, which docker compose rewrites in any quoting.",
    );
  const multiline = /[\r\n]/.test(v);
  if (!multiline && !v.includes("'") && !v.endsWith("\\")) return `'${v}'`;
  if (!/["\\$]/.test(v)) return `"${v.replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
  throw new EnvValueError(
    'This value mixes a single quote with ", \\ or $ (or a line break); no quoting keeps it intact for both dotenv and docker compose.',
  );
}

export function renderLine(key: string, value: string): string {
  if (!KEY.test(key)) throw new EnvValueError(`"${key}" is not a valid variable name`);
  return `${key}=${renderValue(value)}`;
}

export interface EnvChange {
  key: string;
  action: "added" | "updated" | "unchanged" | "commented-out";
  /** for commented-out legacy names: the name that replaces it */
  replacedBy?: string;
}

export interface ApplyOptions {
  /** stamped on the "# Added by Sesame" comment */
  now?: Date;
  /** legacy name → right name: lines defining these keys are commented out (never deleted) */
  commentOut?: Record<string, string>;
  /** name → why: lines defining these keys are commented out under that note (e.g. keys that would override a role) */
  commentOutNotes?: Record<string, string>;
}

/**
 * Sets `vars` in an env file's text: replaces existing definitions in place (every duplicate, keeping `export`),
 * appends new keys under a dated "# Added by Sesame" comment, optionally comments out legacy names, and leaves
 * every other byte alone. Throws EnvValueError before changing anything if a value cannot be written safely.
 */
export function applyVars(
  text: string,
  vars: Record<string, string>,
  opts: ApplyOptions = {},
): { text: string; changes: EnvChange[] } {
  const rendered = new Map<string, string>();
  for (const [k, v] of Object.entries(vars)) rendered.set(k, renderLine(k, v));

  const env = parseEnv(text);
  const cr = env.crlf ? "\r" : "";
  const seen = new Map<string, EnvChange>();
  const commentOut = opts.commentOut ?? {};
  const changes: EnvChange[] = [];
  const entries: EnvEntry[] = [];

  for (const e of env.entries) {
    if (e.kind !== "var") {
      entries.push(e);
      continue;
    }
    const line = rendered.get(e.key);
    if (line !== undefined) {
      const value = vars[e.key];
      const prev = seen.get(e.key);
      // same value as dotenv reads it, and spelled so that docker compose reads the same: leave the line alone
      const action = e.value === value && readsTheSameEverywhere(e) ? "unchanged" : "updated";
      if (!prev) {
        const change: EnvChange = { key: e.key, action };
        seen.set(e.key, change);
        changes.push(change);
      } else if (action === "updated") prev.action = "updated";
      if (action === "unchanged") entries.push(e);
      else
        entries.push({
          ...e,
          raw: `${e.exported ? "export " : ""}${line}${cr}`,
          value,
          quote: null,
          rawValue: "",
          written: "",
        });
      continue;
    }
    const replacedBy = commentOut[e.key];
    const note = opts.commentOutNotes?.[e.key];
    if ((replacedBy !== undefined || note !== undefined) && !(e.key in vars)) {
      entries.push({
        kind: "comment",
        raw: `# ${note ?? `${e.key} is not read by this platform; Sesame wrote ${replacedBy} instead`}${cr}`,
      });
      for (const physical of e.raw.split("\n")) entries.push({ kind: "comment", raw: `# ${physical}` });
      changes.push({ key: e.key, action: "commented-out", ...(replacedBy !== undefined ? { replacedBy } : {}) });
      continue;
    }
    entries.push(e);
  }

  const added = [...rendered.keys()].filter((k) => !seen.has(k));
  if (added.length) {
    const stamp = (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const last = entries[entries.length - 1];
    if (last && !(last.kind === "blank")) entries.push({ kind: "blank", raw: cr });
    entries.push({ kind: "comment", raw: `# Added by Sesame ${stamp}${cr}` });
    for (const k of added) {
      entries.push({
        kind: "var",
        raw: `${rendered.get(k)}${cr}`,
        key: k,
        value: vars[k],
        exported: false,
        quote: null,
        rawValue: "",
        written: "",
      });
      changes.push({ key: k, action: "added" });
    }
  }
  const out = serializeEnv({ entries, crlf: env.crlf, finalNewline: true });
  return { text: entries.length ? out : "", changes };
}

/** False when dotenv and docker compose would read this line differently (the cases lintEnv flags). */
function readsTheSameEverywhere(e: Extract<EnvEntry, { kind: "var" }>): boolean {
  if (e.value.includes("${")) return false;
  if (e.quote === null) return !/\S#/.test(e.written) && !e.value.includes("$");
  if (e.quote === '"') return !/[$\\]/.test(e.value);
  return e.quote === "'" && !e.value.includes("\\\\");
}

/** A value for display: the one masking rule (lib/credentials) — a secret-shaped value shows no character. */
export { maskValue } from "@/lib/credentials";
