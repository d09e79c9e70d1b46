/**
 * `npm run bench`: runs every benchmark module in bench/ (each exports `run(): Promise<void>`) one after another,
 * so they do not compete for the CPU.
 */
import { readdirSync } from "node:fs";
import Module from "node:module";
import path from "node:path";

// Benchmarks load server code that imports the "server-only" marker (it throws outside a React server build).
const localRequire = Module.createRequire(__filename);
const marker = localRequire.resolve("server-only");
localRequire.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
// The AWS SDK's Node-version notice is not a benchmark result.
process.removeAllListeners("warning");

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".d.ts"))
    .filter((f) => only.length === 0 || only.includes(path.basename(f, ".ts")))
    .sort();
  let failed = 0;
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { run?: () => Promise<void> };
    if (typeof mod.run !== "function") continue;
    console.log(`\n── bench/${file} ──`);
    try {
      await mod.run();
    } catch (err) {
      failed++;
      console.error(`bench/${file} failed:`, err);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
