import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Every shell block of README.md, run — or, where it cannot run offline, its marking checked. Each ```sh block is
 * preceded by `<!-- readme-test: KIND, … -->` and every command in it must be claimed by one of its kinds:
 *   run             run from the checkout; must exit 0
 *   long-running    `npm start`, `npm run demo`, `npm run emulator`: started, must print its ready line, still run a
 *                   second later, and exit 0 on Ctrl-C (ports are swapped for free ones)
 *   needs-demo      run while this test runs the demo (its printed ports and env file swapped in); must exit 0
 *   needs-registry  `npm install` / `npm ci`: not run (needs the npm registry)
 *   whole-suite     `npm test`: not run here (it is the suite); must be what .ci/run runs
 *   needs-aws       a doctor run with no AWS_ENDPOINT_URL: not run (it would call real AWS)
 *   needs-docker    `docker …`: not run, and no Docker engine may answer here; the block's other commands run in a
 *                   scratch copy of the compose files, after which `docker-compose config` must pass (when installed)
 * A block without a marking, a kind nobody claims a command for, or a command no kind claims fails the test.
 */
const root = path.resolve(__dirname, "../..");
const README = readFileSync(path.join(root, "README.md"), "utf8");
const KINDS = ["run", "long-running", "needs-demo", "needs-registry", "whole-suite", "needs-aws", "needs-docker"];

interface Block {
  kinds: string[];
  commands: string[];
}

/** A command line without its trailing comment (`  # …`); `&&` chains split into their parts. */
function commandsOf(code: string): string[] {
  return code
    .split("\n")
    .map((l) => l.replace(/\s+#\s.*$/, "").trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/\s+&&\s+/));
}

function blocks(): Block[] {
  return [...README.matchAll(/(?:<!-- readme-test: ([^>]*?) -->\n)?```sh\n([\s\S]*?)```/g)].map((m) => ({
    kinds: (m[1] ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    commands: commandsOf(m[2]),
  }));
}

const isDocker = (c: string) => /^docker\b/.test(c);
const isLongRunning = (c: string) => /^(\w+=\S+ )*npm (start|run demo|run emulator)\b/.test(c);
const CLAIMS: Record<string, (c: string) => boolean> = {
  "needs-registry": (c) => /^npm (install|ci)\b/.test(c),
  "whole-suite": (c) => c === "npm test",
  "long-running": isLongRunning,
  "needs-aws": (c) => /\bsesame doctor\b/.test(c) && !/AWS_ENDPOINT_URL/.test(c),
  "needs-docker": () => true, // docker lines are checked absent, the others are run in a scratch dir
  "needs-demo": (c) => /^(\w+=\S+ )*npx sesame (doctor|health)\b/.test(c),
  run: (c) => !isLongRunning(c) && !isDocker(c),
};

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

const scratch = mkdtempSync(path.join(tmpdir(), "sesame-readme-"));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) if (c.pid && c.exitCode === null && c.signalCode === null) process.kill(-c.pid, "SIGKILL");
  rmSync(scratch, { recursive: true, force: true });
});

const baseEnv = () => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  SESAME_STATE_DIR: path.join(scratch, "state"),
  SESAME_ENV_FILE: path.join(scratch, "platform.env"),
});

