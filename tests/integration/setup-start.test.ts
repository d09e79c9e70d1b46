import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm run demo` the way an operator runs it: the printed link works once printed, and Ctrl-C (SIGINT to the whole
 * process group, as a terminal sends it) stops Next and the stand-in, leaving no port open. Needs an existing
 * production build: building here would race the other users of the shared .next directory.
 */
const root = path.resolve(".");
const built = existsSync(path.join(root, ".next", "BUILD_ID"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(1500) }).then(
    (r) => r.status,
    () => 0,
  );

const dir = mkdtempSync(path.join(tmpdir(), "sesame-start-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

// `npm test` builds first; only an ad-hoc run without a build may skip (never CI).
describe.skipIf(!built && !process.env.CI)("npm run demo", () => {
  it("prints a working setup link only once the server answers, and Ctrl-C stops everything", async () => {
    const port = await freePort();
    child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts", "--demo"], {
      cwd: root,
      detached: true, // its own process group, like a terminal's foreground job
      env: {
        ...process.env,
        PORT: String(port),
        SESAME_STATE_DIR: path.join(dir, "state"),
        SESAME_ENV_FILE: path.join(dir, "platform.env"),
        SESAME_SETUP_TOKEN: "",
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        AWS_ENDPOINT_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));

    await expect.poll(() => out, { timeout: 45_000, interval: 100 }).toMatch(/Ctrl-C stops Sesame and the stand-in/);
    // the link is printed after the server answers: no polling needed here
    expect(await answers(`http://127.0.0.1:${port}/api/health/live`)).toBe(200);
    const token = /Setup wizard: +http:\/\/localhost:\d+\/setup\?token=(\S+)/.exec(out)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    const emulatorUrl = /stand-in at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(emulatorUrl).toBeDefined();
    expect(await answers(`${emulatorUrl}/_emulator/state`)).toBe(200);

    // the printed token is the one the server accepts
    const base = `http://127.0.0.1:${port}`;
    const session = (t: string) =>
      fetch(`${base}/api/setup/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ token: t }),
      }).then((r) => r.status);
    expect(await session(token ?? "")).toBe(200);
    expect(await session(`${token}x`)).toBe(401);

    process.kill(-(child.pid as number), "SIGINT");
    expect(await exited).toBe(0);
    expect(await answers(`${base}/api/health/live`)).toBe(0);
    expect(await answers(`${emulatorUrl}/_emulator/state`)).toBe(0);
  }, 60_000);
});
