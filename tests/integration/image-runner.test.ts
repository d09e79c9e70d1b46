import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { HealthJsonSchema } from "@/lib/health/health-json";
import { buildCli } from "../../scripts/build-cli.mjs";

/**
 * The image's runner stage rebuilt from the Dockerfile itself (its COPY --from=build lines, its ENV, its `sesame`
 * symlink on the PATH) and run as the image runs it: `node sesame-server.cjs`. Checks what an operator meets there —
 * the generated setup token printed once, `sesame doctor|health` inside the container — and evaluates every monitor
 * recipe of docs/health.md against the real answers of a healthy and of a broken configuration.
 */
const root = path.resolve(__dirname, "../..");
const built = existsSync(path.join(root, ".next", "standalone", "server.js"));
const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
const runnerStage = dockerfile.slice(dockerfile.indexOf(" AS runner"));
const healthDoc = readFileSync(path.join(root, "docs", "health.md"), "utf8");

const PLUNK = { id: "AKIAEXAMPLEPLUNK0001", secret: "plunkAppEXAMPLEsecretKEY+000000000000000" };

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

/** The runner stage's `ENV a=b \ c=d` block. */
function imageEnv(): Record<string, string> {
  const block = /^ENV ((?:.*\\\n)*.*)$/m.exec(runnerStage)?.[1] ?? "";
  return Object.fromEntries([...block.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]));
}

// ── the monitor recipes, evaluated the way each tool evaluates them (the subset the docs use; anything else throws) ──

interface Answer {
  status: number;
  body: unknown;
}

function bodyAt(body: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], body);
}

/** Gatus: `[STATUS] == N`, `[BODY].path == value`, `… == any(a, b)`. */
function gatus(condition: string, a: Answer): boolean {
  const m = /^\[(STATUS|BODY)\](?:\.([\w.]+))? == (.+)$/.exec(condition);
  if (!m) throw new Error(`condition the test cannot evaluate: ${condition}`);
  const actual = String(m[1] === "STATUS" ? a.status : bodyAt(a.body, m[2] ?? ""));
  const any = /^any\((.*)\)$/.exec(m[3]);
  const allowed = any ? any[1].split(",").map((s) => s.trim()) : [m[3]];
  return allowed.includes(actual);
}

/** Uptime Kuma's JSON query: a JSONata `path = "x"` / `path != "x"`, its result stringified against the expected value. */
function kuma(query: string, expected: string, a: Answer): boolean {
  const m = /^([\w.]+) (=|!=) "([^"]*)"$/.exec(query);
  if (!m) throw new Error(`JSON query the test cannot evaluate: ${query}`);
  const value = bodyAt(a.body, m[1]);
  const result = m[2] === "=" ? value === m[3] : value !== m[3];
  // Kuma also requires an accepted status code (default 200-299)
  return a.status >= 200 && a.status < 300 && String(result) === expected;
}

const gatusBlock = /```yaml\nendpoints:\n([\s\S]*?)```/.exec(healthDoc)?.[1] ?? "";
const gatusEndpoints = gatusBlock
  .split(/\n {2}- name: /)
  .filter((s) => s.includes("url:"))
  .map((s) => ({
    path: new URL(/url: "([^"]+)"/.exec(s)?.[1] ?? "").pathname,
    conditions: [...s.matchAll(/^ {6}- "(.+)"$/gm)].map((m) => m[1]),
  }));
const kumaRow = (field: string) => new RegExp(`^\\| ${field} \\| \`([^\`]+)\` \\|$`, "m").exec(healthDoc)?.[1] ?? "";
const k8sBlock = /```yaml\n# in Sesame's container spec\n([\s\S]*?)```/.exec(healthDoc)?.[1] ?? "";
const k8sProbes = [...k8sBlock.matchAll(/^(\w+Probe):\n {2}httpGet:\n {4}path: (\S+)\n {4}port: (\d+)$/gm)].map(
  (m) => ({
    probe: m[1],
    path: m[2],
    port: Number(m[3]),
  }),
);
const initCommand = /"until (sesame health --url \S+); do/.exec(k8sBlock)?.[1] ?? "";

