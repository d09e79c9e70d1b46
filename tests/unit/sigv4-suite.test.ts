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
