import dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { answerQuery, splitTxt } from "./server";
import { createDnsStore } from "./store";

const store = createDnsStore([
  {
    name: "example.com",
    records: [
      { name: "example.com", type: "A", value: "192.0.2.1", ttl: 60 },
      { name: "a.example.com", type: "CNAME", value: "b.example.com", ttl: 60 },
      { name: "b.example.com", type: "CNAME", value: "a.example.com", ttl: 60 },
      { name: "deep.sub.example.com", type: "TXT", value: "x", ttl: 60 },
    ],
  },
]);

/** dns-packet decodes the rcode, its type definitions just do not declare it */
const rcode = (p: dnsPacket.DecodedPacket) => (p as unknown as { rcode: string }).rcode;

function ask(name: string, type: dnsPacket.RecordType) {
  // round-trip through the wire format, as a real query would
  const query = dnsPacket.decode(dnsPacket.encode({ id: 1, type: "query", questions: [{ name, type }] }));
  return dnsPacket.decode(dnsPacket.encode(answerQuery(store, query)));
}

describe("answerQuery", () => {
  it("is authoritative, echoes the id and question", () => {
    const r = ask("example.com", "A");
    expect([r.id, r.flag_aa, rcode(r)]).toEqual([1, true, "NOERROR"]);
    expect(r.questions).toEqual([{ name: "example.com", type: "A", class: "IN" }]);
    expect(r.answers?.map((a) => ("data" in a ? a.data : undefined))).toEqual(["192.0.2.1"]);
  });

  it("answers SOA at the zone apex and adds SOA to negative answers", () => {
    expect(ask("example.com", "SOA").answers?.[0]?.type).toBe("SOA");
    const nx = ask("nothing.example.com", "A");
    expect(rcode(nx)).toBe("NXDOMAIN");
    expect(nx.authorities?.[0]).toMatchObject({ type: "SOA", name: "example.com" });
  });

  it("an empty non-terminal is NODATA, not NXDOMAIN", () => {
    expect(rcode(ask("sub.example.com", "TXT"))).toBe("NOERROR");
  });

  it("stops on a CNAME loop instead of spinning", () => {
    const r = ask("a.example.com", "A");
    expect(rcode(r)).toBe("NOERROR");
    expect(r.answers?.length).toBeLessThanOrEqual(8);
    expect(r.answers?.every((a) => a.type === "CNAME")).toBe(true);
  });

  it("REFUSED outside every zone, without the AA flag", () => {
    const r = ask("example.org", "A");
    expect([rcode(r), r.flag_aa]).toEqual(["REFUSED", false]);
  });

  it("splits TXT at 255 bytes, counting bytes not characters", () => {
    const parts = splitTxt("é".repeat(200)); // 400 bytes
    expect(parts.map((p) => p.length)).toEqual([255, 145]);
    expect(Buffer.concat(parts).toString("utf8")).toBe("é".repeat(200));
  });
});
