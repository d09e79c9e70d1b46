import { Resolver } from "node:dns/promises";
import dgram from "node:dgram";
import net from "node:net";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsServer } from "@/emulator/dns/server";
import { createDnsStore, type DnsStore } from "@/emulator/dns/store";

const LONG_TXT = `v=DKIM1; k=rsa; p=${"A".repeat(400)}`;

let store: DnsStore;
let server: { port: number; close(): Promise<void> };
let resolver: Resolver;

beforeAll(async () => {
  store = createDnsStore([
    {
      name: "example.com",
      records: [
        { name: "example.com", type: "A", value: "192.0.2.10", ttl: 300 },
        { name: "example.com", type: "MX", value: "inbound-smtp.us-east-1.amazonaws.com", priority: 10, ttl: 300 },
        { name: "example.com", type: "TXT", value: "v=spf1 include:amazonses.com ~all", ttl: 300 },
        { name: "www.example.com", type: "CNAME", value: "example.com", ttl: 300 },
        { name: "ext.example.com", type: "CNAME", value: "target.elsewhere.net", ttl: 300 },
        { name: "v6.example.com", type: "AAAA", value: "2001:db8::1", ttl: 300 },
        { name: "sel._domainkey.example.com", type: "TXT", value: LONG_TXT, ttl: 300 },
        { name: "example.com", type: "NS", value: "ns1.example.com", ttl: 300 },
        ...[1, 2, 3, 4].map((i) => ({
          name: "big.example.com",
          type: "TXT" as const,
          value: `${i}:${"x".repeat(400)}`,
          ttl: 300,
        })),
      ],
    },
  ]);
  server = await startDnsServer(store, { host: "127.0.0.1", port: 0 });
  resolver = new Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([`127.0.0.1:${server.port}`]);
});

afterAll(async () => {
  await server?.close();
});

function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "resolved",
    (e: NodeJS.ErrnoException) => String(e.code),
  );
}

