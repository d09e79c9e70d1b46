/**
 * `sesame` start-up cost: whole processes, timed side by side with `node -e 0` in the same run (so the ratios hold on
 * a busy machine). Goals (DESIGN.md → Performance): `sesame doctor --help` ≤ 0.3 s; a full `sesame doctor` process
 * ≤ 4·L + 400 ms with latency L injected on every AWS request (default 150 ms, BENCH_CLI_LATENCY_MS).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const LATENCY_MS = Number(process.env.BENCH_CLI_LATENCY_MS ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.resolve(__dirname, "..");

function timed(args: string[], env: Record<string, string>): Promise<{ ms: number; code: number; out: string }> {
  const t0 = performance.now();
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      args,
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv,
        timeout: 60_000,
        encoding: "utf8",
      },
      (err: Error | null, stdout: string) =>
        resolve({
          ms: performance.now() - t0,
          code: err ? Number((err as { code?: number }).code ?? 1) : 0,
          out: stdout,
        }),
    ),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const { buildCli } = await import("../scripts/build-cli.mjs");
  await buildCli({ quiet: true });
  const { startEmulator } = await import("../emulator/index");
  const config = JSON.parse(readFileSync(path.join(root, "tests/scenarios/combined.json"), "utf8"));
  const em = await startEmulator(config, { quiet: true });
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-bench-cli-"));
  try {
    const key = config.users[0].accessKeys[0];
    const envFile = path.join(dir, "platform.env");
    writeFileSync(
      envFile,
      `AWS_SES_ACCESS_KEY_ID=${key.id}\nAWS_SES_SECRET_ACCESS_KEY='${key.secret}'\nAWS_SES_REGION=us-east-1\n`,
    );
    const faults = await fetch(`${em.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: LATENCY_MS }),
    });
    if (!faults.ok) throw new Error(`cannot set latency: ${faults.status}`);
    const env = { AWS_ENDPOINT_URL: em.url, SESAME_DNS_SERVER: `127.0.0.1:${em.ports.dns}` };
    const bin = path.join(root, "bin", "sesame.js");
    const cases = {
      "node -e 0": ["-e", "0"],
      "sesame doctor --help": [bin, "doctor", "--help"],
      "sesame smtp-password": [bin, "smtp-password", "--secret-env", "S", "eu-west-1"],
      "sesame doctor (full run)": [
        bin,
        "doctor",
        "--env",
        envFile,
        "--domain",
        "example.com",
        "--from",
        "hello@example.com",
        "--json",
      ],
    } as const;
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    let report: { findings?: unknown[]; durationMs?: number } = {};
    // interleaved, so a burst of load elsewhere touches every case alike
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, args] of Object.entries(cases)) {
        const r = await timed([...args], { ...env, S: key.secret });
        if (name === "sesame doctor (full run)") report = JSON.parse(r.out);
        else if (r.code !== 0) throw new Error(`${name} exited ${r.code}`);
        if (i > 0) times[name].push(r.ms); // the first round warms the disk cache
      }
    }
    const base = median(times["node -e 0"]);
    const help = median(times["sesame doctor --help"]);
    const full = median(times["sesame doctor (full run)"]);
    const budget = 4 * LATENCY_MS + 400;
    console.log(`cli: whole processes, median of ${RUNS}, latency L = ${LATENCY_MS} ms per AWS request`);
    const best = (name: string) => Math.min(...times[name]);
    for (const [name, xs] of Object.entries(times)) {
      const m = median(xs);
      console.log(
        `  ${name.padEnd(26)} ${m.toFixed(0).padStart(5)} ms  = ${(m / base).toFixed(1)}× node -e 0   (best ${best(name).toFixed(0)} ms = ${(best(name) / best("node -e 0")).toFixed(1)}×)`,
      );
    }
    console.log(`  doctor --help goal ≤ 300 ms: ${help <= 300 ? "met" : "MISSED"}`);
    console.log(
      `  full doctor ${full.toFixed(0)} ms = ${(full / LATENCY_MS).toFixed(1)}·L (goal ≤ 4·L + 400 = ${budget} ms: ${full <= budget ? "met" : "MISSED"}); engine ${report.durationMs} ms of it, start-up and exit ${(full - (report.durationMs ?? 0)).toFixed(0)} ms, ${report.findings?.length} findings`,
    );
  } finally {
    await em.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
