import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Finding, Report } from "@/lib/diagnose/schema";
import { HealthJsonSchema, toHealthJson } from "@/lib/health/health-json";
import { renderComponentResponse, renderHealthResponse } from "@/lib/health/respond";
import { createHealthService, type Diagnose } from "@/lib/health/service";
import pkg from "@/package.json";

/** Per-component answers, version/releaseId/links, and a stale answer's `time` staying the time it was measured. */

let dir: string;
let envFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sesame-health-component-"));
  envFile = path.join(dir, "platform.env");
  await writeFile(
    envFile,
    "AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SES_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const finding = (code: string, severity: Finding["severity"], component: string): Finding => ({
  code,
  severity,
  title: `title of ${code}`,
  detail: "why",
  fix: `fix for ${code}`,
  evidence: {},
  component,
});

function service(diagnose: Diagnose, now: () => number = Date.now) {
  return createHealthService({
    config: {
      envFile,
      target: "plunk",
      stateDir: dir,
      healthCacheSeconds: 60,
      demo: false,
      timeoutMs: 1000,
      domain: "example.com",
    },
    diagnose,
    keyAge: async () => [finding("credentials.key-age", "pass", "keyAge")],
    processEnv: {},
    now,
  });
}

const ran =
  (findings: Finding[], probes = ["input", "identity", "account", "domain"]): Diagnose =>
  async (_input, opts) => {
    for (const probe of probes) opts.onProbe?.({ probe, status: "done" });
    const status = findings.some((f) => f.severity === "error")
      ? "fail"
      : findings.some((f) => f.severity === "warn")
        ? "warn"
        : "pass";
    return { status, findings, durationMs: 3 } satisfies Report;
  };

describe("GET /api/health/<component>", () => {
  it("answers one component with its own status code while the whole is warn", async () => {
    const svc = service(
      ran([finding("credentials.valid", "pass", "credentials"), finding("domain.pending", "error", "domain")]),
    );
    const entry = await svc.get();
    const whole = renderHealthResponse(entry);
    expect(whole.status).toBe(503);

    const credentials = renderComponentResponse(entry, "credentials");
    expect(credentials.status).toBe(200);
    expect(credentials.headers.get("content-type")).toBe("application/health+json");
    expect(credentials.headers.get("cache-control")).toBe("no-store");
    const body = HealthJsonSchema.parse(await credentials.json());
    expect(body.status).toBe("pass");
    // the key-id part of the check key selects both credential checks, and nothing else
    expect(Object.keys(body.checks).sort()).toEqual(["credentials:age", "credentials:valid"]);

    const domain = renderComponentResponse(entry, "domain");
    expect(domain.status).toBe(503);
    const d = HealthJsonSchema.parse(await domain.json());
    expect(d.status).toBe("fail");
    expect(d.checks["domain:verified"][0].output).toContain("fix for domain.pending");

    // a component id works as well as a key's component part
    const age = HealthJsonSchema.parse(await renderComponentResponse(entry, "keyAge").json());
    expect(Object.keys(age.checks)).toEqual(["credentials:age"]);
  });

  it("a known component the round did not check is warn with output saying so, never pass", async () => {
    const svc = service(ran([finding("credentials.valid", "pass", "credentials")], ["input", "identity"]));
    const res = renderComponentResponse(await svc.get(), "smtp");
    expect(res.status).toBe(200);
    const body = HealthJsonSchema.parse(await res.json());
    expect(body.status).toBe("warn");
    expect(body.checks).toEqual({});
    expect(body.output).toMatch(/^smtp was not checked in the round of /);
  });

  it("an unknown component is a 404 JSON naming the known ones", async () => {
    const svc = service(ran([]));
    const res = renderComponentResponse(await svc.get(), "nonsense");
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error).toBe('No health component "nonsense".');
    expect(body.components).toEqual(expect.arrayContaining(["credentials", "domain", "smtp", "keyAge"]));
  });
});

describe("health+json metadata", () => {
  it("carries the package version, links to the page, docs and per-component URLs, and validates", async () => {
    const { body } = toHealthJson(await service(ran([])).get());
    expect(HealthJsonSchema.parse(body)).toBeTruthy();
    expect(body.version).toBe(pkg.version);
    expect(body.links).toMatchObject({
      about: "/health",
      docs: "/api/health/docs",
      live: "/api/health/live",
      component: "/api/health/{component}",
    });
  });

  it("a stale answer keeps the time it was measured; the refreshed one carries the new time", async () => {
    let t = Date.parse("2026-11-23T11:00:00.000Z");
    let rounds = 0;
    const svc = service(
      async (input, opts) => {
        rounds++;
        return ran([finding("credentials.valid", "pass", "credentials")])(input, opts);
      },
      () => t,
    );
    const first = toHealthJson(await svc.get()).body;
    expect(first.checks["credentials:valid"][0].time).toBe("2026-11-23T11:00:00.000Z");
    t += 61_000; // past the 60 s period: the old answer is served at once while one refresh runs
    const stale = toHealthJson(await svc.get()).body;
    expect(stale.checks["credentials:valid"][0].time).toBe("2026-11-23T11:00:00.000Z");
    expect(stale.notes.at(-1)).toContain("(stale, refresh due)");
    await expect.poll(() => rounds).toBe(2);
    await expect
      .poll(async () => toHealthJson(await svc.get()).body.checks["credentials:valid"][0].time)
      .toBe("2026-11-23T11:01:01.000Z");
  });
});
