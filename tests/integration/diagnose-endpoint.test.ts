import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { type ProbeEvent, runDiagnosis } from "@/lib/diagnose/run";
import { ReportSchema } from "@/lib/diagnose/schema";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { closedPort, codes, diagnose, finding, keyOf, resetTo, setFaults, startScenario } from "./diagnose-harness";

/** Endpoint trouble is named, never a hang; several faults at once are all reported, in fix-first order. */

let em: RunningEmulator;
const key = () => keyOf("healthy", "plunk-sender");
beforeAll(async () => {
  em = await startScenario("healthy");
});
afterAll(async () => {
  await em?.close();
});
beforeEach(async () => {
  await resetTo(em, "healthy");
});

describe("endpoint", () => {
  it("unreachable", async () => {
    const port = await closedPort();
    const r = await diagnose(em, { ...key(), endpoint: `http://127.0.0.1:${port}`, domain: "example.com" });
    const f = finding(r, "endpoint.unreachable");
    expect(f.evidence.errorCode).toBe("ECONNREFUSED");
    expect(f.fix).toMatch(/AWS_ENDPOINT_URL/);
    expect(codes(r).every((c) => c.startsWith("endpoint."))).toBe(true);
    // one finding per endpoint, not one per call
    expect(codes(r).filter((c) => c === "endpoint.unreachable")).toHaveLength(1);
  });

  it("per-service endpoints (AWS_ENDPOINT_URL_SES/_IAM/_STS/_SNS) override the general one", async () => {
    const port = await closedPort();
    const r = await diagnose(em, {
      ...key(),
      domain: "example.com",
      endpoint: `http://127.0.0.1:${port}`,
      endpoints: { ses: em.url, iam: em.url, sts: em.url, sns: em.url },
    });
    expect(r.status).toBe("pass");
    const partial = await diagnose(em, { ...key(), endpoint: `http://127.0.0.1:${port}`, endpoints: { sts: em.url } });
    expect(finding(partial, "endpoint.unreachable").evidence.service).toBe("SES");
    expect(codes(partial)).not.toContain("credentials.unknown-key");
  });

  it("timeout: a slow endpoint is cut off at the deadline", async () => {
    await setFaults(em, { latencyMs: 2000 });
    const started = Date.now();
    const r = await diagnose(em, { ...key(), timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1900);
    const f = finding(r, "endpoint.timeout");
    expect(f.evidence.timeoutMs).toBe(300);
    expect(f.fix).toMatch(/network path/);
  });

  it("TLS failure", async () => {
    const r = await diagnose(em, { ...key(), endpoint: em.url.replace("http://", "https://") });
    const f = finding(r, "endpoint.tls");
    expect(f.fix).toMatch(/NODE_EXTRA_CA_CERTS|scheme/);
  });

  it("5xx", async () => {
    await setFaults(em, { errorEvery: 1 });
    const r = await diagnose(em, key());
    const f = finding(r, "endpoint.server-error");
    expect(f.evidence.status).toBe(500);
    expect(f.fix).toMatch(/Retry/);
  });

  it("throttling", async () => {
    await setFaults(em, { throttleEvery: 1 });
    const r = await diagnose(em, key());
    const f = finding(r, "endpoint.throttled");
    expect(String(f.evidence.errorCode)).toMatch(/Throttl|TooManyRequests/);
    expect(f.fix).toMatch(/send rate/);
  });
});

describe("several faults at once", () => {
  it("reports all of them, ordered by what to fix first", async () => {
    await resetTo(em, "combined");
    await setFaults(em, { clockOffsetSeconds: 150 });
    const { accessKeyId, secretAccessKey } = keyOf("combined", "plunk-docs-policy");
    const r = await diagnose(em, {
      accessKeyId,
      secretAccessKey: `${secretAccessKey} `,
      domain: "example.com",
      target: "plunk",
    });
    const c = codes(r);
    const expected = [
      "credentials.whitespace",
      "clock.skew",
      "permissions.missing",
      "account.sandbox",
      "identity.pending",
    ];
    for (const code of expected) expect(c).toContain(code);
    const positions = expected.map((code) => c.indexOf(code));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(r.status).toBe("fail");
    for (const f of r.findings) expect(f.fix.length).toBeGreaterThan(20);
  });
});

describe("streaming and output hygiene", () => {
  it("streams probe start/done events whose findings add up to the report", async () => {
    const events: ProbeEvent[] = [];
    const r = await runDiagnosis(
      { target: "plunk", region: "us-east-1", endpoint: em.url, ...key(), domain: "nowhere.example.net" },
      { onProbe: (e) => events.push(e) },
    );
    const done = events.filter((e) => e.status === "done");
    expect(
      events
        .filter((e) => e.status === "start")
        .map((e) => e.probe)
        .sort(),
    ).toEqual(done.map((e) => e.probe).sort());
    expect(done.map((e) => e.probe)).toEqual(
      expect.arrayContaining(["input", "identity", "account", "domain", "region-scan", "permissions"]),
    );
    expect(events[0]).toEqual({
      probe: "input",
      label: "Credentials and region as entered",
      status: "start",
      findings: [],
    });
    const streamed = new Set(done.flatMap((e) => e.findings.map((f) => f.code)));
    expect(new Set(codes(r))).toEqual(streamed);
    expect(ReportSchema.parse(r)).toEqual(r);
  });

  it("rejects malformed input with a validation error instead of running", async () => {
    await expect(runDiagnosis({ target: "nope" as never })).rejects.toThrow();
    await expect(runDiagnosis({ endpoint: "not a url" })).rejects.toThrow();
  });

  it("never puts a secret, session token or SMTP password in the report", async () => {
    const { accessKeyId, secretAccessKey } = key();
    const token = "FwoGZXIvYXdzEXAMPLEsessiontokenSECRETISH";
    const inputs = [
      { accessKeyId, secretAccessKey: ` '${secretAccessKey}'\n` },
      { accessKeyId: secretAccessKey, secretAccessKey: accessKeyId },
      { accessKeyId, secretAccessKey: await deriveSmtpPassword(secretAccessKey, "us-east-1") },
      { accessKeyId: "ASIAEXAMPLETEMP00009", secretAccessKey, sessionToken: token },
      { accessKeyId, secretAccessKey: secretAccessKey.slice(0, 37) },
    ];
    for (const input of inputs) {
      const text = JSON.stringify(await diagnose(em, { ...input, domain: "example.com" }));
      expect(text).not.toContain(secretAccessKey);
      expect(text).not.toContain(secretAccessKey.slice(0, 16));
      expect(text).not.toContain(token);
      expect(text).not.toContain(await deriveSmtpPassword(secretAccessKey, "us-east-1"));
      expect(text).not.toContain(accessKeyId);
    }
  });
});
