import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as docs } from "@/app/api/health/docs/route";
import { GET as live } from "@/app/api/health/live/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { POST as recheck } from "@/app/api/health/recheck/route";
import type { Entry } from "@/lib/health/cache";
import { renderComponentResponse, renderHealthResponse } from "@/lib/health/respond";
import type { HealthSnapshot } from "@/lib/health/snapshot";
import { SETUP_ROUTES } from "@/lib/setup/contract";

/**
 * The route contract (lib/setup/contract.ts, with lib/health/contract.ts) against the route files: every method every
 * route.ts under app/api/ exports has its request, answer and refusal declared, nothing is declared that no file
 * serves, and the schemas refuse a wrong shape while the routes' real answers pass them.
 */

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Routes with their own documented contract instead of the table's, and where it is. */
const OWN_CONTRACT: Record<string, string> = {
  "POST /api/tools/sigv4-doctor": "DoctorRequestSchema", // lib/sigv4/doctor/input-schema.ts, docs in README
};

/**
 * "METHOD /path" for every handler the route files under `<root>/app/api` export; a dynamic segment `[x]` reads
 * `{x}`, a catch-all `[...x]` or `[[...x]]` reads `{...x}`.
 */
function routeKeys(root: string): string[] {
  const keys: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/^route\.(ts|tsx|js)$/.test(name)) {
        const url = `/${path.relative(path.join(root, "app"), dir).split(path.sep).join("/")}`.replace(
          /\[\[?(\.\.\.)?([^\]]+?)\]?\]/g,
          "{$1$2}",
        );
        const text = readFileSync(p, "utf8");
        for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+([A-Z]+)\b/g))
          if (METHODS.includes(m[1])) keys.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(path.join(root, "app", "api"));
  return keys.sort();
}

/** What the table and the tree disagree on. */
function contractGaps(root: string, table: Record<string, unknown>) {
  const served = routeKeys(root).filter((k) => !(k in OWN_CONTRACT));
  return {
    undeclared: served.filter((k) => !(k in table)),
    unserved: Object.keys(table).filter((k) => !served.includes(k)),
  };
}

const ROOT = path.resolve(__dirname, "../..");
let fixture: string | undefined;
afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = undefined;
});

describe("route contract", () => {
  it("declares every route file's handlers under app/api/, and nothing else", () => {
    expect(routeKeys(ROOT)).toContain("GET /api/health/{component}");
    expect(contractGaps(ROOT, SETUP_ROUTES)).toEqual({ undeclared: [], unserved: [] });
  });

  it("the check notices a route file the table lacks and a table entry no file serves", () => {
    fixture = mkdtempSync(path.join(tmpdir(), "sesame-contract-"));
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(fixture as string, rel)), { recursive: true });
      writeFileSync(path.join(fixture as string, rel), text);
    };
    put("app/api/health/route.ts", "export async function GET() {}\n");
    put("app/api/new/[id]/route.ts", "export const DELETE = setupRoute(async () => x);\nexport const dynamic = 1;\n");
    put("app/api/link/[[...path]]/route.ts", "export async function GET() {}\n");
    const gaps = contractGaps(fixture, { "GET /api/health": {}, "POST /api/gone": {} });
    expect(gaps).toEqual({
      undeclared: ["DELETE /api/new/{id}", "GET /api/link/{...path}"],
      unserved: ["POST /api/gone"],
    });
  });

  it("the routes with their own contract still use it", () => {
    for (const [key, schema] of Object.entries(OWN_CONTRACT)) {
      const file = path.join(ROOT, "app", key.split(" ")[1], "route.ts");
      expect(readFileSync(file, "utf8")).toContain(schema);
    }
  });

  it("every entry is a request, a refusal and either an answer or an event stream, all zod schemas", () => {
    for (const [key, entry] of Object.entries(SETUP_ROUTES)) {
      const e = entry as Record<string, unknown>;
      expect(e.request, key).toBeInstanceOf(z.ZodType);
      expect(e.error, key).toBeInstanceOf(z.ZodType);
      expect("response" in e !== "events" in e, `${key}: response xor events`).toBe(true);
      expect(e.response ?? e.events, key).toBeInstanceOf(z.ZodType);
    }
  });

  it("a wrong shape fails the schemas", () => {
    const r = SETUP_ROUTES;
    expect(r["GET /api/health/live"].response.safeParse({ status: "ok", uptimeSeconds: 3 }).success).toBe(false);
    expect(r["GET /api/health"].response.safeParse({ status: "pass", version: "1" }).success).toBe(false);
    expect(r["GET /api/health/{component}"].error.safeParse({ components: ["dns"] }).success).toBe(false);
    expect(r["POST /api/health/recheck"].request.safeParse({ force: true }).success).toBe(false);
    expect(r["POST /api/setup/check"].events.safeParse({ type: "probe", probe: "sts" }).success).toBe(false);
    expect(r["POST /api/setup/check"].events.safeParse({ type: "done" }).success).toBe(false);
    expect(r["POST /api/rotate"].request.safeParse({ action: "nuke" }).success).toBe(false);
    expect(r["POST /api/setup/env/download"].response.safeParse({ text: "A=1" }).success).toBe(false);
    expect(r["GET /api/metrics"].error.safeParse({ message: "off" }).success).toBe(false);
  });

  it("the health routes' real answers pass their declared schemas", async () => {
    const r = SETUP_ROUTES;
    const liveRes = live();
    expect(r["GET /api/health/live"].response.parse(await liveRes.json()).status).toBe("pass");

    const refused = await recheck(
      new Request("http://sesame.local/api/health/recheck", {
        method: "POST",
        headers: { origin: "https://evil.example", host: "sesame.local", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(refused.status).toBe(403);
    expect(r["POST /api/health/recheck"].error.parse(await refused.json()).error).toMatch(/cross-site/);

    const before = process.env.SESAME_METRICS;
    delete process.env.SESAME_METRICS;
    try {
      const off = await metrics();
      expect(off.status).toBe(404);
      expect(r["GET /api/metrics"].error.parse(await off.json()).error).toContain("SESAME_METRICS=1");
    } finally {
      if (before !== undefined) process.env.SESAME_METRICS = before;
    }

    const page = await docs();
    expect(page.headers.get("content-type")).toContain("text/markdown");
    expect(r["GET /api/health/docs"].response.parse(await page.text())).toContain("/api/health/live");

    const snapshot: HealthSnapshot = {
      status: "fail",
      checkedAt: new Date(0).toISOString(),
      durationMs: 5,
      target: "plunk",
      region: "eu-west-1",
      source: "env-file",
      components: [
        {
          id: "credentials",
          label: "Credentials",
          key: "credentials:valid",
          status: "fail",
          summary: "The key is refused.",
          findings: [],
        },
      ],
    };
    const entry: Entry<HealthSnapshot> = { value: snapshot, checkedAt: 0, stale: false, refreshing: false };
    const whole = renderHealthResponse(entry);
    expect(whole.status).toBe(503);
    expect(r["GET /api/health"].response.parse(await whole.json()).checks["credentials:valid"]).toHaveLength(1);
    const one = renderComponentResponse(entry, "credentials");
    expect(r["GET /api/health/{component}"].response.parse(await one.json()).status).toBe("fail");
    const unknown = renderComponentResponse(entry, "nope");
    expect(unknown.status).toBe(404);
    expect(r["GET /api/health/{component}"].error.parse(await unknown.json())).toMatchObject({
      components: expect.arrayContaining(["credentials", "dns"]),
    });
  });
});
