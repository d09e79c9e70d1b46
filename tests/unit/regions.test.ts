import { describe, expect, it } from "vitest";
import {
  hasSes,
  hasSmtp,
  isKnownRegion,
  NO_SMTP_REGIONS,
  partitionOf,
  SES_REGIONS,
  SMTP_UNCONFIRMED_REGIONS,
  sesApiHost,
  smtpHost,
} from "@/lib/regions";
import { checkSmtpRegion } from "@/lib/smtp/password";

/**
 * The SES region table, region by region (lib/regions.ts cites its sources; docs/aws-facts.md §3.1.1). A change to
 * the table must change this test: every region is named here with what Sesame says about it.
 */
const TABLE: Record<string, { smtp: "yes" | "no" | "unconfirmed" }> = {
  "us-east-1": { smtp: "yes" },
  "us-east-2": { smtp: "yes" },
  "us-west-1": { smtp: "yes" },
  "us-west-2": { smtp: "yes" },
  "af-south-1": { smtp: "no" },
  "ap-south-1": { smtp: "yes" },
  "ap-south-2": { smtp: "unconfirmed" },
  "ap-northeast-1": { smtp: "yes" },
  "ap-northeast-2": { smtp: "yes" },
  "ap-northeast-3": { smtp: "yes" },
  "ap-southeast-1": { smtp: "yes" },
  "ap-southeast-2": { smtp: "yes" },
  "ap-southeast-3": { smtp: "no" },
  "ap-southeast-5": { smtp: "unconfirmed" },
  "ca-central-1": { smtp: "yes" },
  "ca-west-1": { smtp: "unconfirmed" },
  "eu-central-1": { smtp: "yes" },
  "eu-central-2": { smtp: "no" },
  "eu-north-1": { smtp: "yes" },
  "eu-south-1": { smtp: "yes" },
  "eu-west-1": { smtp: "yes" },
  "eu-west-2": { smtp: "yes" },
  "eu-west-3": { smtp: "yes" },
  "il-central-1": { smtp: "no" },
  "me-central-1": { smtp: "unconfirmed" },
  "me-south-1": { smtp: "no" },
  "sa-east-1": { smtp: "yes" },
  "us-gov-east-1": { smtp: "yes" },
  "us-gov-west-1": { smtp: "yes" },
};

describe("SES region table", () => {
  it("lists exactly the regions of the table, each with the SES API", () => {
    expect([...SES_REGIONS].sort()).toEqual(Object.keys(TABLE).sort());
    for (const r of SES_REGIONS) {
      expect(hasSes(r)).toBe(true);
      expect(isKnownRegion(r)).toBe(true);
      expect(sesApiHost(r)).toBe(`email.${r}.amazonaws.com`);
    }
  });

  for (const [region, { smtp }] of Object.entries(TABLE)) {
    it(`${region}: SMTP ${smtp}`, () => {
      const check = checkSmtpRegion(region);
      if (smtp === "no") {
        expect(hasSmtp(region)).toBe(false);
        expect(check.ok).toBe(false);
        expect((NO_SMTP_REGIONS as readonly string[]).includes(region)).toBe(true);
      } else {
        expect(hasSmtp(region)).toBe(true);
        expect(check.ok).toBe(true);
        if (check.ok) expect(check.endpoint.host).toBe(smtpHost(region));
        expect((SMTP_UNCONFIRMED_REGIONS as readonly string[]).includes(region)).toBe(smtp === "unconfirmed");
      }
    });
  }

  it("eu-south-1 (Milan) has SMTP: AWS's own SMTP-credentials sample lists it", () => {
    expect(smtpHost("eu-south-1")).toBe("email-smtp.eu-south-1.amazonaws.com");
    expect(checkSmtpRegion("eu-south-1").ok).toBe(true);
  });

  it("knows the partitions", () => {
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("eu-south-1")).toBe("aws");
  });
});
