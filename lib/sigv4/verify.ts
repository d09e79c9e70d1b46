import type { ParsedAuth, RawRequest } from "./types";
import { Sha256 } from "./sha256";
import { signatureWith, verifyRequestWith } from "./sign";

/**
 * The server's and the emulator's bindings of ./sign.ts: the same chain (./key-chain.ts) with node:crypto's hash
 * (./sha256.ts) injected. The browser injects Web Crypto's instead and never imports this file.
 */
export function verifyRequest(req: RawRequest, auth: ParsedAuth, secret: string) {
  return verifyRequestWith(Sha256, req, auth, secret);
}

export function signatureFor(secret: string, auth: ParsedAuth, stringToSign: string): Promise<string> {
  return signatureWith(Sha256, secret, auth, stringToSign);
}
