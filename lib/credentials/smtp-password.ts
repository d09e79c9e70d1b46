/**
 * Recognising an SES SMTP password (docs/aws-facts.md §2.10): 33 bytes — a version byte (0x04 today,
 * 0x02 for the legacy form SES has refused since 2021) and an HMAC-SHA256 — Base64-encoded as 44 characters without
 * padding. The one copy of this test; deriving a password lives in lib/sigv4/smtp-password.ts.
 */
const SMTP_PASSWORD_RE = /^[A-Za-z0-9+/]{44}$/;

function firstByte(base64: string): number {
  // The first 4 Base64 characters hold the first 3 bytes; atob exists in browsers and Node ≥ 16.
  return atob(base64.slice(0, 4)).charCodeAt(0);
}

export function smtpPasswordVersion(value: string): 4 | 2 | null {
  if (!SMTP_PASSWORD_RE.test(value)) return null;
  const v = firstByte(value);
  if (v === 0x04) return 4;
  if (v === 0x02) return 2;
  return null;
}

export function looksLikeSmtpPassword(value: string): { version: 4 | 2 } | null {
  const version = smtpPasswordVersion(value);
  return version ? { version } : null;
}
