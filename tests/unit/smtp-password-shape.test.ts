import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { looksLikeSmtpPassword } from "@/lib/credentials";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

describe("looksLikeSmtpPassword", () => {
  it("recognises derived v4 and legacy v2 passwords for many secrets", async () => {
    for (let i = 0; i < 50; i++) {
      const secret = randomBytes(30).toString("base64");
      expect(looksLikeSmtpPassword(await deriveSmtpPassword(secret, "eu-west-1"))).toEqual({ version: 4 });
      expect(looksLikeSmtpPassword(await deriveLegacySmtpPasswordV2(secret))).toEqual({ version: 2 });
    }
  });
  it("does not take a secret access key, a key id or other base64 for one", async () => {
    expect(looksLikeSmtpPassword("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBeNull();
    expect(looksLikeSmtpPassword("AKIAIOSFODNN7EXAMPLE")).toBeNull();
    // 33 bytes whose first byte is neither 0x04 nor 0x02
    expect(looksLikeSmtpPassword(Buffer.concat([Buffer.from([0x07]), randomBytes(32)]).toString("base64"))).toBeNull();
  });
});
