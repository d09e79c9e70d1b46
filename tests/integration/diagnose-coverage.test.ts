import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { RunningEmulator } from "@/emulator/index";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { closedPort, codes, diagnose, finding, keyOf, loadScenario, resetTo, startScenario } from "./diagnose-harness";

/**
 * "Must detect" items that had no engine-level scenario of their own: DNS hints, env-file damage, region without
 * confirmed SMTP, account state unreadable, SMTP 535 for a user without ses:SendRawEmail. Every case goes through
 * runDiagnosis and the real SDK against the emulator, and asserts the code and its fix text.
 */

let em: RunningEmulator;
beforeAll(async () => {
  em = await startScenario("dns-faults");
});
afterAll(async () => {
  await em?.close();
});

const T = ["abcdefghijklmnopqrstuvwxyz234567", "bbcdefghijklmnopqrstuvwxyz234567", "cbcdefghijklmnopqrstuvwxyz234567"];

describe("DNS, through the engine (the emulator's resolver)", () => {
  it("missing, wrong and doubled DKIM records, and a MAIL FROM without MX or SPF, without DMARC", async () => {
    await resetTo(em, "dns-faults");
    const r = await diagnose(em, { ...keyOf("dns-faults", "usesend-v2"), target: "usesend", domain: "broken.example" });
    const byName = (code: string, name: string) => {
      const f = r.findings.find((x) => x.code === code && x.evidence.name === name);
      if (!f)
        throw new Error(
          `expected ${code} for ${name}; got ${JSON.stringify(r.findings.map((x) => [x.code, x.evidence.name]))}`,
        );
      return f;
    };
    expect(byName("dns.record-missing", `${T[0]}._domainkey.broken.example`).fix).toContain(
      `${T[0]}.dkim.amazonses.com`,
    );
    const wrong = byName("dns.wrong-value", `${T[1]}._domainkey.broken.example`);
    expect(wrong.evidence.found).toBe("wrong.dkim.amazonses.com");
    expect(wrong.fix).toContain(`${T[1]}.dkim.amazonses.com`);
    const doubled = byName("dns.doubled-domain", `${T[2]}._domainkey.broken.example`);
    expect(doubled.evidence.foundAt).toBe(`${T[2]}._domainkey.broken.example.broken.example`);
    expect(doubled.fix).toContain(`${T[2]}._domainkey`);
    expect(byName("dns.mx-missing", "mail.broken.example").fix).toContain("feedback-smtp.us-east-1.amazonses.com");
    expect(byName("dns.spf-missing", "mail.broken.example").fix).toContain("include:amazonses.com");
    expect(byName("dns.dmarc-missing", "_dmarc.broken.example").fix).toContain("v=DMARC1");
    // the identity side of the same story: DKIM stays Pending until the records are right
    expect(finding(r, "identity.dkim-not-verified").evidence.dkimStatus).toBe("Pending");
  });

  it("a proxied CNAME answered as A, and a CNAME on the MAIL FROM name clashing with its MX", async () => {
    await resetTo(em, "dns-faults");
    const r = await diagnose(em, {
      ...keyOf("dns-faults", "usesend-v2"),
      target: "usesend",
      domain: "proxied.example",
    });
    const proxied = r.findings.filter((f) => f.code === "dns.proxied-cname");
    expect(proxied).toHaveLength(3);
    expect(proxied[0].fix).toMatch(/DNS only|proxy/i);
    const clash = finding(r, "dns.cname-mx-conflict");
    expect(clash.evidence.name).toBe("mail.proxied.example");
    expect(clash.fix).toMatch(/CNAME/);
    expect(codes(r)).not.toContain("dns.dmarc-missing");
  });

  it("a resolver that does not answer: lookups named as failed, never a hang", async () => {
    await resetTo(em, "dns-faults");
    const started = performance.now();
    const r = await diagnose(em, {
      ...keyOf("dns-faults", "usesend-v2"),
      target: "usesend",
      domain: "broken.example",
      dnsServer: `127.0.0.1:${await closedPort()}`,
      timeoutMs: 1000,
    });
    expect(finding(r, "dns.lookup-failed").fix.length).toBeGreaterThan(20);
    expect(codes(r)).not.toContain("dns.record-missing");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a domain verified by the legacy _amazonses TXT record (Easy DKIM off): the TXT record is looked up", async () => {
    await resetTo(em, "dns-faults");
    const r = await diagnose(em, { ...keyOf("dns-faults", "plunk-sender"), domain: "txt.example" });
    expect(finding(r, "identity.pending").evidence.identity).toBe("txt.example");
    const txt = r.findings.find((f) => f.code === "dns.record-missing" && f.evidence.name === "_amazonses.txt.example");
    expect(txt, JSON.stringify(r.findings.map((f) => [f.code, f.evidence.name]))).toBeDefined();
    expect(txt?.fix).toContain("EXAMPLEtxtVerificationToken0123456789abcd=");
  });
});

