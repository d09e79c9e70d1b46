/**
 * The one SigV4 signing-key chain (docs/aws-facts.md §2.6, §2.10), with the hash injected the way
 * @smithy/signature-v4 takes it: a Checksum constructor — `new Sha256()` hashes, `new Sha256(key)` is an HMAC. The
 * server and the emulator pass node:crypto's (./sha256.ts), the browser passes Web Crypto's (./webcrypto-sha256.ts);
 * the chain, the signature and the SES SMTP password are the same code everywhere. No node:* import here.
 */
export interface Checksum {
  update(data: string | Uint8Array): void;
  digest(): Promise<Uint8Array>;
}
export type ChecksumConstructor = new (secret?: string | Uint8Array) => Checksum;

export async function hmac(Sha256: ChecksumConstructor, key: string | Uint8Array, data: string): Promise<Uint8Array> {
  const h = new Sha256(key);
  h.update(data);
  return h.digest();
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** Hex SHA-256 of a text or bytes (payload hash, hash of the canonical request) with the injected hash. */
export async function sha256Hex(Sha256: ChecksumConstructor, data: string | Uint8Array): Promise<string> {
  const h = new Sha256();
  h.update(data);
  return toHex(await h.digest());
}

/** kSigning = HMAC chain over date, region, service, terminator, keyed by "AWS4" + secret. */
export async function deriveSigningKey(
  Sha256: ChecksumConstructor,
  secret: string,
  date: string,
  region: string,
  service: string,
  terminator = "aws4_request",
): Promise<Uint8Array> {
  let key = await hmac(Sha256, `AWS4${secret}`, date);
  for (const part of [region, service, terminator]) key = await hmac(Sha256, key, part);
  return key;
}

/** Hex HMAC-SHA256 of the string to sign with the derived key: the signature. */
export async function signWith(
  Sha256: ChecksumConstructor,
  secret: string,
  scope: { date: string; region: string; service: string; terminator?: string },
  stringToSign: string,
): Promise<string> {
  const key = await deriveSigningKey(Sha256, secret, scope.date, scope.region, scope.service, scope.terminator);
  return toHex(await hmac(Sha256, key, stringToSign));
}

/**
 * SES SMTP password: the chain for date "11111111", the region, service "ses", then HMAC of "SendRawEmail", with the
 * version byte 0x04 in front, Base64 (btoa: browsers and Node ≥ 16).
 */
export async function smtpPasswordWith(Sha256: ChecksumConstructor, secret: string, region: string): Promise<string> {
  const key = await deriveSigningKey(Sha256, secret, "11111111", region, "ses");
  const signature = await hmac(Sha256, key, "SendRawEmail");
  return versionedBase64(0x04, signature);
}

function versionedBase64(version: number, signature: Uint8Array): string {
  const bytes = new Uint8Array(signature.length + 1);
  bytes[0] = version;
  bytes.set(signature, 1);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The legacy "version 2" SMTP password (HMAC of "SendRawEmail" keyed by the secret, 0x02 in front; refused by SES
 * since 2021), only for recognising one when pasted. */
export async function legacySmtpPasswordV2With(Sha256: ChecksumConstructor, secret: string): Promise<string> {
  const signature = await hmac(Sha256, secret, "SendRawEmail");
  return versionedBase64(0x02, signature);
}
