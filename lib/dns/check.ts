import type { RawFindingIn } from "@/lib/findings/catalogue";
import type { Evidence } from "@/lib/findings/model";
import { type DnsRecordRow, normalizeDomain, type RecordsInput, recordsFor } from "./records";
import { createLookup, type Lookup, type LookupResult, normalizeHost } from "./resolver";

/**
 * Looks up every record SES needs, the way a receiver would, and explains what is wrong with what it finds:
 * missing, wrong value, created at `name.domain.domain` (providers that append the zone), answered with an address
 * where a CNAME belongs (Cloudflare proxy/flattening), a CNAME squatting on the MAIL FROM name.
 */
export type DnsStatus = "ok" | "missing" | "wrong" | "unknown";

/** What a row's lookup found wrong: a catalogue code (lib/findings/catalogue/). */
export type DnsHint = Exclude<RawFindingIn<"dns">["code"], "dns.mail-from-not-checked">;

export type CheckedRow = DnsRecordRow & { status: DnsStatus; found: string[]; hint?: DnsHint };

export type DnsFinding = RawFindingIn<"dns">;

export interface CheckDnsInput extends RecordsInput {
  /** "host:port"; default: the system resolver */
  dnsServer?: string;
  /** per-query deadline */
  timeoutMs: number;
  /** reuse a lookup (tests, or several checks sharing one cache) */
  lookup?: Lookup;
}

const MISSING_HINT: Record<DnsRecordRow["purpose"], DnsHint> = {
  dkim: "dns.record-missing",
  verification: "dns.record-missing",
  "mail-from-mx": "dns.mx-missing",
  "mail-from-spf": "dns.spf-missing",
  dmarc: "dns.dmarc-missing",
};

type Outcome = { status: DnsStatus; found: string[]; hint?: DnsHint; extra?: Evidence };

const failed = (r: LookupResult): r is Extract<LookupResult, { absent: false }> => !r.ok && !r.absent;
const values = (r: LookupResult) => (r.ok ? r.values : []);

/** Does the record exist at the doubled name (provider appended the zone to a full name)? */
async function doubled(lookup: Lookup, row: DnsRecordRow, domain: string): Promise<Outcome | null> {
  const at = `${row.name}.${domain}`;
  const r = await lookup(row.type, at);
  if (!r.ok || r.values.length === 0) return null;
  const relative = row.name.endsWith(`.${domain}`) ? row.name.slice(0, -(domain.length + 1)) : row.name;
  return { status: "missing", found: r.values, hint: "dns.doubled-domain", extra: { foundAt: at, relative } };
}

async function checkCname(lookup: Lookup, row: DnsRecordRow, domain: string): Promise<Outcome> {
  const expected = normalizeHost(row.value);
  const r = await lookup("CNAME", row.name);
  if (r.ok && r.values.length) {
    return r.values.includes(expected)
      ? { status: "ok", found: r.values }
      : { status: "wrong", found: r.values, hint: "dns.wrong-value" };
  }
  if (failed(r)) return { status: "unknown", found: [], hint: "dns.lookup-failed", extra: { error: r.error } };
  // no CNAME: an address answer here means a proxy is rewriting the record
  const [a, aaaa] = await Promise.all([lookup("A", row.name), lookup("AAAA", row.name)]);
  const addresses = [...values(a), ...values(aaaa)];
  if (addresses.length)
    return { status: "wrong", found: addresses, hint: "dns.proxied-cname", extra: { addresses: addresses.join(", ") } };
  return (await doubled(lookup, row, domain)) ?? { status: "missing", found: [], hint: MISSING_HINT[row.purpose] };
}

async function mailFromCname(lookup: Lookup, row: DnsRecordRow): Promise<Outcome | null> {
  const c = await lookup("CNAME", row.name);
  if (c.ok && c.values.length)
    return { status: "wrong", found: c.values, hint: "dns.cname-mx-conflict", extra: { cname: c.values[0] } };
  return null;
}

