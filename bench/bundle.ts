/**
 * First-load JavaScript per page, from the production build's own manifests (Turbopack): what a browser downloads
 * before a page is interactive, gzipped, split into the Next + React floor every App Router page loads whatever the
 * app (`rootMainFiles` of .next/build-manifest.json — Next's runtime, React, React DOM — plus the chunks of Next's
 * built-in global-error entry: its client router components) and the rest, Sesame's own share: the other chunks of
 * the page's layouts and the page itself (.next/server/app/<route>/page_client-reference-manifest.js → entryJSFiles).
 * Goal (DESIGN.md): the own share ≤ 10 KB gz per route. Run after `npm run build` (BENCH_BUILD=1 builds first).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(__dirname, "..");
const next = path.join(root, ".next");
const GOAL_KB = 10;

const gz = (() => {
  const memo = new Map<string, number>();
  return (file: string) => {
    let n = memo.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length;
      memo.set(file, n);
    }
    return n;
  };
})();
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface RouteWeight {
  route: string;
  files: string[];
  ownBytes: number;
}

/** Every page route's first-load files beyond the floor, and the floor itself. */
export function routeWeights(): {
  floor: string[];
  floorBytes: number;
  runtimeBytes: number;
  routes: RouteWeight[];
} {
  const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8"));
  const floor: string[] = [...build.rootMainFiles];
  const BUILTIN = "[project]/node_modules/next/dist/client/components/builtin/global-error";
  const routes = JSON.parse(readFileSync(path.join(next, "app-path-routes-manifest.json"), "utf8")) as Record<
    string,
    string
  >;
  const out: RouteWeight[] = [];
  const entries: { route: string; m: { entryJSFiles: Record<string, string[]> } }[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    const manifest = path.join(next, "server", "app", `${entry}_client-reference-manifest.js`);
    if (!existsSync(manifest)) continue;
    const g = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
    g.__RSC_MANIFEST = {};
    new Function(readFileSync(manifest, "utf8"))();
    const m = Object.values(g.__RSC_MANIFEST)[0];
    for (const f of m.entryJSFiles[BUILTIN] ?? []) if (!floor.includes(f)) floor.push(f);
    entries.push({ route, m });
  }
  for (const { route, m } of entries) {
    const files = [...new Set(Object.values(m.entryJSFiles).flat())].filter((f) => !floor.includes(f));
    out.push({ route, files, ownBytes: files.reduce((s, f) => s + gz(f), 0) });
  }
  return {
    floor,
    floorBytes: floor.reduce((s, f) => s + gz(f), 0),
    runtimeBytes: (build.rootMainFiles as string[]).reduce((s, f) => s + gz(f), 0),
    routes: out.sort((a, b) => (a.route < b.route ? -1 : 1)),
  };
}

export async function run(): Promise<void> {
  if (process.env.BENCH_BUILD === "1" || !existsSync(path.join(next, "BUILD_ID"))) {
    const { ensureBuild } = await import("../scripts/next-server");
    await ensureBuild({ force: process.env.BENCH_BUILD === "1" });
  }
  const { floorBytes, runtimeBytes, routes } = routeWeights();
  console.log(
    `bundle: first-load JS per page, gzip -9, from .next's manifests (build ${readFileSync(path.join(next, "BUILD_ID"), "utf8").trim()})`,
  );
  console.log(
    `  Next + React floor (every page)   ${kb(floorBytes)} = runtime and React ${kb(runtimeBytes)} + Next's client router ${kb(floorBytes - runtimeBytes)}`,
  );
  let worst = 0;
  for (const r of routes) {
    worst = Math.max(worst, r.ownBytes);
    console.log(
      `  ${r.route.padEnd(26)} ${kb(floorBytes + r.ownBytes).padStart(9)} = floor + ${kb(r.ownBytes).padStart(7)} own  (${kb(floorBytes + r.ownBytes - runtimeBytes)} above runtime and React alone)`,
    );
  }
  console.log(`  largest own share ${kb(worst)} (goal ≤ ${GOAL_KB} KB: ${worst <= GOAL_KB * 1024 ? "met" : "MISSED"})`);
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
