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
      smtpPassword: deriveSmtpPassword(secretAccessKey, "eu-west-1"),
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
});
