import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { SMTPServer } from "smtp-server";
import { SMTP_TLS_CERT, SMTP_TLS_KEY } from "@/emulator/smtp/cert";
import { CATALOGUE, type FindingSpec } from "@/lib/findings/catalogue";
import { explainAuthFailure, probeSmtp, regionFromSmtpHost, type SmtpProbeInput } from "@/lib/smtp/probe";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

const SENDER = { id: "AKIAEXAMPLESMTP00001", secret: "smtpUserFakeSecretKeyForTestsOnlyEXAMPLE" };
const READER = { id: "AKIAEXAMPLEREADONLY1", secret: "r3adOnlyFakeSecretKeyForTestsOnlyEXAMPLE" };
const RETIRED = { id: "AKIAEXAMPLEINACTIVE1", secret: "inactiveFakeSecretKeyForTestsOnlyEXAMPLE" };
const REGION = "eu-west-1";

const CONFIG: EmulatorConfigInput = {
  users: [
    {
      name: "ses-smtp-user.20250826-115505",
      inlinePolicies: {
        AmazonSesSendingAccess: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }],
        },
      },
      accessKeys: [SENDER],
    },
    { name: "reader", managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"], accessKeys: [READER] },
    {
      name: "retired",
      inlinePolicies: {
        send: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }] },
      },
      accessKeys: [{ ...RETIRED, status: "Inactive" }],
    },
  ],
  smtp: { region: REGION },
};

/** Every finding must name a catalogue entry, and its evidence must fill every placeholder of that entry's wording. */
function expectCatalogued(findings: { code: string; evidence: Record<string, unknown> }[]) {
  for (const f of findings) {
    const spec = (CATALOGUE as Record<string, FindingSpec>)[f.code];
    expect(spec, f.code).toBeDefined();
    for (const [, name] of `${spec.title} ${spec.why} ${spec.fix}`.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g))
      expect(f.evidence[name] ?? null, `${f.code} needs {${name}}`).not.toBeNull();
  }
}

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator(CONFIG, { quiet: true });
});
afterAll(async () => {
  await emu?.close();
});

const probe = async (over: Partial<SmtpProbeInput> = {}) => {
  const r = await probeSmtp({
    host: "127.0.0.1",
    port: emu.ports.smtp,
    user: SENDER.id,
    password: await deriveSmtpPassword(SENDER.secret, REGION),
    region: REGION,
    timeoutMs: 3000,
    ca: SMTP_TLS_CERT,
    ...over,
  });
  expectCatalogued(r.findings);
  return r;
};

describe("probeSmtp against the emulator's SES SMTP listener", () => {
  it("logs in over STARTTLS with the password derived for the listener's region", async () => {
    expect(await probe()).toEqual({ ok: true, stage: "done", findings: [] });
  });

  it("recognises the IAM secret used as the password, without echoing it", async () => {
    const r = await probe({ password: SENDER.secret, hints: { secretAccessKey: SENDER.secret } });
    expect(r).toMatchObject({ ok: false, stage: "auth", code: 535 });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: "smtp.auth-failed", evidence: { likelyCause: "secret-as-password" } });
    expect(JSON.stringify(r)).not.toContain(SENDER.secret);
  });

  it("names the region a password was derived for", async () => {
    const r = await probe({
      password: await deriveSmtpPassword(SENDER.secret, "us-east-1"),
      hints: { secretAccessKey: SENDER.secret },
    });
    expect(r.findings[0].evidence).toMatchObject({
      likelyCause: "password-for-other-region",
      passwordRegion: "us-east-1",
      region: REGION,
    });
  });

  it("recognises a legacy version 2 password from SES's reply", async () => {
    const r = await probe({ password: await deriveLegacySmtpPasswordV2(SENDER.secret) });
    expect(r.findings[0].evidence).toMatchObject({ likelyCause: "legacy-v2-password" });
    expect(r.response).toMatch(/Signature Version 2 is deprecated/);
  });

  it("blames permissions or key status when the password itself is right", async () => {
    for (const k of [READER, RETIRED]) {
      const r = await probe({
        user: k.id,
        password: await deriveSmtpPassword(k.secret, REGION),
        hints: { secretAccessKey: k.secret },
      });
      expect(r.stage).toBe("auth");
      expect(r.findings[0].evidence.likelyCause).toBe("key-inactive-or-no-permission");
    }
  });

  it("flags an IAM user name used as the SMTP user", async () => {
    const r = await probe({ user: "ses-smtp-user.20250826-115505" });
    expect(r.findings[0].evidence.likelyCause).toBe("user-not-access-key-id");
  });

  it("fails at TLS when the certificate is not trusted", async () => {
    const r = await probe({ ca: undefined });
    expect(r.stage).toBe("tls");
    expect(r.findings[0].code).toBe("smtp.tls-failed");
    expect(String(r.findings[0].evidence.error)).toMatch(/certificate|self.signed/i);
  });

  it("fails at TLS when implicit TLS is used against a STARTTLS port", async () => {
    const r = await probe({ secure: true });
    expect(r).toMatchObject({ ok: false, stage: "tls" });
    expect(r.findings[0].code).toBe("smtp.tls-failed");
  });
});

