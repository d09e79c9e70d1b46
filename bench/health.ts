import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startEmulator } from "../emulator/index";
import { ensureBuild, repoRoot } from "../scripts/next-server";
import { startCountingProxy } from "../tests/helpers/health-proxy";

/**
 * `npx tsx bench/health.ts` (or through bench/run.ts): /api/health under load on the production server laid out and
 * started exactly as the Docker image does (runner-stage copies, `node sesame-server.cjs`), against the emulator
 * behind a counting proxy.
 * Prints req/s, p99 latency and AWS calls per cache period (goal: ≥ 3,000 req/s on 2 cores, p99 ≤ 50 ms, one probe
 * round per period, whatever the number of callers).
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const PERIOD_S = Number(process.env.BENCH_HEALTH_PERIOD ?? 5);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return performance.now() - t0;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function run(): Promise<void> {
  await ensureBuild({ force: process.env.BENCH_BUILD === "1" });
  const serverJs = path.join(repoRoot, ".next", "standalone", "server.js");
  if (!existsSync(serverJs)) throw new Error("no standalone build (.next/standalone/server.js); run next build");

  const config = JSON.parse(readFileSync(path.join(repoRoot, "emulator", "demo-config.json"), "utf8"));
  const emulator = await startEmulator(config, { quiet: true });
  const proxy = await startCountingProxy(emulator.url);
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-bench-health-"));
  const envFile = path.join(dir, "platform.env");
  // the demo's Plunk key, in the demo's production region with its verified domain: a "pass" deployment
  writeFileSync(
    envFile,
    "AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=AKIAEXAMPLEPLUNK0001\nAWS_SES_SECRET_ACCESS_KEY='plunkAppEXAMPLEsecretKEY+000000000000000'\n",
    { mode: 0o600 },
  );
  // the Dockerfile's runner stage, file for file
  const app = path.join(dir, "app");
  cpSync(path.dirname(serverJs), app, { recursive: true, verbatimSymlinks: true });
  cpSync(path.join(repoRoot, ".next", "static"), path.join(app, ".next", "static"), { recursive: true });
  mkdirSync(path.join(app, "public"), { recursive: true });
  copyFileSync(path.join(repoRoot, "lib", "health", "standalone-server.cjs"), path.join(app, "sesame-server.cjs"));
  const entry = process.env.BENCH_ENTRY === "server.js" ? "server.js" : "sesame-server.cjs";
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    child = spawn(process.execPath, [path.join(app, entry)], {
      cwd: app,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        SESAME_ENV_FILE: envFile,
        SESAME_STATE_DIR: path.join(dir, "state"),
        SESAME_TARGET: "plunk",
        SESAME_DOMAIN: "example.com",
        SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
        SESAME_HEALTH_CACHE_SECONDS: String(PERIOD_S),
        SESAME_TIMEOUT_MS: "2000",
        SESAME_SETUP_TOKEN: "bench-token-0123456789abcdef",
        AWS_ENDPOINT_URL: proxy.url,
      },
    });
    await waitFor(`${base}/api/health/live`, 30_000);
    const readyMs = performance.now() - t0;

    // one round on its own: how many AWS calls a round makes
    const first = await fetch(`${base}/api/health`);
    const firstBody = (await first.json()) as { status: string };
    const perRound = proxy.count();
    proxy.reset();

    const result = await autocannon({
      url: `${base}/api/health`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    await new Promise((r) => setTimeout(r, 200)); // let a refresh that started at the very end land in the count
    const calls = proxy.count();
    // the same server's no-op route through Next's pipeline, for comparison (Next's per-request cost, CPU contention)
    const floor = await autocannon({
      url: `${base}/api/health/live`,
      connections: CONNECTIONS,
      duration: Math.min(DURATION_S, 5),
    });
    const periods = DURATION_S / PERIOD_S;
    const rounds = perRound ? calls / perRound : 0;
    const mem = child.pid ? await rssOf(child.pid) : undefined;

    const line = (k: string, v: string) => console.log(`  ${k.padEnd(34)} ${v}`);
    console.log(
      `\n/api/health under load (${CONNECTIONS} connections, ${DURATION_S} s, cache period ${PERIOD_S} s, node ${entry})`,
    );
    line("server ready (standalone, cold)", `${Math.round(readyMs)} ms`);
    line("health status served", `${firstBody.status} (HTTP ${first.status})`);
    line("requests/s (mean)", `${Math.round(result.requests.average)}`);
    line("latency p50 / p99 / max", `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} ms`);
    line(
      "requests total / non-2xx / errors",
      `${result.requests.total} / ${result.non2xx} / ${result.errors + result.timeouts}`,
    );
    line(
      "via Next: /api/health/live req/s, p99",
      `${Math.round(floor.requests.average)}, ${floor.latency.p99} ms (health/live ${(result.requests.average / floor.requests.average).toFixed(2)}×)`,
    );
    line("AWS calls per probe round", `${perRound}`);
    line("AWS calls during the run", `${calls} over ${periods} periods`);
    line("probe rounds per cache period", `${(rounds / periods).toFixed(2)} (goal ≤ 1)`);
    line("AWS calls per cache period", `${(calls / periods).toFixed(1)}`);
    if (mem) line("server RSS after the run", `${Math.round(mem / 1024 / 1024)} MB`);
    line(
      "goal ≥ 3000 req/s, p99 ≤ 50 ms",
      result.requests.average >= 3000 && result.latency.p99 <= 50 ? "met" : "NOT met",
    );
  } finally {
    child?.kill("SIGTERM");
    await proxy.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rssOf(pid: number): Promise<number | undefined> {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const invokedDirectly = process.argv[1] && /bench[\\/]health\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