describe("docs/health.md monitor recipes (as written)", () => {
  it("are all found, so none goes untested", () => {
    expect(gatusEndpoints.map((e) => e.path)).toEqual(["/api/health", "/api/health/domain"]);
    expect(gatusEndpoints.every((e) => e.conditions.length === 2)).toBe(true);
    expect([kumaRow("URL"), kumaRow("Json Query"), kumaRow("Expected Value")]).toEqual([
      "http://sesame:3000/api/health",
      'status != "fail"',
      "true",
    ]);
    expect(k8sProbes.map((p) => [p.probe, p.path, p.port])).toEqual([
      ["livenessProbe", "/api/health/live", 3000],
      ["readinessProbe", "/api/health/live", 3000],
    ]);
    expect(initCommand).toBe("sesame health --url http://sesame:3000");
  });
});

describe.skipIf(!built && !process.env.CI)("the image's runner stage", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let app: string;
  let binDir: string;
  let child: ChildProcess;
  let log = "";
  let base: string;
  let envFile: string;

  beforeAll(async () => {
    await buildCli({ quiet: true });
    const config = JSON.parse(readFileSync(path.join(root, "emulator", "demo-config.json"), "utf8"));
    emulator = await startEmulator(config, { quiet: true });
    dir = mkdtempSync(path.join(tmpdir(), "sesame-image-"));
    app = path.join(dir, "app");
    mkdirSync(app);
    // every COPY --from=build of the runner stage, as written
    const copies = [...runnerStage.matchAll(/^COPY --from=build --chown=\S+ \/app\/(\S+) (\S+)$/gm)];
    expect(copies.length).toBeGreaterThanOrEqual(6);
    for (const [, from, to] of copies)
      cpSync(path.join(root, from), path.resolve(app, to), { recursive: true, verbatimSymlinks: true });
    // RUN ln -s /app/bin/sesame.js /usr/local/bin/sesame
    const link = /^RUN ln -s \/app\/(\S+) \/usr\/local\/bin\/sesame$/m.exec(runnerStage)?.[1];
    expect(link).toBe("bin/sesame.js");
    binDir = path.join(dir, "usr-local-bin");
    mkdirSync(binDir);
    symlinkSync(path.join(app, link as string), path.join(binDir, "sesame"));

    mkdirSync(path.join(dir, "data"));
    envFile = path.join(dir, "data", "platform.env");
    // the demo's Plunk key in its production region with the verified domain: a healthy deployment
    writeFileSync(
      envFile,
      `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${PLUNK.id}\nAWS_SES_SECRET_ACCESS_KEY='${PLUNK.secret}'\nSNS_TOPIC_ARNS=arn:aws:sns:eu-west-1:123456789012:plunk-events\n`,
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = imageEnv();
    expect(env).toMatchObject({ HOST: "0.0.0.0", SESAME_ENV_FILE: "/data/platform.env" });
    child = spawn(process.execPath, ["sesame-server.cjs"], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        ...env,
        PORT: String(port),
        SESAME_ENV_FILE: envFile, // the /data volume
        SESAME_STATE_DIR: path.join(app, ".sesame"),
        SESAME_DOMAIN: "example.com",
        SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
        SESAME_HEALTH_CACHE_SECONDS: "1",
        SESAME_METRICS: "1",
        SESAME_TIMEOUT_MS: "3000",
        AWS_ENDPOINT_URL: emulator.url,
      } as unknown as NodeJS.ProcessEnv,
    });
    child.stdout?.on("data", (d) => {
      log += d;
    });
    child.stderr?.on("data", (d) => {
      log += d;
    });
    for (const t0 = Date.now(); !/Setup wizard/.test(log); await new Promise((r) => setTimeout(r, 100)))
      if (Date.now() - t0 > 30_000 || child.exitCode !== null)
        throw new Error(`the image entry did not start:\n${log}`);
  }, 90_000);

  afterAll(async () => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const get = async (p: string): Promise<Answer> => {
    const res = await fetch(`${base}${p}`, { signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (the docs route)
    }
    return { status: res.status, body };
  };

  /** `sesame …` inside the container: through the PATH symlink, with the image's environment. */
  const sesame = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        "sesame",
        args,
        {
          cwd: app,
          timeout: 30_000,
          env: {
            PATH: `${binDir}:${path.dirname(process.execPath)}`,
            SESAME_ENV_FILE: envFile,
            SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
            AWS_ENDPOINT_URL: emulator.url,
          } as unknown as NodeJS.ProcessEnv,
          encoding: "utf8",
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );

  it("prints the generated setup token once at start, and that token opens the wizard", async () => {
    expect(log).toMatch(/^Sesame listening on http:\/\/0\.0\.0\.0:\d+$/m);
    const token =
      /Setup wizard \(token generated for this start, printed only here\): http:\/\/127\.0\.0\.1:\d+\/setup\?token=([\w-]+)/.exec(
        log,
      )?.[1];
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(log.split(token as string).length - 1).toBe(1);
    const session = await fetch(`${base}/api/setup/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ token }),
    });
    expect(session.status).toBe(200);
  });

  it("has `sesame` on the PATH: doctor --help, and a doctor run on the shared env file without flags", async () => {
    const help = await sesame(["doctor", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sesame doctor/);
    const run = await sesame(["doctor", "--domain", "example.com", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).status).not.toBe("fail"); // exit 0: no error finding
  }, 60_000);

  it("serves version, releaseId, links, per-component answers and the docs link", async () => {
    const whole = await get("/api/health");
    expect(whole.status).toBe(200);
    const body = HealthJsonSchema.parse(whole.body);
    expect(body.releaseId).toBe(readFileSync(path.join(app, ".next", "BUILD_ID"), "utf8").trim());
    expect(body.version).toBe(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version);
    const docs = await fetch(`${base}${body.links.docs}`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("## Monitors: copy, paste, change the host");
    const credentials = await get("/api/health/credentials");
    expect(credentials.status).toBe(200);
    expect(Object.keys(HealthJsonSchema.parse(credentials.body).checks)).toContain("credentials:valid");
    const unknown = await get("/api/health/nonsense");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'No health component "nonsense".' });
    for (const p of ["/api/health", "/api/health/live", "/api/health/credentials"]) {
      const res = await fetch(`${base}${p}`);
      expect(res.headers.get("cache-control"), p).toBe("no-store");
    }
  }, 60_000);

  it("serves Prometheus metrics (SESAME_METRICS=1) that agree with the health JSON", async () => {
    const res = await fetch(`${base}/api/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
    const json = HealthJsonSchema.parse((await get("/api/health")).body);
    expect(value("sesame_health_status")).toBe({ pass: 0, warn: 1, fail: 2 }[json.status]);
    expect(value("sesame_health_round_aws_calls")).toBeGreaterThan(0);
    expect(value("sesame_health_rounds_total")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^sesame_health_component_status\{component="credentials",check="credentials:valid"\} 0$/m);
  });

  it("every recipe says up on the healthy configuration and down (but alive) on a broken one", async () => {
    const judge = async () => {
      const results: Record<string, boolean> = {};
      for (const e of gatusEndpoints) {
        const a = await get(e.path);
        results[`gatus ${e.path}`] = e.conditions.every((c) => gatus(c, a));
      }
      results.kuma = kuma(kumaRow("Json Query"), kumaRow("Expected Value"), await get("/api/health"));
      for (const p of k8sProbes) {
        const { status } = await get(p.path);
        results[p.probe] = status >= 200 && status < 400; // what the kubelet counts as success
      }
      results.init = (await sesame(initCommand.replace("http://sesame:3000", base).split(" ").slice(1))).code === 0;
      return results;
    };
    expect(await judge()).toEqual({
      "gatus /api/health": true,
      "gatus /api/health/domain": true,
      kuma: true,
      livenessProbe: true,
      readinessProbe: true,
      init: true,
    });

    // the key's secret is rotated away under the platform: the next round (1 s period) fails
    writeFileSync(
      envFile,
      `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${PLUNK.id}\nAWS_SES_SECRET_ACCESS_KEY='${PLUNK.secret.replace("0", "1")}'\n`,
    );
    await expect.poll(async () => (await get("/api/health")).status, { timeout: 30_000, interval: 500 }).toBe(503);
    const after = await judge();
    expect(after).toMatchObject({ "gatus /api/health": false, kuma: false, livenessProbe: true, readinessProbe: true });
    expect(after.init).toBe(false);
  }, 90_000);
});
