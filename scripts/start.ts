import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "../emulator/index";
import { SMTP_TLS_CERT } from "../emulator/smtp/cert";
import { DEMO_SMTP_LISTENERS, sesSmtpPortMap } from "../emulator/smtp/port-map";
import { demoRoleEnv } from "./demo-role";
import { browserHost, listenProblem, parsePort } from "./listen-check";
import { ensureBuild, repoRoot, startNext } from "./next-server";

/**
 * `npm start`: Sesame's production server. `npm run demo` (or `npm start` with no AWS credentials, no AWS_PROFILE and
 * no AWS_ENDPOINT_URL): the same, wired to the bundled AWS stand-in with the demo config, so the whole wizard — DNS
 * included — works offline. Runs as `node --import tsx` (one process): tsx's own launcher relays Ctrl-C to its child
 * and kills it when the child does not acknowledge within 30 ms, which a busy machine misses (exit 130).
 */
const HELP = `Usage: npm start [-- --build | --no-build] · npm run demo

  --demo       run on the bundled AWS stand-in (the default when no AWS credentials are configured)
  --build      rebuild the web app first, even when the build is current
  --no-build   never rebuild: serve the existing build, with a warning when the sources are newer
Environment: PORT (default 3000), HOST (default 127.0.0.1: this machine only; 0.0.0.0 for every interface),
SESAME_SETUP_TOKEN (default: generated and printed), SESAME_DEMO=0 forces real AWS. See README.md.`;