function sh(command: string, cwd = root, env: Record<string, string> = baseEnv()) {
  return new Promise<{ code: number; out: string }>((resolve) =>
    execFile(
      "bash",
      ["-c", command],
      { cwd, env: env as unknown as NodeJS.ProcessEnv, timeout: 120_000, encoding: "utf8" },
      (err: Error | null, stdout: string, stderr: string) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

/** Starts a long-running command in its own process group; resolves once `ready` shows in its output. */
async function startLongRunning(command: string, env: Record<string, string>, ready: RegExp) {
  const child = spawn("bash", ["-c", command], {
    cwd: root,
    env: env as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  for (const t0 = Date.now(); !ready.test(out); await new Promise((r) => setTimeout(r, 100))) {
    if (child.exitCode !== null || Date.now() - t0 > 150_000)
      throw new Error(`${command} did not get ready:\n${out.slice(-2000)}`);
  }
  return { child, exited, output: () => out };
}

async function stop(run: Awaited<ReturnType<typeof startLongRunning>>) {
  process.kill(-(run.child.pid as number), "SIGINT");
  return run.exited;
}

describe("README.md shell blocks", () => {
  const all = blocks();

  it("are all marked, with known kinds, and each command claimed by a kind of its block", () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const b of all) {
      expect(b.kinds.length, b.commands.join("; ")).toBeGreaterThan(0);
      for (const k of b.kinds) expect(KINDS).toContain(k);
      for (const c of b.commands)
        expect(
          b.kinds.some((k) => CLAIMS[k](c)),
          `no kind claims: ${c}`,
        ).toBe(true);
      // a kind that claims nothing in its block is a wrong marking
      for (const k of b.kinds)
        expect(
          b.commands.some((c) => CLAIMS[k](c)),
          `${k} claims nothing`,
        ).toBe(true);
    }
  });

  it("whole-suite is what CI runs, needs-aws really goes to AWS, needs-registry is the install", () => {
    const ci = readFileSync(path.join(root, ".ci", "run"), "utf8");
    for (const b of all) {
      if (b.kinds.includes("whole-suite")) expect(ci).toMatch(/\bnpm test\b/);
      if (b.kinds.includes("needs-aws"))
        for (const c of b.commands.filter(CLAIMS["needs-aws"])) expect(c).not.toMatch(/AWS_ENDPOINT_URL/);
    }
    expect(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts.test).toBeTruthy();
  });

  it("run: every command exits 0 from the checkout", async () => {
    for (const b of all.filter((b) => b.kinds.includes("run"))) {
      for (const c of b.commands.filter(CLAIMS.run)) {
        const r = await sh(c);
        expect(r.code, `${c}\n${r.out}`).toBe(0);
      }
    }
  }, 120_000);

  it("needs-docker: docker is absent here; the other first-run commands make `docker-compose config` pass", async () => {
    // the docker client may be installed; what the block needs is an engine that runs containers
    const dockerHere = await sh("docker info");
    for (const b of all.filter((b) => b.kinds.includes("needs-docker"))) {
      const dir = mkdtempSync(path.join(scratch, "compose-"));
      for (const f of ["docker-compose.yml", ".env.example"]) copyFileSync(path.join(root, f), path.join(dir, f));
      for (const c of b.commands) {
        if (isDocker(c)) {
          expect(dockerHere.code, `a Docker engine answers here: run "${c}" in this test instead`).not.toBe(0);
          continue;
        }
        const r = await sh(c, dir);
        expect(r.code, `${c}\n${r.out}`).toBe(0);
      }
      const compose = ["/usr/bin/docker-compose", "/usr/local/bin/docker-compose"].find((p) => existsSync(p));
      if (compose) {
        const r = await sh(`${compose} -f docker-compose.yml config -q`, dir);
        expect(r.code, r.out).toBe(0);
      }
    }
  }, 120_000);

  it("long-running: each starts, says it is ready, keeps running, and stops with 0 on Ctrl-C", async () => {
    for (const b of all.filter((b) => b.kinds.includes("long-running"))) {
      for (const c of b.commands.filter(isLongRunning)) {
        const port = await freePort();
        let command = c;
        let ready = /Setup wizard: +http:\/\/127\.0\.0\.1:\d+\/setup\?token=/;
        if (/npm run emulator/.test(c)) {
          const [smtp, dns] = [await freePort(), await freePort()];
          command = c.replace(/--port \d+/, `--port ${port} --smtp-port ${smtp} --dns-port ${dns}`);
          ready = /Sesame AWS emulator ready/;
        }
        const run = await startLongRunning(command, { ...baseEnv(), PORT: String(port) }, ready);
        await new Promise((r) => setTimeout(r, 1000));
        expect(run.child.exitCode, c).toBeNull();
        if (/AWS_PROFILE=/.test(c)) expect(run.output(), c).not.toContain("Demo —");
        expect(await stop(run), `${c}\n${run.output().slice(-1500)}`).toBe(0);
      }
    }
  }, 400_000);

  it("needs-demo: each command exits 0 against a running demo, with the ports it printed", async () => {
    const port = await freePort();
    const demo = await startLongRunning(
      "node --import tsx scripts/start.ts --demo --no-build",
      { ...baseEnv(), PORT: String(port) },
      /Setup wizard:/,
    );
    try {
      const api = /stand-in at http:\/\/127\.0\.0\.1:(\d+) \(SMTP \d+, DNS (\d+)\)/.exec(demo.output());
      expect(api).not.toBeNull();
      // what the wizard writes at its env and events steps: the demo's ready Plunk key in its production region, and
      // the topic of that Plunk's event loop allow-listed (emulator/demo-config.json seeds the loop)
      const envFile = path.join(scratch, "platform.env");
      writeFileSync(
        envFile,
        "AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=AKIAEXAMPLEPLUNK0001\nAWS_SES_SECRET_ACCESS_KEY='plunkAppEXAMPLEsecretKEY+000000000000000'\nSNS_TOPIC_ARNS=arn:aws:sns:eu-west-1:123456789012:plunk-events\n",
      );
      for (const b of all.filter((b) => b.kinds.includes("needs-demo"))) {
        for (const c of b.commands.filter(CLAIMS["needs-demo"])) {
          const command = c
            .replaceAll("127.0.0.1:4566", `127.0.0.1:${api?.[1]}`)
            .replaceAll("127.0.0.1:5353", `127.0.0.1:${api?.[2]}`)
            .replaceAll("127.0.0.1:3000", `127.0.0.1:${port}`)
            .replaceAll(".sesame/demo/platform.env", envFile);
          const r = await sh(command);
          expect(r.code, `${c}\n${r.out}`).toBe(0);
        }
      }
    } finally {
      expect(await stop(demo)).toBe(0);
    }
  }, 120_000);
});
