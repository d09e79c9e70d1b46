import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { codes, diagnose, finding, keyOf, resetTo, sentMail, startScenario } from "./diagnose-harness";

/** Region, permission, account and identity findings, each from its own scenario config. */

let em: RunningEmulator;
beforeAll(async () => {
  em = await startScenario("healthy");
});
afterAll(async () => {
  await em?.close();
});

describe("healthy baseline", () => {
  it("passes, with only the unverifiable write actions noted", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, {
      ...keyOf("healthy", "plunk-sender"),
      domain: "example.com",
      from: "hello@example.com",
    });
    expect(r.status).toBe("pass");
    expect(codes(r)).toEqual(["permissions.unverified"]);
    expect(finding(r, "permissions.unverified").evidence.actions).toContain("ses:SendRawEmail");
  });
});

describe("region", () => {
  it("unknown region, with a suggestion", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), region: "us-east1" });
    const f = finding(r, "region.unknown");
    expect(f.detail).toContain("did you mean us-east-1?");
    expect(f.fix).toContain("such as `us-east-1`");
    expect(r.status).toBe("fail");
  });

  it("a region without SES", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), region: "ap-east-1" });
    // Hong Kong's nearest SES regions are Seoul, Osaka, Tokyo and Singapore, never Mumbai (issue 10, Wording)
    expect(finding(r, "region.no-ses").fix).toMatch(
      /^Use ap-(northeast-[123]|southeast-1), the nearest SES region to ap-east-1/,
    );
  });

  it("a region without the SMTP interface, for an SMTP target", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), target: "smtp", region: "af-south-1" });
    const f = finding(r, "region.no-smtp");
    expect(f.evidence.region).toBe("af-south-1");
    expect(f.fix).toMatch(/^Use sa-east-1, the nearest SES region with SMTP: .*derive the SMTP password for it/);
  });

  it("the domain verified in another region (all regions scanned at once)", async () => {
    await resetTo(em, "region-other");
    const r = await diagnose(em, { ...keyOf("region-other", "plunk-sender"), domain: "example.com" });
    const f = finding(r, "region.identity-in-other-region");
    expect(f.evidence.otherRegions).toBe("eu-west-1");
    expect(f.evidence.statusHere).toBe("missing");
    expect(f.fix).toContain("eu-west-1");
    // fix the region first, then the (consequential) missing identity
    expect(codes(r).indexOf("region.identity-in-other-region")).toBeLessThan(codes(r).indexOf("identity.missing"));
    // and with the right region, both go away
    const ok = await diagnose(em, {
      ...keyOf("region-other", "plunk-sender"),
      domain: "example.com",
      region: "eu-west-1",
    });
    expect(codes(ok)).not.toContain("region.identity-in-other-region");
    expect(codes(ok)).not.toContain("identity.missing");
  });

  it("the other-regions scan works with SESv2-only permissions (useSend-style policy)", async () => {
    await resetTo(em, "region-other");
    const r = await diagnose(em, { ...keyOf("region-other", "usesend-v2"), target: "usesend", domain: "example.com" });
    expect(finding(r, "region.identity-in-other-region").evidence.otherRegions).toBe("eu-west-1");
  });

  describe("custom endpoint that accepts only us-east-1 in the signing scope", () => {
    let proxy: Server;
    let url: string;
    beforeAll(async () => {
      // A LocalStack/moto-style single-region server: rejects other scope regions the way AWS words it, else
      // forwards the request untouched (the signature covers the Host header, which is kept).
      proxy = createServer((req, res) => {
        const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? "")?.[1];
        if (region && region !== "us-east-1") {
          res.writeHead(403, {
            "content-type": "text/xml",
            "x-amzn-requestid": "11111111-2222-3333-4444-555555555555",
            date: new Date().toUTCString(),
          });
          res.end(
            `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to a valid region, not '${region}'. </Message></Error><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ErrorResponse>`,
          );
          return;
        }
        const target = new URL(em.url);
        const up = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
          (r) => {
            res.writeHead(r.statusCode ?? 502, r.headers);
            r.pipe(res);
          },
        );
        req.pipe(up);
      });
      await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
    });

    it("names the rejected signing region", async () => {
      await resetTo(em, "healthy");
      const r = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), region: "eu-west-1", endpoint: url });
      const f = finding(r, "region.scope-rejected");
      expect(f.evidence.region).toBe("eu-west-1");
      expect(f.detail).toContain("scoped to a valid region");
      expect(f.fix).toMatch(/AWS_ENDPOINT_URL/);
      expect(codes(r)).not.toContain("credentials.wrong-secret");
      // us-east-1 through the same endpoint is fine
      const ok = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), region: "us-east-1", endpoint: url });
      expect(codes(ok)).not.toContain("region.scope-rejected");
    });
  });
});

