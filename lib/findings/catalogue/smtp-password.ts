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
} as const satisfies Record<string, FindingSpec>;
