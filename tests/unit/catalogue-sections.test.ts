import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, type FindingSpec, finding } from "@/lib/findings/catalogue";
import { SIGV4_FINDINGS } from "@/lib/findings/catalogue/sigv4";
import { SMTP_PASSWORD_FINDINGS } from "@/lib/findings/catalogue/smtp-password";
import { materialize, materializeRaw } from "@/lib/findings/materialize";
import { materializeIn, materializeRawIn, specIn } from "@/lib/findings/section";
// @ts-expect-error plain ES module script without type declarations
import { importsOf } from "../../scripts/check-imports.mjs";

/**
 * The catalogue is one object assembled from one file per area (lib/findings/catalogue/<section>.ts), so a browser
 * tool can load its own section alone. Each code lives in exactly one section; a section holds only its areas' codes.
 */

const ROOT = path.resolve(__dirname, "../..");
const DIR = "lib/findings/catalogue";

/** Section file → the code areas (the part before the first dot) it may hold. A new section file is added here. */
const AREAS: Record<string, { areas: string[]; only?: RegExp }> = {
  credentials: { areas: ["credentials", "clock"] },
  endpoint: { areas: ["endpoint"] },
  account: { areas: ["region", "permissions", "account", "send", "identity"] },
  env: { areas: ["env"] },
  dns: { areas: ["dns"] },
  smtp: { areas: ["smtp"] },
  // the SMTP password tool's own small section: its paste checks and region refusals only
  "smtp-password": { areas: ["smtp"], only: /^smtp\.(paste|password)-/ },
  health: { areas: ["health"] },
  setup: { areas: ["setup"] },
  events: { areas: ["events"] },
  sigv4: { areas: ["sigv4"] },
};
/** The folder's files that are no section: the assembly and the types. */
const NOT_SECTIONS = ["index.ts", "spec.ts"];

async function loadSections(): Promise<Map<string, Record<string, FindingSpec>>> {
  const out = new Map<string, Record<string, FindingSpec>>();
  for (const file of readdirSync(path.join(ROOT, DIR)).sort()) {
    if (NOT_SECTIONS.includes(file)) continue;
    const mod = (await import(/* @vite-ignore */ path.join(ROOT, DIR, file))) as Record<string, unknown>;
    const exported = Object.entries(mod).filter(([name]) => name.endsWith("_FINDINGS"));
    expect(
      exported.map(([n]) => n),
      `${file} exports one *_FINDINGS object`,
    ).toHaveLength(1);
    out.set(file.replace(/\.ts$/, ""), exported[0][1] as Record<string, FindingSpec>);
  }
  return out;
}

describe("the catalogue's sections", () => {
  it("are the files of lib/findings/catalogue/, each declared with its areas", async () => {
    const sections = await loadSections();
    expect([...sections.keys()].sort()).toEqual(Object.keys(AREAS).sort());
  });

  it("hold each code of the catalogue exactly once, as the very entry CATALOGUE has", async () => {
    const home = new Map<string, string[]>();
    for (const [name, specs] of await loadSections()) {
      for (const [code, spec] of Object.entries(specs)) {
        home.set(code, [...(home.get(code) ?? []), name]);
        expect((CATALOGUE as Record<string, FindingSpec>)[code], code).toBe(spec);
      }
    }
    for (const [code, files] of home) expect(files, code).toHaveLength(1);
    expect([...home.keys()].sort()).toEqual(Object.keys(CATALOGUE).sort());
  });

  it("hold only their areas' codes, and an area lives in one section (smtp's paste checks apart)", async () => {
    const areaHome = new Map<string, Set<string>>();
    for (const [name, specs] of await loadSections()) {
      const { areas, only } = AREAS[name];
      for (const code of Object.keys(specs)) {
        const area = code.split(".")[0];
        expect(areas, `${code} in ${name}.ts`).toContain(area);
        if (only) expect(code, `${name}.ts holds ${only} only`).toMatch(only);
        else expect(code, `${code}: belongs to a section of its own`).not.toMatch(/^smtp\.(paste|password)-/);
        areaHome.set(area, new Set([...(areaHome.get(area) ?? []), name]));
      }
    }
    for (const [area, names] of areaHome) {
      expect(
        [...names].filter((n) => !AREAS[n].only),
        area,
      ).toHaveLength(1);
    }
  });

  it("are leaves: a section file imports nothing but the entry types (./spec)", () => {
    for (const file of readdirSync(path.join(ROOT, DIR))) {
      if (NOT_SECTIONS.includes(file)) continue;
      const imports = importsOf(readFileSync(path.join(ROOT, DIR, file), "utf8"));
      expect(imports, file).toEqual([{ spec: "./spec", typeOnly: true }]);
    }
  });
});

