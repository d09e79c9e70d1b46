/**
 * Masking for evidence. Evidence is shown in the UI, printed by the CLI and served by the health endpoint, so it
 * may carry only the shape of a credential, never the credential.
 */

const KEY_ID_RE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** "AKIAIOSFODNN7EXAMPLE" → "AKIA…MPLE". Anything not shaped like a key id (it might be a secret pasted in the
 * wrong field) is described only by its length. */
export function maskKeyId(value: string | undefined): string {
  if (!value) return "(empty)";
  const v = value.trim();
  if (KEY_ID_RE.test(v)) return `${v.slice(0, 4)}…${v.slice(-4)}`;
  return `(${v.length} characters)`;
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
