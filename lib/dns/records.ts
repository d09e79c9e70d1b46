import { z } from "zod";
import { mailFromMxHost } from "@/lib/regions";

/**
 * The DNS records SES needs for a domain, as the wizard shows them (docs/aws-facts.md §3.3; Plunk's table in
 * platforms-plunk-usesend.md §1d): three Easy DKIM CNAMEs, the legacy `_amazonses` TXT when a verification token
 * exists, the custom MAIL FROM MX and SPF TXT, and a DMARC TXT (recommended, not required by SES).
 */
export const DnsPurposeSchema = z.enum(["dkim", "verification", "mail-from-mx", "mail-from-spf", "dmarc"]);
export type DnsPurpose = z.infer<typeof DnsPurposeSchema>;

export const DnsRecordRowSchema = z.object({
  type: z.enum(["CNAME", "TXT", "MX"]),
  /** fully-qualified, lower-case, no trailing dot */
  name: z.string(),
  /** CNAME/MX: target host; TXT: the text without surrounding quotes */
  value: z.string(),
  priority: z.number().int().optional(),
  required: z.boolean(),
  purpose: DnsPurposeSchema,
});
export type DnsRecordRow = z.infer<typeof DnsRecordRowSchema>;

export const SPF_VALUE = "v=spf1 include:amazonses.com ~all";
export const DMARC_VALUE = "v=DMARC1; p=none;";

export interface RecordsInput {
  domain: string;
  region: string;
  dkimTokens: string[];
  verificationToken?: string;
  /** full MAIL FROM domain, e.g. plunk.example.com */
  mailFromDomain?: string;
  /** include the recommended DMARC row (default true) */
  dmarc?: boolean;
}

export function normalizeDomain(name: string): string {
  return name.trim().replace(/\.+$/, "").toLowerCase();
}

export function recordsFor(input: RecordsInput): DnsRecordRow[] {
  const domain = normalizeDomain(input.domain);
  const rows: DnsRecordRow[] = input.dkimTokens.map((token) => ({
    type: "CNAME" as const,
    name: `${token.toLowerCase()}._domainkey.${domain}`,
    value: `${token.toLowerCase()}.dkim.amazonses.com`,
    required: true,
    purpose: "dkim" as const,
  }));
  if (input.verificationToken) {
    rows.push({
      type: "TXT",
      name: `_amazonses.${domain}`,
      value: input.verificationToken,
      // DKIM success verifies the domain too; the TXT record matters only without DKIM
      required: input.dkimTokens.length === 0,
      purpose: "verification",
    });
  }
  if (input.mailFromDomain) {
    const mailFrom = normalizeDomain(input.mailFromDomain);
    rows.push(
      {
        type: "MX",
        name: mailFrom,
        value: mailFromMxHost(input.region),
        priority: 10,
        required: false,
        purpose: "mail-from-mx",
      },
      { type: "TXT", name: mailFrom, value: SPF_VALUE, required: false, purpose: "mail-from-spf" },
    );
  }
  if (input.dmarc !== false) {
    rows.push({ type: "TXT", name: `_dmarc.${domain}`, value: DMARC_VALUE, required: false, purpose: "dmarc" });
  }
  return rows;
}
