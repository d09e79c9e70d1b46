import { cleanPaste } from "./paste";
import { isKeyIdShaped, isSecretShaped } from "./shapes";
import { looksLikeSmtpPassword } from "./smtp-password";

/**
 * THE masking rule (docs/aws-facts.md §5): no character of a secret-shaped value is ever shown — on a
 * page, in JSON, in a log or in evidence — whatever field it was pasted into. A key id may show its first and last
 * four characters (it is an identifier, and that is how the IAM console shows it); anything else that might be a
 * secret is described by its length only.
 */

/** Secret-shaped: a 40-character secret access key or an SES SMTP password, after paste cleaning. */
export function looksSecret(value: string | undefined | null): boolean {
  if (!value) return false;
  const v = cleanPaste(value).value;
  return isSecretShaped(v) || !!looksLikeSmtpPassword(v);
}

/** "AKIAIOSFODNN7EXAMPLE" → "AKIA…MPLE"; anything not shaped like a key id → "(40 characters)". */
export function maskKeyId(value: string | undefined | null): string {
  if (!value) return "(empty)";
  const v = value.trim();
  if (isKeyIdShaped(v)) return `${v.slice(0, 4)}…${v.slice(-4)}`;
  return `(${v.length} characters)`;
}

/** A secret (or anything that may be one): its length only. */
export function maskSecret(value: string | undefined | null): string {
  if (!value) return "(empty)";
  return `•••••••• (${value.length} chars)`;
}

/**
 * A value of unknown kind (an env variable, a form field) for display: secret-shaped values by length only; other
 * long values with a hint of their ends, so an operator can tell which one it is.
 */
export function maskValue(value: string | undefined | null): string {
  if (value === undefined || value === null || value === "") return "(empty)";
  if (looksSecret(value)) return maskSecret(value);
  if (value.length < 12) return `*** (${value.length} chars)`;
  return `${value.slice(0, 2)}…${value.slice(-2)} (${value.length} chars)`;
}

/** Removes every occurrence of the given secrets (and their trimmed forms) from free text such as AWS messages. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, s.trim()])) {
      if (form.length >= 8) out = out.split(form).join("[redacted]");
    }
  }
  return out;
}
