// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}
import { describe, expect, it } from "vitest";
import { evaluateCondition, parseOperator } from "./conditions";
import { evaluatePolicies, type SourcePolicy } from "./policy";

const ctx = {
  "aws:RequestedRegion": "eu-west-1",
  "ses:FromAddress": "news@example.com",
  "ses:Recipients": ["a@example.com", "b@other.org"],
  "aws:SourceIp": "127.0.0.1",
  "aws:SecureTransport": "true",
  "aws:CurrentTime": "2026-11-23T12:00:00Z",
};

describe("evaluateCondition", () => {
  it("string operators: exact, case rules, wildcards, negation", () => {
    expect(evaluateCondition({ StringEquals: { "aws:RequestedRegion": "eu-west-1" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ StringEquals: { "aws:RequestedRegion": "EU-WEST-1" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ StringEqualsIgnoreCase: { "aws:RequestedRegion": "EU-WEST-1" } }, ctx, "Allow")).toBe(
      "match",
    );
    // key names are case-insensitive; values in a list are ORed
    expect(
      evaluateCondition({ StringEquals: { "AWS:requestedregion": ["us-east-1", "eu-west-1"] } }, ctx, "Allow"),
    ).toBe("match");
    expect(evaluateCondition({ StringLike: { "ses:FromAddress": "*@example.com" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ StringLike: { "ses:FromAddress": "*@example.org" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ StringNotEquals: { "aws:RequestedRegion": "us-east-1" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } }, ctx, "Allow")).toBe(
      "nomatch",
    );
    expect(evaluateCondition({ StringNotLike: { "ses:FromAddress": "news@*" } }, ctx, "Allow")).toBe("nomatch");
  });

  it("every operator and every key must hold", () => {
    const both = {
      StringEquals: { "aws:RequestedRegion": "eu-west-1", "ses:FromAddress": "news@example.com" },
      Bool: { "aws:SecureTransport": "true" },
    };
    expect(evaluateCondition(both, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ ...both, Bool: { "aws:SecureTransport": "false" } }, ctx, "Allow")).toBe("nomatch");
    expect(
      evaluateCondition(
        { ...both, StringEquals: { "aws:RequestedRegion": "eu-west-1", "ses:FromAddress": "x@example.com" } },
        ctx,
        "Allow",
      ),
    ).toBe("nomatch");
  });

  it("missing keys: positive false, negated true, IfExists true, Null tests presence", () => {
    expect(evaluateCondition({ StringEquals: { "ses:FeedbackAddress": "x" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ StringNotEquals: { "ses:FeedbackAddress": "x" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ StringEqualsIfExists: { "ses:FeedbackAddress": "x" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ StringEqualsIfExists: { "ses:FromAddress": "x" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ Null: { "ses:FeedbackAddress": "true" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ Null: { "ses:FromAddress": "true" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ Null: { "ses:FromAddress": "false" } }, ctx, "Allow")).toBe("match");
  });

  it("multi-valued keys: ForAllValues / ForAnyValue", () => {
    expect(evaluateCondition({ "ForAllValues:StringLike": { "ses:Recipients": "*@example.com" } }, ctx, "Allow")).toBe(
      "nomatch",
    );
    expect(
      evaluateCondition(
        { "ForAllValues:StringLike": { "ses:Recipients": ["*@example.com", "*@other.org"] } },
        ctx,
        "Allow",
      ),
    ).toBe("match");
    expect(evaluateCondition({ "ForAnyValue:StringLike": { "ses:Recipients": "*@other.org" } }, ctx, "Allow")).toBe(
      "match",
    );
    expect(evaluateCondition({ "ForAllValues:StringLike": { "ses:Nothing": "*" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ "ForAnyValue:StringLike": { "ses:Nothing": "*" } }, ctx, "Allow")).toBe("nomatch");
  });

  it("IpAddress, Date and Numeric operators", () => {
    expect(evaluateCondition({ IpAddress: { "aws:SourceIp": "127.0.0.0/8" } }, ctx, "Allow")).toBe("match");
    expect(evaluateCondition({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, ctx, "Allow")).toBe("nomatch");
    expect(evaluateCondition({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, ctx, "Allow")).toBe("match");
    expect(
      evaluateCondition({ IpAddress: { "aws:SourceIp": "127.0.0.0/8" } }, { "aws:SourceIp": "::1" }, "Allow"),
    ).toBe("nomatch");
    expect(evaluateCondition({ IpAddress: { "aws:SourceIp": "::1/128" } }, ctx, "Allow")).toBe("unsupported");
    expect(evaluateCondition({ DateLessThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" } }, ctx, "Allow")).toBe(
      "match",
    );
    expect(evaluateCondition({ DateGreaterThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" } }, ctx, "Allow")).toBe(
      "nomatch",
    );
    expect(evaluateCondition({ NumericLessThan: { "x:n": "10" } }, { "x:n": "9" }, "Allow")).toBe("match");
    expect(evaluateCondition({ NumericLessThan: { "x:n": "10" } }, { "x:n": "11" }, "Allow")).toBe("nomatch");
  });

  it("unimplemented or unknown operators are reported, never guessed", () => {
    expect(parseOperator("BinaryEquals")).toBeUndefined();
    expect(evaluateCondition({ BinaryEquals: { "x:y": "QUJD" } }, ctx, "Allow")).toBe("unsupported");
    expect(evaluateCondition({ StringEqual: { "aws:RequestedRegion": "eu-west-1" } }, ctx, "Allow")).toBe(
      "unsupported",
    );
  });

  it("'possible' mode: a key the context lacks may satisfy an Allow but never triggers a Deny", () => {
    const c = { StringEquals: { "ses:FromAddress": "news@example.com" } };
    expect(evaluateCondition(c, {}, "Allow", "possible")).toBe("match");
    expect(evaluateCondition(c, {}, "Deny", "possible")).toBe("nomatch");
    expect(evaluateCondition(c, {}, "Allow", "strict")).toBe("nomatch");
  });
});

describe("evaluatePolicies with conditions", () => {
  const doc = (Statement: SourcePolicy["document"]["Statement"]): SourcePolicy[] => [
    { id: "p", type: "user", document: { Version: "2012-10-17", Statement } },
  ];

  it("a conditional Allow grants only when its condition holds", () => {
    const p = doc({
      Effect: "Allow",
      Action: "ses:SendRawEmail",
      Resource: "*",
      Condition: { StringLike: { "ses:FromAddress": "*@example.com" } },
    });
    expect(evaluatePolicies(p, "ses:SendRawEmail", "*", { context: ctx }).decision).toBe("allowed");
    expect(
      evaluatePolicies(p, "ses:SendRawEmail", "*", { context: { ...ctx, "ses:FromAddress": "x@evil.test" } }).decision,
    ).toBe("implicitDeny");
    const none = evaluatePolicies(p, "ses:SendRawEmail", "*", {});
    expect(none.decision).toBe("implicitDeny");
    expect(none.missingContextKeys).toEqual(["ses:FromAddress"]);
  });

  it("a conditional Deny denies only when its condition holds; an unsupported one always denies", () => {
    const p = doc([
      { Effect: "Allow", Action: "ses:*", Resource: "*" },
      {
        Effect: "Deny",
        Action: "ses:*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
      },
    ]);
    expect(evaluatePolicies(p, "ses:GetSendQuota", "*", { context: ctx }).decision).toBe("allowed");
    expect(
      evaluatePolicies(p, "ses:GetSendQuota", "*", { context: { ...ctx, "aws:RequestedRegion": "us-east-1" } })
        .decision,
    ).toBe("explicitDeny");
    const odd = doc([
      { Effect: "Allow", Action: "ses:*", Resource: "*" },
      { Effect: "Deny", Action: "ses:*", Resource: "*", Condition: { BinaryEquals: { "x:y": "QUJD" } } },
    ]);
    expect(evaluatePolicies(odd, "ses:GetSendQuota", "*", { context: ctx }).decision).toBe("explicitDeny");
  });
});

describe("policy variables (Version 2012-10-17)", () => {
  const self = (Version: string): SourcePolicy[] => [
    {
      id: "self",
      type: "user",
      document: {
        Version,
        Statement: {
          Effect: "Allow",
          Action: "iam:CreateAccessKey",
          Resource: "arn:aws:iam::*:user/${aws:username}",
        },
      },
    },
  ];
  const me = { "aws:username": "alice" };

  it("${aws:username} in a Resource is the caller's name, as literal text", () => {
    expect(
      evaluatePolicies(self("2012-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/alice", { context: me })
        .decision,
    ).toBe("allowed");
    expect(
      evaluatePolicies(self("2012-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/bob", { context: me }).decision,
    ).toBe("implicitDeny");
    // a name with wildcard characters is matched literally, not as a pattern
    expect(
      evaluatePolicies(self("2012-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/alice", {
        context: { "aws:username": "a*" },
      }).decision,
    ).toBe("implicitDeny");
    // no value for the key: the pattern matches nothing
    expect(evaluatePolicies(self("2012-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/alice").decision).toBe(
      "implicitDeny",
    );
  });

  it("older policy versions take ${...} literally", () => {
    expect(
      evaluatePolicies(self("2008-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/alice", { context: me })
        .decision,
    ).toBe("implicitDeny");
    expect(
      evaluatePolicies(self("2008-10-17"), "iam:CreateAccessKey", "arn:aws:iam::1:user/${aws:username}", {
        context: me,
      }).decision,
    ).toBe("allowed");
  });

  it("variables in condition values, defaults and the escapes", () => {
    const lookup = (key: string) => (key.toLowerCase() === "aws:username" ? "alice" : undefined);
    expect(
      evaluateCondition(
        { StringLike: { "ses:FromAddress": "${aws:username}@*" } },
        { "ses:FromAddress": "alice@x.test" },
        "Allow",
        "strict",
        lookup,
      ),
    ).toBe("match");
    expect(
      evaluateCondition(
        { StringEquals: { "ses:FromAddress": "${aws:username}@x.test" } },
        { "ses:FromAddress": "bob@x.test" },
        "Allow",
        "strict",
        lookup,
      ),
    ).toBe("nomatch");
    expect(
      evaluateCondition(
        { StringEquals: { "x:k": "${x:none, 'fallback'}" } },
        { "x:k": "fallback" },
        "Allow",
        "strict",
        lookup,
      ),
    ).toBe("match");
    expect(evaluateCondition({ StringEquals: { "x:k": "a${*}b" } }, { "x:k": "a*b" }, "Allow", "strict", lookup)).toBe(
      "match",
    );
    expect(evaluateCondition({ StringLike: { "x:k": "a${*}b" } }, { "x:k": "axxb" }, "Allow", "strict", lookup)).toBe(
      "nomatch",
    );
  });
});
