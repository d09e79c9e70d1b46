import { describe, expect, it } from "vitest";
import { checkKeyAge } from "@/lib/health/key-age";
import { componentOf } from "@/lib/health/snapshot";

/** ASIA credentials (a role's, an instance's, a session's) have no stored key whose age could be watched. */
describe("key age of temporary credentials", () => {
  it("says there is no stored key to age, never 'Access key is 0 days old', and asks AWS nothing", async () => {
    // an endpoint that cannot answer: the check must not need one
    const findings = await checkKeyAge({
      accessKeyId: "ASIAEXAMPLEROLE12345",
      secretAccessKey: "x".repeat(40),
      sessionToken: "token",
      endpoint: "http://127.0.0.1:9",
      timeoutMs: 500,
    });
    expect(findings.map((f) => f.code)).toEqual(["credentials.key-temporary"]);
    expect(findings[0]?.severity).toBe("info");
    expect(findings[0]?.title).not.toMatch(/days old/);
    expect(findings[0]?.detail).toContain("ASIA");
    expect(findings[0]?.detail).not.toContain("ASIAEXAMPLEROLE12345");
    expect(componentOf(findings[0] as (typeof findings)[number])).toBe("keyAge");
  });
});
