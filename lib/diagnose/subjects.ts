import type { DiagnoseInput } from "./schema";

/** Something that must be verified in SES before mail can be sent, and the identities that would satisfy it. */
export interface Subject {
  label: string;
  /** the domain first: an address is covered by its verified domain (docs/aws-facts.md §3.3) */
  candidates: string[];
}

export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  return at > 0 ? address.slice(at + 1).toLowerCase() : undefined;
}

/** The domain to verify and, when it is not covered by that domain, the From address. */
export function subjectsOf(input: Pick<DiagnoseInput, "domain" | "from">): Subject[] {
  const out: Subject[] = [];
  const domain = input.domain?.trim().toLowerCase().replace(/\.$/, "") || undefined;
  if (domain) out.push({ label: domain, candidates: [domain] });
  const from = input.from?.trim();
  if (from) {
    const fromDomain = domainOf(from);
    if (fromDomain && fromDomain !== domain) out.push({ label: from, candidates: [fromDomain, from] });
    else if (!fromDomain) out.push({ label: from, candidates: [from] });
  }
  return out;
}

export function allCandidates(subjects: Subject[]): string[] {
  return [...new Set(subjects.flatMap((s) => s.candidates))];
}

/** SESv2 spells statuses SUCCESS/TEMPORARY_FAILURE; the engine uses the v1 spelling everywhere. */
export function v1Status(status: string | undefined): string | undefined {
  if (!status) return undefined;
  if (!status.includes("_") && status !== status.toUpperCase()) return status;
  return status
    .toLowerCase()
    .split("_")
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}
