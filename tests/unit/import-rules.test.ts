import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ES module script without type declarations
import { checkImports, importsOf } from "../../scripts/check-imports.mjs";

/** The dependency rules of docs/architecture.md hold on the tree, and the check fails on a broken one. */

const fixture = mkdtempSync(path.join(tmpdir(), "sesame-import-rules-"));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

function write(rel: string, text: string) {
  const p = path.join(fixture, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

describe("import rules", () => {
  it("hold on Sesame's own tree", () => {
    expect(checkImports(path.resolve("."))).toEqual([]);
  });

  it("fail on a deliberately broken tree, naming each violation and the chain that led to it", () => {
    write("emulator/world.ts", "export const world = 1;\n");
    write(
      "app/page.tsx",
      'import { world } from "../emulator/world";\nexport default function P() { return world; }\n',
    );
    write("lib/uses-ui.ts", 'import { Card } from "@/components/card";\nexport const c = Card;\n');
    write("components/card.tsx", "export const Card = 1;\n");
    write("lib/diagnose/engine.ts", "export type Engine = 1;\n");
    write("lib/env/lint.ts", 'import type { Engine } from "@/lib/diagnose/engine";\nexport type L = Engine;\n');
    write("lib/aws/door.ts", 'import "server-only";\nexport const door = 1;\n');
    write("lib/secret-store.ts", 'import "server-only";\nexport const store = 1;\n');
    write(
      "lib/helper.ts",
      'import { door } from "./aws/door";\nimport { readFile } from "node:fs/promises";\nexport const h = [door, readFile];\n',
    );
    write("lib/ok-types.ts", 'import type { door } from "./aws/door";\nexport type D = typeof door;\n');
    write(
      "components/broken-client.tsx",
      '"use client";\nimport { h } from "@/lib/helper";\nimport { STSClient } from "@aws-sdk/client-sts";\nimport { store } from "../lib/secret-store";\nexport const B = [h, STSClient, store];\n',
    );
    write(
      "components/fine-client.tsx",
      '"use client";\nimport type { D } from "@/lib/ok-types";\nexport const F: D | 1 = 1;\n',
    );

    const v: string[] = checkImports(fixture);
    expect(v).toContain("app/page.tsx: product code imports the emulator (../emulator/world)");
    expect(v).toContain("lib/uses-ui.ts: lib/ imports components/card.tsx");
    expect(v).toContain("components/broken-client.tsx: client code imports @aws-sdk/client-sts");
    expect(v).toContain("components/broken-client.tsx → lib/helper.ts → lib/aws/door.ts: client code reaches lib/aws");
    expect(v).toContain("components/broken-client.tsx → lib/helper.ts: client code imports node:fs/promises");
    expect(v).toContain("components/broken-client.tsx → lib/secret-store.ts: client code reaches a server-only module");
    expect(v.filter((x) => x.includes("fine-client"))).toEqual([]);
    expect(v).toContain("lib/env/lint.ts: a leaf layer imports the engine (lib/diagnose/engine.ts)");
    expect(v).toHaveLength(7);
  });

  it("reads static, re-export and dynamic imports, and tells type-only ones apart", () => {
    expect(
      importsOf(
        'import a from "x";\nimport type { B } from "y";\nexport { c } from "z";\nconst d = await import("w");\n',
      ),
    ).toEqual([
      { spec: "x", typeOnly: false },
      { spec: "y", typeOnly: true },
      { spec: "z", typeOnly: false },
      { spec: "w", typeOnly: false },
    ]);
  });
});
