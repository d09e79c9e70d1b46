import { type ChildProcess, execFile, spawn } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { promisify } from "node:util";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";

/**
 * The standalone server exactly as the Docker image runs it: the runner stage's COPYs (.next/standalone to the app
 * dir, .next/static into it, public/, sesame-server.cjs) into a fresh directory, `node sesame-server.cjs` there with
 * PORT/HOST and SESAME_ENV_FILE on a "volume", against the emulator. Needs a production build: it runs when .next/standalone
 * exists (after `next build`, e.g. `npm run test:e2e` or `flock /tmp/sesame-next.lock npx next build`).
 */

const root = path.resolve(__dirname, "../..");
const serverJs = path.join(root, ".next", "standalone", "server.js");
const KEY = "AKIAEXAMPLEPLUNK0001";
const SECRET = "plunkAppEXAMPLEsecretKEY+000000000000000";

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

// `npm test` builds first; only an ad-hoc run without a build may skip (never CI, where a skip would hide a gap).
describe.skipIf(!existsSync(serverJs) && !process.env.CI)("standalone server (as in the image)", () => {
  let emulator: RunningEmulator;
  let child: ChildProcess;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    const config = JSON.parse(readFileSync(path.join(root, "emulator", "demo-config.json"), "utf8"));
    emulator = await startEmulator(config, { quiet: true });
    dir = mkdtempSync(path.join(tmpdir(), "sesame-standalone-"));
    writeFileSync(
      path.join(dir, "platform.env"),
      `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${KEY}\nAWS_SES_SECRET_ACCESS_KEY='${SECRET}'\nSNS_TOPIC_ARNS=arn:aws:sns:eu-west-1:123456789012:plunk-events\n`,
      { mode: 0o600 },
    );
    // the Dockerfile's runner stage, file for file
    const app = path.join(dir, "app");
    cpSync(path.join(root, ".next", "standalone"), app, { recursive: true, verbatimSymlinks: true });
    cpSync(path.join(root, ".next", "static"), path.join(app, ".next", "static"), { recursive: true });
    if (existsSync(path.join(root, "public")))
      cpSync(path.join(root, "public"), path.join(app, "public"), { recursive: true });
    else mkdirSync(path.join(app, "public"));
    copyFileSync(path.join(root, "lib", "health", "standalone-server.cjs"), path.join(app, "sesame-server.cjs"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(app, "sesame-server.cjs")], {
      cwd: app,
      stdio: "ignore",
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        SESAME_ENV_FILE: path.join(dir, "platform.env"),
        SESAME_STATE_DIR: path.join(dir, "state"),
        SESAME_DOMAIN: "example.com",
        SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
        SESAME_TIMEOUT_MS: "3000",
        SESAME_HEALTH_CACHE_SECONDS: "3",
        SESAME_SETUP_TOKEN: "standalone-test-token-0123456789",
        AWS_ENDPOINT_URL: emulator.url,
      },
    });
    const t0 = Date.now();
    for (;;) {
      const ok = await fetch(`${base}/api/health/live`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() - t0 > 30_000) throw new Error("standalone server did not start within 30 s");
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves liveness, health+json and the health page without a secret", async () => {
    const live = await fetch(`${base}/api/health/live`);
    expect(live.status).toBe(200);

    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(20_000) });
    expect(res.headers.get("content-type")).toBe("application/health+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const body = JSON.parse(text);
    expect(res.status).toBe(body.status === "fail" ? 503 : 200);
    expect(body.checks["credentials:valid"][0].status).toBe("pass");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY);

    // the fast path (served from the published answer) says exactly what the route says
    const again = await fetch(`${base}/api/health`);
    expect(again.status).toBe(res.status);
    expect(again.headers.get("content-type")).toBe("application/health+json");
    expect(await again.text()).toBe(text);

    const page = await fetch(`${base}/health`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("AKIA…0001");
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(KEY);

    // the static assets the page references are served from the copied .next/static
    const asset = /\/_next\/static\/[^"']+\.(?:js|css)/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const assetRes = await fetch(`${base}${asset}`);
    expect(assetRes.status).toBe(200);
  });

  it("the Dockerfile's HEALTHCHECK command, run as is, exits 0 against it and 1 when nothing listens", async () => {
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    const cmd = JSON.parse(/HEALTHCHECK[^\n]*\\\n\s+CMD (\[.*\])/.exec(dockerfile)?.[1] ?? "null") as string[];
    expect(cmd[0]).toBe("node");
    const run = promisify(execFile);
    const port = new URL(base).port;
    await expect(
      run(process.execPath, cmd.slice(1), { env: { PORT: port, NODE_ENV: "production" }, timeout: 10_000 }),
    ).resolves.toBeDefined();
    const dead = String(await freePort());
    await expect(
      run(process.execPath, cmd.slice(1), { env: { PORT: dead, NODE_ENV: "production" }, timeout: 10_000 }),
    ).rejects.toMatchObject({
      code: 1,
    });
  });

  it("a broken key shows up as 503 once the cache period is over: the fast path never outlives the period", async () => {
    writeFileSync(
      path.join(dir, "platform.env"),
      `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${KEY}\nAWS_SES_SECRET_ACCESS_KEY='wrongEXAMPLEsecret/0000000000000000000000'\n`,
    );
    const t0 = Date.now();
    let status = 0;
    while (Date.now() - t0 < 15_000) {
      status = (await fetch(`${base}/api/health`)).status;
      if (status === 503) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(503);
    const body = await (await fetch(`${base}/api/health`)).json();
    expect(body.checks["credentials:valid"][0].status).toBe("fail");
  });

  it("the fast path answers exactly as Next does: status, headers and body, plain, gzip and HEAD", async () => {
    // Next writes its header names in lower case, the fast path as given ("Content-Type"): the only difference,
    // and how this test knows which of the two answered
    const viaFastPath = (r: Raw) => r.rawHeaders.includes("Content-Type");
    const comparable = (r: Raw) => {
      const h = { ...r.headers };
      for (const k of ["date", "connection", "keep-alive", "transfer-encoding", "content-length"]) delete h[k];
      return h;
    };
    for (const variant of [{}, { headers: { "accept-encoding": "gzip, deflate, br" } }, { method: "HEAD" }]) {
      let fast: Raw | undefined;
      const t0 = Date.now();
      while (Date.now() - t0 < 15_000) {
        const r = await raw(`${base}/api/health`, variant);
        if (viaFastPath(r)) {
          fast = r;
          break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
      if (!fast) throw new Error(`the fast path never answered ${JSON.stringify(variant)}`);
      const slow = await raw(`${base}/api/health?via=next`, variant);
      expect(viaFastPath(slow)).toBe(false);
      expect(fast.status).toBe(slow.status);
      expect(comparable(fast)).toEqual(comparable(slow));
      const body = (r: Raw) => (r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body).toString();
      expect(body(fast)).toBe(body(slow));
      if (variant.method === "HEAD") expect(fast.body.length).toBe(0);
      else expect(JSON.parse(body(fast)).checks).toBeDefined();
    }
  });

  it("SIGTERM: stops gracefully (exit 0) even with an idle keep-alive connection open", async () => {
    const agent = new Agent({ keepAlive: true });
    const r = await raw(`${base}/api/health/live`, { agent });
    expect(r.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const t0 = Date.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    agent.destroy();
    await expect(fetch(`${base}/api/health/live`)).rejects.toThrow();
  });
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  body: Buffer;
}

/** A request without fetch's automatic Accept-Encoding and decompression, so encodings are compared as sent. */
function raw(url: string, opts: { method?: string; headers?: Record<string, string>; agent?: Agent }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? "GET", headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.setTimeout(20_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}
