import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The image entry's fast path (lib/health/standalone-server.cjs) on a real HTTP server: it answers only a fresh
 * published /api/health for GET/HEAD, with the route's headers plus Next's Vary and Next's compression, and hands
 * everything else to the next handler (standing in for Next here).
 */

const require_ = createRequire(import.meta.url);
const { createFastHealth, NEXT_VARY } = require_("../../lib/health/standalone-server.cjs") as {
  createFastHealth: (opts: {
    compress?: unknown;
    now?: () => number;
    published?: () => unknown;
  }) => (req: unknown, res: unknown) => boolean;
  NEXT_VARY: string;
};
const compression = require_("next/dist/compiled/compression") as () => unknown;

const BODY = JSON.stringify({
  status: "warn",
  checks: { "credentials:valid": [{ status: "pass" }] },
  pad: "x".repeat(2000),
});
let servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function serve(published: () => unknown, now: () => number): Promise<string> {
  const fast = createFastHealth({ compress: compression(), now, published });
  const server = createServer((req, res) => {
    if (fast(req, res)) return;
    res.writeHead(299, { "x-fell-through": "yes" });
    res.end("next");
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function get(
  url: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("standalone entry: /api/health fast path", () => {
  const t = 1_000_000;
  const memo = {
    text: BODY,
    status: 200,
    headers: { "Content-Type": "application/health+json", "Cache-Control": "no-store" },
    freshUntil: t + 5000,
  };

  it("serves a fresh published answer with the route's status, headers and Next's Vary", async () => {
    const base = await serve(
      () => memo,
      () => t,
    );
    const res = await get(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/health+json");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers.vary).toBe(`${NEXT_VARY}, Accept-Encoding`);
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.body.toString()).toBe(BODY);

    const fail = await serve(
      () => ({ ...memo, status: 503 }),
      () => t,
    );
    expect((await get(`${fail}/api/health`)).status).toBe(503);
  });

  it("compresses like Next when the caller accepts gzip, and answers HEAD without a body", async () => {
    const base = await serve(
      () => memo,
      () => t,
    );
    const gz = await get(`${base}/api/health`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(BODY);

    const head = await get(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe("application/health+json");
    expect(head.body.length).toBe(0);
  });

  it("never serves an answer at or past its freshness limit, nor when nothing is published", async () => {
    let now = t + 4999;
    const base = await serve(
      () => memo,
      () => now,
    );
    expect((await get(`${base}/api/health`)).body.toString()).toBe(BODY);
    now = t + 5000;
    const late = await get(`${base}/api/health`);
    expect(late.status).toBe(299);
    expect(late.body.toString()).toBe("next");

    const none = await serve(
      () => undefined,
      () => t,
    );
    expect((await get(`${none}/api/health`)).status).toBe(299);
    const broken = await serve(
      () => ({ status: 200, headers: {}, freshUntil: Number.NaN }),
      () => t,
    );
    expect((await get(`${broken}/api/health`)).status).toBe(299);
  });

  it("leaves every other method and URL to Next (query strings, the trailing-slash redirect, other routes)", async () => {
    const base = await serve(
      () => memo,
      () => t,
    );
    for (const [method, p] of [
      ["POST", "/api/health"],
      ["OPTIONS", "/api/health"],
      ["GET", "/api/health/"],
      ["GET", "/api/health?full=1"],
      ["GET", "/api/health/live"],
      ["GET", "/health"],
      ["GET", "/"],
    ] as const) {
      const res = await get(`${base}${p}`, { method });
      expect(res.headers["x-fell-through"], `${method} ${p}`).toBe("yes");
    }
  });
});

describe("standalone entry: graceful stop", () => {
  const { gracefulStop } = require_("../../lib/health/standalone-server.cjs") as {
    gracefulStop: (server: Server, graceMs: number) => (signal: string) => void;
  };

  async function slowServer(onRequest: (res: import("node:http").ServerResponse) => void): Promise<[Server, string]> {
    const server = createServer((_req, res) => onRequest(res));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
  }

  it("lets a request in flight finish, refuses new connections, then exits 0", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      let arrived!: () => void;
      const reached = new Promise<void>((r) => (arrived = r));
      const [server, base] = await slowServer((res) => {
        arrived();
        setTimeout(() => res.end("done"), 200);
      });
      const inflight = get(`${base}/slow`);
      await reached; // the request is in the server before the signal, however slow the machine
      gracefulStop(server, 5000)("SIGTERM");
      await expect(get(`${base}/new`)).rejects.toThrow(); // no longer accepting
      const res = await inflight;
      expect(res.body.toString()).toBe("done");
      await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
      expect(exit).toHaveBeenCalledTimes(1);
    } finally {
      exit.mockRestore();
    }
  });

  it("a request that never ends cannot hold the stop past the grace period; a second signal exits at once", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    try {
      let arrived!: () => void;
      const reached = new Promise<void>((r) => (arrived = r));
      const [server, base] = await slowServer(() => arrived()); // never answers
      const hung = get(`${base}/hang`).catch((e: Error) => e);
      await reached;
      const stop = gracefulStop(server, 150);
      const t0 = performance.now();
      stop("SIGTERM");
      expect(exit).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 2000 });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      expect(await hung).toBeInstanceOf(Error); // its connection was closed
      stop("SIGTERM");
      expect(exit).toHaveBeenLastCalledWith(1);
    } finally {
      exit.mockRestore();
    }
  });
});
