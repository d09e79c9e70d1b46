import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { runDiagnosis } from "@/lib/diagnose/run";
import { ReportSchema } from "@/lib/diagnose/schema";
import { portAdvice, recommendedPort } from "@/lib/smtp/port-advice";
import { parsePortMap, probeSmtpPorts } from "@/lib/smtp/ports";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { runDoctorCli } from "../helpers/doctor-cli";

/**
 * The port matrix against the stand-in's real listeners: STARTTLS, implicit TLS, a port that accepts and never
 * answers, and a closed one — reachable, TLS failure, timeout and refused, each measured, none faked.
 */

const SENDER = { id: "AKIAEXAMPLEPORTS0001", secret: "portsEXAMPLEsecret/000000000000000000+01" };
const HOST = "email-smtp.us-east-1.amazonaws.com";
let emu: RunningEmulator;
let closedPort: number;
let starttls: number;
let implicit: number;
let silent: number;

/** a port that was free a moment ago and has nothing listening now */
async function closedLocalPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  emu = await startEmulator(
    {
      users: [
        {
          name: "sender",
          inlinePolicies: {
            send: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }],
            },
          },
          accessKeys: [SENDER],
        },
      ],
      regions: { "us-east-1": { sandbox: false } },
      identities: [{ region: "us-east-1", identity: "ports.example", status: "Success" }],
    },
    {
      quiet: true,
      smtpListeners: [
        { port: 0, mode: "implicit" },
        { port: 0, mode: "silent" },
      ],
    },
  );
  starttls = emu.ports.smtp;
  implicit = emu.ports.smtpListeners.find((l) => l.mode === "implicit")?.port as number;
  silent = emu.ports.smtpListeners.find((l) => l.mode === "silent")?.port as number;
  closedPort = await closedLocalPort();
});

afterAll(async () => {
  await emu?.close();
});

const at = (port: number) => ({ host: "127.0.0.1", port });

describe("stand-in SMTP listeners", () => {
  it("the implicit-TLS listener takes a login and a message with TLS from the first byte", async () => {
    const t = nodemailer.createTransport({
      host: "127.0.0.1",
      port: implicit,
      secure: true,
      tls: { ca: SMTP_TLS_CERT, servername: HOST },
      auth: { user: SENDER.id, pass: await deriveSmtpPassword(SENDER.secret, "us-east-1") },
      connectionTimeout: 3000,
      greetingTimeout: 3000,
      socketTimeout: 3000,
    });
    const info = await t.sendMail({ from: "a@ports.example", to: "b@elsewhere.example", subject: "s", text: "t" });
    t.close();
    expect(info.response).toMatch(/^250 Ok /);
    const sent = (await (await fetch(`${emu.url}/_emulator/sent`)).json()) as { to: string[]; via: string }[];
    expect(sent).toContainEqual(expect.objectContaining({ to: ["b@elsewhere.example"], via: "smtp" }));
  });

  it("a plain (STARTTLS) client gets no greeting from the implicit-TLS listener, like from SES's 465", async () => {
    const [r] = await probeSmtpPorts({
      host: HOST,
      timeoutMs: 1000,
      ca: SMTP_TLS_CERT,
      dial: { 587: at(implicit) },
    }).then((all) => all.filter((x) => x.port === 587));
    expect(r).toMatchObject({ outcome: "timeout", stage: "greeting" });
  });
});

describe("probeSmtpPorts", () => {
  it("reports reachable, TLS failure and timeout per port, all ports at once, and recommends 587", async () => {
    // generous per-stage deadline: a loaded machine must not turn a working TLS handshake into a timeout
    const timeoutMs = 1500;
    const started = Date.now();
    const results = await probeSmtpPorts({
      host: HOST,
      timeoutMs,
      ca: SMTP_TLS_CERT,
      dial: {
        587: at(starttls),
        465: at(implicit),
        // TLS from the first byte against a plain SMTP listener: the handshake fails
        2465: at(starttls),
        // two silent ports: one after the other they would take two deadlines
        2587: at(silent),
        25: at(silent),
      },
    });
    const elapsed = Date.now() - started;
    const by = Object.fromEntries(results.map((r) => [r.port, r]));
    expect(by[587]).toMatchObject({ tls: "starttls", outcome: "reachable", stage: "done" });
    expect(by[465]).toMatchObject({ tls: "implicit", outcome: "reachable", stage: "done" });
    expect(by[2465]).toMatchObject({ outcome: "tls-failed", stage: "tls" });
    expect(by[2587]).toMatchObject({ outcome: "timeout", stage: "greeting" });
    expect(by[25]).toMatchObject({ outcome: "timeout", stage: "greeting" });
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(2 * timeoutMs);
    expect(recommendedPort(results)).toMatchObject({ port: 587, tls: "starttls" });
  });

  it("a closed port is refused at connect", async () => {
    const results = await probeSmtpPorts({
      host: HOST,
      timeoutMs: 1500,
      ca: SMTP_TLS_CERT,
      dial: { 2587: at(closedPort), 587: at(starttls) },
    });
    const by = Object.fromEntries(results.map((r) => [r.port, r]));
    expect(by[2587]).toMatchObject({ outcome: "refused", stage: "connect" });
    expect(by[587]).toMatchObject({ outcome: "reachable" });
  });

  it("a certificate the client does not trust is a TLS failure, not 'reachable'", async () => {
    const results = await probeSmtpPorts({
      host: HOST,
      timeoutMs: 1500,
      dial: { 587: at(starttls), 465: at(implicit) },
    });
    const by = Object.fromEntries(results.map((r) => [r.port, r]));
    expect(by[587]).toMatchObject({ outcome: "tls-failed" });
    expect(by[465]).toMatchObject({ outcome: "tls-failed" });
    expect(by[465].detail).toMatch(/certificate/i);
  });

  it("with only implicit TLS open it recommends 465 and the SMTP target's secure flag", async () => {
    const results = await probeSmtpPorts({
      host: HOST,
      timeoutMs: 1500,
      ca: SMTP_TLS_CERT,
      dial: { 587: at(silent), 2587: at(silent), 25: at(closedPort), 465: at(implicit), 2465: at(implicit) },
    });
    const best = recommendedPort(results);
    expect(best).toMatchObject({ port: 465, tls: "implicit" });
    const advice = portAdvice("smtp", best as { port: number; tls: "implicit" });
    expect(advice[0].settings).toEqual([
      { name: "SMTP_PORT", value: "465" },
      { name: "SMTP_SECURE", value: "true" },
    ]);
    expect(advice.find((a) => a.app === "listmonk")?.settings).toContainEqual({ name: "TLS", value: "SSL/TLS" });
  });

  it("nothing reachable: no recommendation", async () => {
    const results = await probeSmtpPorts({
      host: HOST,
      timeoutMs: 300,
      dial: Object.fromEntries([25, 587, 2587, 465, 2465].map((p) => [p, at(closedPort)])),
    });
    expect(results.every((r) => r.outcome === "refused")).toBe(true);
    expect(recommendedPort(results)).toBeUndefined();
  });
});