describe("probeSmtp without a listener", () => {
  it("reports a closed port as unreachable", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const r = await probeSmtp({ host: "127.0.0.1", port, user: SENDER.id, password: "x", timeoutMs: 2000 });
    expect(r).toMatchObject({ ok: false, stage: "connect" });
    expect(r.findings[0]).toMatchObject({ code: "smtp.unreachable", evidence: { error: "ECONNREFUSED", port } });
    expectCatalogued(r.findings);
  });

  it("times out on a server that never greets, within the deadline", async () => {
    const sockets = new Set<net.Socket>();
    const srv = net.createServer((s) => sockets.add(s));
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const r = await probeSmtp({ host: "127.0.0.1", port, user: SENDER.id, password: "x", timeoutMs: 400 });
      expect(Date.now() - started).toBeLessThan(2500);
      expect(r).toMatchObject({ ok: false, stage: "connect" });
      expect(r.findings[0]).toMatchObject({ code: "smtp.timeout", evidence: { port, timeoutMs: 400 } });
      expectCatalogued(r.findings);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });

  it("says a region has no SMTP endpoint instead of failing a DNS lookup", async () => {
    const started = Date.now();
    const r = await probeSmtp({
      host: "email-smtp.af-south-1.amazonaws.com",
      port: 587,
      user: SENDER.id,
      password: "x",
      timeoutMs: 2000,
    });
    expect(Date.now() - started).toBeLessThan(200);
    expect(r.findings).toEqual([
      {
        code: "smtp.region-no-smtp",
        evidence: { region: "af-south-1", host: "email-smtp.af-south-1.amazonaws.com", port: 587 },
      },
    ]);
  });

  it("reads the region from an SES SMTP host name", async () => {
    expect(regionFromSmtpHost("email-smtp.eu-central-1.amazonaws.com")).toBe("eu-central-1");
    expect(regionFromSmtpHost("smtp.example.com")).toBeUndefined();
  });

  it("speaks implicit TLS to a TLS-wrapped port, and a STARTTLS client times out there", async () => {
    const password = await deriveSmtpPassword(SENDER.secret, REGION);
    const server = new SMTPServer({
      secure: true,
      key: SMTP_TLS_KEY,
      cert: SMTP_TLS_CERT,
      authMethods: ["PLAIN", "LOGIN"],
      logger: false,
      disableReverseLookup: true,
      onAuth(auth, _session, cb) {
        if (auth.username === SENDER.id && auth.password === password) return cb(null, { user: auth.username });
        return cb(Object.assign(new Error("Authentication Credentials Invalid"), { responseCode: 535 }));
      },
    });
    // the STARTTLS client hangs up mid-handshake; that is the point, not a test failure
    server.on("error", () => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.server.address() as net.AddressInfo).port;
    const base = { host: "127.0.0.1", port, user: SENDER.id, password, ca: SMTP_TLS_CERT, timeoutMs: 400 };
    try {
      expect(await probeSmtp({ ...base, secure: true })).toEqual({ ok: true, stage: "done", findings: [] });
      const wrong = await probeSmtp({ ...base, secure: false });
      expect(wrong).toMatchObject({ ok: false, stage: "connect" });
      expect(wrong.findings[0].code).toBe("smtp.timeout");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

const SENDER_PASSWORD = await deriveSmtpPassword(SENDER.secret, REGION);

describe("explainAuthFailure (no network)", () => {
  const input = (over: Partial<SmtpProbeInput>): SmtpProbeInput => ({
    host: "email-smtp.eu-west-1.amazonaws.com",
    port: 587,
    user: SENDER.id,
    password: SENDER_PASSWORD,
    timeoutMs: 1000,
    ...over,
  });

  it("spots temporary credentials", async () => {
    expect((await explainAuthFailure(input({ user: "ASIAEXAMPLESESSION01" }), REGION, "535")).likelyCause).toBe(
      "temporary-key",
    );
  });

  it("uses the caller's passwordRegion hint when it has no secret", async () => {
    const c = await explainAuthFailure(input({ hints: { passwordRegion: "us-west-2" } }), REGION, "535");
    expect(c).toMatchObject({ likelyCause: "password-for-other-region", passwordRegion: "us-west-2" });
  });

  it("says when the password does not come from the given secret at all", async () => {
    const c = await explainAuthFailure(
      input({ password: await deriveSmtpPassword(READER.secret, REGION), hints: { secretAccessKey: SENDER.secret } }),
      REGION,
      "535",
    );
    expect(c.likelyCause).toBe("password-not-from-secret");
  });

  it("falls back to the usual suspects without hints", async () => {
    expect((await explainAuthFailure(input({}), REGION, "535 Authentication Credentials Invalid")).likelyCause).toBe(
      "unknown",
    );
  });
});
