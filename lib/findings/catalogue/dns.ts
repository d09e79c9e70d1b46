import type { FindingSpec } from "./spec";

const DNS_PURPOSES = {
  dkim: "DKIM for the domain",
  verification: "the domain",
  "mail-from-mx": "the MAIL FROM domain",
  "mail-from-spf": "the MAIL FROM domain",
  dmarc: "DMARC for the domain",
} as const;

/** The domain's DNS records: DKIM, verification, MAIL FROM and DMARC (lib/dns/check.ts). */
export const DNS_FINDINGS = {
  "dns.record-missing": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} not found",
    why: "Sesame's lookup of {name} found no {type} record; SES cannot verify {purpose} until it exists.",
    fix: "Create a {type} record named `{name}` with the value `{expected}` at your DNS provider; changes can take minutes to propagate.",
    phrases: { purpose: DNS_PURPOSES },
    order: 80,
  },
  "dns.wrong-value": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} has the wrong value",
    why: "{name} answers {found}, but SES expects {expected}.",
    fix: "Edit the {type} record `{name}` so its value is exactly `{expected}`.",
    order: 81,
  },
  "dns.doubled-domain": {
    severity: "error",
    component: "dns",
    title: "Record created at {foundAt} (zone name doubled)",
    why: "The record exists at {foundAt} instead of {name}: the DNS provider appends the zone name to whatever is typed, so the full name was doubled.",
    fix: "At your DNS provider, enter only `{relative}` (the part before your domain) as the record name.",
    order: 82,
  },
  "dns.proxied-cname": {
    severity: "error",
    component: "dns",
    title: "{name} answers with an address instead of a CNAME",
    why: "{name} returns A/AAAA records ({addresses}) where SES needs a CNAME. Cloudflare does this when the record is proxied (orange cloud) or flattened.",
    fix: "Set the record `{name}` to DNS only (grey cloud) so it answers with the CNAME `{expected}`.",
    order: 83,
  },
  "dns.cname-mx-conflict": {
    severity: "error",
    component: "dns",
    title: "MAIL FROM name {name} already has a CNAME",
    why: "{name} is a CNAME to {cname}. A name with a CNAME cannot also hold the MX and SPF records SES needs for a custom MAIL FROM domain.",
    fix: "Remove the CNAME at `{name}`, or choose another MAIL FROM subdomain (Plunk: `MAIL_FROM_SUBDOMAIN`) and publish its MX and TXT records.",
    order: 84,
  },
  "dns.mx-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM MX record {name} missing",
    why: "The custom MAIL FROM domain {name} has no MX pointing to {host}. SES then falls back to amazonses.com (SPF not aligned with your domain), or rejects mail if configured to.",
    fix: "Create an MX record named `{name}` with priority {priority} and mail server `{host}`.",
    order: 85,
  },
  "dns.spf-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM SPF record {name} missing",
    why: "{name} has no SPF TXT record including amazonses.com, so receivers cannot authorise SES for your MAIL FROM domain.",
    fix: "Create a TXT record named `{name}` with the value `{expected}`.",
    order: 86,
  },
  "dns.dmarc-missing": {
    severity: "warn",
    component: "dns",
    title: "No DMARC record for {domain}",
    why: "{name} has no v=DMARC1 TXT record. Mail still sends, but large mailbox providers expect DMARC from bulk senders.",
    fix: "Create a TXT record named `{name}` with the value `{expected}` (start with p=none, tighten later).",
    order: 87,
  },
  "dns.lookup-failed": {
    severity: "warn",
    component: "dns",
    title: "DNS lookup of {name} failed",
    why: "Looking up {type} {name} failed with {error}, so Sesame cannot tell whether the record is right.",
    fix: "Check that the DNS server ({server}) is reachable and answers for your domain, then run the check again.",
    order: 88,
  },
  "dns.mail-from-not-checked": {
    severity: "info",
    component: "dns",
    unchecked: true,
    title: "MAIL FROM records of {domain} were not checked",
    why: "{reason}",
    fix: "{remedy}",
    order: 89,
    phrases: {
      reason: {
        "attributes-refused":
          "SES refused GetIdentityMailFromDomainAttributes ({errorCode}) and {target} has no fixed MAIL FROM subdomain, so Sesame does not know which name to look up.",
        "attributes-unread":
          "The MAIL FROM attributes of {domain} could not be read ({errorCode}) and {target} has no fixed MAIL FROM subdomain, so Sesame does not know which name to look up.",
      },
      remedy: {
        "attributes-refused":
          "Allow `ses:GetIdentityMailFromDomainAttributes` for the platform's user, or check the MX and SPF records of the MAIL FROM domain by hand.",
        "attributes-unread":
          "Run the check again; if it persists, check the MX and SPF records of the MAIL FROM domain by hand.",
      },
    },
  },
} as const satisfies Record<string, FindingSpec>;
