import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The production Next server (the built .next, `next start`) on a free port with its own state dir, env file and
 * setup token, for the security tests. Output is kept so tests can read the log; the pid is the server's own
 * process (next start serves in-process), so its memory can be read from /proc.
 */
const root = path.resolve(import.meta.dirname, "..", "..");

export interface RunningSesame {
  url: string;
  token: string;
  dir: string;
  envFile: string;
  stateDir: string;
  pid: number;
  log: () => string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startSesame(env: Record<string, string> = {}): Promise<RunningSesame> {
  const dir = mkdtempSync(path.join(tmpdir(), "sesame-sec-"));
  const port = await freePort();
  const token = env.SESAME_SETUP_TOKEN ?? `sec-token-${randomBytes(16).toString("base64url")}`;
  const envFile = env.SESAME_ENV_FILE ?? path.join(dir, "platform.env");
  const stateDir = env.SESAME_STATE_DIR ?? path.join(dir, "state");
  let out = "";
  const child = spawn(
    path.join(root, "node_modules", "next", "dist", "bin", "next"),
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        SESAME_NEXT_START: "1",
        SESAME_SETUP_TOKEN: token,
        SESAME_ENV_FILE: envFile,
        SESAME_STATE_DIR: stateDir,
        SESAME_TIMEOUT_MS: "3000",
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        AWS_SESSION_TOKEN: "",
        AWS_PROFILE: "",
        ...env,
      },
    },
  );
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${url}/api/health/live`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`next start did not answer within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, token, dir, envFile, stateDir, pid: child.pid as number, log: () => out, child, stop };
}

/** Trade the token for the session cookie; returns the `name=value` pair to send as Cookie. */
export async function signIn(s: RunningSesame, token = s.token): Promise<string> {
  const res = await fetch(`${s.url}/api/setup/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get("set-cookie") ?? "";
  const pair = set.split(";")[0];
  if (!pair?.startsWith("sesame_setup=")) throw new Error(`no session cookie in ${set}`);
  return pair;
}
