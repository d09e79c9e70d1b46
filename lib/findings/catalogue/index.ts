import { ACCOUNT_FINDINGS } from "./account";
import { CREDENTIALS_FINDINGS } from "./credentials";
import { DNS_FINDINGS } from "./dns";
import { ENDPOINT_FINDINGS } from "./endpoint";
import { ENV_FINDINGS } from "./env";
import { EVENTS_FINDINGS } from "./events";
import { HEALTH_FINDINGS } from "./health";
import { SETUP_FINDINGS } from "./setup";
import { SIGV4_FINDINGS } from "./sigv4";
import { SMTP_FINDINGS } from "./smtp";
import { SMTP_PASSWORD_FINDINGS } from "./smtp-password";
import type { EvidenceFor, FindingSpec } from "./spec";

export type { FindingSpec, Placeholders, ShownValue } from "./spec";

/**
 * The finding catalogue: every code Sesame can report, with its wording — every cause and every fix a person reads
 * lives here, nowhere else. The UI, the doctor CLI, the health endpoint and docs/doctor.md read it; probes, the env
 * linter, the DNS check and the SMTP probe only emit `{code, evidence}`, and evidence is data, never a sentence. A
 * code never changes meaning once shipped. Codes are `area.what`, lower-case, dotted.
 *
 * It is written in sections, one file per area (codes with the same first part live in one file, see
 * tests/unit/catalogue-sections.test.ts), so a browser tool can load its own section alone with the section
 * materializer (lib/findings/section.ts) — the signature doctor's page loads `sigv4.*` only. This folder imports
 * nothing but lib/findings/model (types), so lib/env, lib/dns and lib/smtp may type what they emit by it.
 */
export const CATALOGUE = {
  ...CREDENTIALS_FINDINGS,
  ...ENDPOINT_FINDINGS,
  ...ACCOUNT_FINDINGS,
  ...ENV_FINDINGS,
  ...DNS_FINDINGS,
  ...SMTP_FINDINGS,
  ...SMTP_PASSWORD_FINDINGS,
  ...HEALTH_FINDINGS,
  ...SETUP_FINDINGS,
  ...EVENTS_FINDINGS,
  ...SIGV4_FINDINGS,
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof CATALOGUE;

/**
 * The evidence a code needs: each placeholder of its title, why and fix (a phrase placeholder takes the key of its
 * phrase), the placeholders of its phrases (null allowed: only the chosen phrase shows them), and any further data.
 */
export type EvidenceOf<C extends FindingCode> = EvidenceFor<(typeof CATALOGUE)[C]>;

/** What a probe (or the env linter, the DNS check, the SMTP probe) emits: a catalogue code and what it saw. */
export type FindingOf<C extends FindingCode> = { code: C; evidence: EvidenceOf<C> };
export type RawFinding = { [C in FindingCode]: FindingOf<C> }[FindingCode];
/** Findings of one area, e.g. `RawFindingIn<"env">` for the env linter. */
export type RawFindingIn<Area extends string> = Extract<RawFinding, { code: `${Area}.${string}` }>;

/** Builds a finding with its evidence checked against the code's placeholders. */
export function finding<C extends FindingCode>(code: C, evidence: EvidenceOf<C>): FindingOf<C> {
  return { code, evidence };
}

export function specOf(code: string): FindingSpec | undefined {
  return Object.hasOwn(CATALOGUE, code) ? (CATALOGUE as Record<string, FindingSpec>)[code] : undefined;
}
