import type { SIGV4_FINDINGS } from "@/lib/findings/catalogue/sigv4";
import type { CodeIn, EvidenceIn } from "@/lib/findings/catalogue/spec";

/**
 * The rules the signature doctor can name. Rule `x` is code `sigv4.x` of the catalogue's sigv4 section
 * (lib/findings/catalogue/sigv4.ts; docs/doctor.md lists them), which holds every sentence: the checks emit
 * `{code, evidence}` and the section words it. The doctor imports that section only, never the whole catalogue, so
 * the signature doctor's page loads `sigv4.*` alone.
 */
export type Sigv4Findings = typeof SIGV4_FINDINGS;
/** The evidence a `sigv4.*` code needs (the catalogue's `EvidenceOf`, within the section). */
export type Sigv4Evidence<C extends CodeIn<Sigv4Findings>> = EvidenceIn<Sigv4Findings, C>;
export type DoctorCode = Exclude<CodeIn<Sigv4Findings>, "sigv4.corrected-request">;
/** A stable rule id (tests, the CLI's --json and the page rely on them): the code without `sigv4.`. */
export type RuleId = DoctorCode extends `sigv4.${infer R}` ? R : never;

/** confirmed: the carried signature matches this mistake; structural: visible without the secret; possible: a hint */
export type Certainty = "confirmed" | "structural" | "possible";

/** What one check saw: a code with the evidence its wording needs (typed by the catalogue). */
export type Seen = { [C in DoctorCode]: { code: C; evidence: Sigv4Evidence<C> } }[DoctorCode];
export type Observation = Seen & { certainty: Certainty };

/** Builds an observation with its evidence checked against the code's placeholders and phrase keys. */
export function seen<C extends DoctorCode>(code: C, certainty: Certainty, evidence: Sigv4Evidence<C>): Observation {
  return { code, certainty, evidence } as Observation;
}

export const ruleOf = (code: DoctorCode): RuleId => code.slice("sigv4.".length) as RuleId;

/** A client mistake a variant stands for (confirmed when its signature matches the carried one). */
export function mistake<C extends DoctorCode>(code: C, evidence: Sigv4Evidence<C>): Seen {
  return { code, evidence } as Seen;
}
