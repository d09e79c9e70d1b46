import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  cleanPaste,
  isKeyIdShaped,
  looksSecret,
  maskKeyId,
  maskValue,
  smtpPasswordVersion,
  swappedFieldProblem,
} from "@/lib/credentials";
import { inspectInput } from "@/lib/diagnose/forensics";
import { loadDeployedConfig } from "@/lib/health/config";
import { maskKeyId as snapshotMaskKeyId } from "@/lib/health/snapshot";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { checkSecret } from "@/lib/smtp/password";

const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/** Every 3-character window of a secret: none of them may appear in what is shown. */
function pieces(secret: string): string[] {
  return Array.from({ length: secret.length - 2 }, (_, i) => secret.slice(i, i + 3));
}
function showsNothingOf(shown: string, secret: string) {
  for (const p of pieces(secret)) expect(shown, `shows "${p}"`).not.toContain(p);
}

describe("shapes", () => {
  it("one key-id rule for AKIA and ASIA keys", async () => {
    expect(isKeyIdShaped(KEY_ID)).toBe(true);
    expect(isKeyIdShaped("ASIAIOSFODNN7EXAMPLE")).toBe(true);
    expect(isKeyIdShaped("akiaiosfodnn7example")).toBe(false);
    expect(isKeyIdShaped(SECRET)).toBe(false);
  });
  it("SMTP passwords by their version byte (browser-safe decoding)", async () => {
    expect(smtpPasswordVersion(await deriveSmtpPassword(SECRET, "eu-west-1"))).toBe(4);
    expect(smtpPasswordVersion(await deriveLegacySmtpPasswordV2(SECRET))).toBe(2);
    expect(smtpPasswordVersion(SECRET)).toBeNull();
  });
});

describe("paste cleaning is the same for the engine and the SMTP tool", () => {
  for (const raw of [`  ${SECRET}\n`, `“${SECRET}”`, `'${SECRET.slice(0, 20)}\n${SECRET.slice(20)}'`]) {
    it(JSON.stringify(raw.slice(0, 6)), async () => {
      const engine = inspectInput({ target: "aws", accessKeyId: KEY_ID, secretAccessKey: raw, region: "us-east-1" });
      const tool = checkSecret(raw);
      expect(cleanPaste(raw).value).toBe(SECRET);
      expect(engine.creds?.secretAccessKey).toBe(SECRET);
      expect(tool.secret).toBe(SECRET);
    });
  }
});

const SMTP_PASSWORD = await deriveSmtpPassword(SECRET, "us-east-1");

describe("the one masking rule: no character of a secret-shaped value is shown", () => {
  const smtp = SMTP_PASSWORD;
  it("a key id shows its ends; a secret or SMTP password in the key-id place shows nothing", async () => {
    expect(maskKeyId(KEY_ID)).toBe("AKIA…MPLE");
    for (const s of [SECRET, smtp]) {
      showsNothingOf(maskKeyId(s), s);
      showsNothingOf(snapshotMaskKeyId(s) ?? "", s);
      showsNothingOf(maskValue(s), s);
      expect(looksSecret(s)).toBe(true);
    }
  });
  it("the public health snapshot's key id never shows a secret pasted into the key-id variable", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sesame-cred-"));
    try {
      const envFile = path.join(dir, "platform.env");
      writeFileSync(
        envFile,
        `AWS_SES_ACCESS_KEY_ID=${SECRET}\nAWS_SES_SECRET_ACCESS_KEY=${KEY_ID}\nAWS_SES_REGION=us-east-1\n`,
      );
      const d = await loadDeployedConfig(
        {
          envFile,
          target: "plunk",
          stateDir: dir,
          healthCacheSeconds: 60,
          demo: false,
          timeoutMs: 1000,
        },
        {},
      );
      expect(d.keyId).toBeDefined();
      showsNothingOf(d.keyId ?? "", SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("a secret in a non-secret field gets the swapped explanation, without the value", async () => {
    const why = swappedFieldProblem("access key ID", ` ${SECRET} `);
    expect(why).toMatch(/swapped/);
    showsNothingOf(why ?? "", SECRET);
    expect(swappedFieldProblem("access key ID", KEY_ID)).toBeUndefined();
    expect(swappedFieldProblem("IAM user name", "sesame-plunk")).toBeUndefined();
  });
});
