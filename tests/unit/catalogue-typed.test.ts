import { describe, expect, it } from "vitest";
import { CATALOGUE, type FindingCode, type FindingSpec, finding, type RawFinding } from "@/lib/findings/catalogue";
import { materialize, materializeRaw } from "@/lib/findings/materialize";
import { nearestSesRegion } from "@/lib/diagnose/nearest-region";

const SPECS = Object.entries(CATALOGUE as Record<string, FindingSpec>);
const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]);

describe("typed evidence (checked by tsc: each @ts-expect-error below fails the type check when the line is fine)", () => {
  it("refuses a placeholder without a value, a misspelt code and an unknown phrase key", () => {
    // @ts-expect-error region.no-ses needs {nearest}
    const missing: RawFinding = { code: "region.no-ses", evidence: { region: "ap-east-1" } };
    // @ts-expect-error no such code
    const misspelt: RawFinding = { code: "region.no-sess", evidence: { region: "ap-east-1", nearest: "x" } };
    const wrongPhrase = finding("credentials.wrong-secret", {
      keyId: "AKIA…MPLE",
      requestId: "r",
      // @ts-expect-error a phrase placeholder takes one of its phrase keys, never a sentence
      likelyCause: "the secret is wrong",
      likelyFix: "other",
    });
    // @ts-expect-error a placeholder value may not be null (it is shown)
    const nullShown = finding("region.missing", { varName: null });
    expect([missing, misspelt, wrongPhrase, nullShown]).toHaveLength(4);
  });

  it("renders a phrase chosen by evidence data, never a sentence carried in evidence", () => {
    const f = materialize("credentials.wrong-secret", {
      keyId: "AKIA…MPLE",
      requestId: "rid",
      likelyCause: "smtp-password-as-secret",
      likelyFix: "smtp-password-as-secret",
    });
    expect(f.detail).toContain("an SES SMTP password was pasted instead of the secret access key");
    expect(f.fix).toMatch(/^Put the 40-character secret access key of AKIA…MPLE/);
  });
});

describe("every entry", () => {
  it("has a phrase table for every phrase key, and each phrase's own placeholders are plain values", () => {
    for (const [code, spec] of SPECS) {
      for (const [name, table] of Object.entries(spec.phrases ?? {})) {
        expect(Object.keys(table).length, `${code} ${name}`).toBeGreaterThan(0);
        expect(`${spec.title} ${spec.why} ${spec.fix}`, `${code} uses {${name}}`).toContain(`{${name}}`);
        for (const text of Object.values(table))
          for (const p of placeholders(text)) expect(spec.phrases?.[p], `${code}: phrase in phrase`).toBeUndefined();
      }
    }
  });

  /** every text a person can read: title, why, fix and every phrase */
  const texts = SPECS.flatMap(([code, s]) =>
    [s.title, s.why, s.fix, ...Object.values(s.phrases ?? {}).flatMap((t) => Object.values(t))].map((t) => ({
      code,
      t,
    })),
  );

  it("has no doubled words and balanced backticks", () => {
    for (const { code, t } of texts) {
      const plain = t.replace(/`[^`]*`/g, "CODE");
      expect(plain, code).not.toMatch(/\b(\w+) \1\b/i);
      expect((t.match(/`/g) ?? []).length % 2, `${code}: ${t}`).toBe(0);
    }
  });

  it("names the doctor's env-file flag --env, never --env-file", () => {
    for (const { code, t } of texts) expect(t, code).not.toMatch(/--env-?file/);
  });

  it("keeps code in backticks: variable names and commands in fix texts", () => {
    for (const [code, s] of SPECS) {
      const fixes = [s.fix, ...Object.values(s.phrases ?? {}).flatMap((t) => Object.values(t))];
      for (const fix of fixes) {
        const outside = fix.replace(/`[^`]*`/g, "");
        expect(outside, code).not.toMatch(/\b(AWS|SMTP|SESAME)_[A-Z_]{3,}\b/);
        expect(outside, code).not.toMatch(/npm run|aws sesv2|timedatectl/);
      }
    }
  });
});

describe("wording of fixes people read in trouble (issue 10, Wording)", () => {
  it("suggests the nearest SES region, not the first with the same prefix", () => {
    expect(nearestSesRegion("ap-east-1", false)).not.toBe("ap-south-1");
    expect(["ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-northeast-1"]).toContain(
      nearestSesRegion("ap-east-1", false),
    );
    expect(nearestSesRegion("eu-south-2", false)).toBe("eu-west-3");
    expect(nearestSesRegion("ap-southeast-4", false)).toBe("ap-southeast-2");
    // SMTP needed: Milan has no SMTP endpoint, Zurich neither
    expect(nearestSesRegion("eu-south-1", true)).toBe("eu-central-1");
    const f = materialize("region.no-ses", { region: "ap-east-1", nearest: nearestSesRegion("ap-east-1", false) });
    expect(f.fix).not.toMatch(/close to ap-east-1 \(for example/);
  });

  it("writes the MAIL FROM MX fix with the priority once", () => {
    const f = materializeRaw({
      code: "dns.mx-missing",
      evidence: {
        name: "mail.example.com",
        host: "feedback-smtp.eu-west-1.amazonses.com",
        priority: 10,
        expected: "10 feedback-smtp.eu-west-1.amazonses.com",
      },
    });
    expect(f.fix).toBe(
      "Create an MX record named `mail.example.com` with priority 10 and mail server `feedback-smtp.eu-west-1.amazonses.com`.",
    );
    expect(f.fix).not.toMatch(/10 and value 10/);
  });

  it("has one clear action for a temporary key on a platform without session tokens", () => {
    const f = materialize("credentials.temporary-key-unsupported", {
      keyId: "ASIA…MPLE",
      target: "Plunk",
      keyIdVar: "AWS_SES_ACCESS_KEY_ID",
      secretVar: "AWS_SES_SECRET_ACCESS_KEY",
    });
    expect(f.fix).toBe(
      "Create a long-lived access key for a dedicated IAM user (AKIA…) and put it in `AWS_SES_ACCESS_KEY_ID` and `AWS_SES_SECRET_ACCESS_KEY`.",
    );
  });

  it("every code materialises with every placeholder filled when evidence has every field", () => {
    for (const [code, spec] of SPECS) {
      const evidence: Record<string, string> = {};
      const all = [
        spec.title,
        spec.why,
        spec.fix,
        ...Object.values(spec.phrases ?? {}).flatMap((t) => Object.values(t)),
      ];
      for (const text of all) for (const p of placeholders(text)) evidence[p] = "x";
      for (const [name, table] of Object.entries(spec.phrases ?? {})) evidence[name] = Object.keys(table)[0];
      const f = materialize(code as FindingCode, evidence as never);
      expect(`${f.title} ${f.detail} ${f.fix}`, code).not.toMatch(/\(unknown\)|\{|\}/);
    }
  });
});
