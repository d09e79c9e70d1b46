import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Shared by `npm start` / `npm run demo`, the e2e web server and the health bench: build Next when there is no build
 * yet or the sources changed since it was made, then run the production server as a child process.
 */
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");

/** What `next build` reads: a change to any of these makes the last build stale. */
const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "tsconfig.json", "postcss.config.mjs", "package-lock.json", "proxy.ts"];

export type BuildState = { state: "missing" } | { state: "fresh" } | { state: "stale"; changed: string };

/** Code only the command-line tools load (dist-cli/, scripts/build-cli.mjs): not part of the web build. */
const NOT_WEB = new Set([path.join("lib", "cli")]);

function newestUnder(dir: string, best: { mtime: number; file: string }, base = dir): void {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!NOT_WEB.has(path.relative(path.dirname(base), full))) newestUnder(full, best, base);
    } else if (e.isFile()) {
      const mtime = statSync(full).mtimeMs;
      if (mtime > best.mtime) Object.assign(best, { mtime, file: full });
    }
  }
}

/** Compares the build's BUILD_ID with the newest source file (a few hundred stats: milliseconds). */
export function buildState(dir = root): BuildState {
  const id = path.join(dir, ".next", "BUILD_ID");
  if (!existsSync(id)) return { state: "missing" };
  const built = statSync(id).mtimeMs;
  const newest = { mtime: 0, file: "" };
  for (const d of SOURCE_DIRS) newestUnder(path.join(dir, d), newest);
  for (const f of SOURCE_FILES) {
    const full = path.join(dir, f);
    if (existsSync(full) && statSync(full).mtimeMs > newest.mtime)
      Object.assign(newest, { mtime: statSync(full).mtimeMs, file: full });
  }
  return newest.mtime > built ? { state: "stale", changed: path.relative(dir, newest.file) } : { state: "fresh" };
}

/** Runs `next build` quietly: one line while it runs, the whole output only when it fails. */
function runBuild(lock: boolean): Promise<void> {
  const started = Date.now();
  // .next is shared by everyone working in this checkout: serialise builds when flock exists
  const [cmd, args] = lock ? ["flock", ["/tmp/sesame-next.lock", nextBin, "build"]] : [nextBin, ["build"]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SESAME_NEXT_START: "" }, // standalone output too (next.config.ts)
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) {
        console.log(`[sesame] built in ${Math.round((Date.now() - started) / 1000)} s`);
        return resolve();
      }
      process.stderr.write(out);
      reject(new Error(`next build failed (exit ${code}); its output is above`));
    });
  });
}

export interface BuildOptions {
  /** `--build`: build even when the last build is current. */
  force?: boolean;
  /** `--no-build`: never build; a stale build is served with a warning, a missing one is an error. */
  never?: boolean;
  lock?: boolean;
}

export async function ensureBuild(opts: BuildOptions = {}): Promise<void> {
  const s = buildState();
  const lock =
    opts.lock !== false &&
    !process.env.SESAME_NEXT_LOCK_HELD &&
    existsSync("/usr/bin/flock") &&
    process.platform !== "win32";
  if (opts.never) {
    if (s.state === "missing") throw new Error("there is no build yet: run without --no-build (or npm run build)");
    if (s.state === "stale")
      console.log(`[sesame] warning: the build is older than ${s.changed}; serving it anyway (--no-build)`);
    return;
  }
  if (!opts.force && s.state === "fresh") return;
  if (opts.force) console.log("[sesame] building the web app (--build)…");
  else if (s.state === "missing") console.log("[sesame] building the web app (first start only, about a minute)…");
  else if (s.state === "stale")
    console.log(`[sesame] ${s.changed} changed since the last build: rebuilding (about a minute)…`);
  await runBuild(lock);
}

export function startNext(port: number, env: NodeJS.ProcessEnv, host = "127.0.0.1", quiet = false): ChildProcess {
  return spawn(nextBin, ["start", "-p", String(port), "-H", host], {
    cwd: root,
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1", SESAME_NEXT_START: "1" },
  });
}

export const repoRoot = root;
