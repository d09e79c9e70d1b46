import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "../emulator/index";
import { SMTP_TLS_CERT } from "../emulator/smtp/cert";
import { ensureBuild, repoRoot, startNext } from "./next-server";

/**
 * `npm start`: Sesame's production server. `npm run demo` (or `npm start` with no AWS credentials and no
 * AWS_ENDPOINT_URL): the same, wired to the bundled AWS stand-in with the demo config, so the whole wizard —
 * DNS included — works offline.
 */
async function startDemoEmulator(): Promise<RunningEmulator> {
  const config = JSON.parse(readFileSync(path.join(repoRoot, "emulator", "demo-config.json"), "utf8"));
  try {
    return await startEmulator(config, { port: 4566, smtpPort: 2587, dnsPort: 5353, quiet: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    console.log("[sesame] 4566/2587/5353 busy: the stand-in uses free ports instead");
    return startEmulator(config, { quiet: true });
  }
}

/** The stand-in's SMTP certificate is self-signed: Sesame trusts exactly it, instead of switching checks off. */
function writeStandInCa(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, "stand-in-smtp-ca.pem");
  writeFileSync(file, SMTP_TLS_CERT);
  return file;
}

/**
 * The link is printed once the server answers its liveness route, so the first click works; a server that dies or
 * stays silent for a minute is reported instead of a link to nothing.
 */
async function waitUntilLive(port: number, child: ChildProcess, deadlineMs = 60_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until && child.exitCode === null && child.signalCode === null) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/live`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

async function main() {
  const args = process.argv.slice(2);
  const env = { ...process.env };
  // SESAME_DEMO=0 forces a real start, e.g. on a host whose AWS credentials come from an instance role
  const demo =
    args.includes("--demo") ||
    (env.SESAME_DEMO !== "0" && !env.AWS_ACCESS_KEY_ID && !env.AWS_ENDPOINT_URL && !env.AWS_PROFILE);
  const port = Number(env.PORT ?? 3000);

  ensureBuild({ force: args.includes("--build") });

  let emulator: RunningEmulator | undefined;
  if (demo) {
    emulator = await startDemoEmulator();
    env.AWS_ENDPOINT_URL = emulator.url;
    env.SESAME_EMULATOR_URL = emulator.url;
    env.SESAME_DNS_SERVER = `127.0.0.1:${emulator.ports.dns}`;
    env.SESAME_SMTP_ENDPOINT = `127.0.0.1:${emulator.ports.smtp}`;
    env.SESAME_DEMO = "1";
    // keep the demo's progress and env file apart from a real setup
    env.SESAME_STATE_DIR ||= path.join(repoRoot, ".sesame", "demo");
    env.SESAME_ENV_FILE ||= path.join(repoRoot, ".sesame", "demo", "platform.env");
    env.SESAME_SMTP_CA_FILE = writeStandInCa(env.SESAME_STATE_DIR);
  }
  const token = env.SESAME_SETUP_TOKEN || randomBytes(24).toString("base64url");
  env.SESAME_SETUP_TOKEN = token;

  const child = startNext(port, env);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill("SIGTERM");
    await emulator?.close().catch(() => {});
    process.exit(code);
  };
  // Ctrl-C reaches the whole process group; Next stops itself, the stand-in is closed here
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 1));

  if (!(await waitUntilLive(port, child))) {
    if (!stopping) console.error(`[sesame] the server did not answer on port ${port} within a minute`);
    return void stop(1);
  }
  const url = `http://localhost:${port}`;
  console.log("");
  if (demo && emulator) {
    console.log(
      `  Demo — local AWS stand-in at ${emulator.url} (SMTP ${emulator.ports.smtp}, DNS ${emulator.ports.dns})`,
    );
    console.log("  Bootstrap credentials for the demo: see emulator/demo-config.json (user sesame-bootstrap)");
  }
  console.log(`  Sesame:        ${url}`);
  console.log(`  Setup wizard:  ${url}/setup?token=${token}`);
  console.log(`  Health:        ${url}/health`);
  console.log(`  Ctrl-C stops Sesame${emulator ? " and the stand-in." : "."}`);
  console.log("");
}

main().catch((err) => {
  console.error(`[sesame] start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
