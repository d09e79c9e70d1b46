import { randomBytes } from "node:crypto";
import { AwsError } from "../../core/types";
import { type DnsRecordInput, type DnsStore, normalizeName } from "../../dns/store";

/**
 * Route 53's state (docs/emulator.md, "Route 53"): hosted zones as metadata, their records kept in the emulator's DNS
 * store so a change becomes resolvable by the DNS server at once; changes are PENDING until `syncAfterMs` has passed,
 * then INSYNC. Record sets group the store's records by name and type; SOA and NS at the apex are synthesized.
 */

export interface HostedZone {
  id: string;
  /** fully qualified, with the trailing dot */
  name: string;
  callerReference: string;
  private: boolean;
  comment?: string;
  /** the delegation set: four name servers, fully qualified (the apex NS record set) */
  nameServers: string[];
  /** true when the zone made the DNS server authoritative for its name (deleting it gives that up again) */
  ownsDnsZone: boolean;
}

export interface RecordSet {
  name: string;
  type: string;
  ttl: number;
  /** the values as Route 53 writes them: MX "10 host.", TXT as quoted character-strings */
  values: string[];
}

export interface Change {
  action: "CREATE" | "DELETE" | "UPSERT";
  set: RecordSet;
}

export const WRITABLE_TYPES = new Set(["A", "AAAA", "CNAME", "TXT", "MX"]);

const invalidBatch = (messages: string[]) =>
  new AwsError("InvalidChangeBatch", messages.map((m) => `[${m}]`).join(", "), 400);

const fq = (name: string) => `${normalizeName(name)}.`;

/** The name servers seeded zones share (docs/emulator.md "Route 53"). */
const SEED_NAME_SERVERS = [
  "ns-1.awsdns-01.org.",
  "ns-2.awsdns-02.co.uk.",
  "ns-3.awsdns-03.com.",
  "ns-4.awsdns-04.net.",
];

/** A delegation set as Route 53 hands them out: one name server in each of four top-level domains. */
function newDelegationSet(): string[] {
  const b = randomBytes(8);
  const ns = (i: number, tld: string) =>
    `ns-${((b[i] << 3) | (b[i + 4] & 7)) % 2048}.awsdns-${String(b[i + 4] % 64).padStart(2, "0")}.${tld}.`;
  return [ns(0, "com"), ns(1, "net"), ns(2, "org"), ns(3, "co.uk")];
}