describe("env file, through the engine", () => {
  it("Plunk v1 names (and AWS_DEFAULT_REGION) in a Plunk v2 env: each named, with the name to use", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("dns-faults", "plunk-sender");
    const r = await diagnose(em, {
      accessKeyId,
      secretAccessKey,
      envText: `AWS_ACCESS_KEY_ID=${accessKeyId}\nAWS_SECRET_ACCESS_KEY=${secretAccessKey}\nAWS_DEFAULT_REGION=us-east-1\n`,
    });
    const legacy = r.findings.filter((f) => f.code === "env.legacy-name");
    expect(legacy.map((f) => f.evidence.name).sort()).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_DEFAULT_REGION",
      "AWS_SECRET_ACCESS_KEY",
    ]);
    expect(legacy.find((f) => f.evidence.name === "AWS_DEFAULT_REGION")?.fix).toContain(
      "Rename `AWS_DEFAULT_REGION` to `AWS_SES_REGION`",
    );
    expect(JSON.stringify(r)).not.toContain(secretAccessKey);
  });

  it("useSend's legacy AWS_SECRET_KEY", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("dns-faults", "plunk-sender");
    const r = await diagnose(em, {
      target: "usesend",
      accessKeyId,
      secretAccessKey,
      envText: `AWS_ACCESS_KEY_ID=${accessKeyId}\nAWS_SECRET_KEY=${secretAccessKey}\nAWS_DEFAULT_REGION=us-east-1\n`,
    });
    const f = finding(r, "env.legacy-name");
    expect(f.evidence).toMatchObject({ name: "AWS_SECRET_KEY", expected: "AWS_SECRET_ACCESS_KEY" });
    expect(f.fix).toContain("Rename `AWS_SECRET_KEY` to `AWS_SECRET_ACCESS_KEY`");
  });

  it("values a parser will mangle: an unquoted #, a $, a trailing space", async () => {
    const { accessKeyId } = keyOf("dns-faults", "plunk-sender");
    const r = await diagnose(em, {
      accessKeyId,
      secretAccessKey: "EXAMPLE$ecret/+0123456789abcdefghijklmnop",
      envText: `AWS_SES_ACCESS_KEY_ID=${accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY=EXAMPLE$ecret/+0123456789abcdefghijklmnop#x\nAWS_SES_REGION="us-east-1 "\n`,
    });
    expect(finding(r, "env.unquoted-hash").evidence.name).toBe("AWS_SES_SECRET_ACCESS_KEY");
    expect(finding(r, "env.unquoted-hash").fix).toMatch(/quote/i);
    expect(finding(r, "env.dollar-interpolation").fix).toMatch(/\$\$|single quotes/);
    expect(finding(r, "env.value-whitespace").evidence.name).toBe("AWS_SES_REGION");
    expect(JSON.stringify(r)).not.toContain("EXAMPLE$ecret");
  });
});

const ENV_SECRET = "ENVEXAMPLEsecret/+0123456789abcdefghijkl";
const LEGACY_V2 = await deriveLegacySmtpPasswordV2(ENV_SECRET);

describe("every remaining env and input code, through the engine (no AWS call needed)", () => {
  const KEY = "AKIAEXAMPLEENV000001";
  const SECRET = ENV_SECRET;
  const cases: { name: string; target: "plunk" | "smtp" | "aws"; envText: string; expect: string[] }[] = [
    {
      name: "a v2 name missing after a legacy one",
      target: "plunk",
      envText: `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SES_SECRET_ACCESS_KEY=${SECRET}\nAWS_SES_REGION=eu-west-1\n`,
      expect: ["env.legacy-name", "env.missing-var"],
    },
    {
      name: "key and secret swapped in the env file",
      target: "plunk",
      envText: `AWS_SES_ACCESS_KEY_ID=${SECRET}\nAWS_SES_SECRET_ACCESS_KEY=${KEY}\nAWS_SES_REGION=eu-west-1\n`,
      expect: ["env.key-secret-swapped"],
    },
    {
      name: "the IAM secret as SMTP_PASSWORD",
      target: "smtp",
      envText: `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_PORT=587\nSMTP_USER=${KEY}\nSMTP_PASSWORD=${SECRET}\n`,
      expect: ["env.secret-as-smtp-password"],
    },
    {
      name: "a legacy v2 SMTP password",
      target: "smtp",
      envText: `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_PORT=587\nSMTP_USER=${KEY}\nSMTP_PASSWORD=${LEGACY_V2}\n`,
      expect: ["env.smtp-password-v2"],
    },
    {
      name: "quotes inside quotes, CRLF line ends",
      target: "plunk",
      envText: `AWS_SES_ACCESS_KEY_ID=${KEY}\r\nAWS_SES_SECRET_ACCESS_KEY=${SECRET}\r\nAWS_SES_REGION=eu-west-1\r\nMAIL_FROM_SUBDOMAIN="'plunk'"\r\n`,
      expect: ["env.value-quoted", "env.crlf"],
    },
    {
      name: "a region that is no region, set twice",
      target: "aws",
      envText: `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=Frankfurt\nAWS_REGION=eu\n`,
      expect: ["env.bad-region", "env.duplicate-var"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await diagnose(em, { target: c.target, envText: c.envText, region: undefined });
      for (const code of c.expect) expect(finding(r, code).fix.length).toBeGreaterThan(20);
      expect(JSON.stringify(r)).not.toContain(SECRET);
    });
  }

  it("nothing entered: credentials and region missing, named by the target's variables", async () => {
    const r = await diagnose(em, { target: "plunk", region: undefined });
    expect(r.findings.filter((f) => f.code === "credentials.missing").map((f) => f.evidence.varName)).toEqual([
      "AWS_SES_ACCESS_KEY_ID",
      "AWS_SES_SECRET_ACCESS_KEY",
    ]);
    expect(finding(r, "region.missing").fix).toContain("AWS_SES_REGION");
  });
});

