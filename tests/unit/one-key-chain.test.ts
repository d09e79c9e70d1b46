import { createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { legacySmtpPasswordV2With, smtpPasswordWith } from "@/lib/sigv4/key-chain";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { WebCryptoSha256 } from "@/lib/sigv4/webcrypto-sha256";
import { smtpRegions } from "@/lib/regions";

/**
 * Issue 9 §4: one signing-key chain (lib/sigv4/key-chain.ts) with the hash injected serves the server, the emulator,
 * the SMTP password and the browser. The oracle below is AWS's published algorithm written out with node:crypto,
 * independently of the product (docs/aws-facts.md §2.10).
 */
function awsDoc(secret: string, region: string, version: 2 | 4): string {
  const h = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
  if (version === 2) return Buffer.concat([Buffer.from([0x02]), h(secret, "SendRawEmail")]).toString("base64");
  let key = h(`AWS4${secret}`, "11111111");
  for (const part of [region, "ses", "aws4_request"]) key = h(key, part);
  return Buffer.concat([Buffer.from([0x04]), h(key, "SendRawEmail")]).toString("base64");
}

const secrets = [
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  ...Array.from({ length: 3 }, () => randomBytes(30).toString("base64")),
  // not a real secret's alphabet, but the chain must treat text the same under both hashes (UTF-8)
  "sécret-ünïcode-€-EXAMPLE",
];

describe("the SES SMTP password through the one key chain", () => {
  it("Node (server, emulator) and Web Crypto (browser) derive the same password in every SMTP region", async () => {
    expect(smtpRegions().length).toBeGreaterThan(15);
    for (const region of smtpRegions()) {
      for (const secret of secrets) {
        const node = await deriveSmtpPassword(secret, region);
        const web = await smtpPasswordWith(WebCryptoSha256, secret, region);
        expect(web, `${region}`).toBe(node);
        expect(node, `${region}`).toBe(awsDoc(secret, region, 4));
      }
    }
  });

  it("the legacy version-2 password agrees too, and differs from the current one", async () => {
    for (const secret of secrets) {
      const node = await deriveLegacySmtpPasswordV2(secret);
      expect(await legacySmtpPasswordV2With(WebCryptoSha256, secret)).toBe(node);
      expect(node).toBe(awsDoc(secret, "us-east-1", 2));
      expect(node).not.toBe(await deriveSmtpPassword(secret, "us-east-1"));
    }
  });
});

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["lib", "app", "emulator", "components", "scripts", "bin"];
/**
 * createHmac may appear only where the node:crypto hash is injected into the chain (lib/sigv4/sha256.ts, the Checksum
 * the chain is handed) and in the setup session's cookie MAC (lib/setup/token.ts), which is no SigV4 at all.
 */
const ALLOWED = new Set(["lib/sigv4/sha256.ts", "lib/setup/token.ts"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && !e.name.startsWith(".")) out.push(...sourceFiles(full));
    } else if (/\.(m?[jt]sx?|cjs)$/.test(e.name)) out.push(full);
  }
  return out;
}

describe("no second signing-key chain", () => {
  const files = SOURCE_DIRS.flatMap((d) => {
    try {
      return sourceFiles(path.join(ROOT, d));
    } catch {
      return [];
    }
  }).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));

  it("scans the product's sources", () => {
    expect(files).toContain("lib/sigv4/key-chain.ts");
    expect(files).toContain("emulator/smtp/server.ts");
    expect(files.length).toBeGreaterThan(100);
  });

  it("calls createHmac nowhere but in the injected node:crypto hash (and the session cookie MAC)", () => {
    const offenders = files.filter(
      (f) => !ALLOWED.has(f) && /\bcreateHmac\b/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("builds the AWS4 key chain and the SMTP password's 11111111 date only in lib/sigv4/key-chain.ts", () => {
    const offenders = files.filter((f) => {
      if (f === "lib/sigv4/key-chain.ts") return false;
      const text = readFileSync(path.join(ROOT, f), "utf8");
      return /`AWS4\$\{|"AWS4"\s*\+|"11111111"/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
