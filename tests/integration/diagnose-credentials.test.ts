import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { codes, diagnose, finding, keyOf, resetTo, setFaults, startScenario } from "./diagnose-harness";

/** Input damage, identity and clock findings, each through the real SDK against the emulator. */

let em: RunningEmulator;
const plunk = () => keyOf("credentials", "plunk-sender");

beforeAll(async () => {
  em = await startScenario("credentials");
});
afterAll(async () => {
  await em?.close();
});
beforeEach(async () => {
  await resetTo(em, "credentials");
});

describe("input damage", () => {
  it("whitespace around both values: reported, and the cleaned key is proven to work", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId: ` ${accessKeyId}`, secretAccessKey: `${secretAccessKey}\n` });
    expect(codes(r).filter((c) => c === "credentials.whitespace")).toHaveLength(2);
    expect(codes(r)).not.toContain("credentials.wrong-secret");
    expect(codes(r)).not.toContain("credentials.unknown-key");
    expect(finding(r, "credentials.whitespace").fix).toMatch(
      /Delete the stray whitespace \(a leading space\) from the access key id/,
    );
    expect(r.status).toBe("fail");
  });

  it("quotes pasted along", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId, secretAccessKey: `"${secretAccessKey}"` });
    expect(codes(r)).toContain("credentials.quoted");
    expect(codes(r)).not.toContain("credentials.wrong-secret");
    expect(finding(r, "credentials.quoted").fix).toMatch(/Remove the extra quote characters/);
  });

  it("key id and secret swapped", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId: secretAccessKey, secretAccessKey: accessKeyId });
    expect(codes(r)[0]).toBe("credentials.swapped");
    expect(codes(r)).not.toContain("credentials.unknown-key");
    expect(finding(r, "credentials.swapped").fix).toContain("AWS_SES_ACCESS_KEY_ID");
  });

  it("an SES SMTP password pasted as the secret, and AWS's SignatureDoesNotMatch blamed on it", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, {
      accessKeyId,
      secretAccessKey: await deriveSmtpPassword(secretAccessKey, "us-east-1"),
    });
    expect(codes(r).slice(0, 2)).toEqual(["credentials.smtp-password-as-secret", "credentials.wrong-secret"]);
    const wrong = finding(r, "credentials.wrong-secret");
    expect(wrong.evidence.likelyFinding).toBe("credentials.smtp-password-as-secret");
    expect(wrong.detail).toMatch(/SMTP password was pasted/);
    expect(finding(r, "credentials.smtp-password-as-secret").fix).toMatch(/40 characters/);
  });

  it("a malformed (cut off) key id", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId: accessKeyId.slice(0, 19), secretAccessKey });
    expect(codes(r)[0]).toBe("credentials.key-id-malformed");
    expect(finding(r, "credentials.key-id-malformed").detail).toMatch(/19 characters.*cut off/);
    // AWS's InvalidClientTokenId adds nothing to that
    expect(codes(r)).not.toContain("credentials.unknown-key");
  });

  it("a malformed secret makes the wrong-secret finding name it as the likely cause", async () => {
    const { accessKeyId, secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId, secretAccessKey: secretAccessKey.slice(0, 39) });
    expect(codes(r).slice(0, 2)).toEqual(["credentials.secret-malformed", "credentials.wrong-secret"]);
    expect(finding(r, "credentials.wrong-secret").evidence.likelyFinding).toBe("credentials.secret-malformed");
  });

  it("an ASIA key without its session token, for a platform that reads one", async () => {
    const { accessKeyId, secretAccessKey } = keyOf("credentials", "bootstrap-session", 1);
    const r = await diagnose(em, { target: "aws", accessKeyId, secretAccessKey });
    expect(codes(r)).toContain("credentials.session-token-missing");
    expect(codes(r)).not.toContain("credentials.unknown-key");
    expect(finding(r, "credentials.session-token-missing").fix).toMatch(/long-lived access key/);
    expect(finding(r, "credentials.session-token-missing").fix).toContain("`AWS_SESSION_TOKEN`");
    // with the token the same key works
    const ok = await diagnose(em, { target: "aws", ...keyOf("credentials", "bootstrap-session", 1) });
    expect(codes(ok)).not.toContain("credentials.session-token-missing");
    expect(ok.findings.filter((f) => f.component === "credentials")).toEqual([]);
  });

  it("an ASIA key for Plunk is an error even with its token: Plunk reads no session token (issue 10 #2)", async () => {
    for (const target of ["plunk", "plunk-v1"] as const) {
      const withToken = await diagnose(em, { target, ...keyOf("credentials", "bootstrap-session", 1) });
      expect(withToken.status).toBe("fail");
      expect(codes(withToken)).toContain("credentials.temporary-key-unsupported");
      expect(finding(withToken, "credentials.temporary-key-unsupported").fix).toMatch(
        /^Create a long-lived access key for a dedicated IAM user/,
      );
      const { accessKeyId, secretAccessKey } = keyOf("credentials", "bootstrap-session", 1);
      const without = await diagnose(em, { target, accessKeyId, secretAccessKey });
      expect(codes(without)).toContain("credentials.temporary-key-unsupported");
      expect(codes(without)).not.toContain("credentials.session-token-missing");
      expect(codes(without)).not.toContain("credentials.unknown-key");
      expect(without.findings.map((f) => f.fix).join(" ")).not.toContain("SESSION_TOKEN");
    }
  });
});

