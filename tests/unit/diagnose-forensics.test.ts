import { describe, expect, it } from "vitest";
import { materializeRaw } from "@/lib/findings/materialize";
import { cleanValue, inspectInput, suggestRegion } from "@/lib/diagnose/forensics";
import { deriveSmtpPassword, deriveLegacySmtpPasswordV2 } from "@/lib/sigv4/smtp-password";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const base = { target: "plunk" as const, region: "us-east-1" };
const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe("input forensics", () => {
  it("accepts clean credentials without findings and hands them on", async () => {
    const r = inspectInput({ ...base, accessKeyId: KEY, secretAccessKey: SECRET });
    expect(r.findings).toEqual([]);
    expect(r.creds).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
    expect(r.region).toBe("us-east-1");
  });

  it("reports missing values with the target's variable names", async () => {
    const r = inspectInput({ ...base });
    expect(codes(r)).toEqual(["credentials.missing", "credentials.missing"]);
    expect(r.findings[0].evidence.varName).toBe("AWS_SES_ACCESS_KEY_ID");
    expect(r.findings[1].evidence.varName).toBe("AWS_SES_SECRET_ACCESS_KEY");
    expect(r.creds).toBeUndefined();
  });

  it("an SMTP target needs the SMTP password or the secret", async () => {
    const none = inspectInput({ target: "smtp", region: "us-east-1", accessKeyId: KEY });
    expect(codes(none)).toEqual(["credentials.missing"]);
    expect(none.findings[0].evidence.varName).toBe("SMTP_PASSWORD");
    expect(inspectInput({ target: "smtp", region: "us-east-1", accessKeyId: KEY, smtpPassword: "x" }).findings).toEqual(
      [],
    );
    expect(
      inspectInput({ target: "smtp", region: "us-east-1", accessKeyId: KEY, secretAccessKey: SECRET }).findings,
    ).toEqual([]);
  });

  it("finds whitespace and newlines, and signs with the cleaned values", async () => {
    const r = inspectInput({ ...base, accessKeyId: ` ${KEY}`, secretAccessKey: `${SECRET}\n` });
    expect(codes(r)).toEqual(["credentials.whitespace", "credentials.whitespace"]);
    expect(r.findings[0].evidence).toMatchObject({ field: "access key id", where: "a leading space" });
    expect(r.findings[1].evidence).toMatchObject({ field: "secret access key", where: "a trailing line break" });
    expect(r.creds).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
  });

  it("finds quotes pasted along", async () => {
    const r = inspectInput({ ...base, accessKeyId: KEY, secretAccessKey: `"${SECRET}"` });
    expect(codes(r)).toEqual(["credentials.quoted"]);
    expect(r.findings[0].evidence.quote).toBe('"');
    expect(r.creds?.secretAccessKey).toBe(SECRET);
    expect(cleanValue("'abc'")).toEqual({ value: "abc", quote: "'" });
  });

  it("detects swapped key id and secret and un-swaps them for the calls", async () => {
    const r = inspectInput({ ...base, accessKeyId: SECRET, secretAccessKey: KEY });
    expect(codes(r)).toEqual(["credentials.swapped"]);
    expect(r.creds).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
  });

  it("recognises an SES SMTP password (v4 and legacy v2) pasted as the secret", async () => {
    const v4 = inspectInput({
      ...base,
      accessKeyId: KEY,
      secretAccessKey: await deriveSmtpPassword(SECRET, "us-east-1"),
    });
    expect(codes(v4)).toEqual(["credentials.smtp-password-as-secret"]);
    expect(v4.findings[0].evidence.version).toBe("0x04");
    const v2 = inspectInput({ ...base, accessKeyId: KEY, secretAccessKey: await deriveLegacySmtpPasswordV2(SECRET) });
    expect(codes(v2)).toEqual(["credentials.smtp-password-as-secret"]);
    expect(v2.findings[0].evidence.version).toBe("0x02 (legacy)");
  });

  it("flags malformed key ids and secrets with a reason", async () => {
    const short = inspectInput({ ...base, accessKeyId: "AKIAIOSFODNN7EXAMP", secretAccessKey: SECRET });
    expect(codes(short)).toEqual(["credentials.key-id-malformed"]);
    expect(short.findings[0].evidence.problem).toBe("cut-off");
    const lower = inspectInput({ ...base, accessKeyId: KEY.toLowerCase(), secretAccessKey: SECRET });
    expect(lower.findings[0].evidence.problem).toBe("lowercase");
    const encoded = inspectInput({
      ...base,
      accessKeyId: KEY,
      secretAccessKey: SECRET.replace("/", "%2F").slice(0, 40),
    });
    expect(codes(encoded)).toEqual(["credentials.secret-malformed"]);
    const cut = inspectInput({ ...base, accessKeyId: KEY, secretAccessKey: SECRET.slice(0, 30) });
    expect(cut.findings[0].evidence).toMatchObject({ length: 30 });
  });

  it("requires a session token with an ASIA key where the platform reads one (the target table says)", async () => {
    const aws = { ...base, target: "aws" as const };
    const r = inspectInput({ ...aws, accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET });
    expect(codes(r)).toEqual(["credentials.session-token-missing"]);
    expect(materializeRaw(r.findings[0]).fix).toContain("`AWS_SESSION_TOKEN`");
    const ok = inspectInput({
      ...aws,
      accessKeyId: "ASIAIOSFODNN7EXAMPLE",
      secretAccessKey: SECRET,
      sessionToken: "tok",
    });
    expect(ok.findings).toEqual([]);
  });

  it("refuses an ASIA key for Plunk v2 and v1, which read no session token, even with the token (issue 10 #2)", async () => {
    for (const target of ["plunk", "plunk-v1"] as const) {
      for (const sessionToken of [undefined, "tok"]) {
        const r = inspectInput({
          ...base,
          target,
          accessKeyId: "ASIAIOSFODNN7EXAMPLE",
          secretAccessKey: SECRET,
          ...(sessionToken ? { sessionToken } : {}),
        });
        expect(codes(r)).toEqual(["credentials.temporary-key-unsupported"]);
        const f = materializeRaw(r.findings[0]);
        expect(f.severity).toBe("error");
        expect(f.fix).toMatch(/^Create a long-lived access key for a dedicated IAM user/);
        expect(f.fix).not.toContain("SESSION_TOKEN");
      }
    }
  });

  it("checks the region: missing, unknown (with a suggestion), no SES, no SMTP", async () => {
    const creds = { accessKeyId: KEY, secretAccessKey: SECRET };
    expect(codes(inspectInput({ target: "plunk", ...creds }))).toEqual(["region.missing"]);
    const typo = inspectInput({ ...base, ...creds, region: "us-east1" });
    expect(codes(typo)).toEqual(["region.unknown"]);
    expect(typo.findings[0].evidence.suggestion).toBe("us-east-1");
    expect(typo.region).toBeUndefined();
    expect(suggestRegion("mars-north-9")).toBeUndefined();
    const noSes = inspectInput({ ...base, ...creds, region: "ap-east-1" });
    expect(codes(noSes)).toEqual(["region.no-ses"]);
    const noSmtp = inspectInput({ target: "smtp", ...creds, region: "af-south-1" });
    expect(codes(noSmtp)).toEqual(["region.no-smtp"]);
    expect(noSmtp.region).toBe("af-south-1");
    // the API target is fine there
    expect(inspectInput({ ...base, ...creds, region: "af-south-1" }).findings).toEqual([]);
  });

  it("never puts a secret into evidence", async () => {
    for (const [id, secret] of [
      [SECRET, KEY],
      [` ${KEY}`, `'${SECRET}'`],
      [KEY, SECRET.slice(0, 39)],
      [KEY, `${SECRET}x`],
    ]) {
      const r = inspectInput({ ...base, accessKeyId: id, secretAccessKey: secret });
      const text = JSON.stringify(r.findings);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.slice(0, 20));
      expect(text).not.toContain(KEY);
    }
  });
});
