import { execFile } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { NO_SMTP_REGIONS, SES_REGIONS } from "@/lib/regions";
import { runSmtpPasswordCli } from "@/lib/cli/smtp-password";
import { SMTP_PASSWORD_FINDINGS } from "@/lib/findings/catalogue/smtp-password";
import { materializeRawIn } from "@/lib/findings/section";
import { deriveSmtpPasswordWebCrypto, smtpPasswordForBrowser } from "@/lib/smtp/password-browser";
import { checkSecret, checkSmtpRegion, type SmtpPasswordFinding, smtpPasswordFor } from "@/lib/smtp/password";

/** A finding of the tool as a person reads it (the page and the CLI word it through the same section). */
const words = (f: SmtpPasswordFinding) => {
  const w = materializeRawIn(SMTP_PASSWORD_FINDINGS, f);
  return `${w.title}. ${w.detail} ${w.fix}`;
};

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
        if (!r.ok) throw new Error(`${region} refused: ${r.finding.code}`);
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
      expect(r.finding).toEqual({
        code: "smtp.password-region-no-smtp",
        evidence: { region, smtpRegions: smtpRegions.join(", ") },
      });
      const text = words(r.finding);
      expect(text).toContain(`${region} offers the SES API but no SMTP interface, so no SMTP password works there.`);
      expect(text).toContain(`SES SMTP endpoints exist in: ${smtpRegions.join(", ")}.`);
      for (const s of ["us-east-1", "eu-west-1", "ap-southeast-2"]) expect(text).toContain(s);
      expect(r.smtpRegions).toEqual(smtpRegions);
      expect(r.smtpRegions).not.toContain(region);
    }
  });

  it("tells apart malformed, unknown and non-SES regions, each a catalogue code listing the SMTP regions", async () => {
    const list = smtpRegions.join(", ");
    const refused = (input: string) => {
      const r = checkSmtpRegion(input);
      if (r.ok) throw new Error(`${input} accepted`);
      return { problem: r.problem, finding: r.finding, text: words(r.finding) };
    };
    expect(refused("  ")).toEqual({
      problem: "empty",
      finding: { code: "smtp.password-region-empty", evidence: { smtpRegions: list } },
      text: `No region given. The SMTP password is different in every region, so it needs the region your app connects to. Give a region with an SES SMTP endpoint: ${list}.`,
    });
    expect(refused(" Ireland ")).toMatchObject({
      problem: "malformed",
      finding: { code: "smtp.password-region-malformed" },
      text: `Not an AWS region code. "Ireland" is not an AWS region code (like eu-west-1). Give a region with an SES SMTP endpoint: ${list}.`,
    });
    expect(refused("xx-nowhere-9")).toMatchObject({
      problem: "unknown",
      finding: { code: "smtp.password-region-unknown", evidence: { region: "xx-nowhere-9", smtpRegions: list } },
      text: `Unknown region xx-nowhere-9. xx-nowhere-9 is not a region Sesame knows. Give a region with an SES SMTP endpoint: ${list}.`,
    });
    expect(refused("AP-EAST-1")).toMatchObject({
      problem: "no-ses",
      finding: { code: "smtp.password-region-no-ses", evidence: { region: "ap-east-1" } },
      text: `SES is not offered in ap-east-1. Amazon SES is not offered in ap-east-1, so it has no SMTP endpoint there either. Give a region with an SES SMTP endpoint: ${list}.`,
    });
    // a long value in the region's place (the secret, arguments swapped) is never echoed back
    const secret = randomSecret();
    const swapped = refused(secret);
    expect(swapped.problem).toBe("malformed");
    expect(swapped.text).toMatch(/^Not an AWS region code\. A value of 40 characters is not an AWS region code/);
    expect(JSON.stringify(swapped)).not.toContain(secret.slice(0, 8));
    expect(swapped.text).not.toContain("(unknown)");
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
    expect(r.ok && r.warnings).toEqual([
      { code: "smtp.paste-whitespace", evidence: { where: "a leading space and a trailing line break" } },
      { code: "smtp.paste-quotes", evidence: {} },
    ]);
    expect(r.ok && r.warnings.map(words)).toEqual([
      "Removed whitespace from the secret. It had a leading space and a trailing line break: a common copy-paste accident, never part of a secret access key. Nothing to do: the password below is derived from the secret without it.",
      "Removed the quotes around the secret. Quotes are not part of a secret access key. Nothing to do: the password below is derived from the secret without them.",
    ]);
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
    // the wrong length or alphabet: the length and nothing of the value
    const odd = checkSecret("short-one").warnings;
    expect(odd).toEqual([
      { code: "smtp.paste-length", evidence: { length: 9 } },
      { code: "smtp.paste-alphabet", evidence: {} },
    ]);
    expect(odd.map(words)).toEqual([
      "The secret is 9 characters, not 40. IAM secret access keys are 40 characters long, so part of it may be missing or something extra was copied. Copy the whole secret access key again; the password below is derived from what was pasted.",
      "The secret has unexpected characters. IAM secret access keys contain only letters, digits, '+' and '/'; this one has other characters. Copy the secret access key again; the password below is derived from what was pasted.",
    ]);
    expect(JSON.stringify(odd)).not.toContain("short");
    expect(checkSecret(`${secret.slice(0, 39)}é`).warnings).toEqual([{ code: "smtp.paste-alphabet", evidence: {} }]);
    expect(await smtpPasswordFor("  ''  ", "eu-west-1")).toEqual({
      ok: false,
      problem: "empty-secret",
      finding: { code: "smtp.paste-empty", evidence: {} },
      smtpRegions: [],
    });
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

describe("a region AWS has not confirmed SMTP in (ca-west-1)", () => {
  it("derives the password and says so in the catalogue's words, in the library, the browser twin and the CLI", async () => {
    const secret = randomSecret();
    const note = {
      code: "smtp.password-region-unconfirmed",
      evidence: { region: "ca-west-1", host: "email-smtp.ca-west-1.amazonaws.com" },
    };
    const server = await smtpPasswordFor(secret, "ca-west-1");
    const browser = await smtpPasswordForBrowser(secret, "ca-west-1");
    expect(server).toMatchObject({ ok: true, warnings: [note] });
    expect(browser).toMatchObject({ ok: true, warnings: [note] });
    expect(
      (await smtpPasswordFor(secret, "eu-west-1")).ok && (await smtpPasswordFor(secret, "eu-west-1")),
    ).toMatchObject({ warnings: [] });
    const text = materializeRawIn(SMTP_PASSWORD_FINDINGS, note as SmtpPasswordFinding);
    expect(text.title).toBe("SMTP in ca-west-1 is not confirmed by AWS");
    const cli = await runCli([secret, "ca-west-1"]);
    expect(cli.code).toBe(0);
    expect(cli.out).toBe(`${awsDocSmtpPassword(secret, "ca-west-1")}\n`);
    expect(cli.err).toBe(`warning: ${text.title}. ${text.detail} ${text.fix}\n`);
  });
});

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
    expect(r.err).toBe(
      `smtp-password: SES has no SMTP endpoint in me-south-1. me-south-1 offers the SES API but no SMTP interface, so no SMTP password works there. Send through the SES API in me-south-1, or send over SMTP from another region where your identity is verified. SES SMTP endpoints exist in: ${smtpRegions.join(", ")}.\n`,
    );
    expect(r.err).not.toContain(secret);
    // arguments swapped: the secret in the region's place is not echoed
    const swapped = await runCli(["eu-west-1", secret]);
    expect(swapped.code).toBe(2);
    expect(swapped.err).toMatch(/^smtp-password: Not an AWS region code\. A value of 40 characters is not/);
    expect(swapped.err).not.toContain(secret.slice(0, 8));
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
    // cleaned paste accidents are notes, odd shapes warnings, in the page's words
    const pasted = await runCli([` "${secret}"`, "eu-west-1"]);
    expect(pasted.code).toBe(0);
    expect(pasted.out).toBe(`${awsDocSmtpPassword(secret, "eu-west-1")}\n`);
    expect(pasted.err).toBe(
      "note: Removed whitespace from the secret. It had a leading space: a common copy-paste accident, never part of a secret access key. Nothing to do: the password below is derived from the secret without it.\n" +
        "note: Removed the quotes around the secret. Quotes are not part of a secret access key. Nothing to do: the password below is derived from the secret without them.\n",
    );
    const short = await runCli([secret.slice(0, 30), "eu-west-1"]);
    expect(short.err).toMatch(/^warning: The secret is 30 characters, not 40\. /);
    expect(short.err).not.toContain(secret.slice(0, 30));
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
