import { smtpPasswordWith } from "@/lib/sigv4/key-chain";
import { WebCryptoSha256 } from "@/lib/sigv4/webcrypto-sha256";
import { checkSecret, checkSmtpRegion, endpointNotes } from "./smtp-region";
import type { SmtpPasswordResult } from "./password";

/**
 * The SES SMTP password in the browser: the one key chain of lib/sigv4/key-chain.ts with Web Crypto's hash injected,
 * so the page computes it and the secret never leaves it. Tests assert it equals the server's.
 */
export function deriveSmtpPasswordWebCrypto(secretAccessKey: string, region: string): Promise<string> {
  return smtpPasswordWith(WebCryptoSha256, secretAccessKey, region);
}

/** Browser twin of smtpPasswordFor (lib/smtp/password.ts): same checks, same result shape. */
export async function smtpPasswordForBrowser(secretInput: string, regionInput: string): Promise<SmtpPasswordResult> {
  const region = checkSmtpRegion(regionInput);
  if (!region.ok) return region;
  const { secret, warnings } = checkSecret(secretInput);
  if (!secret) {
    return { ok: false, problem: "empty-secret", finding: { code: "smtp.paste-empty", evidence: {} }, smtpRegions: [] };
  }
  const password = await deriveSmtpPasswordWebCrypto(secret, region.endpoint.region);
  return { ok: true, password, endpoint: region.endpoint, warnings: [...warnings, ...endpointNotes(region.endpoint)] };
}
