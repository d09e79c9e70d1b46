import { CATALOGUE } from "@/lib/findings/catalogue";

/**
 * Every rule the signature doctor can name, with a stable id (tests, the CLI's --json and links rely on them). The
 * wording is the catalogue's: rule `x` is code `sigv4.x` of lib/findings/catalogue.ts (docs/doctor.md lists them).
 * Details specific to one request are added by the checks.
 */
export const RULE_IDS = [
  "ok",
  "unverified",
  "no-auth",
  "auth-malformed",
  "query-not-sorted",
  "query-encoding",
  "path-encoding",
  "host-missing",
  "host-mismatch",
  "signed-headers",
  "header-values",
  "payload-hash",
  "amz-date-format",
  "scope-date-mismatch",
  "scope-region",
  "scope-service",
  "scope-terminator",
  "presign-expired",
  "presign-expires-range",
  "security-token-missing",
  "wrong-secret",
  "clock-skew",
  "unknown-key",
  "request-changed",
  "curl-signs",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The catalogue code of a rule (a rule without a code is a type error here). */
export const ruleCode = <R extends RuleId>(rule: R): `sigv4.${R}` => `sigv4.${rule}`;

export const RULES = Object.fromEntries(
  RULE_IDS.map((id) => {
    const spec = CATALOGUE[ruleCode(id)];
    return [id, { title: spec.title, fix: spec.fix }];
  }),
) as Record<RuleId, { title: string; fix: string }>;
