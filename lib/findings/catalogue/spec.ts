import type { EvidenceValue, Severity } from "@/lib/findings/model";

/**
 * The shape of one catalogue entry and the typed evidence it needs — types only, so a section file (and the section
 * materializer, ../section.ts) can use them without the rest of the catalogue.
 *
 * `title`, `why` and `fix` contain `{placeholders}` filled from the finding's evidence (e.g. `{region}`); the type
 * `EvidenceFor<spec>` below requires a value for each, so a placeholder without a value fails the type check. A
 * placeholder named in `phrases` is filled with the phrase its evidence value (a key, e.g. `likely: "swapped"`)
 * selects; phrases may contain placeholders too. Code in fix texts is written in `backticks` (shown as code).
 */
export interface FindingSpec {
  /** "pass" only for a code that says all is well (sigv4.ok: the signature is right); a problem is error, warn or info */
  severity: Severity;
  /** health-page component: credentials, permissions, region, account, quota, domain, dns, smtp, clock, env, endpoint */
  component: string;
  title: string;
  why: string;
  fix: string;
  docs?: string;
  /** lower number = fix first (input damage before identity before permissions …) */
  order: number;
  /** sentence parts chosen by an evidence value: placeholder name → evidence value → text */
  phrases?: Record<string, Record<string, string>>;
  /** the finding says its component could not be checked: health shows it as warn, never pass (docs/health.md) */
  unchecked?: true;
}

/** A set of catalogue entries keyed by code: the whole catalogue or one of its sections. */
export type FindingSpecs = Record<string, FindingSpec>;

// ── typed evidence ─────────────────────────────────────────────────────────────────────────────────────────────
// Each code's evidence must carry a value for every placeholder of its texts (checked by tsc): a misspelt code or a
// forgotten value is a compile error, not "(unknown)" on someone's screen.

/** `{a} and {b}` → "a" | "b" */
export type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type PhraseTables<S> = S extends { phrases: infer P } ? P : Record<never, never>;
type PhraseTexts<S> = {
  [K in keyof PhraseTables<S>]: PhraseTables<S>[K][keyof PhraseTables<S>[K]];
}[keyof PhraseTables<S>];
type TemplatePlaceholders<S extends FindingSpec> = Placeholders<S["title"] | S["why"] | S["fix"]>;

/** A value shown in text: never null (a placeholder needs something to say). */
export type ShownValue = string | number | boolean;

/**
 * The evidence an entry needs: each placeholder of its title, why and fix (a phrase placeholder takes the key of its
 * phrase), the placeholders of its phrases (null allowed: only the chosen phrase shows them), and any further data.
 */
export type EvidenceFor<S extends FindingSpec> = {
  [P in TemplatePlaceholders<S>]: P extends keyof PhraseTables<S> ? keyof PhraseTables<S>[P] & string : ShownValue;
} & {
  [P in Exclude<Placeholders<PhraseTexts<S>>, TemplatePlaceholders<S>>]: EvidenceValue;
} & { [field: string]: EvidenceValue };

/** Codes of a set of entries, e.g. `CodeIn<typeof SIGV4_FINDINGS>`. */
export type CodeIn<T extends FindingSpecs> = keyof T & string;
/** The evidence one code of a set needs. */
export type EvidenceIn<T extends FindingSpecs, C extends CodeIn<T>> = EvidenceFor<T[C]>;
/** A code of a set with the evidence its wording needs. */
export type FindingIn<T extends FindingSpecs, C extends CodeIn<T> = CodeIn<T>> = {
  [K in C]: { code: K; evidence: EvidenceIn<T, K> };
}[C];
