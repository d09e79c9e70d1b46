import { z } from "zod";
import type { DnsRecordRow } from "@/lib/dns/records";

/**
 * "Publish to Route 53" (docs/wizard.md): the exact change set for the SES records in the operator's hosted zone,
 * browser-safe so the wizard shows what will change before anything does. Route 53 spells values its own way: MX as
 * "10 host", TXT as quoted character-strings of at most 255 characters each (a longer string is refused).
 */

export const PlannedChangeSchema = z.object({
  name: z.string(),
  type: z.enum(["CNAME", "TXT", "MX"]),
  ttl: z.number().int(),
  /** the record set after the change, in Route 53's spelling */
  values: z.array(z.string()),
  /** what the zone has there now (same name and type), when anything */
  existing: z.array(z.string()).optional(),
  /**
   * create: nothing there; same: already right (skipped); add: TXT values kept beside ours; replace: a different value
   * is there and would be overwritten (only when the operator says so); conflict: a CNAME and other records collide
   */
  action: z.enum(["create", "same", "add", "replace", "conflict"]),
  purpose: z.string(),
});
export type PlannedChange = z.infer<typeof PlannedChangeSchema>;

export interface ExistingSet {
  name: string;
  type: string;
  values: string[];
}

/** TXT text → Route 53 value: quoted 255-character strings, quotes and backslashes escaped. */
export function txtValue(text: string): string {
  const chunks = text.match(/[\s\S]{1,255}/g) ?? [""];
  return chunks.map((c) => `"${c.replace(/(["\\])/g, "\\$1")}"`).join(" ");
}

/** Route 53 value → the text a resolver sees (the character-strings joined). */
export function txtText(value: string): string {
  const parts = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
  return parts.length ? parts.join("") : value;
}

const bare = (n: string) => n.replace(/\.$/, "").toLowerCase();

function route53Value(row: DnsRecordRow): string {
  if (row.type === "MX") return `${row.priority ?? 10} ${row.value}`;
  if (row.type === "TXT") return txtValue(row.value);
  return row.value;
}

/** The TXT family a value belongs to: one SPF and one DMARC per name, anything else may sit beside them. */
function txtTag(text: string): string | undefined {
  return /^v=(spf1|DMARC1)\b/i.exec(text.trim())?.[1]?.toLowerCase();
}

export function planChanges(rows: DnsRecordRow[], existing: ExistingSet[]): PlannedChange[] {
  const at = (name: string, type: string) =>
    existing.find((s) => bare(s.name) === bare(name) && s.type.toUpperCase() === type);
  return rows.map((row): PlannedChange => {
    const ttl = row.type === "CNAME" ? 1800 : 300;
    const ours = route53Value(row);
    const base = { name: bare(row.name), type: row.type, ttl, purpose: row.purpose };
    const cnameThere = at(row.name, "CNAME");
    const othersThere = existing.filter(
      (s) => bare(s.name) === bare(row.name) && s.type.toUpperCase() !== "CNAME" && s.type.toUpperCase() !== row.type,
    );
    if ((row.type === "CNAME" && othersThere.length > 0) || (row.type !== "CNAME" && cnameThere)) {
      const clash = row.type === "CNAME" ? othersThere : cnameThere ? [cnameThere] : [];
      return {
        ...base,
        values: [ours],
        existing: clash.flatMap((s) => s.values.map((v) => `${s.type} ${v}`)),
        action: "conflict",
      };
    }
    const now = at(row.name, row.type);
    if (!now) return { ...base, values: [ours], action: "create" };
    if (row.type === "TXT") {
      const texts = now.values.map(txtText);
      if (texts.includes(row.value)) return { ...base, values: now.values, existing: now.values, action: "same" };
      const tag = txtTag(row.value);
      const sameFamily = now.values.filter((v) => tag && txtTag(txtText(v)) === tag);
      const kept = now.values.filter((v) => !sameFamily.includes(v));
      return {
        ...base,
        values: [...kept, ours],
        existing: now.values,
        action: sameFamily.length > 0 ? "replace" : "add",
      };
    }
    const same = now.values.length === 1 && bare(now.values[0]) === bare(ours);
    return { ...base, values: [ours], existing: now.values, action: same ? "same" : "replace" };
  });
}

export { zonePolicy } from "./route53-policy";
