import type { ConditionContext } from "./conditions";

/**
 * IAM policy variables (policy Version 2012-10-17): `${aws:username}` in a Resource or a condition value is the
 * request's value for that key; `${key, 'default'}` falls back to the default; `${*}`, `${?}`, `${$}` are the literal
 * characters. A variable whose key the request lacks (and has no default) makes that pattern match nothing.
 */

export type Lookup = (key: string) => string | undefined;

const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Record<string, string> = { "*": "*", "?": "?", $: "$" };

export function lookupIn(context: ConditionContext): Lookup {
  return (key) => {
    const lower = key.toLowerCase();
    for (const [k, v] of Object.entries(context)) {
      if (k.toLowerCase() !== lower) continue;
      if (Array.isArray(v)) return v.length === 1 ? v[0] : undefined;
      return v;
    }
    return undefined;
  };
}

/** A variable's value, or undefined when it cannot be resolved. */
function resolve(inner: string, lookup: Lookup): string | undefined {
  if (inner in SPECIAL) return SPECIAL[inner];
  const m = /^\s*([^\s,]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
  if (!m) return undefined;
  return lookup(m[1]) ?? m[2];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wildcardRegex = (s: string) =>
  s
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");

/** IAM wildcard match (`*` any run, `?` one character), variables resolved to literal text when `lookup` is given. */
export function likeMatch(pattern: string, value: string, ignoreCase: boolean, lookup?: Lookup): boolean {
  let re = "";
  let last = 0;
  if (lookup) {
    for (const m of pattern.matchAll(VARIABLE)) {
      const resolved = resolve(m[1], lookup);
      if (resolved === undefined) return false;
      re += wildcardRegex(pattern.slice(last, m.index)) + escapeRegex(resolved);
      last = (m.index ?? 0) + m[0].length;
    }
  }
  re += wildcardRegex(pattern.slice(last));
  return new RegExp(`^${re}$`, ignoreCase ? "is" : "s").test(value);
}

/** Variables replaced by their values (exact-match operators); undefined when one cannot be resolved. */
export function substitute(text: string, lookup?: Lookup): string | undefined {
  if (!lookup) return text;
  let failed = false;
  const out = text.replace(VARIABLE, (_all, inner: string) => {
    const v = resolve(inner, lookup);
    if (v === undefined) failed = true;
    return v ?? "";
  });
  return failed ? undefined : out;
}
