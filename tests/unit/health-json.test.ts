import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SesameConfig } from "@/lib/config";
import type { DiagnoseInputRaw, Finding, Report } from "@/lib/diagnose/schema";
import { toHealthJson } from "@/lib/health/health-json";
import { renderHealthResponse } from "@/lib/health/respond";
import { createHealthService, type Diagnose } from "@/lib/health/service";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function finding(code: string, severity: Finding["severity"], component: string, evidence = {}): Finding {
  return { code, severity, title: `title of ${code}`, detail: "why", fix: `fix for ${code}`, evidence, component };
}

let dir: string;
let envFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sesame-health-"));
  envFile = path.join(dir, "platform.env");
  await writeFile(
    envFile,
    `# plunk\nAWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${KEY}\nAWS_SES_SECRET_ACCESS_KEY="${SECRET}"\n`,
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function config(over: Partial<SesameConfig> = {}): SesameConfig {
  return {
    envFile,
    target: "plunk",
    stateDir: dir,
    healthCacheSeconds: 60,
    demo: false,
    timeoutMs: 1000,
    domain: "example.com",
    ...over,
  };
}

function service(diagnose: Diagnose, over: Partial<Parameters<typeof createHealthService>[0]> = {}) {
  return createHealthService({
    config: config(),
    diagnose,
    keyAge: async () => [finding("credentials.key-age", "pass", "keyAge", { ageDays: 12 })],
    processEnv: {},
    ...over,
  });
}

const report = (findings: Finding[]): Report => ({
  status: findings.some((f) => f.severity === "error")
    ? "fail"
    : findings.some((f) => f.severity === "warn")
      ? "warn"
      : "pass",
  findings,
  durationMs: 5,
});

describe("health+json mapping", () => {
  it("pass: 200, checks keyed component:measurement, observed values, input read from the env file", async () => {
    let seen: DiagnoseInputRaw | undefined;
    const svc = service(
      async (input, opts) => {
        seen = input;
        for (const probe of ["input", "identity", "account", "permissions"]) opts.onProbe?.({ probe, status: "done" });
        return report([
          finding("credentials.valid", "pass", "credentials"),
          finding("clock.ok", "pass", "clock", { skewSeconds: 2 }),
          finding("quota.ok", "pass", "quota", { max24HourSend: 200, sentLast24Hours: 50 }),
        ]);
      },
      { config: config({ domain: undefined }) },
    );
    const { body, httpStatus } = toHealthJson(await svc.get());
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("pass");
    expect(seen).toMatchObject({
      target: "plunk",
      region: "eu-west-1",
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      readOnly: true,
    });
    // probes that ran speak for their components; without a domain, domain and DNS do not apply and are left out
    expect(Object.keys(body.checks).sort()).toEqual([
      "account:production",
      "clock:skew",
      "credentials:age",
      "credentials:valid",
      "endpoint:reachable",
      "permissions:allowed",
      "quota:used",
      "region:configured",
    ]);
    expect(body.checks["account:production"]?.[0]?.status).toBe("pass");
    expect(body.checks["clock:skew"]?.[0]).toMatchObject({ status: "pass", observedValue: 2, observedUnit: "s" });
    expect(body.checks["quota:used"]?.[0]).toMatchObject({ observedValue: 25, observedUnit: "%" });
    expect(body.checks["credentials:age"]?.[0]).toMatchObject({ observedValue: 12, observedUnit: "d" });
    expect(body.notes).toContain("access key AKIA…MPLE");
  });

  it("warn maps to 200 and fail to 503, with the finding and fix in output", async () => {
    const warn = service(async () => report([finding("account.sandbox", "warn", "account")]));
    const w = toHealthJson(await warn.get());
    expect([w.httpStatus, w.body.status]).toEqual([200, "warn"]);
    expect(w.body.checks["account:production"]?.[0]?.output).toContain("fix for account.sandbox");

    const fail = service(async () => report([finding("credentials.invalid-key", "error", "credentials")]));
    const res = renderHealthResponse(await fail.get());
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/health+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body.status).toBe("fail");
    expect(body.checks["credentials:valid"][0].status).toBe("fail");
  });

  it("no credentials anywhere: fail with an env finding and no engine call", async () => {
    await writeFile(envFile, "UNRELATED=1\n");
    let called = false;
    const svc = service(async () => {
      called = true;
      return report([]);
    });
    const { body, httpStatus } = toHealthJson(await svc.get());
    expect(called).toBe(false);
    expect(httpStatus).toBe(503);
    expect(body.checks["env:file"]?.[0]?.output).toContain("env.health-no-credentials");
    // the rest is not checked, and says the known cause rather than "no check ran"
    expect(body.checks["credentials:valid"]?.[0]?.status).toBe("warn");
    expect(body.checks["credentials:valid"]?.[0]?.output).toContain(
      "Credentials not checked: there are no credentials to check (env.health-no-credentials)",
    );
  });

  it("falls back to the process environment when the env file is missing", async () => {
    await rm(envFile);
    let seen: DiagnoseInputRaw | undefined;
    const svc = service(
      async (input) => {
        seen = input;
        return report([finding("credentials.valid", "pass", "credentials")]);
      },
      { processEnv: { AWS_SES_ACCESS_KEY_ID: KEY, AWS_SES_SECRET_ACCESS_KEY: SECRET, AWS_SES_REGION: "us-west-2" } },
    );
    const e = await svc.get();
    expect(e.value.source).toBe("process-env");
    expect(seen?.region).toBe("us-west-2");
  });

  it("a round that overruns the deadline is a bounded 503 with a clear output", async () => {
    const svc = service(() => new Promise<Report>(() => {}), { deadlineMs: 100 });
    const t0 = Date.now();
    const { body, httpStatus } = toHealthJson(await svc.get());
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(httpStatus).toBe(503);
    expect(body.output).toMatch(/did not answer within/);
    expect(body.checks["endpoint:reachable"]?.[0]?.status).toBe("fail");
  });

  it("an outage after a good round keeps the good result but never reports a clean pass", async () => {
    let clock = 1_000_000;
    let down = false;
    const svc = service(
      async () =>
        down
          ? report([finding("endpoint.unreachable", "error", "endpoint")])
          : report([finding("credentials.valid", "pass", "credentials")]),
      { now: () => clock },
    );
    await svc.get();
    down = true;
    clock += 61_000;
    await svc.get();
    // The failed refresh runs in the background: wait for it to settle instead of for a fixed time (a loaded CI
    // machine can take longer than any fixed sleep). Never settling fails the test at the timeout.
    const { body, httpStatus } = await vi.waitFor(
      async () => {
        const answer = toHealthJson(await svc.get());
        expect(answer.body.notes.join("\n")).toMatch(/last refresh .* failed/);
        return answer;
      },
      { timeout: 5000, interval: 10 },
    );
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("warn");
  });

  it("never puts the secret in the JSON, even when the engine's evidence echoes the key id", async () => {
    const svc = service(async () =>
      report([finding("credentials.invalid-key", "error", "credentials", { accessKeyId: "AKIA…MPLE" })]),
    );
    const text = await renderHealthResponse(await svc.get()).text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY);
  });
});

