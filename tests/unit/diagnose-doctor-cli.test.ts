import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildInput, doctorMain, guessTarget, parseDoctorArgs, UsageError } from "@/lib/diagnose/doctor-cli";
import { progressPrinter } from "@/lib/cli/render-progress";
import { renderReport } from "@/lib/cli/render-report";
import { materialize } from "@/lib/findings/materialize";
import { accountProbe } from "@/lib/diagnose/probes/account";
import { identityProbe } from "@/lib/diagnose/probes/identity";
import { TargetIdSchema } from "@/lib/diagnose/schema";
import { envVarsWithSmtpPassword } from "@/lib/env/targets";

const dir = mkdtempSync(path.join(tmpdir(), "sesame-doctor-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const stdout = (s: string) => {
    out.stdout += s;
  };
  const stderr = (s: string) => {
    out.stderr += s;
  };
  return { out, io: { stdout, stderr, env, tty: false } };
}

describe("doctor CLI pieces", () => {
  it("parses flags and rejects bad ones", () => {
    expect(parseDoctorArgs(["--target", "usesend", "--domain", "d.com", "--json"])).toMatchObject({
      target: "usesend",
      domain: "d.com",
      json: true,
      send: false,
    });
    expect(() => parseDoctorArgs(["--nope"])).toThrow(UsageError);
    expect(() => parseDoctorArgs(["--target", "x"])).toThrow(/unknown target "x"/);
    expect(() => parseDoctorArgs(["--timeout", "-5"])).toThrow(/--timeout/);
    // the env file under any of its three names; two different files is a usage error
    for (const flag of ["--env", "--envfile", "--env-file"])
      expect(parseDoctorArgs([flag, "a.env"]).envFile).toBe("a.env");
    expect(parseDoctorArgs(["--env-file=b.env"]).envFile).toBe("b.env");
    expect(() => parseDoctorArgs(["--env", "a.env", "--env-file", "b.env"])).toThrow(/env file once/);
    expect(parseDoctorArgs(["--to", "ops@example.net"]).to).toBe("ops@example.net");
    expect(() => parseDoctorArgs(["--to", "ops"])).toThrow(/--to must be an email address/);
    expect(() => parseDoctorArgs(["extra"])).toThrow(UsageError);
  });

  it("guesses the target from variable names", () => {
    expect(guessTarget({ AWS_SES_ACCESS_KEY_ID: "x" })).toBe("plunk");
    expect(guessTarget({ SMTP_PASSWORD: "x" })).toBe("smtp");
    expect(guessTarget({ AWS_ACCESS_KEY_ID: "x", AWS_DEFAULT_REGION: "eu-west-1" })).toBe("usesend");
    expect(guessTarget({ AWS_ACCESS_KEY_ID: "x", AWS_REGION: "eu-west-1" })).toBe("aws");
  });

  it("guesses plunk-v1 for the env file Sesame writes for Plunk v1 (issue 10 #10), and each target for its own", async () => {
    const input = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s".repeat(40), region: "eu-west-1" };
    for (const id of TargetIdSchema.options) expect(guessTarget(await envVarsWithSmtpPassword(id, input)), id).toBe(id);
    // Plunk v1's own signals, even without the dashboard copy of the region
    expect(guessTarget({ AWS_ACCESS_KEY_ID: "x", AWS_REGION: "eu-west-1", AWS_SES_CONFIGURATION_SET: "c" })).toBe(
      "plunk-v1",
    );
  });

  it("builds engine input from an env file and the process environment", () => {
    const file = path.join(dir, "p.env");
    writeFileSync(
      file,
      'AWS_SES_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SES_SECRET_ACCESS_KEY="abc"\nAWS_SES_REGION=eu-west-1\n',
    );
    const input = buildInput(parseDoctorArgs(["--env-file", file, "--domain", "example.com"]), {
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL_IAM: "http://127.0.0.1:4567",
      SESAME_DNS_SERVER: "127.0.0.1:5353",
    });
    expect(input).toMatchObject({
      target: "plunk",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      secretAccessKey: "abc",
      region: "eu-west-1",
      endpoint: "http://127.0.0.1:4566",
      endpoints: { iam: "http://127.0.0.1:4567" },
      dnsServer: "127.0.0.1:5353",
      domain: "example.com",
      readOnly: true,
    });
    expect(input.envText).toContain("AWS_SES_REGION");
    const smtp = buildInput(parseDoctorArgs(["--target", "smtp"]), {
      SMTP_HOST: "email-smtp.eu-west-2.amazonaws.com",
      SMTP_PORT: "465",
      SMTP_USER: "AKIAIOSFODNN7EXAMPLE",
      SMTP_PASSWORD: "pw",
    });
    expect(smtp).toMatchObject({
      region: "eu-west-2",
      smtpPort: 465,
      smtpPassword: "pw",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    });
  });

  it("exit 2 and usage for bad usage, including an unreadable env file", async () => {
    for (const argv of [["--bogus"], ["--target", "nope"], ["--env-file", path.join(dir, "missing.env")]]) {
      const { out, io: streams } = io();
      expect(await doctorMain(argv, streams)).toBe(2);
      expect(out.stderr).toMatch(/^doctor: /);
      expect(out.stdout).toBe("");
    }
  });

  it("renders grouped findings, plain without colour", () => {
    const text = renderReport(
      {
        status: "fail",
        durationMs: 12,
        findings: [
          materialize("credentials.whitespace", { field: "secret access key", where: "a trailing space" }),
          materialize("account.sandbox", { region: "us-east-1", method: "m", max24HourSend: 200, maxSendRate: 1 }),
        ],
      },
      false,
    );
    expect(text).not.toContain("\x1b[");
    expect(text).toMatch(/CREDENTIALS\n {2}✗ Whitespace/);
    expect(text).toMatch(/ACCOUNT\n {2}! The SES account in us-east-1 is in the sandbox/);
    expect(text).toContain("FAIL  1 error(s), 1 warning(s) in 12 ms");
    expect(
      renderReport(
        {
          status: "fail",
          durationMs: 1,
          findings: [materialize("clock.skew", { skewText: "2 minutes", skewSeconds: 120 })],
        },
        true,
      ),
    ).toContain("\x1b[");
  });

  it("progress: one plain line per finished check, or a live spinner line with colour on a TTY; each probe's own label", () => {
    const plainOut: string[] = [];
    const p = progressPrinter((x) => plainOut.push(x), false, false);
    const identity = { probe: "identity", label: identityProbe.label };
    p.onProbe({ ...identity, status: "start", findings: [] });
    p.onProbe({
      ...identity,
      status: "done",
      findings: [materialize("clock.skew", { skewText: "2 minutes", skewSeconds: 120 })],
    });
    p.stop();
    const plain = plainOut.join("");
    expect(plain).toMatch(/^! Key, secret and clock \(STS GetCallerIdentity\) — 1 finding \d+ ms\n$/);
    const ttyOut: string[] = [];
    const t = progressPrinter((x) => ttyOut.push(x), true, true);
    t.onProbe({ probe: "account", label: accountProbe.label, status: "start", findings: [] });
    t.onProbe({ probe: "account", label: accountProbe.label, status: "done", findings: [] });
    t.stop();
    const tty = ttyOut.join("");
    expect(tty).toContain("\r\x1b[2K");
    expect(tty).toContain("\x1b[32m✓ SES account: sandbox, sending, quota");
  });

  it("--send allows mailbox-simulator sends; read-only otherwise", () => {
    expect(buildInput(parseDoctorArgs(["--send", "--from", "a@example.com"]), {}).readOnly).toBe(false);
    expect(buildInput(parseDoctorArgs([]), {}).readOnly).toBe(true);
  });

  it("--send without --from sends from the domain it checks, or says exactly what to add (issue 10 #11)", () => {
    const withDomain = buildInput(parseDoctorArgs(["--send", "--domain", "example.com"]), {});
    expect(withDomain.from).toBe("sesame-test@example.com");
    expect(buildInput(parseDoctorArgs(["--send"]), { SESAME_DOMAIN: "mail.example.org" }).from).toBe(
      "sesame-test@mail.example.org",
    );
    expect(() => buildInput(parseDoctorArgs(["--send"]), {})).toThrow(
      /--send needs a sender: add --from ADDRESS .* or --domain D/,
    );
    // the explicit sender wins
    expect(buildInput(parseDoctorArgs(["--send", "--from", "me@x.org", "--domain", "example.com"]), {}).from).toBe(
      "me@x.org",
    );
  });
});
