/** One SigV4 implementation for the product (signature doctor, probes) and the emulator's authentication. */
export type { AuthParseResult, ParsedAuth, RawRequest } from "./types";
export { parseAuth } from "./parse-auth";
export { buildCanonicalRequest, canonicalHeaders, canonicalQuery, canonicalUri, sha256Hex } from "./canonical";
export {
  buildStringToSign,
  createScope,
  scopeOf,
  signatureFor,
  signaturesEqual,
  signingKey,
  verifyRequest,
} from "./sign";
export { formatAmzDate, httpDateToAmzDate, isAmzDate, parseAmzDate } from "./dates";
export { headerValue, parseRawQuery, safeDecode, uriEncode } from "./encode";
export { Sha256 } from "./sha256";
export {
  type Checksum,
  type ChecksumConstructor,
  deriveSigningKey,
  hmac,
  signWith,
  smtpPasswordWith,
  toHex,
} from "./key-chain";
export { WebCryptoSha256 } from "./webcrypto-sha256";
