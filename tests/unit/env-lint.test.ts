import { describe, expect, it } from "vitest";
import { CATALOGUE, type FindingSpec } from "@/lib/findings/catalogue";
import { lintEnv } from "@/lib/env/lint";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const codes = (f: { code: string }[]) => f.map((x) => x.code).sort();

/** Every finding must name a catalogue entry, and its evidence must fill every placeholder of that entry's wording. */
function expectCatalogued(findings: { code: string; evidence: Record<string, unknown> }[]) {
  for (const f of findings) {
    const spec = (CATALOGUE as Record<string, FindingSpec>)[f.code];
    expect(spec, f.code).toBeDefined();
    for (const [, name] of `${spec.title} ${spec.why} ${spec.fix}`.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g))
      expect(f.evidence[name] ?? null, `${f.code} needs {${name}}`).not.toBeNull();
  }
}

describe("lintEnv", () => {
  it("is quiet for a correct Plunk v2 env", async () => {
    const text = `AWS_SES_ACCESS_KEY_ID=${KEY}\nAWS_SES_SECRET_ACCESS_KEY=${SECRET}\nAWS_SES_REGION=eu-west-1\nDATABASE_URL=postgres://\${DB}@db/x\n`;
    expect(lintEnv(text, "plunk")).toEqual([]);
  });

  it("flags Plunk v1 names in a v2 env and the v2 names that are then missing", async () => {
    const f = lintEnv({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: "us-east-1" }, "plunk");
    expect(codes(f)).toEqual([
      "env.legacy-name",
      "env.legacy-name",
      "env.legacy-name",
      "env.missing-var",
      "env.missing-var",
      "env.missing-var",
    ]);
    expect(f).toContainEqual({
      code: "env.legacy-name",
      evidence: { name: "AWS_REGION", expected: "AWS_SES_REGION", target: "plunk" },
    });
    expect(f).toContainEqual({ code: "env.missing-var", evidence: { name: "AWS_SES_REGION", target: "plunk" } });
  });

  it("flags a region set only in AWS_DEFAULT_REGION for Plunk", async () => {
    const f = lintEnv(
      { AWS_SES_ACCESS_KEY_ID: KEY, AWS_SES_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: "eu-west-1" },
      "plunk",
    );
    expect(f).toContainEqual({
      code: "env.legacy-name",
      evidence: { name: "AWS_DEFAULT_REGION", expected: "AWS_SES_REGION", target: "plunk" },
    });
    expect(f).toContainEqual({ code: "env.missing-var", evidence: { name: "AWS_SES_REGION", target: "plunk" } });
  });

  it("flags useSend's legacy AWS_SECRET_KEY and a half-set key pair", async () => {
    const f = lintEnv({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_KEY: SECRET }, "usesend");
    expect(codes(f)).toEqual(["env.legacy-name", "env.missing-var"]);
    expect(f).toContainEqual({
      code: "env.missing-var",
      evidence: { name: "AWS_SECRET_ACCESS_KEY", target: "usesend" },
    });
    // both omitted is fine: useSend then uses the default credential chain
    expect(lintEnv({}, "usesend")).toEqual([]);
  });

  it("spots values a parser will change", async () => {
    const text = [
      `AWS_SES_ACCESS_KEY_ID=${KEY}`,
      "AWS_SES_SECRET_ACCESS_KEY=abc#def",
      "AWS_SES_REGION=' eu-west-1'",
      'SES_CONFIGURATION_SET="set-$NAME"',
      "MAIL_FROM_SUBDOMAIN=\"'plunk'\"",
      "OTHER=unrelated#thing",
    ].join("\r\n");
    const f = lintEnv(text, "plunk");
    expect(f).toContainEqual({
      code: "env.unquoted-hash",
      evidence: { name: "AWS_SES_SECRET_ACCESS_KEY", keptChars: 3 },
    });
    expect(f).toContainEqual({ code: "env.value-whitespace", evidence: { name: "AWS_SES_REGION", length: 10 } });
    expect(f).toContainEqual({ code: "env.dollar-interpolation", evidence: { name: "SES_CONFIGURATION_SET" } });
    // single quotes protect $NAME, but docker-compose v1 still expands ${NAME} there
    expect(codes(lintEnv("SES_CONFIGURATION_SET='a$b'\n", "plunk"))).not.toContain("env.dollar-interpolation");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ is the point
    expect(codes(lintEnv("SES_CONFIGURATION_SET='a${B}'\n", "plunk"))).toContain("env.dollar-interpolation");
    expect(f).toContainEqual({ code: "env.value-quoted", evidence: { name: "MAIL_FROM_SUBDOMAIN", quote: "'" } });
    expect(f).toContainEqual({ code: "env.crlf", evidence: { lines: 5 } });
    // variables the platform does not read are none of our business
    expect(JSON.stringify(f)).not.toContain("OTHER");
    expect(lintEnv(`AWS_SES_REGION=eu-west-1 # fine\n`, "plunk").map((x) => x.code)).not.toContain("env.unquoted-hash");
  });

  it("detects key and secret swapped", async () => {
    const f = lintEnv(
      { AWS_SES_ACCESS_KEY_ID: SECRET, AWS_SES_SECRET_ACCESS_KEY: KEY, AWS_SES_REGION: "eu-west-1" },
      "plunk",
    );
    expect(f).toEqual([
      {
        code: "env.key-secret-swapped",
        evidence: { accessKeyVar: "AWS_SES_ACCESS_KEY_ID", secretVar: "AWS_SES_SECRET_ACCESS_KEY" },
      },
    ]);
  });

  it("flags duplicates and a malformed region", async () => {
    const f = lintEnv(
      `AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_REGION=Frankfurt\nAWS_REGION=eu\n`,
      "aws",
    );
    expect(codes(f)).toEqual(["env.bad-region", "env.duplicate-var"]);
  });

  it("tells an IAM secret or a v2 password from an SMTP password, without echoing it", async () => {
    const base = { SMTP_HOST: "email-smtp.us-east-1.amazonaws.com", SMTP_PORT: "587", SMTP_USER: KEY };
    expect(lintEnv({ ...base, SMTP_PASSWORD: await deriveSmtpPassword(SECRET, "us-east-1") }, "smtp")).toEqual([]);
    const asSecret = lintEnv({ ...base, SMTP_PASSWORD: SECRET }, "smtp");
    expect(codes(asSecret)).toEqual(["env.secret-as-smtp-password"]);
    expect(JSON.stringify(asSecret)).not.toContain(SECRET);
    expect(codes(lintEnv({ ...base, SMTP_PASSWORD: await deriveLegacySmtpPasswordV2(SECRET) }, "smtp"))).toEqual([
      "env.smtp-password-v2",
    ]);
    expect(codes(lintEnv({ ...base, SMTP_PASS: "x" }, "smtp"))).toEqual(["env.legacy-name", "env.missing-var"]);
  });

  it("emits only catalogued codes whose wording its evidence fills", async () => {
    const all = [
      ...lintEnv({ AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_KEY: SECRET, AWS_REGION: "Frankfurt" }, "plunk"),
      ...lintEnv({ AWS_SES_ACCESS_KEY_ID: SECRET, AWS_SES_SECRET_ACCESS_KEY: KEY, AWS_SES_REGION: "nowhere" }, "plunk"),
      ...lintEnv(
        "AWS_SES_REGION=eu-west-1\r\nAWS_SES_SECRET_ACCESS_KEY=a#b\r\nAWS_SES_REGION=' x'\r\nSES_CONFIGURATION_SET=$X\r\n",
        "plunk",
      ),
      ...lintEnv("MAIL_FROM_SUBDOMAIN=\"'x'\"\n", "plunk"),
      ...lintEnv({ SMTP_USER: KEY, SMTP_PASSWORD: SECRET }, "smtp"),
      ...lintEnv({ SMTP_USER: KEY, SMTP_PASSWORD: await deriveLegacySmtpPasswordV2(SECRET) }, "smtp"),
    ];
    expect(new Set(all.map((f) => f.code)).size).toBeGreaterThanOrEqual(12);
    expectCatalogued(all);
  });
});
