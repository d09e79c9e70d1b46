import type { FindingSpec } from "./spec";

/**
 * The SMTP password tool's paste checks (lib/smtp/smtp-region.ts `checkSecret`): a value pasted in place of the IAM
 * secret access key. A section of its own, apart from ./smtp.ts, because the tool's page loads it alone
 * (lib/findings/section.ts): the whole SMTP section would outweigh the page's JS budget (docs/architecture.md).
 */
export const SMTP_PASSWORD_FINDINGS = {
  "smtp.paste-key-id": {
    severity: "warn",
    component: "smtp",
    title: "This looks like an access key ID, not the secret",
    why: "{keyId} is an access key ID: the SMTP user name, not the secret access key that goes with it, so a password derived from it does not work.",
    fix: "Paste the 40-character secret access key of this key (shown once, when the key was created) and convert again.",
    order: 233,
  },
  "smtp.paste-smtp-password": {
    severity: "warn",
    component: "smtp",
    title: "This already looks like an SES SMTP password",
    why: "It is 44 Base64 characters with version byte {version}: an SMTP password derived from a secret, not the secret itself. Converting it again gives a password SES refuses.",
    fix: "Convert the IAM secret access key (40 characters) instead; if this is the SMTP password you need, use it as it is.",
    order: 234,
  },
} as const satisfies Record<string, FindingSpec>;
