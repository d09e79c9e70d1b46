import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SesameConfig } from "@/lib/config";
import { doctorMain } from "@/lib/diagnose/doctor-cli";
import { ReportSchema } from "@/lib/diagnose/schema";
import { runEngine } from "@/lib/health/engine";
import { toHealthJson } from "@/lib/health/health-json";
import { createHealthService } from "@/lib/health/service";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * Issue 10 #1 and issue 11 #11: an endpoint that does not answer like AWS, or an AWS that answers every call with 5xx
 * or throttling, never verified the credentials. The doctor names what came back, exits 1, and derives nothing else
 * from it; health says fail on a cold start. Plain Node HTTP servers play the strangers; the stand-in plays AWS down.
 */

const KEY = { id: "AKIAEXAMPLEHEALTH001", secret: "healthEXAMPLEsecret/000000000000000000+1" };

interface Stranger {
  url: string;
  close(): Promise<void>;
}

async function stranger(status: number, headers: Record<string, string>, body: string): Promise<Stranger> {
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

async function doctor(endpoint: string, extra: string[] = []) {
  let stdout = "";
  const code = await doctorMain(["--json", "--target", "plunk", "--domain", "example.com", ...extra], {
    stdout: (s) => {
      stdout += s;
    },
    stderr: () => {},
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_SES_ACCESS_KEY_ID: KEY.id,
      AWS_SES_SECRET_ACCESS_KEY: KEY.secret,
      AWS_SES_REGION: "eu-west-1",
      SESAME_TIMEOUT_MS: "2000",
    },
    tty: false,
  });
  return { code, report: ReportSchema.parse(JSON.parse(stdout)) };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sesame-not-aws-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function health(endpoint: string) {
  const envFile = path.join(dir, "platform.env");
  await writeFile(
    envFile,
    `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${KEY.id}\nAWS_SES_SECRET_ACCESS_KEY='${KEY.secret}'\n`,
  );
  const config: SesameConfig = {
    envFile,
    target: "plunk",
    stateDir: dir,
    domain: "example.com",
    endpoint,
    healthCacheSeconds: 60,
    demo: false,
    timeoutMs: 2000,
  };
  const service = createHealthService({ config, diagnose: runEngine, processEnv: {} });
  return toHealthJson(await service.get());
}

const CASES: { name: string; status: number; headers: Record<string, string>; body: string; says: RegExp }[] = [
  {
    name: "HTML 200 to everything",
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: "<!doctype html><html><head><title>Welcome to nginx!</title></head><body>hi</body></html>",
    says: /HTTP 200 with an HTML page \(Content-Type text\/html; charset=utf-8\).*Welcome to nginx!/,
  },
  {
    name: "HTML 200 without a Content-Type",
    status: 200,
    headers: {},
    body: "<html><body>Captive portal: please log in</body></html>",
    says: /HTTP 200 with an HTML page.*Captive portal/,
  },
  {
    name: "404 to everything",
    status: 404,
    headers: { "content-type": "text/plain" },
    body: "Not Found",
    says: /HTTP 404/,
  },
  { name: "501 to everything", status: 501, headers: {}, body: "", says: /HTTP 501 \(not implemented\)/ },
];

describe("an endpoint that is not AWS (plain HTTP servers)", () => {
  for (const c of CASES) {
    it(`${c.name}: doctor exit 1 with endpoint.not-aws and nothing derived from it; health fail`, async () => {
      const s = await stranger(c.status, c.headers, c.body);
      try {
        const { code, report } = await doctor(s.url);
        expect(code).toBe(1);
        expect(report.status).toBe("fail");
        const codes = report.findings.map((f) => f.code);
        expect(codes).toContain("endpoint.not-aws");
        for (const derived of ["permissions.missing", "identity.missing", "identity.not-checked", "account.sandbox"])
          expect(codes).not.toContain(derived);
        expect(codes.filter((x) => !x.startsWith("endpoint."))).toEqual([]);
        const f = report.findings.find((x) => x.code === "endpoint.not-aws");
        expect(f?.severity).toBe("error");
        expect(f?.title).toContain(s.url);
        expect(f?.detail).toMatch(c.says);
        expect(f?.detail).toMatch(/STS GetCallerIdentity|SES /);
        expect(`${f?.title} ${f?.detail} ${f?.fix}`).not.toMatch(/\(unknown\)|\{\w+\}/);

        const h = await health(s.url);
        expect(h.httpStatus).toBe(503);
        expect(h.body.status).toBe("fail");
        for (const key of ["credentials:valid", "account:production", "domain:verified", "permissions:allowed"])
          expect(h.body.checks[key]?.[0]?.status, key).not.toBe("pass");
      } finally {
        await s.close();
      }
    });
  }
});

describe("AWS answering every call with 5xx or throttling (the stand-in's faults)", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator({
      accountId: "123456789012",
      users: [
        {
          name: "platform",
          managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
          accessKeys: [{ id: KEY.id, secret: KEY.secret }],
        },
      ],
      regions: { "eu-west-1": { sandbox: false } },
      identities: [{ region: "eu-west-1", identity: "example.com", status: "Success" }],
    });
  });
  afterAll(async () => emu?.close());

  for (const [name, faults, answer] of [
    ["errorEvery 1, errorStatus 503", { errorEvery: 1, errorStatus: 503 }, /answered with a server error/],
    ["throttleEvery 1", { throttleEvery: 1 }, /throttled the check/],
  ] as const) {
    it(`${name}: credentials unverified, doctor exit 1, health fail on a cold start`, async () => {
      await emu.admin("faults/reset", { method: "POST" });
      await emu.admin("faults", { json: faults });
      try {
        const { code, report } = await doctor(emu.url);
        expect(code).toBe(1);
        const f = report.findings.find((x) => x.code === "endpoint.credentials-unverified");
        expect(f?.severity).toBe("error");
        expect(f?.title).toMatch(answer);
        expect(report.findings.map((x) => x.code)).not.toContain("permissions.missing");
        const h = await health(emu.url);
        expect(h.httpStatus).toBe(503);
        expect(h.body.status).toBe("fail");
        expect(h.body.checks["credentials:valid"]?.[0]?.status).not.toBe("pass");
      } finally {
        await emu.admin("faults/reset", { method: "POST" });
      }
    });
  }
});
