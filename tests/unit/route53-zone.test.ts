import { describe, expect, it } from "vitest";
import { createZoneAdvice } from "@/lib/golive/route53-zone";

/** The create-zone advice the Route 53 panel shows when no public zone matches (docs/wizard.md). */

describe("createZoneAdvice", () => {
  it("names the domain, a day-stamped CallerReference and prints the delegation set", () => {
    const a = createZoneAdvice("Mail.Example.com.", new Date("2026-12-01T06:00:00Z"));
    expect(a).toEqual({
      domain: "mail.example.com",
      command:
        "aws route53 create-hosted-zone --name mail.example.com --caller-reference sesame-mail.example.com-2026-12-01 --query DelegationSet.NameServers",
    });
  });

  it("refuses anything that is not a domain name (nothing unquoted reaches a shell line)", () => {
    expect(() => createZoneAdvice("example.com; rm -rf /", new Date())).toThrow(/not a domain name/);
    expect(() => createZoneAdvice("localhost", new Date())).toThrow(/not a domain name/);
    expect(() => createZoneAdvice("$(id).example.com", new Date())).toThrow(/not a domain name/);
  });
});
