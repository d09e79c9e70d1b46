import dgram from "node:dgram";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDnsStore, type DnsStore } from "@/emulator/dns/store";
import { startDnsServer } from "@/emulator/dns/server";
import { checkDomainDns, DnsConfigError, SPF_VALUE } from "@/lib/dns";
import { CATALOGUE, type FindingSpec } from "@/lib/findings/catalogue";

const T = ["abcdefghijklmnopqrstuvwxyz234567", "bbcdefghijklmnopqrstuvwxyz234567", "cbcdefghijklmnopqrstuvwxyz234567"];
const REGION = "eu-west-1";
const MX = "feedback-smtp.eu-west-1.amazonses.com";

type Rec = { name: string; type: "A" | "CNAME" | "TXT" | "MX"; value: string; priority?: number };
/** the store takes parsed config: every record carries a ttl */
const zone = (name: string, records: Rec[]) => ({ name, records: records.map((r) => ({ ttl: 300, ...r })) });

function goodZone(domain: string) {
  return zone(domain, [
    ...T.map((t) => ({
      name: `${t}._domainkey.${domain}`,
      type: "CNAME" as const,
      value: `${t}.dkim.amazonses.com`,
    })),
    { name: `mail.${domain}`, type: "MX" as const, value: MX, priority: 10 },
    { name: `mail.${domain}`, type: "TXT" as const, value: SPF_VALUE },
    { name: `_dmarc.${domain}`, type: "TXT" as const, value: "v=DMARC1; p=quarantine; rua=mailto:d@example.com" },
  ]);
}

/** Every finding must name a catalogue entry, and its evidence must fill every placeholder of that entry's wording. */
function expectCatalogued(findings: { code: string; evidence: Record<string, unknown> }[]) {
  for (const f of findings) {
    const spec = (CATALOGUE as Record<string, FindingSpec>)[f.code];
    expect(spec, f.code).toBeDefined();
    for (const [, name] of `${spec.title} ${spec.why} ${spec.fix}`.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g))
      expect(f.evidence[name] ?? null, `${f.code} needs {${name}}`).not.toBeNull();
  }
}

let store: DnsStore;
let server: { port: number; close(): Promise<void> };
let dnsServer: string;

beforeAll(async () => {
  store = createDnsStore([
    goodZone("good.example"),
    zone("broken.example", [
      // DKIM 1 missing; DKIM 2 points elsewhere; DKIM 3 typed as a full name into a zone-appending provider
      { name: `${T[1]}._domainkey.broken.example`, type: "CNAME", value: "wrong.dkim.amazonses.com" },
      {
        name: `${T[2]}._domainkey.broken.example.broken.example`,
        type: "CNAME",
        value: `${T[2]}.dkim.amazonses.com`,
      },
      { name: "mail.broken.example", type: "MX", value: "feedback-smtp.us-east-1.amazonses.com", priority: 10 },
    ]),
    zone("proxied.example", [
      // Cloudflare's proxy answers with its own addresses instead of the CNAME
      ...T.map((t) => ({ name: `${t}._domainkey.proxied.example`, type: "A" as const, value: "104.16.1.1" })),
      { name: "mail.proxied.example", type: "CNAME", value: "cdn.proxied.example" },
      { name: "cdn.proxied.example", type: "A", value: "104.16.1.2" },
    ]),
  ]);
  server = await startDnsServer(store, { host: "127.0.0.1", port: 0 });
  dnsServer = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
});

const check = (domain: string, extra: Partial<Parameters<typeof checkDomainDns>[0]> = {}) =>
  checkDomainDns({
    domain,
    region: REGION,
    dkimTokens: T,
    mailFromDomain: `mail.${domain}`,
    dnsServer,
    timeoutMs: 2000,
    ...extra,
  });

