import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { codes, diagnose, finding, keyOf, loadScenario, resetTo, startScenario } from "./diagnose-harness";

/**
 * Issue 10 #4: with Plunk's own least-privilege key (no ses:GetIdentityMailFromDomainAttributes) the MAIL FROM
 * records are still resolved from DNS, at the name Plunk uses (MAIL_FROM_SUBDOMAIN, default "plunk"); where no name
 * can be known, a finding says MAIL FROM was not checked and why.
 */

let em: RunningEmulator;
beforeAll(async () => {
  em = await startScenario("healthy");
});
afterAll(async () => em?.close());

/** The healthy world, with only the MAIL FROM records of plunk.example.com removed from DNS. */
async function withoutMailFromRecords(): Promise<void> {
  const cfg = loadScenario("healthy");
  for (const zone of cfg.dns?.zones ?? [])
    zone.records = (zone.records ?? []).filter((r) => r.name !== "plunk.example.com");
  const res = await fetch(`${em.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(cfg),
  });
  expect(res.ok).toBe(true);
}

describe("MAIL FROM with Plunk's least-privilege key", () => {
  const plunk = () => ({ target: "plunk" as const, ...keyOf("healthy", "plunk-sender"), domain: "example.com" });

  it("records in place: nothing to report", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, plunk());
    expect(codes(r).filter((c) => c.startsWith("dns."))).toEqual([]);
  });

  it("MX and SPF missing at plunk.<domain>: both named, though SES's MAIL FROM attributes could not be read", async () => {
    await withoutMailFromRecords();
    const r = await diagnose(em, plunk());
    expect(finding(r, "dns.mx-missing").evidence.name).toBe("plunk.example.com");
    expect(finding(r, "dns.spf-missing").evidence.name).toBe("plunk.example.com");
    expect(finding(r, "dns.mx-missing").fix).toBe(
      "Create an MX record named `plunk.example.com` with priority 10 and mail server `feedback-smtp.us-east-1.amazonses.com`.",
    );
  });

  it("MAIL_FROM_SUBDOMAIN in the env file moves the name Plunk uses", async () => {
    await withoutMailFromRecords();
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const r = await diagnose(em, {
      ...plunk(),
      envText: `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_SES_REGION=us-east-1\nMAIL_FROM_SUBDOMAIN=bounce\n`,
    });
    expect(finding(r, "dns.mx-missing").evidence.name).toBe("bounce.example.com");
  });

  it("a platform without a MAIL FROM convention: says MAIL FROM was not checked, and why", async () => {
    await withoutMailFromRecords();
    const r = await diagnose(em, { ...plunk(), target: "aws" });
    const f = finding(r, "dns.mail-from-not-checked");
    expect(f.detail).toMatch(/refused GetIdentityMailFromDomainAttributes \(AccessDenied/);
    expect(f.fix).toContain("`ses:GetIdentityMailFromDomainAttributes`");
    expect(codes(r)).not.toContain("dns.mx-missing");
  });
});
