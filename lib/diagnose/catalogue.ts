import type { Severity } from "./schema";

/**
 * The finding catalogue: every code Sesame can report, with its wording. The UI, the doctor CLI, the health
 * endpoint and the README read this file; probes only emit `{code, evidence}`.
 * A code never changes meaning once shipped. Codes are `area.what`, lower-case, dotted.
 *
 * `fix` and `why` may contain `{placeholders}` filled from the finding's evidence (e.g. `{region}`).
 */
export interface FindingSpec {
  severity: Exclude<Severity, "pass">;
  /** health-page component: credentials, permissions, region, account, quota, domain, dns, smtp, clock, env, endpoint */
  component: string;
  title: string;
  why: string;
  fix: string;
  docs?: string;
  /** lower number = fix first (input damage before identity before permissions …) */
  order: number;
}

export const CATALOGUE = {
  // ── credentials, identity, clock, region, permissions, account, endpoint (engine core) ──────────────────

  // ── env, dns, smtp (env/dns/smtp libraries) ─────────────────────────────────────────────────────────────
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof CATALOGUE;
