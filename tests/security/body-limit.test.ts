import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSesame, signIn, startSesame } from "./sesame-server";

/**
 * Issue 11 item 3: every route that reads a body reads at most its limit from the stream, whatever Content-Length
 * says, and answers 413. A 300 MB chunked upload (no Content-Length) to each of them must leave the Next server's
 * resident memory (read from /proc) under 150 MB above its baseline.
 */
const ROUTES = [
  "/api/setup/session",
  "/api/setup/target",
  "/api/setup/iam/manual",
  "/api/setup/iam/auto",
  "/api/setup/domain",
  "/api/setup/send",
  "/api/setup/env",
  "/api/setup/demo/dns",
  "/api/setup/events",
  "/api/setup/smtp-ports",
  "/api/rotate",
  "/api/tools/sigv4-doctor",
];
const UPLOAD = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x61); // "aaaa…": a JSON string that never ends

let s: RunningSesame;
let cookie: string;

/** Resident set of the server process and its children (next start may serve from a child). */
function rssBytes(pid: number): number {
  const pids = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  } catch {}
  let total = 0;
  for (const p of pids) {
    try {
      const m = readFileSync(`/proc/${p}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      total += Number(m?.[1] ?? 0) * 1024;
    } catch {}
  }
  return total;
}

/** Stream `bytes` chunked (no Content-Length) until the server answers; resolves with the status and bytes sent. */
function chunkedUpload(path: string, bytes: number): Promise<{ status: number; sent: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, s.url);
    let sent = 0;
    let answered = false;
    const req = request(
      u,
      {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked", cookie },
      },
      (res) => {
        answered = true;
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, sent, body });
          req.destroy();
        });
      },
    );
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    req.write('{"token":"');
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end('"}');
    };
    pump();
  });
}

beforeAll(async () => {
  s = await startSesame();
  cookie = await signIn(s);
  // load every route's bundle first, so the baseline is a warm server
  for (const r of ROUTES) {
    await fetch(`${s.url}${r}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: "{}",
    });
  }
}, 90_000);
afterAll(async () => s?.stop());

describe("bounded request bodies", () => {
  it("a 300 MB chunked upload to every body-reading route is answered 413 with memory bounded", async () => {
    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssBytes(s.pid);
    expect(baseline).toBeGreaterThan(20 * 1024 * 1024); // the probe reads the real server
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssBytes(s.pid));
    }, 20);
    try {
      for (const r of ROUTES) {
        const res = await chunkedUpload(r, UPLOAD);
        expect(res.status, `${r}: ${res.body}`).toBe(413);
        expect(JSON.parse(res.body).error, r).toMatch(/too large/i);
      }
      // three at once to the largest limit
      const three = await Promise.all([1, 2, 3].map(() => chunkedUpload("/api/tools/sigv4-doctor", UPLOAD)));
      for (const res of three) expect(res.status).toBe(413);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssBytes(s.pid));
    expect(peak - baseline, `baseline ${baseline >> 20} MB, peak ${peak >> 20} MB`).toBeLessThan(150 * 1024 * 1024);
  }, 240_000);

  it("a declared Content-Length over the limit is refused before the body is read", async () => {
    const res = await fetch(`${s.url}/api/tools/sigv4-doctor`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"text":"${"a".repeat(2 * 1024 * 1024)}"}`,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/limit 512 KB/);
  });

  it("an ordinary small body still works", async () => {
    const res = await fetch(`${s.url}/api/tools/sigv4-doctor`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorBody: "<Error><Code>SignatureDoesNotMatch</Code></Error>" }),
    });
    expect(res.status).toBe(200);
  });
});
