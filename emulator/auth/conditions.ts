import { type Lookup, likeMatch, substitute } from "./variables";

/**
 * IAM `Condition` blocks. Semantics as the IAM policy reference documents them:
 * - every operator in a block must hold, every key under an operator must hold, the values listed for one key are ORed;
 * - condition key names compare case-insensitively, values case-sensitively unless the operator says IgnoreCase;
 * - a key missing from the request context makes a positive operator false and a negated one (StringNotEquals,
 *   StringNotLike, ArnNotEquals, ArnNotLike, NotIpAddress, NumericNotEquals, DateNotEquals) true;
 *   `...IfExists` makes a missing key true; `Null` tests presence; `ForAnyValue:`/`ForAllValues:` qualify
 *   multi-valued keys (ForAllValues over a missing key is true, ForAnyValue false).
 * Operators the emulator does not implement (BinaryEquals, anything unknown) fail closed: the condition is reported
 * `unsupported`, so an Allow carrying it grants nothing and a Deny carrying it applies.
 */

/** Request context: key name (any case) → one value or a multi-valued list. */
export type ConditionContext = Record<string, string | string[]>;

export type ConditionResult = "match" | "nomatch" | "unsupported";

/** How keys the context lacks are treated: as AWS does (`strict`), or as "could hold for some request" (`possible`). */
export type MissingKeys = "strict" | "possible";

type Compare = (actual: string, expected: string, lookup?: Lookup) => boolean | undefined;

function num(s: string): number | undefined {
  const n = Number(s);
  return s.trim() !== "" && Number.isFinite(n) ? n : undefined;
}

