import type { CodeIn, EvidenceIn, FindingIn, FindingSpec, FindingSpecs } from "./catalogue/spec";
import type { Evidence, Finding } from "./model";

/**
 * Catalogue wording for one section (lib/findings/catalogue/<area>.ts) without the rest of the catalogue: a browser
 * tool imports its section and these functions, typed exactly like `materialize` (a missing placeholder value is a
 * type error). The signature doctor's page loads `sigv4.*` this way, the SMTP password tool its paste checks;
 * `materialize` (./materialize.ts) is the same renderer over the whole catalogue.
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * Fills `{name}` placeholders from evidence; a placeholder named in `phrases` is replaced by the phrase its evidence
 * value selects (itself filled). Typed evidence makes a missing value a compile error; should one slip through
 * (untyped callers), it reads "(unknown)" rather than leaking braces.
 */
export function fillTemplate(
  text: string,
  evidence: Evidence,
  phrases: FindingSpec["phrases"] = {},
  depth = 0,
): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = evidence[name];
    const table = Object.hasOwn(phrases, name) ? phrases[name] : undefined;
    if (table && depth < 2) {
      const phrase = value === undefined || value === null ? undefined : table[String(value)];
      return phrase === undefined ? "(unknown)" : fillTemplate(phrase, evidence, phrases, depth + 1);
    }
    return value === undefined || value === null ? "(unknown)" : String(value);
  });
}

/** The entry of `code` in a section (or the whole catalogue), if it has one. */
export function specIn(specs: FindingSpecs, code: string): FindingSpec | undefined {
  return Object.hasOwn(specs, code) ? specs[code] : undefined;
}

/** `{code, evidence}` → the finding people read, worded by the section that holds the code. */
export function materializeIn<T extends FindingSpecs, C extends CodeIn<T>>(
  specs: T,
  code: C,
  evidence: EvidenceIn<T, C>,
): Finding {
  return render(specs, code, evidence);
}

/** A finding already typed by the section (a union of its codes), e.g. the doctor's observations. */
export function materializeRawIn<T extends FindingSpecs>(specs: T, f: FindingIn<T>): Finding {
  return render(specs, f.code, f.evidence);
}

export function render(specs: FindingSpecs, code: string, evidence: Evidence): Finding {
  const spec = specIn(specs, code);
  if (!spec) throw new Error(`unknown finding code: ${code}`);
  return {
    code,
    severity: spec.severity,
    title: fillTemplate(spec.title, evidence, spec.phrases),
    detail: fillTemplate(spec.why, evidence, spec.phrases),
    fix: fillTemplate(spec.fix, evidence, spec.phrases),
    evidence,
    component: spec.component,
    ...(spec.docs ? { docs: spec.docs } : {}),
  };
}
