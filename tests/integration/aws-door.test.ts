import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { AwsDoor, classifyError, endpointsFromEnv, signingRegion } from "@/lib/aws";
import { type RecordingProxy, startRecordingProxy } from "../helpers/recording-proxy";
import { demoAccessKey, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * The one AWS door: the wizard's routes send each service to its own AWS_ENDPOINT_URL_<SERVICE>, sign global IAM
 * for the partition's region, and a dropped connection is not reported as a timeout.
 */

const cookie = { value: "" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "sesame_setup" ? { value: cookie.value } : undefined) }),
}));

const bootstrap = demoAccessKey("sesame-bootstrap");
const dir = mkdtempSync(path.join(tmpdir(), "sesame-door-"));
let emu: RunningEmulator;
const proxies: Record<"ses" | "iam" | "sts", RecordingProxy> = {} as never;

const ORIGIN = "http://127.0.0.1:3101";
function post(url: string, body: unknown): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: "POST",
    headers: {
      host: "127.0.0.1:3101",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
  for (const s of ["ses", "iam", "sts"] as const) proxies[s] = await startRecordingProxy(emu.url);
  process.env.SESAME_STATE_DIR = dir;
  process.env.SESAME_SETUP_TOKEN = "door-test-token-0123456789abcdef";
  // Nothing listens on port 9: a call that ignored its per-service variable fails instead of reaching the emulator.
  process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
  process.env.AWS_ENDPOINT_URL_SES = proxies.ses.url;
  process.env.AWS_ENDPOINT_URL_IAM = proxies.iam.url;
  process.env.AWS_ENDPOINT_URL_STS = proxies.sts.url;
  process.env.SESAME_TIMEOUT_MS = "4000";
  const { openSession } = await import("@/lib/setup/session-table");
  cookie.value = openSession().cookie;
});
afterAll(async () => {
  for (const k of ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SES", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS"])
    delete process.env[k];
  for (const p of Object.values(proxies)) await p?.close();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  for (const p of Object.values(proxies)) p.calls.length = 0;
  await fetch(`${emu.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demo),
  });
});

async function chooseRegion(region: string) {
  const { updateState } = await import("@/lib/setup/state");
  await updateState((s) => {
    s.target = "plunk";
    s.region = region;
    s.endpoint = undefined;
    return s;
  });
}

describe("the wizard's routes use the per-service endpoint variables", () => {
  it("automatic IAM: STS to AWS_ENDPOINT_URL_STS, IAM to AWS_ENDPOINT_URL_IAM, nothing to the shared endpoint", async () => {
    await chooseRegion("us-east-1");
    const { POST } = await import("@/app/api/setup/iam/auto/route");
    const res = await POST(
      post("/api/setup/iam/auto", {
        accessKeyId: bootstrap.id,
        secretAccessKey: bootstrap.secret,
        userName: "sesame-door-test",
      }),
    );
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(proxies.sts.calls.map((c) => c.action)).toEqual(["GetCallerIdentity"]);
    expect(proxies.iam.calls.map((c) => c.action)).toEqual(["CreateUser", "PutUserPolicy", "CreateAccessKey"]);
    expect(proxies.iam.calls.every((c) => c.scopeService === "iam" && c.scopeRegion === "us-east-1")).toBe(true);
    expect(proxies.ses.calls).toEqual([]);

    // The domain step with the new key: SES v1 (Plunk) calls only to AWS_ENDPOINT_URL_SES.
    const domain = await import("@/app/api/setup/domain/route");
    const d = await domain.POST(post("/api/setup/domain", { domain: "door.example.net", mailFromSubdomain: "bounce" }));
    expect(d.status, JSON.stringify(await d.clone().json())).toBe(200);
    expect(proxies.ses.calls.length).toBeGreaterThan(0);
    // every SES call (the identity in us-east-1, and the look for it in the other regions first) to the SES variable
    expect(proxies.ses.calls.every((c) => c.scopeService === "ses")).toBe(true);
    expect(proxies.ses.calls.filter((c) => c.scopeRegion === "us-east-1").map((c) => c.action)).toContain(
      "VerifyDomainDkim",
    );

    // The check step's engine input carries the same per-service endpoints.
    const { validSession } = await import("@/lib/setup/session-table");
    const { readyContext } = await import("@/lib/setup/context");
    const { diagnoseInputFor } = await import("@/lib/setup/diagnose-input");
    const input = await diagnoseInputFor(await readyContext(validSession(cookie.value) as string));
    expect(input.endpoints).toMatchObject({ ses: proxies.ses.url, iam: proxies.iam.url, sts: proxies.sts.url });
    // and the MAIL FROM domain the Domain step set, so its MX/SPF are resolved whatever the key may read (issue 10 #4)
    expect(input.domain).toBe("door.example.net");
    expect(input.mailFromDomain).toBe("bounce.door.example.net");
  });

  it("GovCloud: IAM is signed for us-gov-west-1, STS for the platform's region", async () => {
    await chooseRegion("us-gov-west-1");
    const { POST } = await import("@/app/api/setup/iam/auto/route");
    await POST(
      post("/api/setup/iam/auto", {
        accessKeyId: bootstrap.id,
        secretAccessKey: bootstrap.secret,
        userName: "sesame-door-gov",
      }),
    );
    expect(proxies.sts.calls[0]?.scopeRegion).toBe("us-gov-west-1");
    expect(proxies.iam.calls.length).toBeGreaterThan(0);
    expect(proxies.iam.calls.map((c) => c.scopeRegion)).toEqual(proxies.iam.calls.map(() => "us-gov-west-1"));
  });

  it("refuses a bootstrap SMTP password with the forensics finding before calling AWS", async () => {
    await chooseRegion("us-east-1");
    const { POST } = await import("@/app/api/setup/iam/auto/route");
    const { deriveSmtpPassword } = await import("@/lib/sigv4/smtp-password");
    const res = await POST(
      post("/api/setup/iam/auto", {
        accessKeyId: bootstrap.id,
        secretAccessKey: await deriveSmtpPassword(bootstrap.secret, "us-east-1"),
        userName: "sesame-door-smtp",
      }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.findings.map((f: { code: string }) => f.code)).toContain("credentials.smtp-password-as-secret");
    expect(proxies.sts.calls).toEqual([]);
    expect(proxies.iam.calls).toEqual([]);
  });
});

describe("endpoint table and signing regions", () => {
  it("reads every per-service variable, the specific one over AWS_ENDPOINT_URL", () => {
    const e = endpointsFromEnv({
      AWS_ENDPOINT_URL: "http://all",
      AWS_ENDPOINT_URL_SES: "http://ses",
      AWS_ENDPOINT_URL_SNS: "http://sns",
      AWS_ENDPOINT_URL_ROUTE_53: "http://r53",
    });
    expect(e).toEqual({
      endpoint: "http://all",
      endpoints: { ses: "http://ses", sesv2: "http://ses", sns: "http://sns", route53: "http://r53" },
    });
  });
  it("signs global services for the partition's region", () => {
    expect(signingRegion("iam", "eu-west-1")).toBe("us-east-1");
    expect(signingRegion("iam", "us-gov-east-1")).toBe("us-gov-west-1");
    expect(signingRegion("iam", "cn-northwest-1")).toBe("cn-north-1");
    expect(signingRegion("sts", "eu-west-1")).toBe("eu-west-1");
  });
});

describe("a dropped connection", () => {
  it("is a reset, named at once, not 'did not answer within the deadline'", async () => {
    await fetch(`${emu.url}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dropEvery: 1 }),
    });
    try {
      const door = new AwsDoor(
        { timeoutMs: 5000, endpoint: emu.url },
        { accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret },
      );
      const started = Date.now();
      const r = await door.call("sts", "us-east-1", "GetCallerIdentity", (sdk) => new sdk.GetCallerIdentityCommand({}));
      door.destroy();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.kind).toBe("unreachable");
      expect(r.error.code).toMatch(/ECONNRESET|EPIPE/);
    } finally {
      await fetch(`${emu.url}/_emulator/faults/reset`, { method: "POST" });
    }
  });
  it("the SDK's own TimeoutError for a reset socket is still classified as a reset", () => {
    const err = Object.assign(new Error("socket hang up"), { name: "TimeoutError", code: "ECONNRESET" });
    expect(classifyError(err)).toMatchObject({ kind: "unreachable", code: "ECONNRESET" });
    const late = Object.assign(new Error("Connection timed out after 5000 ms"), { name: "TimeoutError" });
    expect(classifyError(late).kind).toBe("timeout");
  });
});
