import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Shared by `npm start` / `npm run demo` and the e2e web server: build Next when there is no build yet, then run the
 * production server as a child process with the given environment.
 */
const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");

export function ensureBuild(opts: { force?: boolean; lock?: boolean } = {}): void {
  if (!opts.force && existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[sesame] building the web app (first start only)…");
  // .next is shared by everyone working in this checkout: serialise builds when flock exists
  const useLock = opts.lock !== false && !process.env.SESAME_NEXT_LOCK_HELD && spawnSync("flock", ["-V"]).status === 0;
  const [cmd, args] = useLock ? ["flock", ["/tmp/sesame-next.lock", nextBin, "build"]] : [nextBin, ["build"]];
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

export function startNext(port: number, env: NodeJS.ProcessEnv, host = "0.0.0.0"): ChildProcess {
  return spawn(nextBin, ["start", "-p", String(port), "-H", host], {
    cwd: root,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1", SESAME_NEXT_START: "1" },
  });
}

export const repoRoot = root;