describe("checkDomainDns against the emulator's DNS", () => {
  it("passes a correctly published domain", async () => {
    const { rows, findings } = await check("good.example");
    expect(findings).toEqual([]);
    expect(rows.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    expect(rows[3].found).toEqual([`10 ${MX}`]);
  });

  it("explains missing, wrong and doubled records", async () => {
    const { rows, findings } = await check("broken.example");
    const byName = Object.fromEntries(rows.map((r) => [`${r.purpose}:${r.name}`, r]));
    expect(byName[`dkim:${T[0]}._domainkey.broken.example`]).toMatchObject({
      status: "missing",
      hint: "dns.record-missing",
    });
    expect(byName[`dkim:${T[1]}._domainkey.broken.example`]).toMatchObject({
      status: "wrong",
      hint: "dns.wrong-value",
      found: ["wrong.dkim.amazonses.com"],
    });
    expect(byName[`dkim:${T[2]}._domainkey.broken.example`]).toMatchObject({
      status: "missing",
      hint: "dns.doubled-domain",
    });
    expect(byName["mail-from-mx:mail.broken.example"]).toMatchObject({ status: "wrong", hint: "dns.wrong-value" });
    expect(byName["mail-from-spf:mail.broken.example"]).toMatchObject({ status: "missing", hint: "dns.spf-missing" });
    expect(byName["dmarc:_dmarc.broken.example"]).toMatchObject({ status: "missing", hint: "dns.dmarc-missing" });

    expect(findings.map((f) => f.code).sort()).toEqual(
      [
        "dns.dmarc-missing",
        "dns.doubled-domain",
        "dns.record-missing",
        "dns.spf-missing",
        "dns.wrong-value",
        "dns.wrong-value",
      ].sort(),
    );
    const doubled = findings.find((f) => f.code === "dns.doubled-domain")!;
    expect(doubled.evidence).toMatchObject({
      name: `${T[2]}._domainkey.broken.example`,
      foundAt: `${T[2]}._domainkey.broken.example.broken.example`,
      relative: `${T[2]}._domainkey`,
    });
    const mx = findings.find((f) => f.code === "dns.wrong-value" && f.evidence.type === "MX")!;
    expect(mx.evidence).toMatchObject({ expected: `10 ${MX}`, found: "10 feedback-smtp.us-east-1.amazonses.com" });
    expectCatalogued(findings);
  });

  it("recognises a proxied CNAME and a CNAME on the MAIL FROM name", async () => {
    const { rows, findings } = await check("proxied.example");
    expect(rows.filter((r) => r.purpose === "dkim").map((r) => r.hint)).toEqual([
      "dns.proxied-cname",
      "dns.proxied-cname",
      "dns.proxied-cname",
    ]);
    expect(rows.filter((r) => r.name === "mail.proxied.example").map((r) => r.hint)).toEqual([
      "dns.cname-mx-conflict",
      "dns.cname-mx-conflict",
    ]);
    // one conflict, one finding, naming the CNAME target
    const conflicts = findings.filter((f) => f.code === "dns.cname-mx-conflict");
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].evidence).toMatchObject({ name: "mail.proxied.example", cname: "cdn.proxied.example" });
    expect(findings.find((f) => f.code === "dns.proxied-cname")?.evidence.addresses).toBe("104.16.1.1");
    expectCatalogued(findings);
  });

  it("sees a record the moment it is published (no stale cache between checks)", async () => {
    const before = await check("broken.example");
    expect(before.rows[0].status).toBe("missing");
    store.add({ name: `${T[0]}._domainkey.broken.example`, type: "CNAME", value: `${T[0]}.dkim.amazonses.com` });
    try {
      const after = await check("broken.example");
      expect(after.rows[0].status).toBe("ok");
    } finally {
      store.remove({ name: `${T[0]}._domainkey.broken.example` });
    }
  });

  it("reports a silent DNS server as lookup failures within the deadline", async () => {
    const silent = dgram.createSocket("udp4");
    await new Promise<void>((r) => silent.bind(0, "127.0.0.1", () => r()));
    try {
      const started = Date.now();
      const { rows, findings } = await check("good.example", {
        dnsServer: `127.0.0.1:${silent.address().port}`,
        timeoutMs: 300,
      });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(rows.every((r) => r.status === "unknown" && r.hint === "dns.lookup-failed")).toBe(true);
      expect(findings.every((f) => f.code === "dns.lookup-failed")).toBe(true);
      expect(findings[0].evidence.error).toMatch(/TIMEOUT/);
      expectCatalogued(findings);
    } finally {
      silent.close();
    }
  });

  it("rejects a malformed server address with a clear error", async () => {
    await expect(check("good.example", { dnsServer: "not a server:xx" })).rejects.toBeInstanceOf(DnsConfigError);
  });
});
