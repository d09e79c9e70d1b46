import type { Checksum } from "./key-chain";

/**
 * SHA-256 (and HMAC-SHA256 when given a key) on Web Crypto, in the Checksum shape of ./key-chain.ts: what the
 * browser injects into the signing-key chain. Buffers what it is given; digests once.
 */
export class WebCryptoSha256 implements Checksum {
  private readonly parts: Uint8Array[] = [];
  private readonly key?: Uint8Array;
  constructor(secret?: string | Uint8Array) {
    if (secret !== undefined) this.key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  }
  update(data: string | Uint8Array): void {
    this.parts.push(typeof data === "string" ? new TextEncoder().encode(data) : data);
  }
  async digest(): Promise<Uint8Array> {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const data = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      data.set(p, at);
      at += p.length;
    }
    const subtle = globalThis.crypto.subtle;
    if (!this.key) return new Uint8Array(await subtle.digest("SHA-256", data));
    const k = await subtle.importKey("raw", this.key as BufferSource, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    return new Uint8Array(await subtle.sign("HMAC", k, data));
  }
}