describe("emulator DNS server (queried with node's Resolver)", () => {
  it("answers A, AAAA, MX, TXT and NS from the store", async () => {
    expect(await resolver.resolve4("example.com")).toEqual(["192.0.2.10"]);
    expect(await resolver.resolve6("v6.example.com")).toEqual(["2001:db8::1"]);
    expect(await resolver.resolveMx("example.com")).toEqual([
      { exchange: "inbound-smtp.us-east-1.amazonaws.com", priority: 10 },
    ]);
    expect(await resolver.resolveTxt("example.com")).toEqual([["v=spf1 include:amazonses.com ~all"]]);
    expect(await resolver.resolveNs("example.com")).toEqual(["ns1.example.com"]);
  });

  it("is case-insensitive and tolerates the trailing dot", async () => {
    expect(await resolver.resolve4("EXAMPLE.com.")).toEqual(["192.0.2.10"]);
  });

  it("returns the CNAME and chases it inside the store when another type is asked", async () => {
    expect(await resolver.resolveCname("www.example.com")).toEqual(["example.com"]);
    expect(await resolver.resolve4("www.example.com")).toEqual(["192.0.2.10"]);
    // a CNAME leaving our zones is returned as-is; there is no A to give
    expect(await resolver.resolveCname("ext.example.com")).toEqual(["target.elsewhere.net"]);
    expect(await resolver.resolve4("ext.example.com").catch(() => [])).toEqual([]);
  });

  it("splits long TXT values into 255-byte strings", async () => {
    const txt = await resolver.resolveTxt("sel._domainkey.example.com");
    expect(txt).toHaveLength(1);
    expect(txt[0].length).toBe(Math.ceil(Buffer.byteLength(LONG_TXT) / 255));
    for (const part of txt[0]) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
    expect(txt[0].join("")).toBe(LONG_TXT);
  });

  it("a reply too large for UDP is truncated and the resolver gets it over TCP", async () => {
    const socket = dgram.createSocket("udp4");
    const raw = await new Promise<Buffer>((resolve, reject) => {
      socket.once("message", resolve);
      socket.once("error", reject);
      socket.send(
        dnsPacket.encode({ id: 7, type: "query", questions: [{ type: "TXT", name: "big.example.com" }] }),
        server.port,
        "127.0.0.1",
      );
      setTimeout(() => reject(new Error("UDP DNS timeout")), 2000).unref();
    }).finally(() => socket.close());
    expect(dnsPacket.decode(raw).flag_tc).toBe(true);
    const txt = await resolver.resolveTxt("big.example.com");
    expect(txt.map((chunks) => chunks.join("")).sort()).toEqual([1, 2, 3, 4].map((i) => `${i}:${"x".repeat(400)}`));
  });

  it("NXDOMAIN under a zone, NODATA for an existing name, REFUSED outside every zone", async () => {
    await expect(codeOf(resolver.resolve4("missing.example.com"))).resolves.toBe("ENOTFOUND");
    await expect(codeOf(resolver.resolveTxt("v6.example.com"))).resolves.toBe("ENODATA");
    await expect(codeOf(resolver.resolve4("example.org"))).resolves.toBe("EREFUSED");
  });

  it("sees records added and removed through the store at once", async () => {
    await expect(codeOf(resolver.resolveTxt("_amazonses.example.com"))).resolves.toBe("ENOTFOUND");
    store.add({ name: "_amazonses.example.com.", type: "TXT", value: "token+/=" });
    expect(await resolver.resolveTxt("_amazonses.example.com")).toEqual([["token+/="]]);
    expect(store.remove({ name: "_amazonses.example.com", type: "TXT" })).toBe(1);
    await expect(codeOf(resolver.resolveTxt("_amazonses.example.com"))).resolves.toBe("ENOTFOUND");
  });

  it("answers over TCP on the same port, with length-prefixed messages", async () => {
    const query = dnsPacket.encode({
      id: 4242,
      type: "query",
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: "MX", name: "example.com" }],
    });
    const framed = Buffer.concat([Buffer.from([query.length >> 8, query.length & 0xff]), query]);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.write(framed));
      let buf = Buffer.alloc(0);
      socket.on("data", (d) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          socket.end();
          resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        }
      });
      socket.on("error", reject);
      socket.setTimeout(2000, () => reject(new Error("TCP DNS timeout")));
    });
    const packet = dnsPacket.decode(reply);
    expect(packet.id).toBe(4242);
    expect(packet.flag_aa).toBe(true);
    expect(packet.answers?.[0]).toMatchObject({
      type: "MX",
      data: { preference: 10, exchange: "inbound-smtp.us-east-1.amazonaws.com" },
    });
  });
});

describe("DNS store", () => {
  it("rejects malformed records with a clear message", () => {
    const s = createDnsStore([]);
    expect(() => s.add({ name: "a.example.com", type: "A", value: "not-an-ip" })).toThrow(/IPv4/);
    expect(() => s.add({ name: "bad name", type: "TXT", value: "x" })).toThrow(/bad name/);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
    expect(() => s.add({ name: "a.example.com", type: "SRV" as any, value: "x" })).toThrow(/type/);
  });

  it("keeps a CNAME alone at its name", () => {
    const s = createDnsStore([]);
    s.add({ name: "x.example.com", type: "CNAME", value: "y.example.com" });
    expect(() => s.add({ name: "x.example.com", type: "TXT", value: "hello" })).toThrow(/CNAME/);
    expect(() => s.add({ name: "x.example.com", type: "CNAME", value: "z.example.com" })).toThrow(/at most one/);
  });

  it("resolve matches names exactly and removes by value", () => {
    const s = createDnsStore([]);
    s.add({ name: "a.example.com", type: "TXT", value: "one" });
    s.add({ name: "a.example.com", type: "TXT", value: "two" });
    expect(s.resolve("b.a.example.com", "TXT")).toEqual([]);
    expect(s.resolve("A.EXAMPLE.COM.", "txt").map((r) => r.value)).toEqual(["one", "two"]);
    expect(s.remove({ name: "a.example.com", value: "one" })).toBe(1);
    expect(s.resolve("a.example.com", "TXT").map((r) => r.value)).toEqual(["two"]);
  });
});