describe("the section materializer (lib/findings/section.ts)", () => {
  it("words a code exactly as materialize does over the whole catalogue", () => {
    const evidence = {
      case: "aws" as const,
      signed: null,
      carried: "us-east-1",
      host: null,
      expected: "eu-west-1",
      awsCode: "SignatureDoesNotMatch",
      awsMessage: "Credential should be scoped to a valid region.",
    };
    const alone = materializeIn(SIGV4_FINDINGS, "sigv4.scope-region", evidence);
    expect(alone).toEqual(materialize("sigv4.scope-region", evidence));
    expect(alone.detail).toContain('AWS answered SignatureDoesNotMatch: "Credential should be scoped');
    const raw = finding("smtp.paste-key-id", { prefix: "AKIA" });
    expect(materializeRawIn(SMTP_PASSWORD_FINDINGS, raw)).toEqual(materializeRaw(raw));
    // a phrase of the SMTP tool's section: a long region value is named by its length only
    const region = finding("smtp.password-region-malformed", {
      given: "long",
      input: null,
      length: 40,
      smtpRegions: "eu-west-1, us-east-1",
    });
    expect(materializeRawIn(SMTP_PASSWORD_FINDINGS, region)).toEqual(materializeRaw(region));
    expect(materializeRaw(region).detail).toBe("A value of 40 characters is not an AWS region code (like eu-west-1).");
    expect(specIn(SIGV4_FINDINGS, "sigv4.ok")?.severity).toBe("pass");
    expect(specIn(SIGV4_FINDINGS, "smtp.paste-key-id")).toBeUndefined();
    expect(specIn(SIGV4_FINDINGS, "hasOwnProperty")).toBeUndefined();
  });

  it("refuses (tsc) a missing placeholder value, a wrong phrase key and a code of another section", () => {
    // @ts-expect-error sigv4.scope-region needs {signed}, {expected} and its case
    const missing = () => materializeIn(SIGV4_FINDINGS, "sigv4.scope-region", { case: "aws" });
    // @ts-expect-error "nope" is no case of sigv4.scope-region
    const phrase = () => materializeIn(SIGV4_FINDINGS, "sigv4.scope-region", { case: "nope", expected: "eu-west-1" });
    // @ts-expect-error smtp.paste-key-id is not in the sigv4 section
    const other = () => materializeIn(SIGV4_FINDINGS, "smtp.paste-key-id", { prefix: "AKIA" });
    // @ts-expect-error smtp.paste-smtp-password needs {version}
    const raw = () => materializeRawIn(SMTP_PASSWORD_FINDINGS, { code: "smtp.paste-smtp-password", evidence: {} });
    expect(() => other()).toThrow(/unknown finding code: smtp.paste-key-id/);
    expect(missing().detail).toContain("(unknown)");
    expect(phrase().detail).toMatch(/^\(unknown\) The signing key/);
    expect(raw().detail).toContain("version byte (unknown)");
  });
});

/** Value imports reachable from `entry` (type-only imports are erased and do not count), as paths from the root. */
function closure(entry: string): Set<string> {
  const resolve = (from: string, spec: string): string | undefined => {
    let base: string;
    if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
    else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
    else return undefined;
    for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base])
      if (existsSync(c) && statSync(c).isFile()) return c;
    throw new Error(`${from}: cannot resolve ${spec}`);
  };
  const seen = new Set([path.join(ROOT, entry)]);
  const queue = [...seen];
  while (queue.length) {
    const f = queue.shift() as string;
    for (const { spec, typeOnly } of importsOf(readFileSync(f, "utf8"))) {
      const target = typeOnly ? undefined : resolve(f, spec);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return new Set([...seen].map((f) => path.relative(ROOT, f)));
}

const catalogueFiles = (files: Set<string>) => [...files].filter((f) => f.startsWith(`${DIR}/`)).sort();

describe("browser tools load their own section only", () => {
  it("the signature doctor (lib/sigv4/doctor, the page's lazy chunk): the sigv4 section, never the catalogue", () => {
    const files = closure("lib/sigv4/doctor/index.ts");
    expect(files).toContain("lib/sigv4/doctor/diagnose.ts");
    expect(catalogueFiles(files)).toEqual([`${DIR}/sigv4.ts`]);
    expect(files).not.toContain("lib/findings/materialize.ts");
  });

  it("the SMTP password tool: its own section (paste checks, region refusals), never the catalogue", () => {
    const files = closure("components/tools/smtp-password-tool.tsx");
    expect(files).toContain("lib/smtp/smtp-region.ts");
    expect(catalogueFiles(files)).toEqual([`${DIR}/smtp-password.ts`]);
    expect(files).not.toContain("lib/findings/materialize.ts");
  });

  it("no client component (nor what it imports, lazily or not) loads the whole catalogue", () => {
    const walk = (dir: string): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
      );
    const clients = [...walk("app"), ...walk("components")].filter((f) =>
      /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(clients).toContain("components/tools/smtp-password-tool.tsx");
    for (const f of clients) expect(catalogueFiles(closure(f)), f).not.toContain(`${DIR}/index.ts`);
  });

  it("would see the whole catalogue through materialize (the walk follows value imports)", () => {
    expect(catalogueFiles(closure("lib/findings/materialize.ts"))).toContain(`${DIR}/index.ts`);
  });
});
