import "server-only";
import { Resolver } from "node:dns/promises";
import type { DnsRecordSpec } from "./domain";

export type LiveState = "ok" | "missing" | "wrong" | "doubled" | "proxied" | "error";

export interface LiveRecord {
  id: string;
  state: LiveState;
  found: string[];
  /** one sentence for the operator when state is not ok */
  explain?: string;
}

function resolver(dnsServer: string | undefined, timeoutMs: number): Resolver {
  const r = new Resolver({ timeout: Math.max(250, Math.min(timeoutMs, 3000)), tries: 1 });
  if (dnsServer) r.setServers([dnsServer]);
  return r;
}

const norm = (s: string) => s.trim().replace(/\.$/, "").toLowerCase();

async function lookup(r: Resolver, type: DnsRecordSpec["type"], name: string): Promise<string[]> {
  try {
    if (type === "CNAME") return (await r.resolveCname(name)).map(norm);
    if (type === "MX") return (await r.resolveMx(name)).map((m) => `${m.priority} ${norm(m.exchange)}`);
    return (await r.resolveTxt(name)).map((chunks) => chunks.join(""));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND" || code === "ENODATA" || code === "NOTFOUND" || code === "ENOTIMP") return [];
    throw err;
  }
}

function matches(rec: DnsRecordSpec, found: string[]): boolean {
  if (rec.type === "CNAME") return found.includes(norm(rec.value));
  if (rec.type === "MX") return found.includes(`${rec.priority ?? 10} ${norm(rec.value)}`);
  if (rec.purpose === "dmarc") return found.some((t) => /^v=DMARC1/i.test(t.trim()));
  return found.some((t) => t.trim() === rec.value);
}

/**
 * Sesame's own look at each record (through SESAME_DNS_SERVER when set), with the usual ways it goes wrong:
 * the provider appended the zone again, a proxied CNAME that answers as an A record, a different value, nothing.
 */
export async function checkRecords(
  domain: string,
  records: DnsRecordSpec[],
  opts: { dnsServer?: string; timeoutMs: number },
): Promise<LiveRecord[]> {
  const r = resolver(opts.dnsServer, opts.timeoutMs);
  return Promise.all(
    records.map(async (rec): Promise<LiveRecord> => {
      try {
        const found = await lookup(r, rec.type, rec.name);
        if (matches(rec, found)) return { id: rec.id, state: "ok", found };
        if (found.length) {
          return {
            id: rec.id,
            state: "wrong",
            found,
            explain: `${rec.name} has ${rec.type} ${found.join(", ")} instead of ${rec.priority ? `${rec.priority} ` : ""}${rec.value}. Replace the value with the one shown.`,
          };
        }
        const doubledName = `${rec.name}.${domain}`;
        const doubled = await lookup(r, rec.type, doubledName).catch(() => []);
        if (doubled.length) {
          return {
            id: rec.id,
            state: "doubled",
            found: doubled,
            explain: `Found at ${doubledName}: your DNS provider appended ${domain} to the name. Enter only the part before .${domain} in the Name field.`,
          };
        }
        if (rec.type === "CNAME") {
          const a = await r.resolve4(rec.name).catch(() => [] as string[]);
          if (a.length) {
            return {
              id: rec.id,
              state: "proxied",
              found: a,
              explain: `${rec.name} answers with A ${a.join(", ")} instead of a CNAME: the record is proxied (e.g. Cloudflare's orange cloud). Set it to "DNS only".`,
            };
          }
        }
        return { id: rec.id, state: "missing", found: [], explain: `No ${rec.type} record at ${rec.name} yet.` };
      } catch (err) {
        return {
          id: rec.id,
          state: "error",
          found: [],
          explain: `Lookup failed (${(err as NodeJS.ErrnoException).code ?? "error"}); Sesame will try again.`,
        };
      }
    }),
  );
}
