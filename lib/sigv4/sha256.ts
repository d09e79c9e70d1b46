import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";

/**
 * node:crypto SHA-256 in the Checksum shape @smithy/signature-v4 expects (hash, or HMAC when given a secret), so
 * the product can sign with smithy's SignatureV4 without pulling in another hashing package.
 */
export class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key =
      secret === undefined || typeof secret === "string"
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret);
    this.h = key === undefined ? createHash("sha256") : createHmac("sha256", key);
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
