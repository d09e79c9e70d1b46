/**
 * One SigV4 implementation for the product (signature doctor, probes) and the emulator's authentication. Every
 * hash goes through the injected Checksum of ./key-chain.ts; this barrel also carries the node:crypto bindings
 * (./sha256.ts, ./verify.ts), so browser code imports the modules it needs directly, never this file.
 */
export type { AuthParseResult, ParsedAuth, RawRequest } from "./types";
export { parseAuth } from "./parse-auth";
export { buildCanonicalRequest, canonicalHeaders, canonicalQuery, canonicalUri } from "./canonical";
export { ALGORITHM, buildStringToSign, scopeOf, signatureWith, signaturesEqual, verifyRequestWith } from "./sign";
export { signatureFor, verifyRequest } from "./verify";
export { formatAmzDate, httpDateToAmzDate, isAmzDate, parseAmzDate } from "./dates";
export { headerValue, parseRawQuery, safeDecode, uriEncode } from "./encode";
export { Sha256 } from "./sha256";
export {
  type Checksum,
  type ChecksumConstructor,
  deriveSigningKey,
  hmac,
  sha256Hex,
  signWith,
  smtpPasswordWith,
  toHex,
} from "./key-chain";
export { WebCryptoSha256 } from "./webcrypto-sha256";