/** A DNS name Route 53 would host: two or more labels of letters, digits, hyphens and underscores. */
const ZONE_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function newId(prefix: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(13);
  return prefix + [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

/**
 * TXT values in Route 53 are one or more quoted character-strings of at most 255 characters each; a longer string
 * is refused (TXTRDATATooLong), which is why a DKIM or long SPF value must be split by the client.
 */
export function parseTxt(value: string): string[] {
  const v = value.trim();
  if (!v.startsWith('"')) {
    if (/\s/.test(v)) throw new Error("an unquoted TXT value may not contain spaces");
    return [v];
  }
  const parts: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"\s*/y;
  let pos = 0;
  re.lastIndex = 0;
  while (pos < v.length) {
    const m = re.exec(v);
    if (!m) break;
    parts.push(m[1].replace(/\\(.)/g, "$1"));
    pos = re.lastIndex;
  }
  if (pos !== v.length) throw new Error("the value is not a sequence of quoted strings");
  return parts;
}

function toStore(set: RecordSet): DnsRecordInput[] {
  const name = normalizeName(set.name);
  const type = set.type as DnsRecordInput["type"];
  return set.values.map((v) => {
    if (set.type === "TXT") return { name, type: "TXT", value: parseTxt(v).join(""), ttl: set.ttl };
    if (set.type === "MX") {
      const [prio, host] = v.trim().split(/\s+/);
      return { name, type: "MX", value: normalizeName(host), priority: Number(prio), ttl: set.ttl };
    }
    if (set.type === "CNAME") return { name, type: "CNAME", value: normalizeName(v), ttl: set.ttl };
    return { name, type, value: v.trim(), ttl: set.ttl };
  });
}

/** Route 53's rendering of a stored TXT value: character-strings of at most 255 characters, each quoted. */
export function quoteTxt(text: string): string {
  const chunks = text.match(/[\s\S]{1,255}/g) ?? [""];
  return chunks.map((c) => `"${c.replace(/(["\\])/g, "\\$1")}"`).join(" ");
}

export class Route53Model {
  private zones = new Map<string, HostedZone>();
  private changes = new Map<string, { submittedAt: Date; comment?: string }>();
  /** every CallerReference ever used: Route 53 never takes one twice, even after the zone is deleted */
  private callerReferences = new Set<string>();

  constructor(
    private readonly dns: DnsStore,
    private readonly now: () => Date,
    seeds: { id?: string; name: string; private?: boolean; comment?: string }[],
    private readonly syncAfterMs = 1000,
  ) {
    for (const s of seeds) {
      const zone: HostedZone = {
        id: s.id ?? newId("Z"),
        name: fq(s.name),
        callerReference: `seed-${normalizeName(s.name)}`,
        private: s.private ?? false,
        comment: s.comment,
        nameServers: SEED_NAME_SERVERS,
        ownsDnsZone: dns.addZone(s.name),
      };
      this.zones.set(zone.id, zone);
      this.callerReferences.add(zone.callerReference);
    }
  }

  /**
   * CreateHostedZone: a CallerReference is taken once (a retried request cannot make a second zone); the zone starts
   * with its apex NS (a new delegation set) and SOA, and the DNS server answers for it from now on.
   */
  create(input: { name: string; callerReference: string; comment?: string; private?: boolean }): {
    zone: HostedZone;
    change: { id: string; submittedAt: Date };
  } {
    const name = normalizeName(input.name);
    if (!ZONE_NAME.test(name)) {
      throw new AwsError("InvalidDomainName", `${input.name} is not a valid domain name.`, 400);
    }
    if (!input.callerReference || input.callerReference.length > 128) {
      throw new AwsError("InvalidInput", "CallerReference must be 1 to 128 characters.", 400);
    }
    if (this.callerReferences.has(input.callerReference)) {
      throw new AwsError(
        "HostedZoneAlreadyExists",
        "A hosted zone has already been created with the specified caller reference.",
        409,
      );
    }
    this.callerReferences.add(input.callerReference);
    const zone: HostedZone = {
      id: newId("Z"),
      name: fq(name),
      callerReference: input.callerReference,
      private: input.private ?? false,
      comment: input.comment,
      nameServers: newDelegationSet(),
      ownsDnsZone: this.dns.addZone(name),
    };
    this.zones.set(zone.id, zone);
    return { zone, change: this.recordChange(input.comment) };
  }

  /** DeleteHostedZone: only a zone holding nothing but its apex NS and SOA (HostedZoneNotEmpty otherwise). */
  delete(id: string): { id: string; submittedAt: Date } {
    const zone = this.get(id);
    if (this.recordSets(zone).length > 2) {
      throw new AwsError(
        "HostedZoneNotEmpty",
        "The specified hosted zone contains non-required resource record sets and so cannot be deleted.",
        400,
      );
    }
    this.zones.delete(zone.id);
    const sameName = [...this.zones.values()].some((z) => z.name === zone.name);
    if (zone.ownsDnsZone && !sameName) this.dns.removeZone(zone.name);
    return this.recordChange();
  }

  private recordChange(comment?: string): { id: string; submittedAt: Date } {
    const id = newId("C");
    const submittedAt = this.now();
    this.changes.set(id, { submittedAt, comment });
    return { id, submittedAt };
  }

  list(): HostedZone[] {
    // Route 53 orders zones by the name with its labels reversed (com.example. before com.example.sub.)
    const key = (z: HostedZone) => normalizeName(z.name).split(".").reverse().join(".");
    return [...this.zones.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1));
  }

  /** ListHostedZonesByName: zones from `dnsName` on, in Route 53's order. */
  listByName(dnsName?: string): HostedZone[] {
    const all = this.list();
    if (!dnsName) return all;
    const key = (n: string) => normalizeName(n).split(".").reverse().join(".");
    const from = key(dnsName);
    return all.filter((z) => key(z.name) >= from);
  }

  get(id: string): HostedZone {
    const zone = this.zones.get(id.replace(/^\/?hostedzone\//, ""));
    if (!zone) throw new AwsError("NoSuchHostedZone", `No hosted zone found with ID: ${id}`, 404);
    return zone;
  }

  /** Record sets of a zone (store records under it, grouped), apex SOA and NS first. */
  recordSets(zone: HostedZone): RecordSet[] {
    const apex = normalizeName(zone.name);
    const inZone = this.dns
      .list()
      .filter((r) => r.name === apex || r.name.endsWith(`.${apex}`))
      .filter((r) => !(r.name === apex && r.type === "NS"));
    const groups = new Map<string, RecordSet>();
    for (const r of inZone) {
      const k = `${r.name}|${r.type}`;
      const value = r.type === "TXT" ? quoteTxt(r.value) : r.type === "MX" ? `${r.priority ?? 10} ${r.value}` : r.value;
      const g = groups.get(k) ?? { name: `${r.name}.`, type: r.type, ttl: r.ttl, values: [] };
      g.values.push(value);
      groups.set(k, g);
    }
    const ns = zone.nameServers;
    const synthesized: RecordSet[] = [
      { name: zone.name, type: "NS", ttl: 172800, values: ns },
      {
        name: zone.name,
        type: "SOA",
        ttl: 900,
        values: [`${ns[0]} awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
      },
    ];
    const order = (s: RecordSet) => `${normalizeName(s.name).split(".").reverse().join(".")}|${s.type}`;
    return [...synthesized, ...[...groups.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1))];
  }

  /** ChangeResourceRecordSets: all changes validated first, then applied together (a batch is atomic). */
  change(zone: HostedZone, changes: Change[], comment?: string): { id: string; submittedAt: Date } {
    const apex = normalizeName(zone.name);
    const problems: string[] = [];
    const current = new Map(this.recordSets(zone).map((s) => [`${normalizeName(s.name)}|${s.type}`, s]));
    for (const c of changes) {
      const name = normalizeName(c.set.name);
      const label = `name='${name}.', type='${c.set.type}'`;
      if (!(name === apex || name.endsWith(`.${apex}`))) {
        problems.push(`RRSet with DNS name ${name}. is not permitted in zone ${zone.name}`);
        continue;
      }
      if (!WRITABLE_TYPES.has(c.set.type)) {
        problems.push(`Sesame's stand-in does not change ${c.set.type} records (${label})`);
        continue;
      }
      for (const v of c.set.values) {
        if (c.set.type === "TXT") {
          try {
            const parts = parseTxt(v);
            if (parts.some((p) => p.length > 255))
              problems.push(
                `Invalid Resource Record: 'FATAL problem: TXTRDATATooLong (Value is too long) encountered with '${v.slice(0, 60)}…''`,
              );
          } catch (e) {
            problems.push(
              `Invalid Resource Record: 'FATAL problem: InvalidCharacterString (${(e as Error).message}) encountered with '${v}''`,
            );
          }
        }
        if (c.set.type === "MX" && !/^\d{1,5}\s+\S+$/.test(v.trim()))
          problems.push(`Invalid Resource Record: 'FATAL problem: MXRRDATANotTwoFields encountered with '${v}''`);
      }
      const existing = current.get(`${name}|${c.set.type}`);
      if (c.action === "CREATE" && existing)
        problems.push(`Tried to create resource record set [${label}] but it already exists`);
      if (c.action === "DELETE") {
        const same =
          existing &&
          existing.ttl === c.set.ttl &&
          [...existing.values].sort().join("\n") === [...c.set.values].sort().join("\n");
        if (!existing) problems.push(`Tried to delete resource record set [${label}] but it was not found`);
        else if (!same)
          problems.push(
            `Tried to delete resource record set [${label}] but the values provided do not match the current values`,
          );
      }
      if (c.action !== "DELETE") {
        const others = [...current.values()].filter((s) => normalizeName(s.name) === name && s.type !== c.set.type);
        if (c.set.type === "CNAME" ? others.length > 0 : others.some((s) => s.type === "CNAME"))
          problems.push(
            `RRSet of type ${c.set.type} with DNS name ${name}. is not permitted as it conflicts with other records with the same DNS name in zone ${zone.name}`,
          );
      }
    }
    if (problems.length) throw invalidBatch(problems);
    for (const c of changes) {
      const name = normalizeName(c.set.name);
      this.dns.remove({ name, type: c.set.type });
      if (c.action !== "DELETE") for (const r of toStore(c.set)) this.dns.add(r);
    }
    return this.recordChange(comment);
  }

  getChange(id: string): { id: string; status: "PENDING" | "INSYNC"; submittedAt: Date; comment?: string } {
    const bare = id.replace(/^\/?change\//, "");
    const c = this.changes.get(bare);
    if (!c) throw new AwsError("NoSuchChange", `A change with the specified change ID does not exist.`, 404);
    const status = this.now().getTime() - c.submittedAt.getTime() >= this.syncAfterMs ? "INSYNC" : "PENDING";
    return { id: bare, status, submittedAt: c.submittedAt, comment: c.comment };
  }
}
