import type { FindingSpec } from "./spec";

/**
 * The SMTP password tool's checks (lib/smtp/smtp-region.ts): what is odd about the pasted secret (`smtp.paste-*`:
 * cleaned off, the wrong shape, or something else pasted in its place) and a region it cannot convert for
 * (`smtp.password-region-*`). A section of its own, apart from ./smtp.ts, because the tool's page loads it alone
 * (lib/findings/section.ts): the whole SMTP section would outweigh the page's JS budget (docs/architecture.md).
 */
export const SMTP_PASSWORD_FINDINGS = {
  "smtp.paste-whitespace": {
    severity: "info",
    component: "smtp",
    title: "Removed whitespace from the secret",
    why: "It had {where}: a common copy-paste accident, never part of a secret access key.",
    fix: "Nothing to do: the password below is derived from the secret without it.",
    order: 235,
  },
  "smtp.paste-quotes": {
    severity: "info",
    component: "smtp",
    title: "Removed the quotes around the secret",
    why: "Quotes are not part of a secret access key.",
    fix: "Nothing to do: the password below is derived from the secret without them.",
    order: 236,
  },
  "smtp.paste-empty": {
    severity: "error",
    component: "smtp",
    title: "No secret access key given",
    why: "The SMTP password is derived from the IAM secret access key, so there is nothing to convert.",
    fix: "Paste the secret access key (40 characters) that goes with the access key ID.",
    order: 237,
  },
  "smtp.paste-key-id": {
    severity: "warn",
    component: "smtp",
    title: "This is an access key ID, not the secret",
    why: "It starts with {prefix}: an access key ID is the SMTP user name, and the password is derived from the secret access key that goes with it.",
    fix: "Paste that secret access key (40 characters) instead.",
    order: 233,
  },
  "smtp.paste-smtp-password": {
    severity: "warn",
    component: "smtp",
    title: "This is already an SES SMTP password",
    why: "It is 44 characters with version byte {version}: derived from a secret, not a secret itself, so converting it again gives a password SES refuses.",
    fix: "Convert the IAM secret access key instead, or use this password as it is.",
    order: 234,
  },
  "smtp.paste-length": {
    severity: "warn",
    component: "smtp",
    title: "The secret is {length} characters, not 40",
    why: "IAM secret access keys are 40 characters long, so part of it may be missing or something extra was copied.",
    fix: "Copy the whole secret access key again; the password below is derived from what was pasted.",
    order: 238,
  },
  "smtp.paste-alphabet": {
    severity: "warn",
    component: "smtp",
    title: "The secret has unexpected characters",
    why: "IAM secret access keys contain only letters, digits, '+' and '/'; this one has other characters.",
    fix: "Copy the secret access key again; the password below is derived from what was pasted.",
    order: 239,
  },
  "smtp.password-region-empty": {
    severity: "error",
    component: "smtp",
    title: "No region given",
    why: "The SMTP password is different in every region, so it needs the region your app connects to.",
    fix: "Give a region with an SES SMTP endpoint: {smtpRegions}.",
    order: 240,
  },
  "smtp.password-region-malformed": {
    severity: "error",
    component: "smtp",
    title: "Not an AWS region code",
    why: "{given} is not an AWS region code (like eu-west-1).",
    fix: "Give a region with an SES SMTP endpoint: {smtpRegions}.",
    order: 241,
    // a long value is not echoed: it may be the secret, given in the region's place
    phrases: { given: { value: '"{input}"', long: "A value of {length} characters" } },
  },
  "smtp.password-region-no-smtp": {
    severity: "error",
    component: "smtp",
    title: "SES has no SMTP endpoint in {region}",
    why: "{region} offers the SES API but no SMTP interface, so no SMTP password works there.",
    fix: "Send through the SES API in {region}, or send over SMTP from another region where your identity is verified. SES SMTP endpoints exist in: {smtpRegions}.",
    order: 242,
  },
  "smtp.password-region-no-ses": {
    severity: "error",
    component: "smtp",
    title: "SES is not offered in {region}",
    why: "Amazon SES is not offered in {region}, so it has no SMTP endpoint there either.",
    fix: "Give a region with an SES SMTP endpoint: {smtpRegions}.",
    order: 243,
  },
  "smtp.password-region-unknown": {
    severity: "error",
    component: "smtp",
    title: "Unknown region {region}",
    why: "{region} is not a region Sesame knows.",
    fix: "Give a region with an SES SMTP endpoint: {smtpRegions}.",
    order: 244,
  },
  "smtp.password-region-unconfirmed": {
    severity: "warn",
    component: "smtp",
    title: "SMTP in {region} is not confirmed by AWS",
    why: "AWS's documentation does not list an SMTP endpoint for {region}; the password is derived all the same, but the host may not exist.",
    fix: "Check that `{host}` resolves before relying on it, or use an SMTP region AWS lists.",
    order: 245,
  },
} as const satisfies Record<string, FindingSpec>;
