// The dependency rules of docs/architecture.md, checked on every `npm run lint` (and so by `npm test`):
//   1. product code (app/, components/, lib/) never imports emulator/ — the demo's start script wires the two;
//   2. lib/ never imports app/ or components/;
//   3. the leaf layers (lib/findings, lib/credentials, lib/regions, lib/sigv4, lib/env, lib/dns, lib/smtp) never
//      import the engine (lib/diagnose), type-only imports included — the engine imports them, never the reverse;
//   4. a client component ("use client") and everything it imports (its import closure, type-only imports aside)
//      never reaches lib/aws, @aws-sdk/*, node:* / Node built-ins or a server-only module.
// Exits 1 with one line per violation. `checkImports(root)` is what tests/unit/import-rules.test.ts runs, on the tree
// and on a deliberately broken fixture.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PRODUCT = ["app", "components", "lib"];
const EXTENSIONS = [".ts", ".tsx", ".js", ".mjs", ".cjs"];
const BUILTINS = new Set(builtinModules);
const LEAF_LAYERS = [
  "lib/findings/",
  "lib/credentials/",
  "lib/regions.ts",
  "lib/sigv4/",
  "lib/env/",
  "lib/dns/",
  "lib/smtp/",
];

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** Import specifiers of a file, each marked type-only or not (comments stripped first). */
export function importsOf(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const found = [];
  const re =
    /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (m[4]) found.push({ spec: m[4], typeOnly: false });
    else found.push({ spec: m[3], typeOnly: !!m[2] });
  }
  return found;
}

function resolveLocal(root, from, spec) {
  let base;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const cand of [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
  ]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  return undefined;
}

const isClient = (text) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(text);
const isServerOnly = (text) => /^\s*import\s+["']server-only["']/m.test(text);

export function checkImports(root) {
  const rel = (p) => path.relative(root, p).split(path.sep).join("/");
  const files = PRODUCT.flatMap((d) => walk(path.join(root, d)));
  const text = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const read = (f) => {
    if (!text.has(f)) text.set(f, readFileSync(f, "utf8"));
    return text.get(f);
  };
  const violations = [];

  for (const f of files) {
    const r = rel(f);
    for (const { spec } of importsOf(read(f))) {
      const target = resolveLocal(root, f, spec);
      const t = target ? rel(target) : spec;
      if (t.startsWith("emulator/") || /^@\/emulator(\/|$)/.test(spec))
        violations.push(`${r}: product code imports the emulator (${spec})`);
      if (r.startsWith("lib/") && /^(app|components)\//.test(t)) violations.push(`${r}: lib/ imports ${t}`);
      if (LEAF_LAYERS.some((l) => r.startsWith(l)) && t.startsWith("lib/diagnose/"))
        violations.push(`${r}: a leaf layer imports the engine (${t})`);
    }
  }

  // Client closure: breadth-first from every "use client" file over value imports.
  for (const entry of files.filter((f) => isClient(read(f)))) {
    const seen = new Map([[entry, [rel(entry)]]]);
    const queue = [entry];
    while (queue.length) {
      const f = queue.shift();
      const chain = seen.get(f);
      const r = rel(f);
      if (r.startsWith("lib/aws/")) violations.push(`${chain.join(" → ")}: client code reaches lib/aws`);
      else if (f !== entry && isServerOnly(read(f)))
        violations.push(`${chain.join(" → ")}: client code reaches a server-only module`);
      for (const { spec, typeOnly } of importsOf(read(f))) {
        if (typeOnly) continue;
        const bare = spec.replace(/^node:/, "").split("/")[0];
        if (spec.startsWith("@aws-sdk/")) violations.push(`${chain.join(" → ")}: client code imports ${spec}`);
        else if (spec.startsWith("node:") || BUILTINS.has(bare) || BUILTINS.has(spec))
          violations.push(`${chain.join(" → ")}: client code imports ${spec}`);
        else if (spec === "server-only") {
          // the marker itself is reported through isServerOnly on the file that carries it
        }
        const target = resolveLocal(root, f, spec);
        if (target && !seen.has(target)) {
          seen.set(target, [...chain, rel(target)]);
          queue.push(target);
        }
      }
    }
  }
  return [...new Set(violations)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const v = checkImports(root);
  if (v.length) {
    console.error(`Import rules broken (docs/architecture.md):\n${v.map((x) => `  ${x}`).join("\n")}`);
    process.exit(1);
  }
}
