import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "@/lib/findings/catalogue";
import { CODES_END, CODES_START, withCodeTable } from "@/lib/diagnose/catalogue-doc";

describe("docs/doctor.md's finding codes", () => {
  const doc = readFileSync(path.resolve(__dirname, "../../docs/doctor.md"), "utf8");

  it("are generated from the catalogue and up to date (run `npx tsx scripts/doctor-codes.ts`)", () => {
    expect(doc).toContain(CODES_START);
    expect(doc).toContain(CODES_END);
    expect(withCodeTable(doc)).toBe(doc);
  });

  it("list every code once, and nothing else", () => {
    const section = doc.slice(doc.indexOf(CODES_START), doc.indexOf(CODES_END));
    const listed = [...section.matchAll(/^\| `([a-z0-9.-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(CATALOGUE).sort());
  });

  it("a code added to the catalogue makes the check fail until the list is regenerated", () => {
    const stale = doc.replace(/^\| `clock\.skew` \|.*\n/m, "");
    expect(stale).not.toBe(doc);
    expect(withCodeTable(stale)).not.toBe(stale);
  });
});