describe("parsePortMap", () => {
  it("reads SES port = host:port pairs and refuses malformed entries", () => {
    expect(parsePortMap("587=127.0.0.1:4000, 465=[::1]:4001")).toEqual({
      587: { host: "127.0.0.1", port: 4000 },
      465: { host: "::1", port: 4001 },
    });
    expect(parsePortMap("587=127.0.0.1")).toBeUndefined();
    expect(parsePortMap("")).toBeUndefined();
  });
});

describe("the smtp-ports probe (engine, doctor --smtp-ports)", () => {
  const input = () => ({
    target: "smtp" as const,
    region: "us-east-1",
    accessKeyId: SENDER.id,
    secretAccessKey: SENDER.secret,
    endpoint: emu.url,
    smtpHost: "127.0.0.1",
    smtpPort: starttls,
    smtpCa: SMTP_TLS_CERT,
    smtpPorts: true,
    timeoutMs: 1500,
    smtpPortMap: {
      "587": at(starttls),
      "2587": at(starttls),
      "465": at(implicit),
      "2465": at(implicit),
      "25": at(silent),
    },
  });

  it("names the blocked port and recommends 587 with STARTTLS for the SMTP target", async () => {
    const r = await runDiagnosis({ ...input(), env: { SMTP_PORT: "587" } });
    const f = r.findings.find((x) => x.code === "smtp.ports-blocked");
    expect(f?.severity).toBe("warn");
    expect(f?.evidence).toMatchObject({ blocked: "25", recommendedPort: 587 });
    expect(f?.fix).toContain("SMTP_PORT=587, SMTP_SECURE=false");
    expect(f?.detail).toContain("25 (STARTTLS) timed out");
    expect(r.findings.map((x) => x.code)).not.toContain("smtp.port-configured-blocked");
  });

  it("the configured port blocked is an error naming the setting that works", async () => {
    const r = await runDiagnosis({ ...input(), env: { SMTP_PORT: "25" } });
    const f = r.findings.find((x) => x.code === "smtp.port-configured-blocked");
    expect(f?.severity).toBe("error");
    expect(f?.title).toContain("25");
    expect(f?.fix).toContain("SMTP_PORT=587");
    expect(r.status).toBe("fail");
  });

  it("no port at all is an error", async () => {
    const dead = Object.fromEntries(["25", "587", "2587", "465", "2465"].map((p) => [p, at(closedPort)]));
    const r = await runDiagnosis({ ...input(), smtpPortMap: dead });
    expect(r.findings.find((x) => x.code === "smtp.ports-none")?.severity).toBe("error");
  });

  it("doctor --smtp-ports reads SESAME_SMTP_PORT_MAP and prints the matrix finding", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sesame-ports-"));
    try {
      const ca = path.join(dir, "ca.pem");
      writeFileSync(ca, SMTP_TLS_CERT);
      const env = path.join(dir, "platform.env");
      writeFileSync(
        env,
        `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_PORT=465\nSMTP_USER=${SENDER.id}\nSMTP_PASSWORD=${await deriveSmtpPassword(SENDER.secret, "us-east-1")}\n`,
      );
      const out = await runDoctorCli(
        ["--env", env, "--target", "smtp", "--smtp-ports", "--json", "--timeout", "1500"],
        {
          AWS_ENDPOINT_URL: emu.url,
          SESAME_SMTP_CA_FILE: ca,
          SESAME_SMTP_PORT_MAP: `587=127.0.0.1:${closedPort},2587=127.0.0.1:${starttls},465=127.0.0.1:${implicit},2465=127.0.0.1:${implicit},25=127.0.0.1:${silent}`,
        },
      );
      const report = ReportSchema.parse(JSON.parse(out.stdout));
      const f = report.findings.find((x) => x.code === "smtp.ports-blocked");
      expect(f?.evidence).toMatchObject({ blocked: "587, 25", recommendedPort: 2587 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
