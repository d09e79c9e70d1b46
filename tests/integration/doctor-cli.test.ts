import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { ReportSchema } from "@/lib/diagnose/schema";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { keyOf, resetTo, sentMail, startScenario } from "./diagnose-harness";
import { runDoctorCli } from "../helpers/doctor-cli";

/** The healthy world's Plunk v2 event loop: its topic is allow-listed in the env, as Plunk v2 requires. */
const HEALTHY_TOPIC = "arn:aws:sns:us-east-1:123456789012:plunk-ses-events";

/** The doctor CLI as users run it: a real process, env file in, report out, exit code. */

let em: RunningEmulator;
let dir: string;

/** The doctor against the stand-in, with its DNS server; `env` adds to or overrides that. */
const doctor = (args: string[], env: Record<string, string> = {}) =>
  runDoctorCli(args, { AWS_ENDPOINT_URL: em.url, SESAME_DNS_SERVER: `127.0.0.1:${em.ports.dns}`, ...env });

function envFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  em = await startScenario("healthy");
  await resetTo(em, "healthy");
  dir = mkdtempSync(path.join(tmpdir(), "sesame-doctor-"));
});
afterAll(async () => {
  await em?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("doctor CLI", { timeout: 90_000 }, () => {
  it("--json on a healthy Plunk env: schema-valid report, exit 0", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const file = envFile(
      "ok.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY="${secretAccessKey}"\nAWS_SES_REGION=us-east-1\nSNS_TOPIC_ARNS=${HEALTHY_TOPIC}\n`,
    );
    const r = await doctor(["--env-file", file, "--target", "plunk", "--domain", "example.com", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.status).toBe("pass");
  });

  it("exit 1 with the findings, and no secret anywhere in the output", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const smtpPassword = await deriveSmtpPassword(secretAccessKey, "us-east-1");
    const file = envFile(
      "bad.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY="${smtpPassword}"\nAWS_SES_REGION=us-east-1\n`,
    );
    for (const json of [true, false]) {
      const r = await doctor(["--env-file", file, "--domain", "example.com", ...(json ? ["--json"] : [])]);
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).toContain("credentials.smtp-password-as-secret");
      expect(out).toContain("credentials.wrong-secret");
      for (const secret of [secretAccessKey, smtpPassword, accessKeyId]) expect(out).not.toContain(secret);
      if (json) expect(ReportSchema.parse(JSON.parse(r.stdout)).status).toBe("fail");
    }
  });

  it("human output without a TTY: plain text, each check listed, grouped findings with fixes", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const file = envFile(
      "ws.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY="${secretAccessKey} "\nAWS_SES_REGION=us-east-1\n`,
    );
    const r = await doctor(["--env-file", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\x1b[");
    expect(r.stdout).toMatch(/Key, secret and clock \(STS GetCallerIdentity\)/);
    expect(r.stdout).toMatch(/CREDENTIALS\n {2}✗ Whitespace pasted along with the secret access key/);
    expect(r.stdout).toContain("Fix: Delete the stray whitespace (a trailing space) from the secret access key");
    expect(r.stdout).toMatch(/FAIL {2}\d+ error\(s\)/);
  });

  it("reads the process environment and flags names the target does not read", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    // Plunk v1 reads the standard AWS_* names
    const r = await doctor(["--target", "plunk-v1", "--json"], {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_REGION: "us-east-1",
    });
    expect(r.code).toBe(0);
    expect(ReportSchema.parse(JSON.parse(r.stdout)).findings.filter((f) => f.severity === "error")).toEqual([]);
    // Plunk v2 ignores AWS_ACCESS_KEY_ID & co.: the env file check says so, and the key itself is still checked
    const file = envFile(
      "v1.env",
      `AWS_ACCESS_KEY_ID=${accessKeyId}\nAWS_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_SES_REGION=us-east-1\n`,
    );
    const v1 = await doctor(["--env-file", file, "--target", "plunk", "--json"]);
    const report = ReportSchema.parse(JSON.parse(v1.stdout));
    expect(report.findings.map((f) => f.code)).toContain("env.legacy-name");
    expect(report.findings.map((f) => f.code)).not.toContain("credentials.wrong-secret");
    expect(v1.stdout).not.toContain(secretAccessKey);
  });

  it("exit 2 for bad usage", async () => {
    const unknownFlag = await doctor(["--bogus"]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Usage: sesame doctor/);
    const badTarget = await doctor(["--target", "mailchimp"]);
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toContain('unknown target "mailchimp"');
    // --env / --envfile: the doctor reads the file itself, so a missing one is the doctor's exit 2 with a clear message
    for (const flag of ["--env", "--envfile"]) {
      const noFile = await doctor([flag, path.join(dir, "missing.env")]);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain(`cannot read the env file ${path.join(dir, "missing.env")}: ENOENT`);
      expect(noFile.stdout).toBe("");
    }
    // Node 20 reads `--env-file` itself (even after the script name) and exits 9 on a missing file before the
    // doctor starts: documented in --help and docs/doctor.md, which point to --env
    const nodeOwn = await doctor(["--env-file", path.join(dir, "missing.env")]);
    expect([2, 9]).toContain(nodeOwn.code);
    expect(nodeOwn.stdout).toBe("");
    const badTo = await doctor(["--to", "not-an-address"]);
    expect(badTo.code).toBe(2);
    expect(badTo.stderr).toContain("--to must be an email address");
    const help = await doctor(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--env FILE");
    expect(help.stdout).toContain("--env-file FILE");
  });

  it("--env, --envfile, --env-file F and --env-file=F all reach the doctor with the file's variables", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const file = envFile(
      "forms.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_SES_REGION=eu-west-1\n`,
    );
    for (const args of [["--env", file], ["--envfile", file], ["--env-file", file], [`--env-file=${file}`]]) {
      const r = await doctor([...args, "--domain", "example.com", "--json"]);
      const report = ReportSchema.parse(JSON.parse(r.stdout));
      // eu-west-1 comes only from the file: the identity is verified in us-east-1, so the doctor says so
      const other = report.findings.find((f) => f.code === "region.identity-in-other-region");
      expect(other?.evidence.region, args.join(" ")).toBe("eu-west-1");
      expect(r.stdout).not.toContain(secretAccessKey);
    }
  });

  it("--to: an unverified recipient in a sandboxed region is an error; --send --to sends one test message", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("healthy", "plunk-sender");
    const file = envFile(
      "to.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_SES_REGION=us-east-1\nSNS_TOPIC_ARNS=${HEALTHY_TOPIC}\n`,
    );
    // healthy: us-east-1 is in production, so the recipient needs no verification, and --send delivers to it
    const sent = await doctor([
      "--env",
      file,
      "--from",
      "hello@example.com",
      "--to",
      "ops@example.net",
      "--send",
      "--json",
    ]);
    const report = ReportSchema.parse(JSON.parse(sent.stdout));
    expect(sent.code).toBe(0);
    const ok = report.findings.find((f) => f.code === "send.test-sent");
    expect(ok?.evidence.to).toBe("ops@example.net");
    const mail = (await sentMail(em)).filter((m) => m.to.includes("ops@example.net"));
    expect(mail).toHaveLength(1);
    // the same recipient from a sandboxed region (us-west-2 starts sandboxed): named before any send, exit 1
    const sandboxFile = envFile(
      "to-sandbox.env",
      `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_SES_REGION=us-west-2\n`,
    );
    const blocked = await doctor([
      "--env",
      sandboxFile,
      "--from",
      "hello@example.com",
      "--to",
      "ops@example.net",
      "--send",
    ]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain("[account.sandbox-recipient-unverified]");
    expect(blocked.stdout).toContain("Fix: Verify ops@example.net in us-west-2");
    expect((await sentMail(em)).filter((m) => m.to.includes("ops@example.net"))).toHaveLength(1);
  });
});
