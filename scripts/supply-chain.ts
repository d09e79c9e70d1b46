/**
 * Offline supply-chain check, run by `npm test` (docs/security.md#supply-chain). The advisory database is not
 * reachable from every machine (`npm audit` needs the registry), so this checks what the lockfile and node_modules
 * can tell without a network:
 * 1. no package runs an install script unless package.json's "allowScripts" names it (esbuild does: its binary);
 * 2. `npm ls --all` is clean (nothing missing, invalid or extraneous);
 * 3. no deprecated package whose deprecation names a replacement.
 * Exit 0 when all hold, 1 with one line per problem otherwise.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const LockSchema = z.object({
  lockfileVersion: z.number(),
  packages: z.record(
    z.string(),
    z.object({ hasInstallScript: z.boolean().optional(), deprecated: z.string().optional() }).passthrough(),
  ),
});
const ManifestSchema = z.object({ allowScripts: z.record(z.string(), z.boolean()).default({}) });

/** `node_modules/a/node_modules/@s/b` → `@s/b` */
export function packageName(lockPath: string): string {
  const i = lockPath.lastIndexOf("node_modules/");
  return i < 0 ? lockPath : lockPath.slice(i + "node_modules/".length);
}

const REPLACEMENT = /\b(use|replaced|moved|renamed|superseded|instead|migrate)\b/i;

export function lockProblems(lockText: string, manifestText: string): string[] {
  const lock = LockSchema.parse(JSON.parse(lockText));
  const allowed = ManifestSchema.parse(JSON.parse(manifestText)).allowScripts;
  const problems: string[] = [];
  if (lock.lockfileVersion < 2)
    problems.push(`package-lock.json is lockfileVersion ${lock.lockfileVersion}; need 2 or 3`);
  for (const [p, entry] of Object.entries(lock.packages)) {
    if (!p) continue; // the root project
    const name = packageName(p);
    if (entry.hasInstallScript && allowed[name] !== true) {
      problems.push(`${name} (${p}) runs an install script and is not in package.json "allowScripts"`);
    }
    if (entry.deprecated && REPLACEMENT.test(entry.deprecated)) {
      problems.push(`${name} is deprecated with a replacement: ${entry.deprecated}`);
    }
  }
  return problems;
}

function npmLsProblems(root: string): string[] {
  const r = spawnSync("npm", ["ls", "--all", "--json"], { cwd: root, encoding: "utf8", timeout: 60_000 });
  if (r.error) return [`npm ls could not run: ${r.error.message}`];
  let problems: string[] = [];
  try {
    problems = (JSON.parse(r.stdout || "{}") as { problems?: string[] }).problems ?? [];
  } catch {
    problems = [];
  }
  if (r.status !== 0 && problems.length === 0)
    problems = [`npm ls exited ${r.status}: ${r.stderr.trim().slice(0, 300)}`];
  return problems.map((p) => `npm ls: ${p}`);
}

function main(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const problems = [
    ...lockProblems(
      readFileSync(path.join(root, "package-lock.json"), "utf8"),
      readFileSync(path.join(root, "package.json"), "utf8"),
    ),
    ...npmLsProblems(root),
  ];
  if (problems.length) {
    for (const p of problems) console.error(`[supply-chain] ${p}`);
    process.exit(1);
  }
  console.log(
    "[supply-chain] ok: install scripts only where allowed, npm ls clean, no deprecated package with a replacement",
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