describe("identity", () => {
  it("unknown key id", async () => {
    const { secretAccessKey } = plunk();
    const r = await diagnose(em, { accessKeyId: "AKIAEXAMPLEUNKNOWN00", secretAccessKey });
    expect(codes(r)).toEqual(["credentials.unknown-key"]);
    const f = finding(r, "credentials.unknown-key");
    expect(f.evidence.keyId).toBe("AKIA…WN00");
    expect(f.evidence.errorCode).toBe("InvalidClientTokenId");
    expect(f.fix).toMatch(/exists and is Active/);
  });

  it("inactive key reads as unknown to AWS", async () => {
    const r = await diagnose(em, keyOf("credentials", "retired"));
    expect(codes(r)).toContain("credentials.unknown-key");
  });

  it("wrong secret without an input explanation", async () => {
    const r = await diagnose(em, {
      accessKeyId: plunk().accessKeyId,
      secretAccessKey: keyOf("credentials", "retired").secretAccessKey,
    });
    expect(codes(r)).toEqual(["credentials.wrong-secret"]);
    const f = finding(r, "credentials.wrong-secret");
    expect(f.evidence.likelyFinding).toBeNull();
    expect(f.evidence.requestId).toBeTruthy();
    expect(f.fix).toMatch(/create a new access key/);
  });

  it("a bad signature is the cause: no permission advice derived from the calls it broke (issue 10 #7)", async () => {
    const r = await diagnose(em, {
      accessKeyId: plunk().accessKeyId,
      secretAccessKey: keyOf("credentials", "retired").secretAccessKey,
      domain: "example.com",
    });
    expect(codes(r)).toEqual(["credentials.wrong-secret"]);
    expect(r.findings.map((f) => f.fix).join(" ")).not.toMatch(/GetIdentityVerificationAttributes/);
  });

  it("expired session token", async () => {
    const r = await diagnose(em, keyOf("credentials", "bootstrap-session", 0));
    expect(codes(r)).toContain("credentials.expired-token");
    expect(finding(r, "credentials.expired-token").fix).toMatch(/long-term access key/);
  });

  it("keys of an SES console SMTP user", async () => {
    const r = await diagnose(em, { ...keyOf("credentials", "ses-smtp-user.20250826-115505"), domain: "example.com" });
    const f = finding(r, "credentials.smtp-console-user");
    expect(f.evidence.userName).toBe("ses-smtp-user.20250826-115505");
    expect(f.fix).toMatch(/dedicated IAM user/);
    // the root cause comes first, as an error, for an API target (issue 10 #8)
    expect(f.severity).toBe("error");
    expect(codes(r)[0]).toBe("credentials.smtp-console-user");
    expect(r.findings.findIndex((x) => x.severity === "error")).toBe(0);
    // its policy allows only ses:SendRawEmail: the harmless calls find the rest missing
    expect(finding(r, "permissions.missing").evidence.actions).toContain("ses:GetSendQuota");
    // and the domain's state is unknown rather than silently fine
    const unknown = finding(r, "identity.not-checked");
    expect(unknown.evidence).toMatchObject({ identity: "example.com", region: "us-east-1" });
    expect(unknown.fix).toMatch(/ses:GetIdentityVerificationAttributes/);
    expect(unknown.severity).toBe("info");
  });

  it("a key that may read identities gets the domain's real state, not 'could not be read'", async () => {
    const r = await diagnose(em, { ...plunk(), domain: "example.com" });
    expect(codes(r)).not.toContain("identity.not-checked");
  });

  it("administrator keys are flagged as too broad", async () => {
    const r = await diagnose(em, keyOf("credentials", "root-like"));
    const f = finding(r, "permissions.too-broad");
    expect(f.evidence.actions).toContain("iam:CreateUser");
    expect(f.evidence.method).toBe("IAM policy simulation");
    expect(codes(r)).not.toContain("permissions.missing");
  });
});

describe("clock", () => {
  it("two minutes of skew is a warning, measured from AWS's Date header", async () => {
    await setFaults(em, { clockOffsetSeconds: 120 });
    const r = await diagnose(em, plunk());
    const f = finding(r, "clock.skew");
    expect(Math.abs(Number(f.evidence.skewSeconds) - 120)).toBeLessThanOrEqual(2);
    expect(f.title).toMatch(/behind AWS/);
    expect(r.status).toBe("warn");
  });

  it("ten minutes of skew: SES would reject it; an error, and the other checks still run", async () => {
    await setFaults(em, { clockOffsetSeconds: -600 });
    const r = await diagnose(em, { ...plunk(), domain: "not-verified.example.org" });
    const f = finding(r, "clock.skew-fatal");
    expect(Math.abs(Number(f.evidence.skewSeconds) + 600)).toBeLessThanOrEqual(2);
    expect(f.fix).toMatch(/NTP/);
    expect(codes(r)).not.toContain("credentials.wrong-secret");
    // SES lookups still got answers despite SES's 5-minute window (retried with AWS's clock)
    expect(finding(r, "identity.missing").evidence.identity).toBe("not-verified.example.org");
    expect(codes(r)).not.toContain("endpoint.unexpected-error");
  });

  it('"Signature expired" from STS is explained as clock, not credentials', async () => {
    await setFaults(em, { clockOffsetSeconds: 1200 });
    const r = await diagnose(em, plunk());
    expect(codes(r)[0]).toBe("clock.skew-fatal");
    expect(codes(r)).not.toContain("credentials.wrong-secret");
    expect(codes(r)).not.toContain("credentials.unknown-key");
  });
});
