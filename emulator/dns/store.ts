import type { z } from "zod";
import { type DnsRecord, DnsRecordSchema, type EmulatorConfig } from "../config";
import { AwsError } from "../core/types";

export type { DnsRecord };
/** What callers may pass to add(): ttl is optional (defaults to 300). */
export type DnsRecordInput = z.input<typeof DnsRecordSchema>;

export interface DnsStore {
  list(): DnsRecord[];
  add(rec: DnsRecordInput): DnsRecord;
  /** removes every record matching name (and type / value when given); returns how many went */
  remove(f: { name: string; type?: string; value?: string }): number;
  /** exact-name match, case-insensitive, trailing dot tolerated; type "ANY" returns every type */
  resolve(name: string, type: string): DnsRecord[];
  /** configured zone names (normalised) */
  zones(): string[];
  /** one more zone to answer for (a Route 53 hosted zone); false (a no-op) when it is there already */
  addZone(name: string): boolean;
  /** stop answering for a zone added with addZone (a deleted Route 53 hosted zone) */
  removeZone(name: string): void;
  /** true when the server should answer authoritatively for this name (under a zone, or a name records live under) */
  isAuthoritativeFor(name: string): boolean;
  /** true when some record exists at exactly this name (any type), or below it (an empty non-terminal) */
  nameExists(name: string): boolean;
  /** replaces every zone and record (the admin API's reset) */
  reset(zones: EmulatorConfig["dns"]["zones"]): void;
}

/** Lower-case, no trailing dot: the one spelling the store compares. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\.+$/, "").toLowerCase();
}

/** Host-valued data (CNAME/MX/NS targets) compares like a name; TXT stays verbatim. */
function normalizeValue(type: string, value: string): string {
  return type === "TXT" ? value : normalizeName(value);
}

const HOST_RE = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function isUnder(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

function validate(input: DnsRecordInput): DnsRecord {
  const parsed = DnsRecordSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AwsError("ValidationError", `Invalid DNS record: ${issue.path.join(".") || "record"}: ${issue.message}`);
  }
  const rec = { ...parsed.data, name: normalizeName(parsed.data.name) };
  if (!HOST_RE.test(rec.name)) throw new AwsError("ValidationError", `Invalid DNS record: bad name "${rec.name}"`);
  rec.value = normalizeValue(rec.type, rec.value);
  if (rec.type === "A" && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(rec.value)) {
    throw new AwsError("ValidationError", `Invalid DNS record: A value must be an IPv4 address, got "${rec.value}"`);
  }
  if (rec.type === "AAAA" && !/^[0-9a-f:.]+$/i.test(rec.value)) {
    throw new AwsError("ValidationError", `Invalid DNS record: AAAA value must be an IPv6 address, got "${rec.value}"`);
  }
  if ((rec.type === "CNAME" || rec.type === "MX" || rec.type === "NS") && !HOST_RE.test(rec.value)) {
    throw new AwsError(
      "ValidationError",
      `Invalid DNS record: ${rec.type} value must be a host name, got "${rec.value}"`,
    );
  }
  if (rec.type === "MX" && rec.priority === undefined) rec.priority = 10;
  return rec;
}

/**
 * In-memory DNS data for the emulator's authoritative server and for SES verification (which reads the store directly,
 * so a record added through the admin API is seen by the very next SES read).
 */
export function createDnsStore(zones: EmulatorConfig["dns"]["zones"]): DnsStore {
  let zoneNames: string[] = [];
  const records: DnsRecord[] = [];
  const load = (next: EmulatorConfig["dns"]["zones"]) => {
    const loaded = next.flatMap((z) => z.records.map(validate));
    zoneNames = next.map((z) => normalizeName(z.name));
    records.splice(0, records.length, ...loaded);
  };
  load(zones);

  const store: DnsStore = {
    list: () => records.map((r) => ({ ...r })),
    add(input) {
      const rec = validate(input);
      if (
        rec.type === "CNAME" &&
        records.some((r) => r.name === rec.name && r.type === "CNAME" && r.value !== rec.value)
      ) {
        throw new AwsError(
          "ValidationError",
          `Invalid DNS record: ${rec.name} already has a CNAME; a name holds at most one`,
        );
      }
      if (rec.type === "CNAME" && records.some((r) => r.name === rec.name && r.type !== "CNAME")) {
        throw new AwsError(
          "ValidationError",
          `Invalid DNS record: ${rec.name} already has other records; a CNAME must stand alone`,
        );
      }
      if (rec.type !== "CNAME" && records.some((r) => r.name === rec.name && r.type === "CNAME")) {
        throw new AwsError(
          "ValidationError",
          `Invalid DNS record: ${rec.name} is a CNAME; it cannot hold other records`,
        );
      }
      const same = records.find(
        (r) => r.name === rec.name && r.type === rec.type && r.value === rec.value && r.priority === rec.priority,
      );
      if (same) {
        same.ttl = rec.ttl;
        return { ...same };
      }
      records.push(rec);
      return { ...rec };
    },
    remove(f) {
      const name = normalizeName(f.name);
      const type = f.type?.toUpperCase();
      let removed = 0;
      for (let i = records.length - 1; i >= 0; i--) {
        const r = records[i];
        if (r.name !== name) continue;
        if (type && r.type !== type) continue;
        if (f.value !== undefined && r.value !== normalizeValue(r.type, f.value)) continue;
        records.splice(i, 1);
        removed++;
      }
      return removed;
    },
    resolve(name, type) {
      const n = normalizeName(name);
      const t = type.toUpperCase();
      return records.filter((r) => r.name === n && (t === "ANY" || r.type === t)).map((r) => ({ ...r }));
    },
    zones: () => [...zoneNames],
    addZone(name) {
      const n = normalizeName(name);
      if (zoneNames.includes(n)) return false;
      zoneNames.push(n);
      return true;
    },
    removeZone(name) {
      const n = normalizeName(name);
      zoneNames = zoneNames.filter((z) => z !== n);
    },
    isAuthoritativeFor(name) {
      const n = normalizeName(name);
      return zoneNames.some((z) => isUnder(n, z)) || records.some((r) => isUnder(r.name, n) || isUnder(n, r.name));
    },
    nameExists(name) {
      const n = normalizeName(name);
      return records.some((r) => isUnder(r.name, n));
    },
    reset: load,
  };
  return store;
}
