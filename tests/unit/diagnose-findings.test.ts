import { describe, expect, it } from "vitest";
import { classifyError } from "@/lib/aws/errors";
import { CATALOGUE, type FindingCode, type FindingSpec } from "@/lib/findings/catalogue";
import { dedupeFindings, fillTemplate, materialize, sortFindings, statusOf } from "@/lib/findings/materialize";
import { maskKeyId, redact } from "@/lib/diagnose/mask";
import { clockFindings, principalFromArn } from "@/lib/diagnose/probes/identity";
import { policySourceArn } from "@/lib/diagnose/probes/permissions";
import { FindingSchema } from "@/lib/diagnose/schema";
import { subjectsOf, v1Status } from "@/lib/diagnose/subjects";

describe("catalogue and findings", () => {
  it("has a valid, well-formed entry for every code", () => {
    for (const [code, spec] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
      // engine-core areas must carry a real fix text (env/dns/smtp wording belongs to its own module)
      if (/^(credentials|clock|region|permissions|account|identity|endpoint)\./.test(code)) {
        const phrases = (spec as FindingSpec).phrases ?? {};
        const fixes = /^\{(\w+)\}$/.test(spec.fix) ? Object.values(phrases[spec.fix.slice(1, -1)] ?? {}) : [spec.fix];
        for (const fix of fixes) expect(fix.length, code).toBeGreaterThan(20);
      }
      expect(FindingSchema.safeParse(materialize(code as FindingCode, {} as never)).success).toBe(true);
    }
  });

  it("fills placeholders from evidence and never leaves braces", () => {
    const f = materialize("region.no-ses", { region: "ap-east-1", nearest: "ap-southeast-1" });
    expect(f.title).toBe("SES is not offered in ap-east-1");
    expect(f.fix).toContain("ap-southeast-1");
    expect(fillTemplate("a {missing} b", {})).toBe("a (unknown) b");
    expect(() => materialize("no.such-code" as FindingCode, {} as never)).toThrow(/unknown finding code/);
  });

  it("orders by what to fix first, then severity", () => {
    const sorted = sortFindings([
      materialize("account.sandbox", { region: "us-east-1", max24HourSend: 200, maxSendRate: 1, method: "m" }),
      materialize("permissions.missing", { actions: "ses:SendRawEmail", target: "Plunk", principal: "u", method: "m" }),
      materialize("credentials.whitespace", { field: "secret access key", where: "a trailing space" }),
      materialize("clock.skew", { skewSeconds: 90, skewText: "90 seconds" }),
    ]);
    expect(sorted.map((f) => f.code)).toEqual([
      "credentials.whitespace",
      "clock.skew",
      "permissions.missing",
      "account.sandbox",
    ]);
  });

  it("derives the status from severities", () => {
    expect(statusOf([])).toBe("pass");
    expect(statusOf([{ severity: "info" }])).toBe("pass");
    expect(statusOf([{ severity: "info" }, { severity: "warn" }])).toBe("warn");
    expect(statusOf([{ severity: "warn" }, { severity: "error" }])).toBe("fail");
  });

  it("dedupes endpoint trouble per endpoint", () => {
    const unreachable = { service: "SES", errorCode: "ECONNREFUSED", message: "refused" };
    const out = dedupeFindings([
      { code: "endpoint.unreachable", evidence: { ...unreachable, endpoint: "http://x", operation: "GetAccount" } },
      { code: "endpoint.unreachable", evidence: { ...unreachable, endpoint: "http://x", operation: "GetSendQuota" } },
      { code: "endpoint.unreachable", evidence: { ...unreachable, endpoint: "http://y", operation: "GetSendQuota" } },
      { code: "identity.missing", evidence: { identity: "a.com", region: "us-east-1" } },
      { code: "identity.missing", evidence: { identity: "b.com", region: "us-east-1" } },
    ]);
    expect(out).toHaveLength(4);
  });
});

describe("masking", () => {
  it("masks key ids and describes anything else by length only", () => {
    expect(maskKeyId("AKIAIOSFODNN7EXAMPLE")).toBe("AKIA…MPLE");
    expect(maskKeyId("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).toBe("(40 characters)");
    expect(
      redact("bad secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY!", ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]),
    ).toBe("bad secret [redacted]!");
  });
});

describe("error classification", () => {
  const sdkError = (name: string, status: number, message = "m") =>
    Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: "rid" } });
  it("keeps AWS codes, status and request id", () => {
    expect(classifyError(sdkError("SignatureDoesNotMatch", 403))).toEqual({
      kind: "aws",
      code: "SignatureDoesNotMatch",
      status: 403,
      message: "m",
      requestId: "rid",
    });
  });
  it("names throttling and server errors", () => {
    expect(classifyError(sdkError("Throttling", 400)).kind).toBe("throttled");
    expect(classifyError(sdkError("TooManyRequestsException", 429)).kind).toBe("throttled");
    expect(classifyError(sdkError("InternalFailure", 500)).kind).toBe("server-error");
    expect(classifyError(sdkError("UnknownError", 503)).code).toBe("HTTP503");
  });
  it("names network failures", () => {
    expect(
      classifyError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })).kind,
    ).toBe("unreachable");
    expect(classifyError(Object.assign(new Error("x"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })).kind).toBe("tls");
    expect(classifyError(Object.assign(new Error("Request timed out"), { name: "TimeoutError" })).kind).toBe("timeout");
    expect(classifyError(new Error("aborted"), { timedOut: true }).kind).toBe("timeout");
    expect(classifyError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })).kind).toBe("unreachable");
  });
});

describe("identity helpers", () => {
  it("grades clock skew: warn beyond a minute, error beyond SES's 5-minute window", () => {
    expect(clockFindings(30, false)).toEqual([]);
    expect(clockFindings(-90, false)[0].code).toBe("clock.skew");
    expect(clockFindings(-90, false)[0].evidence.skewText).toMatch(/ahead of AWS/);
    expect(clockFindings(400, false)[0].code).toBe("clock.skew-fatal");
    expect(clockFindings(20, true)[0].code).toBe("clock.skew-fatal");
    expect(clockFindings(undefined, false)).toEqual([]);
  });
  it("parses principals and maps sessions to roles for simulation", () => {
    expect(
      principalFromArn("arn:aws:iam::123456789012:user/mail/ses-smtp-user.20250826-115505", "123456789012", "AIDA"),
    ).toMatchObject({ kind: "user", userName: "ses-smtp-user.20250826-115505" });
    const role = principalFromArn("arn:aws:sts::123456789012:assumed-role/app/sess", "123456789012", "AROA:sess");
    expect(role.kind).toBe("assumed-role");
    expect(policySourceArn(role)).toBe("arn:aws:iam::123456789012:role/app");
    expect(principalFromArn("arn:aws:iam::123456789012:root", "123456789012", "123456789012").kind).toBe("root");
  });
  it("derives what must be verified", () => {
    expect(subjectsOf({ domain: "Example.com", from: "hi@example.com" })).toEqual([
      { label: "example.com", candidates: ["example.com"] },
    ]);
    expect(subjectsOf({ domain: "example.com", from: "hi@other.org" })).toEqual([
      { label: "example.com", candidates: ["example.com"] },
      { label: "hi@other.org", candidates: ["other.org", "hi@other.org"] },
    ]);
    expect(v1Status("TEMPORARY_FAILURE")).toBe("TemporaryFailure");
    expect(v1Status("Success")).toBe("Success");
  });
});