/** IAM dates: ISO 8601 or epoch seconds. */
function date(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.replace(/^::ffff:/, ""));
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** IPv4 CIDR match; an IPv6 source never lies in an IPv4 range. IPv6 ranges are not implemented (undefined). */
function inCidr(ip: string, cidr: string): boolean | undefined {
  const [base, bitsText] = cidr.split("/");
  if (base.includes(":")) return undefined;
  if (ipv4(ip) === undefined && ip.includes(":")) return false;
  const bits = bitsText === undefined ? 32 : num(bitsText);
  const a = ipv4(ip);
  const b = ipv4(base);
  if (a === undefined || b === undefined || bits === undefined || bits < 0 || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

const numeric =
  (test: (a: number, b: number) => boolean): Compare =>
  (actual, expected) => {
    const a = num(actual);
    const b = num(expected);
    return a === undefined || b === undefined ? undefined : test(a, b);
  };

const dated =
  (test: (a: number, b: number) => boolean): Compare =>
  (actual, expected) => {
    const a = date(actual);
    const b = date(expected);
    return a === undefined || b === undefined ? undefined : test(a, b);
  };

/** Positive base operators; each negated one is the complement of its positive twin. */
const POSITIVE: Record<string, Compare> = {
  stringequals: (a, e, l) => a === substitute(e, l),
  stringequalsignorecase: (a, e, l) => a.toLowerCase() === substitute(e, l)?.toLowerCase(),
  stringlike: (a, e, l) => likeMatch(e, a, false, l),
  numericequals: numeric((a, b) => a === b),
  numericlessthan: numeric((a, b) => a < b),
  numericlessthanequals: numeric((a, b) => a <= b),
  numericgreaterthan: numeric((a, b) => a > b),
  numericgreaterthanequals: numeric((a, b) => a >= b),
  dateequals: dated((a, b) => a === b),
  datelessthan: dated((a, b) => a < b),
  datelessthanequals: dated((a, b) => a <= b),
  dategreaterthan: dated((a, b) => a > b),
  dategreaterthanequals: dated((a, b) => a >= b),
  bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
  ipaddress: (a, e) => inCidr(a, e),
  // ARNs: ArnEquals and ArnLike both take wildcards per segment; case-sensitive
  arnequals: (a, e, l) => likeMatch(e, a, false, l),
  arnlike: (a, e, l) => likeMatch(e, a, false, l),
};

const NEGATED: Record<string, string> = {
  stringnotequals: "stringequals",
  stringnotequalsignorecase: "stringequalsignorecase",
  stringnotlike: "stringlike",
  numericnotequals: "numericequals",
  datenotequals: "dateequals",
  notipaddress: "ipaddress",
  arnnotequals: "arnequals",
  arnnotlike: "arnlike",
};

const asList = (v: unknown): string[] | undefined => {
  const list = Array.isArray(v) ? v : [v];
  if (list.some((x) => typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean")) return undefined;
  return list.map(String);
};

/** Parse `ForAllValues:StringLikeIfExists` into its parts; undefined for an operator the emulator does not know. */
export function parseOperator(
  name: string,
): { qualifier?: "any" | "all"; base: string; negated: boolean; ifExists: boolean; isNull: boolean } | undefined {
  let rest = name.toLowerCase();
  let qualifier: "any" | "all" | undefined;
  if (rest.startsWith("foranyvalue:")) {
    qualifier = "any";
    rest = rest.slice("foranyvalue:".length);
  } else if (rest.startsWith("forallvalues:")) {
    qualifier = "all";
    rest = rest.slice("forallvalues:".length);
  }
  if (rest === "null") return qualifier ? undefined : { base: "null", negated: false, ifExists: false, isNull: true };
  const ifExists = rest.endsWith("ifexists");
  if (ifExists) rest = rest.slice(0, -"ifexists".length);
  if (rest in POSITIVE) return { qualifier, base: rest, negated: false, ifExists, isNull: false };
  if (rest in NEGATED) return { qualifier, base: NEGATED[rest], negated: true, ifExists, isNull: false };
  return undefined;
}

function valuesOf(context: ConditionContext, key: string): string[] | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? v : [v];
  }
  return undefined;
}

/** One `Operator: { key: values }` entry against the context. */
function evaluateOperator(
  operator: string,
  entries: unknown,
  context: ConditionContext,
  missing: MissingKeys,
  effect: "Allow" | "Deny",
  lookup: Lookup | undefined,
): ConditionResult {
  const op = parseOperator(operator);
  if (!op || typeof entries !== "object" || entries === null || Array.isArray(entries)) return "unsupported";
  for (const [key, raw] of Object.entries(entries)) {
    const expected = asList(raw);
    if (!expected) return "unsupported";
    const actual = valuesOf(context, key);
    if (op.isNull) {
      // "Null": "true" means the key must be absent, "false" that it must be present
      const wantAbsent = expected.some((e) => e.toLowerCase() === "true");
      if (actual === undefined && missing === "possible") continue;
      if ((actual === undefined) !== wantAbsent) return "nomatch";
      continue;
    }
    if (actual === undefined || actual.length === 0) {
      // "possible": an Allow might hold on some real request, a Deny is not assumed to
      if (missing === "possible") {
        if (effect === "Allow") continue;
        return "nomatch";
      }
      if (op.ifExists || op.qualifier === "all" || (op.negated && op.qualifier === undefined)) continue;
      return "nomatch";
    }
    const compare = POSITIVE[op.base];
    let unsupported = false;
    const hits = (value: string): boolean => {
      const any = expected.some((e) => {
        const r = compare(value, e, lookup);
        if (r === undefined) unsupported = true;
        return r === true;
      });
      return op.negated ? !any : any;
    };
    const ok = op.qualifier === "all" ? actual.every(hits) : actual.some(hits);
    if (unsupported) return "unsupported";
    if (!ok) return "nomatch";
  }
  return "match";
}

/** A statement's whole Condition block. */
export function evaluateCondition(
  condition: Record<string, unknown> | undefined,
  context: ConditionContext,
  effect: "Allow" | "Deny",
  missing: MissingKeys = "strict",
  /** resolves policy variables in condition values (policy Version 2012-10-17) */
  lookup?: Lookup,
): ConditionResult {
  if (condition === undefined) return "match";
  let result: ConditionResult = "match";
  for (const [operator, entries] of Object.entries(condition)) {
    const r = evaluateOperator(operator, entries, context, missing, effect, lookup);
    if (r === "unsupported") return "unsupported";
    if (r === "nomatch") result = "nomatch";
  }
  return result;
}

/** Condition keys a block names (for SimulatePrincipalPolicy's MissingContextValues). */
export function conditionKeys(condition: Record<string, unknown> | undefined): string[] {
  if (!condition) return [];
  const keys: string[] = [];
  for (const entries of Object.values(condition)) {
    if (typeof entries === "object" && entries !== null) keys.push(...Object.keys(entries));
  }
  return keys;
}
