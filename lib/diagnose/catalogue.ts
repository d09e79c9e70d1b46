import type { Severity } from "./schema";

/**
 * The finding catalogue: every code Sesame can report, with its wording. The UI, the doctor CLI, the health
 * endpoint and the README read this file; probes only emit `{code, evidence}`.
 * A code never changes meaning once shipped. Codes are `area.what`, lower-case, dotted.
 *
 * `fix` and `why` may contain `{placeholders}` filled from the finding's evidence (e.g. `{region}`).
 */
export interface FindingSpec {
  severity: Exclude<Severity, "pass">;
  /** health-page component: credentials, permissions, region, account, quota, domain, dns, smtp, clock, env, endpoint */
  component: string;
  title: string;
  why: string;
  fix: string;
  docs?: string;
  /** lower number = fix first (input damage before identity before permissions …) */
  order: number;
}

export const CATALOGUE = {
  // ── credentials, identity, clock, region, permissions, account, endpoint (engine core) ──────────────────

  // ── env, dns, smtp (env/dns/smtp libraries) ─────────────────────────────────────────────────────────────
  "env.legacy-name": {
    severity: "warn",
    component: "env",
    title: "{name} is not read by {target}",
    why: "The env file sets {name}, but {target} reads {expected}. Old Plunk v1 names in a v2 env, useSend's legacy AWS_SECRET_KEY or a guessed SES_REGION are silently ignored, so the platform runs without the value.",
    fix: "Rename {name} to {expected} (Sesame can write {expected} and comment out {name} for you), then restart the platform.",
    order: 60,
  },
  "env.missing-var": {
    severity: "error",
    component: "env",
    title: "{name} is not set",
    why: "{target} needs {name} and the env file does not define it (or leaves it empty).",
    fix: "Add {name} to the env file (the setup wizard writes it), then restart the platform.",
    order: 61,
  },
  "env.key-secret-swapped": {
    severity: "error",
    component: "env",
    title: "{accessKeyVar} and {secretVar} hold each other's values",
    why: "{accessKeyVar} holds a 40-character secret and {secretVar} holds an AKIA/ASIA access key id.",
    fix: "Swap the two values in the env file: the access key id goes in {accessKeyVar}, the secret in {secretVar}.",
    order: 62,
  },
  "env.secret-as-smtp-password": {
    severity: "error",
    component: "env",
    title: "{name} holds an IAM secret, not an SMTP password",
    why: "{name} is a 40-character secret access key ({value}). SES SMTP does not accept the secret itself; it expects a 44-character password derived from it for one region.",
    fix: "Derive the SMTP password from the secret for your region (Sesame's SMTP password tool or `npm run -s smtp-password -- SECRET REGION`) and put that in {name}.",
    order: 63,
  },
  "env.smtp-password-v2": {
    severity: "error",
    component: "env",
    title: "{name} holds a legacy (version 2) SMTP password",
    why: "{name} ({value}) was made with the pre-2019 algorithm. SES has rejected version 2 passwords since 2021 with 535 \"Signature Version 2 is deprecated\".",
    fix: "Derive a current password from the IAM secret for your region and replace {name}.",
    order: 64,
  },
  "env.unquoted-hash": {
    severity: "error",
    component: "env",
    title: "{name} contains an unquoted #",
    why: "dotenv ends an unquoted value at the first #, docker compose only at \" #\": the platform may read just the first {keptChars} characters of {name}.",
    fix: "Put the value of {name} in single quotes: {name}='…'.",
    order: 65,
  },
  "env.dollar-interpolation": {
    severity: "error",
    component: "env",
    title: "{name} contains a $ that docker compose will expand",
    why: "In an unquoted or double-quoted value, docker compose treats $NAME and ${NAME} as variables and substitutes them, so {name} arrives changed.",
    fix: "Put the value of {name} in single quotes: {name}='…'.",
    order: 66,
  },
  "env.value-whitespace": {
    severity: "error",
    component: "env",
    title: "{name} has leading or trailing whitespace",
    why: "The quoted value of {name} keeps the spaces or tabs around it ({length} characters in all); AWS compares exact bytes.",
    fix: "Remove the whitespace inside the quotes of {name}.",
    order: 67,
  },
  "env.value-quoted": {
    severity: "error",
    component: "env",
    title: "Quote characters are part of {name}",
    why: "After parsing, {name} still starts and ends with {quote}: the value was quoted twice, so the quotes become part of it.",
    fix: "Keep one pair of quotes at most around the value of {name}.",
    order: 68,
  },
  "env.bad-region": {
    severity: "error",
    component: "env",
    title: "{name} is not a region code",
    why: "{name} is \"{value}\"; AWS expects a region code such as eu-west-1.",
    fix: "Set {name} to the region code where your domain is verified in SES, e.g. eu-west-1.",
    order: 69,
  },
  "env.duplicate-var": {
    severity: "warn",
    component: "env",
    title: "{name} is defined {count} times",
    why: "Only the last definition counts; editing an earlier one changes nothing, which makes fixes look like they failed.",
    fix: "Keep one definition of {name} and delete the others.",
    order: 70,
  },
  "env.crlf": {
    severity: "warn",
    component: "env",
    title: "The env file has Windows line endings",
    why: "{lines} lines end in CRLF. dotenv and docker compose cope, but shells (`source`, `export $(cat …)`) keep the carriage return inside each value.",
    fix: "Convert the file to LF line endings (e.g. `sed -i 's/\\r$//' FILE` or your editor's line-ending setting).",
    order: 71,
  },
  "dns.record-missing": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} not found",
    why: "Sesame's lookup of {name} found no {type} record; SES cannot verify {purpose} until it exists.",
    fix: "Create a {type} record named {name} with the value {expected} at your DNS provider; changes can take minutes to propagate.",
    order: 80,
  },
  "dns.wrong-value": {
    severity: "error",
    component: "dns",
    title: "{type} record {name} has the wrong value",
    why: "{name} answers {found}, but SES expects {expected}.",
    fix: "Edit the {type} record {name} so its value is exactly {expected}.",
    order: 81,
  },
  "dns.doubled-domain": {
    severity: "error",
    component: "dns",
    title: "Record created at {foundAt} (zone name doubled)",
    why: "The record exists at {foundAt} instead of {name}: the DNS provider appends the zone name to whatever is typed, so the full name was doubled.",
    fix: "At your DNS provider, enter only the part before your domain ({relative}) as the record name.",
    order: 82,
  },
  "dns.proxied-cname": {
    severity: "error",
    component: "dns",
    title: "{name} answers with an address instead of a CNAME",
    why: "{name} returns A/AAAA records ({addresses}) where SES needs a CNAME. Cloudflare does this when the record is proxied (orange cloud) or flattened.",
    fix: "Set the record {name} to DNS only (grey cloud) so it answers with the CNAME {expected}.",
    order: 83,
  },
  "dns.cname-mx-conflict": {
    severity: "error",
    component: "dns",
    title: "MAIL FROM name {name} already has a CNAME",
    why: "{name} is a CNAME to {cname}. A name with a CNAME cannot also hold the MX and SPF records SES needs for a custom MAIL FROM domain.",
    fix: "Remove the CNAME at {name}, or choose another MAIL FROM subdomain (Plunk: MAIL_FROM_SUBDOMAIN) and publish its MX and TXT records.",
    order: 84,
  },
  "dns.mx-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM MX record {name} missing",
    why: "The custom MAIL FROM domain {name} has no MX pointing to {expected}. SES then falls back to amazonses.com (SPF not aligned with your domain), or rejects mail if configured to.",
    fix: "Create an MX record {name} with priority 10 and value {expected}.",
    order: 85,
  },
  "dns.spf-missing": {
    severity: "warn",
    component: "dns",
    title: "MAIL FROM SPF record {name} missing",
    why: "{name} has no SPF TXT record including amazonses.com, so receivers cannot authorise SES for your MAIL FROM domain.",
    fix: "Create a TXT record {name} with the value {expected}.",
    order: 86,
  },
  "dns.dmarc-missing": {
    severity: "warn",
    component: "dns",
    title: "No DMARC record for {domain}",
    why: "{name} has no v=DMARC1 TXT record. Mail still sends, but large mailbox providers expect DMARC from bulk senders.",
    fix: "Create a TXT record {name} with the value {expected} (start with p=none, tighten later).",
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
  "smtp.region-no-smtp": {
    severity: "error",
    component: "smtp",
    title: "SES has no SMTP endpoint in {region}",
    why: "{region} offers the SES API but no SMTP interface, so email-smtp.{region}.amazonaws.com does not exist.",
    fix: "Use an SMTP region where your domain is verified (e.g. eu-west-1, us-east-1) and derive the SMTP password for that region.",
    order: 90,
  },
  "smtp.unreachable": {
    severity: "error",
    component: "smtp",
    title: "Cannot connect to {host}:{port}",
    why: "The connection failed ({error}). Typical causes: a wrong host, the port blocked by the hosting provider or a firewall (port 25 is throttled on EC2).",
    fix: "Check SMTP_HOST and the port; try 587 or 2587 (STARTTLS) or 465/2465 (TLS) if your host blocks one.",
    order: 91,
  },
  "smtp.timeout": {
    severity: "error",
    component: "smtp",
    title: "SMTP {stage} timed out at {host}:{port}",
    why: "No answer within {timeoutMs} ms during {stage}. Outbound SMTP ports are often silently dropped by hosting providers.",
    fix: "Allow outbound traffic to {host} on port {port}, or switch to port 2587/2465.",
    order: 92,
  },
  "smtp.tls-failed": {
    severity: "error",
    component: "smtp",
    title: "TLS with {host}:{port} failed",
    why: "The TLS handshake failed ({error}). SES requires TLS: STARTTLS on 25/587/2587, TLS from the first byte on 465/2465; mixing them up fails here.",
    fix: "Use STARTTLS (secure: false) with 587/2587 and implicit TLS (secure: true) with 465/2465, and make sure nothing intercepts TLS.",
    order: 93,
  },
  "smtp.auth-failed": {
    severity: "error",
    component: "smtp",
    title: "SMTP login rejected by {host}",
    why: "The server answered {response}. Likely cause: {cause}.",
    fix: "{remedy}",
    order: 94,
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingCode = keyof typeof CATALOGUE;
