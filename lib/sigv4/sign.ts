import { createHmac, timingSafeEqual } from "node:crypto";
import { ALGORITHM_IDENTIFIER, createScope } from "@smithy/signature-v4";
import { buildCanonicalRequest, sha256Hex } from "./canonical";
import { signWith } from "./key-chain";
import { Sha256 } from "./sha256";
import type { ParsedAuth, RawRequest } from "./types";

export { createScope };

/** String to sign (aws.md §2.6). `scope` is date/region/service/terminator as the client claimed it. */
export function buildStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return [ALGORITHM_IDENTIFIER, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
}

/** The scope exactly as the client wrote it — a wrong terminator must still produce the client's string to sign. */
export function scopeOf(auth: ParsedAuth): string {
  return `${auth.scopeDate}/${auth.region}/${auth.service}/${auth.terminator}`;
}

/** kSigning = HMAC chain over date, region, service, terminator, keyed by "AWS4" + secret. */
export function signingKey(secret: string, date: string, region: string, service: string, terminator = "aws4_request") {
  let key: Buffer = createHmac("sha256", `AWS4${secret}`).update(date, "utf8").digest();
  for (const part of [region, service, terminator]) key = createHmac("sha256", key).update(part, "utf8").digest();
  return key;
}

/** The signature through the one injected key chain (./key-chain.ts), with node:crypto's hash on the server. */
export async function signatureFor(secret: string, auth: ParsedAuth, stringToSign: string): Promise<string> {
  return signWith(
    Sha256,
    secret,
    { date: auth.scopeDate, region: auth.region, service: auth.service, terminator: auth.terminator },
    stringToSign,
  );
}

/** Constant-time comparison of two hex signatures (lengths may differ for malformed input). */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** Recompute the signature of a raw request from the secret and compare it with the one the client sent. */
export async function verifyRequest(
  req: RawRequest,
  auth: ParsedAuth,
  secret: string,
): Promise<{ ok: boolean; canonicalRequest: string; stringToSign: string; expected: string }> {
  const { canonicalRequest } = buildCanonicalRequest(req, auth);
  const stringToSign = buildStringToSign(auth.amzDate ?? "", scopeOf(auth), canonicalRequest);
  const expected = await signatureFor(secret, auth, stringToSign);
  return { ok: signaturesEqual(expected, auth.signature), canonicalRequest, stringToSign, expected };
}