async function startDemoEmulator(): Promise<RunningEmulator> {
  const config = JSON.parse(readFileSync(path.join(repoRoot, "emulator", "demo-config.json"), "utf8"));
  try {
    return await startEmulator(config, {
      port: 4566,
      smtpPort: 2587,
      dnsPort: 5353,
      smtpListeners: DEMO_SMTP_LISTENERS,
      quiet: true,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    console.log("[sesame] 4566/2587/5353 busy: the stand-in uses free ports instead");
    return startEmulator(config, { smtpListeners: DEMO_SMTP_LISTENERS, quiet: true });
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
async function waitUntilLive(base: string, child: ChildProcess, deadlineMs = 60_000): Promise<boolean> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until && child.exitCode === null && child.signalCode === null) {
    const ok = await fetch(`${base}/api/health/live`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

/** A child stopped by the same Ctrl-C (or SIGTERM) that reached this process: Next exits 130/143 on those. */
const stoppedBySignal = (code: number | null, signal: NodeJS.Signals | null) =>
  signal === "SIGINT" || signal === "SIGTERM" || code === 130 || code === 143;

/** A path inside the checkout relative to it, anything else as given. */
const shortPath = (p: string) => (path.resolve(p).startsWith(repoRoot + path.sep) ? path.relative(repoRoot, p) : p);

function fail(message: string): never {
  console.error(`[sesame] ${message}`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) return void console.log(HELP);
  const unknown = args.filter((a) => !["--demo", "--build", "--no-build"].includes(a));
  if (unknown.length) fail(`unknown option ${unknown[0]}\n${HELP}`);
  const env = { ...process.env };
  // SESAME_DEMO=0 forces a real start, e.g. on a host whose AWS credentials come from an instance role
  const demo =
    args.includes("--demo") ||
    (env.SESAME_DEMO !== "0" && !env.AWS_ACCESS_KEY_ID && !env.AWS_ENDPOINT_URL && !env.AWS_PROFILE);
  const port = parsePort(env.PORT);
  if (typeof port === "string") fail(port);
  const host = env.HOST || "127.0.0.1";

  const busy = await listenProblem(host, port);
  if (busy) fail(busy);
  await ensureBuild({ force: args.includes("--build"), never: args.includes("--no-build") });

  let emulator: RunningEmulator | undefined;
  if (demo) {
    emulator = await startDemoEmulator();
    env.AWS_ENDPOINT_URL = emulator.url;
    env.SESAME_EMULATOR_URL = emulator.url;
    env.SESAME_DNS_SERVER = `127.0.0.1:${emulator.ports.dns}`;
    env.SESAME_SMTP_ENDPOINT = `127.0.0.1:${emulator.ports.smtp}`;
    env.SESAME_SMTP_PORT_MAP = sesSmtpPortMap("127.0.0.1", emulator.ports);
    env.SESAME_DEMO = "1";
    // the role path's credentials: the stand-in role, as an ECS task would get its role's (scripts/demo-role.ts)
    Object.assign(env, demoRoleEnv(emulator.url));
    // keep the demo's progress and env file apart from a real setup
    env.SESAME_STATE_DIR ||= path.join(repoRoot, ".sesame", "demo");
    env.SESAME_ENV_FILE ||= path.join(repoRoot, ".sesame", "demo", "platform.env");
    env.SESAME_SMTP_CA_FILE = writeStandInCa(env.SESAME_STATE_DIR);
  }
  const token = env.SESAME_SETUP_TOKEN || randomBytes(24).toString("base64url");
  env.SESAME_SETUP_TOKEN = token;

  // the address may have been taken while the build ran
  const busyNow = await listenProblem(host, port);
  if (busyNow) {
    await emulator?.close().catch(() => {});
    fail(busyNow);
  }
  // Next's own start-up banner ("Local: …", "Network: …") would only compete with the link below: its output is
  // held until the server answers (and shown if it never does), then passed through.
  const child = startNext(port, env, host, true);
  let held = "";
  let live = false;
  const relay = (to: NodeJS.WriteStream) => (d: Buffer) => {
    if (live) to.write(d);
    else held += d;
  };
  child.stdout?.on("data", relay(process.stdout));
  child.stderr?.on("data", relay(process.stderr));

  let stopping = false;
  const childExited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await childExited;
      clearTimeout(force);
    }
    await emulator?.close().catch(() => {});
    process.exit(code);
  };
  // Ctrl-C reaches the whole process group: Next stops itself (exit 130), this process waits for it and closes the
  // stand-in; whichever of the two notices first, an operator's stop is a clean exit.
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code, signal) => {
    if (stoppedBySignal(code, signal)) return void stop(0);
    if (!stopping) {
      if (!live) process.stderr.write(held);
      console.error(`[sesame] the server stopped (exit ${code ?? signal})`);
    }
    void stop(code || 1);
  });

  const base = `http://${browserHost(host)}:${port}`;
  if (!(await waitUntilLive(`http://${browserHost(host)}:${port}`, child))) {
    if (!stopping) {
      process.stderr.write(held);
      console.error(`[sesame] the server did not answer on ${base} within a minute`);
    }
    return void stop(1);
  }
  live = true;
  const everywhere = host === "0.0.0.0" || host === "::";
  const lines = [
    "",
    everywhere
      ? `  Listening on every interface, port ${port} (HOST=${host}): keys travel over plain HTTP, put TLS in front.`
      : `  Listening on ${host}:${port} only${host === "127.0.0.1" ? " (this machine); HOST=0.0.0.0 opens it to the network" : ""}.`,
  ];
  if (demo && emulator) {
    lines.push(
      `  Demo — local AWS stand-in at ${emulator.url} (SMTP ${emulator.ports.smtp}, DNS ${emulator.ports.dns});`,
      `  the wizard writes ${shortPath(env.SESAME_ENV_FILE ?? "")}.`,
      "  The wizard shows the demo's bootstrap credentials where it asks for them (Fill in).",
    );
  }
  lines.push(
    `  Health:        ${base}/health`,
    `  Ctrl-C stops Sesame${emulator ? " and the stand-in" : ""}.`,
    "",
    "  Open the setup wizard (the token is printed only here):",
    `  Setup wizard:  ${base}/setup?token=${token}`,
    "",
  );
  console.log(lines.join("\n"));
}

main().catch((err) => fail(`start failed: ${err instanceof Error ? err.message : String(err)}`));
