import type { BadgeVariant } from "@/components/ui";
import type { Finding } from "@/lib/diagnose/schema";
import type { LiveRecord, SesStatus } from "@/lib/setup/contract";

export const SES_BADGE: Partial<Record<SesStatus, BadgeVariant>> = {
  SUCCESS: "success",
  PENDING: "warning",
  FAILED: "error",
  TEMPORARY_FAILURE: "error",
};

export const LIVE_BADGE: Record<LiveRecord["status"], { v: BadgeVariant; t: string }> = {
  ok: { v: "success", t: "Found" },
  missing: { v: "warning", t: "Missing" },
  wrong: { v: "error", t: "Wrong" },
  unknown: { v: "neutral", t: "Unknown" },
};

export function sesLabel(s: SesStatus) {
  return s === "SUCCESS" ? "Verified" : s === "PENDING" ? "Pending" : s.replace(/_/g, " ").toLowerCase();
}

/** Records that are simply not there yet: the table marks them already, so their long form waits behind a summary. */
export const NOT_YET = new Set(["dns.record-missing", "dns.mx-missing", "dns.spf-missing", "dns.dmarc-missing"]);

/**
 * At most one short line per row, only where the badge alone does not say it (a plain "Missing" needs no echo); the
 * full why and fix live once, in the finding list under the table.
 */
export function rowHint(f: Finding): string | undefined {
  const e = f.evidence;
  switch (f.code) {
    case "dns.wrong-value":
      return `Sesame sees ${String(e.found ?? "another value")}`;
    case "dns.doubled-domain":
      return `Found at ${String(e.foundAt)} instead`;
    case "dns.proxied-cname":
      return "Answers with an address, not a CNAME (proxied?)";
    case "dns.cname-mx-conflict":
      return "This name already has a CNAME";
    case "dns.lookup-failed":
      return "Lookup failed";
    default:
      return undefined;
  }
}
