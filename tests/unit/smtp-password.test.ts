import { execFile } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { NO_SMTP_REGIONS, SES_REGIONS } from "@/lib/regions";
import { runSmtpPasswordCli } from "@/lib/cli/smtp-password";
import { deriveSmtpPasswordWebCrypto, smtpPasswordForBrowser } from "@/lib/smtp/password-browser";
import { checkSecret, checkSmtpRegion, smtpPasswordFor } from "@/lib/smtp/password";

/**
 * AWS's published algorithm, transcribed step by step from the SES developer guide ("Obtaining Amazon SES SMTP
 * credentials", the Python script): independent of lib/sigv4/smtp-password.ts on purpose.
 */
function awsDocSmtpPassword(secret: string, region: string): string {
  const sign = (key: Buffer, msg: string) => createHmac("sha256", key).update(Buffer.from(msg, "utf-8")).digest();
  const DATE = "11111111";
  const SERVICE = "ses";
  const MESSAGE = "SendRawEmail";
  const TERMINAL = "aws4_request";
  const VERSION = 0x04;
  let signature = sign(Buffer.from(`AWS4${secret}`, "utf-8"), DATE);
  signature = sign(signature, region);
  signature = sign(signature, SERVICE);
  signature = sign(signature, TERMINAL);
  signature = sign(signature, MESSAGE);
  const signatureAndVersion = Buffer.concat([Buffer.from([VERSION]), signature]);
  return signatureAndVersion.toString("base64");
}

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function randomSecret(): string {
  return Array.from(randomBytes(40), (b) => SECRET_ALPHABET[b % 64]).join("");
}

const smtpRegions = SES_REGIONS.filter((r) => !(NO_SMTP_REGIONS as readonly string[]).includes(r));

describe("SES SMTP password", () => {
  it("matches the reference vector (aws.md §2.10)", async () => {
    const r = await smtpPasswordFor("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
    expect(r.ok && r.password).toBe("BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9");
    expect(awsDocSmtpPassword("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1")).toBe(
      "BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9",
    );
  });

  it("matches AWS's algorithm for many random secrets in every SMTP region", async () => {
    expect(smtpRegions.length).toBeGreaterThan(15);
    const secrets = Array.from({ length: 25 }, randomSecret);
    for (const region of smtpRegions) {
      for (const secret of secrets) {
        const expected = awsDocSmtpPassword(secret, region);
        const r = await smtpPasswordFor(secret, region);
        if (!r.ok) throw new Error(`${region} refused: ${r.message}`);
        expect(r.password).toBe(expected);
        expect(r.password).toHaveLength(44);
        expect(r.password.startsWith("B")).toBe(true);
        expect(r.endpoint.host).toBe(`email-smtp.${region}.amazonaws.com`);
      }
      // the browser (Web Crypto) version agrees on a subset per region
      for (const secret of secrets.slice(0, 3)) {
        expect(await deriveSmtpPasswordWebCrypto(secret, region)).toBe(awsDocSmtpPassword(secret, region));
      }
    }
  });

  it("is different in every region for the same secret", async () => {
    const secret = randomSecret();
    const all = smtpRegions.map((r) => awsDocSmtpPassword(secret, r));
    const ours = await Promise.all(
      smtpRegions.map(async (r) => {
        const res = await smtpPasswordFor(secret, r);
        return res.ok ? res.password : "";
      }),
    );
    expect(ours).toEqual(all);
    expect(new Set(ours).size).toBe(smtpRegions.length);
  });

  it("refuses every SES region without SMTP, with the list of those that have it", async () => {
    for (const region of NO_SMTP_REGIONS) {
      const r = await smtpPasswordFor(randomSecret(), region);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problem).toBe("no-smtp");
      expect(r.message).toContain(region);
      expect(r.smtpRegions).toEqual(smtpRegions);
      for (const s of ["us-east-1", "eu-west-1", "ap-southeast-2"]) expect(r.message).toContain(s);
      expect(r.smtpRegions).not.toContain(region);
    }
  });

  it("tells apart malformed, unknown and non-SES regions", async () => {
    expect(checkSmtpRegion("")).toMatchObject({ ok: false, problem: "empty" });
    expect(checkSmtpRegion("Ireland")).toMatchObject({ ok: false, problem: "malformed" });
    expect(checkSmtpRegion("xx-nowhere-9")).toMatchObject({ ok: false, problem: "unknown" });
    expect(checkSmtpRegion("ap-east-1")).toMatchObject({ ok: false, problem: "no-ses" });
    expect(checkSmtpRegion(" EU-WEST-1 ")).toMatchObject({ ok: true, endpoint: { region: "eu-west-1" } });
    expect(checkSmtpRegion("ca-west-1")).toMatchObject({ ok: true, endpoint: { unconfirmed: true } });
    expect(checkSmtpRegion("eu-west-1")).toMatchObject({
      ok: true,
      endpoint: { unconfirmed: false, ports: { starttls: [587, 2587, 25], tls: [465, 2465] } },
    });
  });

  it("strips paste accidents and warns, deriving from the clean secret", async () => {
    const secret = randomSecret();
    const r = await smtpPasswordFor(`  "${secret}"\n`, "eu-west-1");
    expect(r.ok && r.password).toBe(awsDocSmtpPassword(secret, "eu-west-1"));
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(["whitespace", "quotes"]);
    expect(checkSecret(secret).warnings).toEqual([]);
    // something else pasted for the secret: catalogue codes with evidence (never the value itself)
    expect(checkSecret("AKIAIOSFODNN7EXAMPLE").warnings).toEqual([
      { code: "smtp.paste-key-id", evidence: { prefix: "AKIA" } },
    ]);
    expect(checkSecret("ASIAIOSFODNN7EXAMPLE").warnings).toEqual([
      { code: "smtp.paste-key-id", evidence: { prefix: "ASIA" } },
    ]);
    const pw = awsDocSmtpPassword(secret, "us-east-1");
    expect(checkSecret(pw).warnings).toEqual([{ code: "smtp.paste-smtp-password", evidence: { version: 4 } }]);
    expect(JSON.stringify(checkSecret(pw).warnings)).not.toContain(pw.slice(4, 12));
    expect(checkSecret("short").warnings.map((w) => w.code)).toEqual(["length"]);
    expect(await smtpPasswordFor("   ", "eu-west-1")).toMatchObject({ ok: false, problem: "empty-secret" });
  });

  it("the browser twin returns the same results as the Node one", async () => {
    for (const [secret, region] of [
      [randomSecret(), "eu-west-1"],
      [` ${randomSecret()} `, "us-gov-west-1"],
      [randomSecret(), "af-south-1"],
      ["", "eu-west-1"],
    ] as const) {
      expect(await smtpPasswordForBrowser(secret, region)).toEqual(await smtpPasswordFor(secret, region));
    }
  });
});

