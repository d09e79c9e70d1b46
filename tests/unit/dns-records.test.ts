import { describe, expect, it } from "vitest";
import { DMARC_VALUE, DnsRecordRowSchema, recordsFor, SPF_VALUE } from "@/lib/dns/records";

const TOKENS = [
  "abcdefghijklmnopqrstuvwxyz234567",
  "bbcdefghijklmnopqrstuvwxyz234567",
  "cbcdefghijklmnopqrstuvwxyz234567",
];

describe("recordsFor", () => {
  it("lists the DKIM CNAMEs, MAIL FROM MX and SPF, and DMARC like Plunk's table", () => {
    const rows = recordsFor({
      domain: "Example.COM.",
      region: "eu-west-1",
      dkimTokens: TOKENS,
      mailFromDomain: "plunk.example.com",
    });
    for (const r of rows) expect(DnsRecordRowSchema.safeParse(r).success).toBe(true);
    expect(rows.map((r) => [r.type, r.purpose, r.required])).toEqual([
      ["CNAME", "dkim", true],
      ["CNAME", "dkim", true],
      ["CNAME", "dkim", true],
      ["MX", "mail-from-mx", false],
      ["TXT", "mail-from-spf", false],
      ["TXT", "dmarc", false],
    ]);
    expect(rows[0]).toMatchObject({
      name: `${TOKENS[0]}._domainkey.example.com`,
      value: `${TOKENS[0]}.dkim.amazonses.com`,
    });
    expect(rows[3]).toMatchObject({
      name: "plunk.example.com",
      value: "feedback-smtp.eu-west-1.amazonses.com",
      priority: 10,
    });
    expect(rows[4].value).toBe(SPF_VALUE);
    expect(rows[5]).toMatchObject({ name: "_dmarc.example.com", value: DMARC_VALUE });
  });

  it("adds the _amazonses TXT when there is a verification token, required only without DKIM", () => {
    const withDkim = recordsFor({
      domain: "example.com",
      region: "us-east-1",
      dkimTokens: TOKENS,
      verificationToken: "tok=",
    });
    expect(withDkim.find((r) => r.purpose === "verification")).toMatchObject({
      name: "_amazonses.example.com",
      value: "tok=",
      required: false,
    });
    const legacy = recordsFor({
      domain: "example.com",
      region: "us-east-1",
      dkimTokens: [],
      verificationToken: "tok=",
      dmarc: false,
    });
    expect(legacy).toEqual([
      { type: "TXT", name: "_amazonses.example.com", value: "tok=", required: true, purpose: "verification" },
    ]);
  });

  it("puts the region into the MX target", () => {
    const rows = recordsFor({
      domain: "example.com",
      region: "ap-south-1",
      dkimTokens: [],
      mailFromDomain: "mail.example.com",
    });
    expect(rows.find((r) => r.type === "MX")?.value).toBe("feedback-smtp.ap-south-1.amazonses.com");
  });
});
