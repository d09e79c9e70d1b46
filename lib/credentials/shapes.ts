/**
 * The shapes of AWS credentials (docs/aws-facts.md §5): an access key id is 20 characters, AKIA for a
 * long-term IAM user key or ASIA for a temporary STS key, then 16 upper-case letters and digits; a secret access
 * key is 40 characters of the Base64 alphabet. Runs in Node and in the browser.
 */
export const KEY_ID_RE = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
export const SECRET_RE = /^[A-Za-z0-9+/]{40}$/;

export function isKeyIdShaped(value: string): boolean {
  return KEY_ID_RE.test(value);
}

export function isSecretShaped(value: string): boolean {
  return SECRET_RE.test(value);
}

/** "long-term" for AKIA…, "temporary" for ASIA… (needs a session token), undefined for anything else. */
export function keyIdKind(value: string): "long-term" | "temporary" | undefined {
  if (!KEY_ID_RE.test(value)) return undefined;
  return value.startsWith("ASIA") ? "temporary" : "long-term";
}

/** Starts like a key id (any case), whatever its length: for "cut off" / "extra characters" explanations. */
export function startsLikeKeyId(value: string): boolean {
  return /^(AKIA|ASIA)/i.test(value);
}
