import { checkSecret, checkSmtpRegion } from "./smtp-region";
import type { SmtpPasswordResult } from "./password";

/**
 * The same derivation as lib/sigv4/smtp-password.ts with Web Crypto, so the SMTP password page computes it in the
 * browser and the secret never leaves the page. Tests assert it equals the Node implementation.
 */
export async function deriveSmtpPasswordWebCrypto(secretAccessKey: string, region: string): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const enc = new TextEncoder();
  const hmac = async (key: Uint8Array, data: string): Promise<Uint8Array> => {
    const k = await subtle.importKey("raw", key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await subtle.sign("HMAC", k, enc.encode(data)));
  };
  let key = await hmac(enc.encode(`AWS4${secretAccessKey}`), "11111111");
  for (const part of [region, "ses", "aws4_request"]) key = await hmac(key, part);
  const signature = await hmac(key, "SendRawEmail");
  const bytes = new Uint8Array(33);
  bytes[0] = 0x04;
  bytes.set(signature, 1);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Browser twin of smtpPasswordFor (lib/smtp/password.ts): same checks, same result shape. */
export async function smtpPasswordForBrowser(secretInput: string, regionInput: string): Promise<SmtpPasswordResult> {
  const region = checkSmtpRegion(regionInput);
  if (!region.ok) return region;
  const { secret, warnings } = checkSecret(secretInput);
  if (!secret) {
    return { ok: false, problem: "empty-secret", message: "No secret access key given.", smtpRegions: [] };
  }
  const password = await deriveSmtpPasswordWebCrypto(secret, region.endpoint.region);
  return { ok: true, password, endpoint: region.endpoint, warnings };
}
