#!/usr/bin/env node
// `sesame doctor|health|smtp-password|sigv4 …`: runs the compiled CLI in dist-cli/ (scripts/build-cli.mjs). In a
// checkout where it is missing or older than the sources (a fresh clone installed without scripts, a `git pull`),
// it is rebuilt first — a second or so, once. In the image there are no sources: dist-cli/ is what was built.

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "dist-cli", "sesame.mjs");

function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(path.join(root, "lib", "cli", "sesame.ts"))) return false; // installed image: no sources
  if (!fs.existsSync(entry)) return true;
  return newestSource(path.join(root, "lib")) > fs.statSync(entry).mtimeMs;
}

async function run() {
  if (needsBuild()) {
    const { buildCli } = await import(path.join(root, "scripts", "build-cli.mjs"));
    if (!(await buildCli({ quiet: true })) && !fs.existsSync(entry)) {
      process.stderr.write("sesame: dist-cli/ is missing and esbuild is not installed; run npm install\n");
      return 2;
    }
  }
  const { main } = await import(entry);
  return main(process.argv.slice(2));
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sesame: ${err?.message ?? err}\n`);
    process.exitCode = 2;
  },
);