/** The scenario plus two users: one with no SES read action, one with reads but no send. */
function withUsers(): EmulatorConfigInput {
  const cfg = loadScenario("dns-faults");
  const user = (name: string, id: string, secret: string, actions: string[]) => ({
    name,
    inlinePolicies: {
      P: { Version: "2012-10-17", Statement: [{ Effect: "Allow" as const, Action: actions, Resource: "*" }] },
    },
    accessKeys: [{ id, secret }],
  });
  cfg.users = [
    ...(cfg.users ?? []),
    user("send-only", "AKIAEXAMPLENOREAD001", "NOREADEXAMPLEsecret/+0123456789abcdefghi", ["ses:SendRawEmail"]),
    user("read-only", "AKIAEXAMPLENOSEND001", "NOSENDEXAMPLEsecret/+0123456789abcdefghi", ["ses:GetSendQuota"]),
  ];
  return cfg;
}

async function resetWithUsers(): Promise<void> {
  const res = await fetch(`${em.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(withUsers()),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.ok).toBe(true);
}

describe("region, account and SMTP cases without a scenario of their own", () => {
  it("a legacy (version 0x02) SMTP password pasted as the secret: named, and blamed for SignatureDoesNotMatch", async () => {
    await resetTo(em, "dns-faults");
    const { accessKeyId, secretAccessKey } = keyOf("dns-faults", "plunk-sender");
    const legacy = await deriveLegacySmtpPasswordV2(secretAccessKey);
    const r = await diagnose(em, { accessKeyId, secretAccessKey: legacy });
    const f = finding(r, "credentials.smtp-password-as-secret");
    expect(f.evidence.version).toBe("0x02 (legacy)");
    expect(f.fix).toContain("secret access key (40 characters)");
    expect(finding(r, "credentials.wrong-secret").evidence.likelyFinding).toBe("credentials.smtp-password-as-secret");
    expect(JSON.stringify(r)).not.toContain(legacy);
    expect(JSON.stringify(r)).not.toContain(secretAccessKey);
  });

  it("an SMTP target in a region whose SMTP endpoint is not confirmed", async () => {
    await resetTo(em, "dns-faults");
    const r = await diagnose(em, {
      ...keyOf("dns-faults", "plunk-sender"),
      target: "smtp",
      region: "ca-west-1",
      smtpHost: "127.0.0.1",
      smtpPort: em.ports.smtp,
      smtpCa: SMTP_TLS_CERT,
    });
    const f = finding(r, "region.smtp-unconfirmed");
    expect(f.evidence.region).toBe("ca-west-1");
    expect(f.fix).toContain("ca-west-1");
  });

  it("account state unreadable (no GetAccount, no GetSendQuota): said so, not guessed", async () => {
    await resetWithUsers();
    const r = await diagnose(em, {
      accessKeyId: "AKIAEXAMPLENOREAD001",
      secretAccessKey: "NOREADEXAMPLEsecret/+0123456789abcdefghi",
    });
    const f = finding(r, "account.not-checked");
    expect(f.severity).toBe("info");
    expect(f.evidence.region).toBe("us-east-1");
    expect(f.fix).toMatch(/ses:GetAccount|ses:GetSendQuota/);
    expect(codes(r)).not.toContain("account.sandbox");
  });

  it("SMTP 535 for a user whose policy lacks ses:SendRawEmail, with that as the likely cause", async () => {
    await resetWithUsers();
    const secret = "NOSENDEXAMPLEsecret/+0123456789abcdefghi";
    const r = await diagnose(em, {
      target: "smtp",
      accessKeyId: "AKIAEXAMPLENOSEND001",
      smtpPassword: await deriveSmtpPassword(secret, "us-east-1"),
      secretAccessKey: secret,
      smtpHost: "127.0.0.1",
      smtpPort: em.ports.smtp,
      smtpCa: SMTP_TLS_CERT,
    });
    const f = finding(r, "smtp.auth-failed");
    expect(f.evidence.likelyCause).toBe("key-inactive-or-no-permission");
    expect(f.fix).toContain("ses:SendRawEmail");
    // read-only and without IAM simulation the permission probe cannot prove the send action either way: it says so
    expect(String(finding(r, "permissions.unverified").evidence.actions)).toContain("ses:SendRawEmail");
  });
});
