import { type ChecksumConstructor, sha256Hex, signWith } from "./key-chain";
import { buildCanonicalRequest } from "./canonical";
import type { ParsedAuth, RawRequest } from "./types";

/** The algorithm line of the string to sign (docs/aws-facts.md §2.6). */
export const ALGORITHM = "AWS4-HMAC-SHA256";

/** String to sign (aws.md §2.6). `scope` is date/region/service/terminator as the client claimed it. */
export async function buildStringToSign(
  Sha256: ChecksumConstructor,
  amzDate: string,
  scope: string,
  canonicalRequest: string,
): Promise<string> {
  return [ALGORITHM, amzDate, scope, await sha256Hex(Sha256, canonicalRequest)].join("\n");
}

/** The scope exactly as the client wrote it — a wrong terminator must still produce the client's string to sign. */
export function scopeOf(auth: ParsedAuth): string {
  return `${auth.scopeDate}/${auth.region}/${auth.service}/${auth.terminator}`;
}

/** The signature of a string to sign for the scope the client claimed, through the one key chain (./key-chain.ts). */
export function signatureWith(
  Sha256: ChecksumConstructor,
  secret: string,
  auth: ParsedAuth,
  stringToSign: string,
): Promise<string> {
  return signWith(
    Sha256,
    secret,
    { date: auth.scopeDate, region: auth.region, service: auth.service, terminator: auth.terminator },
    stringToSign,
  );
}

/**
 * Constant-time comparison of two hex signatures (no node:crypto, so the browser's doctor shares it): every
 * character of the longer one is visited whatever differs; unequal lengths are simply unequal.
 */
export function signaturesEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** Recompute the signature of a raw request from the secret and compare it with the one the client sent. */
export async function verifyRequestWith(
  Sha256: ChecksumConstructor,
  req: RawRequest,
  auth: ParsedAuth,
  secret: string,
): Promise<{ ok: boolean; canonicalRequest: string; stringToSign: string; expected: string }> {
  const { canonicalRequest } = await buildCanonicalRequest(Sha256, req, auth);
  const stringToSign = await buildStringToSign(Sha256, auth.amzDate ?? "", scopeOf(auth), canonicalRequest);
  const expected = await signatureWith(Sha256, secret, auth, stringToSign);
  return { ok: signaturesEqual(expected, auth.signature), canonicalRequest, stringToSign, expected };
}