describe("components", () => {
  it("a credentials failure marks later components as not checked instead of passing them", async () => {
    const svc = service(async (_input, opts) => {
      for (const probe of ["input", "identity", "account", "permissions"]) opts.onProbe?.({ probe, status: "done" });
      return report([finding("credentials.unknown-key", "error", "credentials")]);
    });
    const e = await svc.get();
    const byId = Object.fromEntries(e.value.components.map((c) => [c.id, c]));
    expect(byId.credentials?.status).toBe("fail");
    // not checked is a warning that says why, never a pass and never left out (issue 10 #3)
    for (const id of ["permissions", "account", "domain"]) {
      expect(byId[id]?.status, id).toBe("warn");
      expect(byId[id]?.summary, id).toMatch(/not checked/);
    }
    const { body } = toHealthJson(e);
    expect(body.checks["permissions:allowed"]?.[0]?.status).toBe("warn");
    expect(body.checks["permissions:allowed"]?.[0]?.output).toMatch(
      /health.not-checked: Permissions not checked: AWS refused the credentials \(credentials.unknown-key\) — Fix the credentials first/,
    );
    expect(body.checks["domain:verified"]?.[0]?.status).toBe("warn");
  });

  it("a component the round did not check is a warning with output saying why, never a pass (issue 10 #3)", async () => {
    // only the input and identity probes finished; the domain and permission checks never ran
    const svc = service(async (_input, opts) => {
      for (const probe of ["input", "identity"]) opts.onProbe?.({ probe, status: "done" });
      return report([]);
    });
    const { body } = toHealthJson(await svc.get());
    for (const key of ["domain:verified", "permissions:allowed", "account:production", "dns:records"]) {
      expect(body.checks[key]?.[0]?.status, key).toBe("warn");
      expect(body.checks[key]?.[0]?.output, key).toContain("not checked: no check of it ran in this round");
    }
    expect(body.status).toBe("warn");
  });
});
