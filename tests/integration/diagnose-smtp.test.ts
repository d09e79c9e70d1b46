import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { runDiagnosis } from "@/lib/diagnose/run";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { closedPort, codes, diagnose, finding, keyOf, resetTo, startScenario } from "./diagnose-harness";

/** SMTP targets: the engine logs in to the emulator's SMTP listener (STARTTLS on its port) like the platform will. */

let em: RunningEmulator;
const key = () => keyOf("healthy", "plunk-sender");
const smtp = () => ({ target: "smtp" as const, smtpHost: "127.0.0.1", smtpPort: em.ports.smtp, smtpCa: SMTP_TLS_CERT });

beforeAll(async () => {
  em = await startScenario("healthy");
});
afterAll(async () => {
  await em?.close();
});
beforeEach(async () => {
  await resetTo(em, "healthy");
});

describe("SMTP", () => {
  it("logs in with the password derived for the region", async () => {
    const probes: string[] = [];
    const r = await runDiagnosis(
      { ...smtp(), ...key(), region: "us-east-1", endpoint: em.url, dnsServer: `127.0.0.1:${em.ports.dns}` },
      { onProbe: (e) => void (e.status === "done" && probes.push(e.probe)) },
    );
    expect(probes).toContain("smtp");
    expect(codes(r).filter((c) => c.startsWith("smtp."))).toEqual([]);
  });

  it("535 with a password derived for another region, and says so", async () => {
    const { accessKeyId, secretAccessKey } = key();
    const r = await diagnose(em, {
      ...smtp(),
      accessKeyId,
      secretAccessKey,
      smtpPassword: await deriveSmtpPassword(secretAccessKey, "eu-west-1"),
    });
    const f = finding(r, "smtp.auth-failed");
    expect(JSON.stringify(f.evidence)).toContain("eu-west-1");
    expect(f.fix.length).toBeGreaterThan(20);
  });

  it("535 when the IAM secret itself is used as the SMTP password", async () => {
    const { accessKeyId, secretAccessKey } = key();
    const r = await diagnose(em, { ...smtp(), accessKeyId, smtpPassword: secretAccessKey });
    const f = finding(r, "smtp.auth-failed");
    expect(`${f.detail} ${JSON.stringify(f.evidence)}`).toMatch(/secret/i);
    expect(JSON.stringify(r)).not.toContain(secretAccessKey);
  });

  it("an SMTP port nobody listens on", async () => {
    const r = await diagnose(em, { ...smtp(), ...key(), smtpPort: await closedPort() });
    expect(codes(r)).toContain("smtp.unreachable");
  });

  it("TLS that fails (the server's certificate is not trusted)", async () => {
    const { smtpCa: _ca, ...noCa } = smtp();
    const r = await diagnose(em, { ...noCa, ...key() });
    const f = finding(r, "smtp.tls-failed");
    expect(f.fix.length).toBeGreaterThan(20);
    expect(codes(r)).not.toContain("smtp.auth-failed");
  });

  it("a server that accepts the connection and never greets: a timeout, never a hang", async () => {
    const sockets: Socket[] = [];
    // holds the socket open without a 220 greeting
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    try {
      const started = performance.now();
      const r = await diagnose(em, {
        ...smtp(),
        ...key(),
        smtpPort: (silent.address() as AddressInfo).port,
        timeoutMs: 800,
      });
      expect(finding(r, "smtp.timeout").fix.length).toBeGreaterThan(20);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it("a region without SMTP: the derived host does not exist, said before any connection", async () => {
    const r = await diagnose(em, { target: "smtp", ...key(), region: "af-south-1" });
    expect(finding(r, "region.no-smtp").evidence.region).toBe("af-south-1");
    const f = finding(r, "smtp.region-no-smtp");
    expect(f.evidence.host).toBe("email-smtp.af-south-1.amazonaws.com");
    expect(f.fix.length).toBeGreaterThan(20);
  });
});