describe("permissions", () => {
  it("missing actions, listed by name from IAM policy simulation", async () => {
    await resetTo(em, "permissions");
    const r = await diagnose(em, { ...keyOf("permissions", "plunk-docs-policy"), domain: "example.com" });
    const f = finding(r, "permissions.missing");
    expect(f.evidence.method).toBe("IAM policy simulation");
    expect(String(f.evidence.actions).split(", ").sort()).toEqual(["ses:DeleteIdentity", "ses:GetSendQuota"]);
    expect(f.fix).toContain("ses:GetSendQuota");
  });

  it("missing actions found by harmless calls when simulation is not allowed", async () => {
    await resetTo(em, "permissions");
    const r = await diagnose(em, { ...keyOf("permissions", "plunk-docs-nosim"), domain: "example.com" });
    const f = finding(r, "permissions.missing");
    expect(f.evidence.method).toBe("harmless calls");
    expect(f.evidence.actions).toBe("ses:GetSendQuota");
    expect(finding(r, "permissions.unverified").evidence.actions).toContain("ses:DeleteIdentity");
  });

  it("sends to the mailbox simulator to prove send permissions when not read-only", async () => {
    await resetTo(em, "permissions");
    const r = await diagnose(em, {
      ...keyOf("permissions", "plunk-docs-nosim"),
      domain: "example.com",
      from: "hello@example.com",
      readOnly: false,
    });
    expect(finding(r, "permissions.unverified").evidence.actions).not.toContain("ses:SendRawEmail");
    const sent = await sentMail(em);
    expect(
      sent.some((m) => m.to.includes("success@simulator.amazonses.com") && m.from.includes("hello@example.com")),
    ).toBe(true);
  });

  it("read-only mode sends nothing", async () => {
    await resetTo(em, "permissions");
    await diagnose(em, {
      ...keyOf("permissions", "plunk-docs-nosim"),
      domain: "example.com",
      from: "hello@example.com",
    });
    expect(await sentMail(em)).toEqual([]);
  });

  it("over-broad policies", async () => {
    await resetTo(em, "permissions");
    const r = await diagnose(em, { ...keyOf("permissions", "too-broad") });
    const f = finding(r, "permissions.too-broad");
    expect(f.evidence.actions).toContain("iam:CreateAccessKey");
    expect(f.evidence.actions).toContain("ses:UpdateAccountSendingEnabled");
    expect(f.fix).toMatch(/least-privilege/);
    expect(codes(r)).not.toContain("permissions.missing");
  });
});

