import { describe, expect, it } from "vitest";
import { parseAuth, type RawRequest, verifyRequest } from "@/lib/sigv4";
import { SUITE, SUITE_SCOPE, SUITE_SECRET } from "../fixtures/sigv4-suite";

/** Sesame's one SigV4 implementation (server, emulator, doctor) reproduces every signature of AWS's test suite. */
describe("AWS SigV4 test suite", () => {
  for (const c of SUITE) {
    it(c.name, async () => {
      const req: RawRequest = {
        method: c.method,
        rawPath: c.rawPath,
        rawQuery: c.rawQuery,
        headers: {
          host: "example.amazonaws.com",
          "x-amz-date": "20150830T123600Z",
          ...c.headers,
          authorization: `AWS4-HMAC-SHA256 Credential=${SUITE_SCOPE}, SignedHeaders=${c.signedHeaders}, Signature=${c.signature}`,
        },
        body: c.body ?? "",
      };
      const parsed = parseAuth(req);
      if (!parsed.ok) throw new Error(parsed.message);
      const r = await verifyRequest(req, parsed.auth, SUITE_SECRET);
      expect(r.expected).toBe(c.signature);
      expect(r.ok).toBe(true);
      // one changed byte of the secret breaks it
      expect((await verifyRequest(req, parsed.auth, `${SUITE_SECRET.slice(0, -1)}X`)).ok).toBe(false);
    });
  }
});

describe("one signing-key chain, hash injected", () => {
  it("node:crypto and Web Crypto give the same suite signature through the same chain", async () => {
    const { Sha256, WebCryptoSha256, signWith } = await import("@/lib/sigv4");
    const sts =
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63";
    const scope = { date: "20150830", region: "us-east-1", service: "service" };
    const expected = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    expect(await signWith(Sha256, SUITE_SECRET, scope, sts)).toBe(expected);
    expect(await signWith(WebCryptoSha256, SUITE_SECRET, scope, sts)).toBe(expected);
  });
  it("the SES SMTP password from the chain equals the server's and the browser's for every SMTP region", async () => {
    const { Sha256, smtpPasswordWith } = await import("@/lib/sigv4");
    const { deriveSmtpPassword } = await import("@/lib/sigv4/smtp-password");
    const { deriveSmtpPasswordWebCrypto } = await import("@/lib/smtp/password-browser");
    const { smtpRegions } = await import("@/lib/regions");
    // docs/aws-facts.md §2.10 vector
    expect(await smtpPasswordWith(Sha256, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1")).toBe(
      "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
    );
    for (const region of smtpRegions()) {
      const server = await deriveSmtpPassword(SUITE_SECRET, region);
      expect(await smtpPasswordWith(Sha256, SUITE_SECRET, region)).toBe(server);
      expect(await deriveSmtpPasswordWebCrypto(SUITE_SECRET, region)).toBe(server);
    }
  });
});