async function runCli(argv: string[], env: Record<string, string | undefined> = {}, stdin = "") {
  let out = "";
  let err = "";
  const code = await runSmtpPasswordCli({
    argv,
    env,
    readStdin: () => stdin,
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
  });
  return { code, out, err };
}

describe("smtp-password CLI", () => {
  it("prints only the password, exit 0", async () => {
    const secret = randomSecret();
    const r = await runCli([secret, "eu-central-1"]);
    expect(r).toEqual({ code: 0, out: `${awsDocSmtpPassword(secret, "eu-central-1")}\n`, err: "" });
  });

  it("reads the secret from env or stdin and prints host and ports with --details", async () => {
    const secret = randomSecret();
    const expected = `${awsDocSmtpPassword(secret, "us-west-2")}\n`;
    const fromEnv = await runCli(["--secret-env", "MY_SECRET", "us-west-2", "--details"], { MY_SECRET: secret });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.out).toBe(expected);
    expect(fromEnv.err).toContain("email-smtp.us-west-2.amazonaws.com");
    expect(fromEnv.err).toContain("587");
    expect(fromEnv.err).not.toContain(secret);
    const fromStdin = await runCli(["--secret-stdin", "us-west-2"], {}, `${secret}\n`);
    expect(fromStdin).toEqual({ code: 0, out: expected, err: "" });
  });

  it("exits 2 for a region without SMTP, listing those with it, never echoing the secret", async () => {
    const secret = randomSecret();
    const r = await runCli([secret, "me-south-1"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("me-south-1");
    expect(r.err).toContain("eu-west-1");
    expect(r.err).not.toContain(secret);
  });

  it("words the paste checks from the catalogue on stderr, the password alone on stdout", async () => {
    const secret = randomSecret();
    const pw = awsDocSmtpPassword(secret, "eu-west-1");
    const r = await runCli([pw, "eu-west-1"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${awsDocSmtpPassword(pw, "eu-west-1")}\n`);
    expect(r.err).toBe(
      "warning: This is already an SES SMTP password. It is 44 characters with version byte 4: derived from a secret, not a secret itself, so converting it again gives a password SES refuses. Convert the IAM secret access key instead, or use this password as it is.\n",
    );
    const key = await runCli(["AKIAIOSFODNN7EXAMPLE", "eu-west-1"]);
    expect(key.err).toMatch(/^warning: This is an access key ID, not the secret\. It starts with AKIA: /);
    expect(key.err).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("exits 2 on bad usage and 0 with --help", async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(["only-one-arg"])).code).toBe(2);
    expect((await runCli(["a", "b", "c"])).code).toBe(2);
    expect((await runCli(["--bogus", "x", "eu-west-1"])).code).toBe(2);
    expect((await runCli(["--secret-env", "UNSET_VAR", "eu-west-1"])).code).toBe(2);
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: sesame smtp-password/);
  });

  it("works as a real process through npm's script (exit codes and stdout)", async () => {
    const run = promisify(execFile);
    const root = path.resolve(__dirname, "../..");
    const secret = randomSecret();
    const ok = await run("npx", ["tsx", "lib/cli/smtp-password.ts", "--secret-env", "S", "eu-west-2"], {
      cwd: root,
      env: { ...process.env, S: secret },
    });
    expect(ok.stdout).toBe(`${awsDocSmtpPassword(secret, "eu-west-2")}\n`);
    const bad = await run("npx", ["tsx", "lib/cli/smtp-password.ts", secret, "af-south-1"], { cwd: root }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect("code" in bad ? bad.code : 0).toBe(2);
    expect(bad.stdout).toBe("");
  });
});