async function checkMx(lookup: Lookup, row: DnsRecordRow, domain: string): Promise<Outcome> {
  const conflict = await mailFromCname(lookup, row);
  if (conflict) return conflict;
  const r = await lookup("MX", row.name);
  if (failed(r)) return { status: "unknown", found: [], hint: "dns.lookup-failed", extra: { error: r.error } };
  if (r.ok && r.values.length) {
    const host = normalizeHost(row.value);
    return r.values.some((v) => v.split(" ")[1] === host)
      ? { status: "ok", found: r.values }
      : { status: "wrong", found: r.values, hint: "dns.wrong-value" };
  }
  return (await doubled(lookup, row, domain)) ?? { status: "missing", found: [], hint: MISSING_HINT[row.purpose] };
}

async function checkTxt(lookup: Lookup, row: DnsRecordRow, domain: string): Promise<Outcome> {
  if (row.purpose === "mail-from-spf") {
    const conflict = await mailFromCname(lookup, row);
    if (conflict) return conflict;
  }
  const r = await lookup("TXT", row.name);
  if (failed(r)) return { status: "unknown", found: [], hint: "dns.lookup-failed", extra: { error: r.error } };
  const texts = values(r);
  let relevant: string[];
  let good: boolean;
  if (row.purpose === "mail-from-spf") {
    relevant = texts.filter((t) => /^v=spf1(\s|$)/i.test(t.trim()));
    good = relevant.length === 1 && /\binclude:amazonses\.com\b/i.test(relevant[0]);
  } else if (row.purpose === "dmarc") {
    relevant = texts.filter((t) => /^v=DMARC1\s*(;|$)/i.test(t.trim()));
    good = relevant.length > 0;
  } else {
    relevant = texts;
    good = texts.some((t) => t.trim() === row.value);
  }
  if (good) return { status: "ok", found: relevant };
  if (relevant.length) return { status: "wrong", found: relevant, hint: "dns.wrong-value" };
  return (await doubled(lookup, row, domain)) ?? { status: "missing", found: [], hint: MISSING_HINT[row.purpose] };
}

export async function checkDomainDns(input: CheckDnsInput): Promise<{ rows: CheckedRow[]; findings: DnsFinding[] }> {
  const domain = normalizeDomain(input.domain);
  const rows = recordsFor(input);
  const lookup = input.lookup ?? createLookup({ dnsServer: input.dnsServer, timeoutMs: input.timeoutMs });
  try {
    const outcomes = await Promise.all(
      rows.map((row) =>
        row.type === "CNAME"
          ? checkCname(lookup, row, domain)
          : row.type === "MX"
            ? checkMx(lookup, row, domain)
            : checkTxt(lookup, row, domain),
      ),
    );
    const checked: CheckedRow[] = rows.map((row, i) => {
      const { status, found, hint } = outcomes[i];
      return hint ? { ...row, status, found, hint } : { ...row, status, found };
    });
    const findings: DnsFinding[] = [];
    const seen = new Set<string>();
    outcomes.forEach((o, i) => {
      if (!o.hint) return;
      const row = rows[i];
      // the MX and SPF rows share a name: one CNAME conflict is one finding
      const key = `${o.hint} ${row.name}${o.hint === "dns.cname-mx-conflict" ? "" : ` ${row.type}`}`;
      if (seen.has(key)) return;
      seen.add(key);
      // One evidence shape for every row: each hint's placeholders are among these fields (tests/unit/dns-findings
      // materialises every hint and fails on a placeholder left unfilled).
      findings.push({
        code: o.hint,
        evidence: {
          domain,
          name: row.name,
          type: row.type,
          purpose: row.purpose,
          expected: row.priority ? `${row.priority} ${row.value}` : row.value,
          host: row.value,
          priority: row.priority ?? null,
          found: o.found.join(", ") || null,
          server: lookup.server,
          ...o.extra,
        },
      } as DnsFinding);
    });
    return { rows: checked, findings };
  } finally {
    if (!input.lookup) lookup.close();
  }
}
