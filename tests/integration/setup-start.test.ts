import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildState } from "../../scripts/next-server";

/**
 * `npm start` / `npm run demo` the way an operator runs them (`node --import tsx scripts/start.ts`, as package.json
 * says): the printed link works once printed and is the last thing printed, the server listens where HOST says, a
 * busy port is one sentence, and Ctrl-C (SIGINT to the whole process group, as a terminal sends it) stops Next and
 * the stand-in with exit 0 — also with the CPU busy, where tsx's own launcher used to exit 130. Needs an existing
 * production build (started with --no-build): building here would race the other users of the shared .next.
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

/** An address of this machine other than loopback, to tell "127.0.0.1 only" from "every interface". */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

const dir = mkdtempSync(path.join(tmpdir(), "sesame-start-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.pid && c.exitCode === null && c.signalCode === null) process.kill(-c.pid, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], {
    cwd: root,
    detached: true, // its own process group, like a terminal's foreground job
    env: {
      ...process.env,
      SESAME_STATE_DIR: path.join(dir, "state"),
      SESAME_ENV_FILE: path.join(dir, "platform.env"),
      SESAME_SETUP_TOKEN: "",
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_ENDPOINT_URL: "",
      AWS_PROFILE: "",
      HOST: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Two processes spinning on this machine's two cores: the load under which Ctrl-C used to end in exit 130. */
function burnCpu(): () => void {
  const burners = [0, 1].map(() => spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
  return () => {
    for (const b of burners) b.kill("SIGKILL");
  };
}

const LINK = /Setup wizard: +(http:\/\/127\.0\.0\.1:\d+)\/setup\?token=([A-Za-z0-9_-]+)/;

// `npm test` builds first; only an ad-hoc run without a build may skip (never CI).
describe.skipIf(!built && !process.env.CI)("npm start / npm run demo", () => {
  it("binds 127.0.0.1 by default, prints the working link last, and Ctrl-C under load stops everything with 0", async () => {
    const port = await freePort();
    const s = start(["--demo", "--no-build"], { PORT: String(port) });

    await expect.poll(s.output, { timeout: 45_000, interval: 100 }).toMatch(LINK);
    // the link is the last line printed, after the banner lines (Next's own start-up lines are held back)
    const lines = s.output().trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(LINK);
    expect(s.output()).not.toMatch(/Network:|Local:/);
    expect(s.output()).toMatch(new RegExp(`Listening on 127\\.0\\.0\\.1:${port} only`));
    expect(s.output()).toContain("the wizard writes");
    const [, base, token] = LINK.exec(s.output()) ?? [];
    expect(base).toBe(`http://127.0.0.1:${port}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    // printed once
    expect(s.output().split(token).length - 1).toBe(1);

    // the link is printed after the server answers: no polling needed here
    expect(await answers(`${base}/api/health/live`)).toBe(200);
    if (outsideAddress) expect(await answers(`http://${outsideAddress}:${port}/api/health/live`)).toBe(0);
    const emulatorUrl = /stand-in at (http:\/\/127\.0\.0\.1:\d+)/.exec(s.output())?.[1];
    expect(emulatorUrl).toBeDefined();
    expect(await answers(`${emulatorUrl}/_emulator/state`)).toBe(200);

    // the printed token is the one the server accepts
    const session = (t: string) =>
      fetch(`${base}/api/setup/session`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ token: t }),
      }).then((r) => r.status);
    expect(await session(token ?? "")).toBe(200);
    expect(await session(`${token}x`)).toBe(401);

    const stopBurning = burnCpu();
    try {
      await new Promise((r) => setTimeout(r, 300)); // let the burners take the cores
      process.kill(-(s.child.pid as number), "SIGINT");
      expect(await s.exited).toBe(0);
    } finally {
      stopBurning();
    }
    expect(await answers(`${base}/api/health/live`)).toBe(0);
    expect(await answers(`${emulatorUrl}/_emulator/state`)).toBe(0);
  }, 90_000);

  it("HOST=0.0.0.0 listens on every interface and says so", async () => {
    const port = await freePort();
    const s = start(["--no-build"], {
      PORT: String(port),
      HOST: "0.0.0.0",
      SESAME_SETUP_TOKEN: "operator-chosen-token-0123456789abcdef",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9", // a real (non-demo) start that never reaches AWS
    });
    await expect.poll(s.output, { timeout: 45_000, interval: 100 }).toMatch(/Setup wizard:/);
    expect(s.output()).toMatch(/Listening on every interface, port \d+ \(HOST=0\.0\.0\.0\)/);
    expect(s.output()).not.toContain("Demo —");
    if (outsideAddress) expect(await answers(`http://${outsideAddress}:${port}/api/health/live`)).toBe(200);
    process.kill(-(s.child.pid as number), "SIGTERM");
    expect(await s.exited).toBe(0);
  }, 60_000);
});

describe("npm start: bad addresses are one sentence", () => {
  let held: Server | undefined;
  afterAll(() => held?.close());

  it("a busy PORT names the port and how to choose another, with no stack", async () => {
    const port = await freePort();
    held = createServer();
    await new Promise<void>((resolve) => held?.listen(port, "127.0.0.1", resolve));
    const s = start(["--no-build"], { PORT: String(port) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain(`port ${port} is busy — set PORT=… to another port, e.g. PORT=${port + 1} npm start`);
    expect(s.output()).not.toMatch(/EADDRINUSE|at .*\(node:/);
  }, 30_000);

  it("a PORT that is not a port and a HOST that is not this machine's are refused before anything starts", async () => {
    const bad = start(["--no-build"], { PORT: "30o0" });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain("PORT=30o0 is not a port number");
    const port = await freePort();
    const elsewhere = start(["--no-build"], { PORT: String(port), HOST: "198.51.100.7" });
    expect(await elsewhere.exited).toBe(1);
    expect(elsewhere.output()).toContain("HOST=198.51.100.7 is not an address of this machine");
  }, 30_000);
});

describe("build staleness (npm start rebuilds a build older than its sources)", () => {
  it("is missing without BUILD_ID, fresh after it, stale when a source is newer, and ignores CLI-only code", () => {
    const app = path.join(dir, "app-root");
    for (const d of ["app", "lib/cli", "lib/health", ".next"]) mkdirSync(path.join(app, d), { recursive: true });
    writeFileSync(path.join(app, "app", "page.tsx"), "");
    writeFileSync(path.join(app, "lib", "health", "engine.ts"), "");
    expect(buildState(app)).toEqual({ state: "missing" });
    const past = new Date(Date.now() - 60_000);
    for (const f of ["app/page.tsx", "lib/health/engine.ts"]) utimesSync(path.join(app, f), past, past);
    writeFileSync(path.join(app, ".next", "BUILD_ID"), "x");
    expect(buildState(app)).toEqual({ state: "fresh" });
    writeFileSync(path.join(app, "lib", "cli", "sesame.ts"), ""); // the CLI is not part of the web build
    expect(buildState(app)).toEqual({ state: "fresh" });
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(app, "lib", "health", "engine.ts"), later, later);
    expect(buildState(app)).toEqual({ state: "stale", changed: path.join("lib", "health", "engine.ts") });
    writeFileSync(path.join(app, "next.config.ts"), "");
    utimesSync(path.join(app, "next.config.ts"), new Date(Date.now() + 9_000), new Date(Date.now() + 9_000));
    expect(buildState(app)).toEqual({ state: "stale", changed: "next.config.ts" });
  });
});
