import "server-only";
import { materializeRaw } from "@/lib/findings/materialize";
import type { Finding } from "@/lib/diagnose/schema";
import { checkDomainDns } from "@/lib/dns";
import type { DomainStatus, LiveRecord } from "./contract";

export type { LiveRecord } from "./contract";

/** Sesame's own lookups of every record the Domain step shows (lib/dns), matched back to the table's rows. */
export async function liveRecords(
  status: DomainStatus,
  opts: { dnsServer?: string; timeoutMs: number },
): Promise<{ rows: LiveRecord[]; findings: Finding[] }> {
  const res = await checkDomainDns({
    domain: status.domain,
    region: status.region,
    dkimTokens: status.dkimTokens,
    mailFromDomain: status.mailFrom?.domain,
    dnsServer: opts.dnsServer,
    timeoutMs: opts.timeoutMs,
  });
  const findings = res.findings.map(materializeRaw);
  const rows = status.records.map((rec): LiveRecord => {
    const checked = res.rows.find((r) => r.name === rec.name && r.type === rec.type && r.purpose === rec.purpose);
    const finding = findings.find(
      (f) => f.evidence.name === rec.name && (f.evidence.type === rec.type || f.code === "dns.cname-mx-conflict"),
    );
    return { id: rec.id, status: checked?.status ?? "unknown", found: checked?.found ?? [], finding };
  });
  return { rows, findings };
}