describe("account", () => {
  it("sandbox from SESv2 GetAccount", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, { ...keyOf("account", "usesend"), target: "usesend" });
    const f = finding(r, "account.sandbox");
    expect(f.evidence.method).toMatch(/GetAccount/);
    expect(f.fix).toContain("us-east-1");
  });

  it("sandbox from the v1 quota heuristic when GetAccount is denied (Plunk's policy)", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, { ...keyOf("account", "plunk-sender") });
    expect(finding(r, "account.sandbox").evidence.method).toMatch(/heuristic/);
  });

  it("sandboxed here but in production in another region (paused regions do not count)", async () => {
    await resetTo(em, "account");
    for (const [user, target] of [
      ["usesend", "usesend"],
      ["plunk-sender", "plunk"],
    ] as const) {
      const r = await diagnose(em, { ...keyOf("account", user), target });
      const f = finding(r, "account.production-in-other-region");
      // GetAccount shows eu-west-1 is paused; Plunk's policy allows only the v1 quota, which cannot tell
      if (user === "usesend") expect(f.evidence.productionRegions).toBe("us-west-2");
      else expect(String(f.evidence.productionRegions).split(", ")).toContain("us-west-2");
      expect(f.fix).toContain("us-west-2");
      expect(codes(r).indexOf("account.sandbox")).toBeLessThan(codes(r).indexOf("account.production-in-other-region"));
    }
    const prod = await diagnose(em, { ...keyOf("account", "usesend"), target: "usesend", region: "us-west-2" });
    expect(codes(prod)).not.toContain("account.production-in-other-region");
  });

  it("sending disabled", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, { ...keyOf("account", "usesend"), target: "usesend", region: "eu-west-1" });
    expect(finding(r, "account.sending-disabled").fix).toMatch(/Account dashboard in eu-west-1/);
    expect(codes(r)).not.toContain("account.sandbox");
  });

  it("quota nearly used", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, { ...keyOf("account", "usesend"), target: "usesend", region: "us-west-2" });
    const f = finding(r, "account.quota-nearly-used");
    expect(f.evidence.percent).toBe(92);
    expect(f.fix).toMatch(/higher sending quota/);
  });
});

describe("identity", () => {
  const check = async (domain: string) => {
    await resetTo(em, "identity-states");
    return diagnose(em, { ...keyOf("identity-states", "plunk-sender"), domain });
  };
  it("missing", async () => {
    const r = await check("missing.example.com");
    expect(finding(r, "identity.missing").fix).toMatch(/Create the identity in us-east-1/);
  });
  it("pending", async () => {
    const r = await check("pending.example.com");
    expect(finding(r, "identity.pending").evidence.status).toBe("Pending");
    expect(codes(r)).not.toContain("identity.missing");
  });
  it("failed", async () => {
    const r = await check("failed.example.com");
    expect(finding(r, "identity.failed").fix).toMatch(/restart verification/);
  });
  it("verified, but DKIM not", async () => {
    const r = await check("nodkim.example.com");
    expect(finding(r, "identity.dkim-not-verified").evidence.dkimStatus).toBe("Pending");
    expect(codes(r)).not.toContain("identity.pending");
  });
  it("DNS: Sesame's own lookups (through the configured resolver) find a deleted DKIM record", async () => {
    await resetTo(em, "healthy");
    const before = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), domain: "example.com" });
    expect(codes(before).filter((c) => c.startsWith("dns."))).toEqual([]);
    const name = "abcdefghijklmnopqrstuvwxyz234567._domainkey.example.com";
    const res = await fetch(`${em.url}/_emulator/dns?name=${encodeURIComponent(name)}&type=CNAME`, {
      method: "DELETE",
    });
    expect(res.ok).toBe(true);
    const after = await diagnose(em, { ...keyOf("healthy", "plunk-sender"), domain: "example.com" });
    const dns = after.findings.filter((f) => f.code.startsWith("dns."));
    expect(dns.length).toBeGreaterThan(0);
    expect(JSON.stringify(dns.map((f) => f.evidence))).toContain("abcdefghijklmnopqrstuvwxyz234567");
  });

  it("a From address covered by its verified domain is fine; another domain's is not", async () => {
    const ok = await diagnose(em, {
      ...keyOf("identity-states", "plunk-sender"),
      domain: "example.com",
      from: "a@example.com",
    });
    expect(codes(ok).filter((c) => c.startsWith("identity."))).toEqual([]);
    const bad = await diagnose(em, {
      ...keyOf("identity-states", "plunk-sender"),
      domain: "example.com",
      from: "a@elsewhere.org",
    });
    expect(finding(bad, "identity.missing").evidence.identity).toBe("a@elsewhere.org");
  });
});
