/**
 * Doctor speed: one full diagnosis against the emulator with latency L injected on every AWS request, versus the
 * same probes with every AWS call made one at a time. Goal (docs/architecture.md; README → Performance): parallel ≤ 4·L + 300 ms and
 * ≥ 10× faster than serial. Prints the figures measured in this run.
 */
import Module from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// The engine's SMTP probe imports the "server-only" marker, which throws outside a React server build.
function allowServerOnly(): void {
  const req = Module.createRequire(__filename);
  const marker = req.resolve("server-only");
  req.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
}

export async function run(): Promise<void> {
  allowServerOnly();
  const { startEmulator } = await import("../emulator/index");
  const { runDiagnosis } = await import("../lib/diagnose/run");
  const root = path.resolve(__dirname, "..");
  // the combined scenario: simulation allowed, sandbox, pending domain — every probe has work to do
  const config = JSON.parse(readFileSync(path.join(root, "tests/scenarios/combined.json"), "utf8"));
  const em = await startEmulator(config, { quiet: true });
  try {
    const key = config.users[0].accessKeys[0];
    const input = {
      target: "plunk" as const,
      region: "us-east-1",
      accessKeyId: key.id as string,
      secretAccessKey: key.secret as string,
      domain: "example.com",
      from: "hello@example.com",
      endpoint: em.url,
      dnsServer: `127.0.0.1:${em.ports.dns}`,
      timeoutMs: 10_000,
    };
    await runDiagnosis(input); // warm-up: module loading and JIT are not what is measured
    const faults = await fetch(`${em.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: LATENCY_MS }),
    });
    if (!faults.ok) throw new Error(`cannot set latency: ${faults.status}`);

    // The box is shared: the parallel run is short enough for CPU noise to matter, so it is the median of RUNS runs.
    let calls = 0;
    const stats: { awsCalls?: number } = {};
    const times: number[] = [];
    let parallel: Awaited<ReturnType<typeof runDiagnosis>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      calls = 0;
      const t0 = performance.now();
      parallel = await runDiagnosis(input, { onProbe: (e) => void (e.status === "done" && calls++), stats });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const parallelMs = times[Math.floor(times.length / 2)];
    if (!parallel) throw new Error("no run");
    // the sandbox scan's worst case: no domain given, so every other SES region is asked for its sandbox state
    const noDomain = { ...input, domain: undefined, from: undefined };
    const noDomainStats: { awsCalls?: number } = {};
    const t2 = performance.now();
    await runDiagnosis(noDomain, { stats: noDomainStats });
    const noDomainMs = performance.now() - t2;
    const t1 = performance.now();
    const serial = await runDiagnosis(input, { serial: true });
    const serialMs = performance.now() - t1;

    const same =
      JSON.stringify(parallel.findings.map((f) => f.code)) === JSON.stringify(serial.findings.map((f) => f.code));
    const budget = 4 * LATENCY_MS + 300;
    const ratio = serialMs / parallelMs;
    console.log("doctor: full diagnosis vs the same checks one AWS call at a time");
    console.log(`  latency L per AWS request   ${LATENCY_MS} ms`);
    console.log(`  probes run                  ${calls}`);
    console.log(`  AWS calls                   ${stats.awsCalls}`);
    console.log(
      `  parallel (Sesame)           ${parallelMs.toFixed(0)} ms = ${(parallelMs / LATENCY_MS).toFixed(1)}·L  (goal ≤ 4·L + 300 = ${budget} ms: ${parallelMs <= budget ? "met" : "MISSED"}); median of ${RUNS}, best ${times[0].toFixed(0)} ms`,
    );
    console.log(`  serial                      ${serialMs.toFixed(0)} ms = ${(serialMs / LATENCY_MS).toFixed(1)}·L`);
    console.log(`  serial / parallel           ${ratio.toFixed(1)}×  (goal ≥ 10×: ${ratio >= 10 ? "met" : "MISSED"})`);
    console.log(`  same findings both ways     ${same ? "yes" : "NO"} (${parallel.findings.length} findings)`);
    console.log(
      `  no domain (sandbox scan of every other region): ${noDomainStats.awsCalls} AWS calls, ${noDomainMs.toFixed(0)} ms = ${(noDomainMs / LATENCY_MS).toFixed(1)}·L`,
    );
  } finally {
    await em.close();
  }
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
