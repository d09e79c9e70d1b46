import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

/**
 * node:crypto SHA-256 in the Checksum shape @smithy/signature-v4 expects (hash, or HMAC when given a secret), so
 * the product can sign with smithy's SignatureV4 without pulling in another hashing package.
 */
export class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | Uint8Array) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", secret);
  }
  update(data: string | Uint8Array): void {
    this.h.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    throw new Error("Sha256.reset is not supported; create a new instance");
  }
}
