import { describe, expect, it } from "vitest";
import { evaluatePolicies, type SourcePolicy } from "./policy";

const policy = (Statement: SourcePolicy["document"]["Statement"], id = "p"): SourcePolicy => ({
  id,
  type: "user",
  document: { Version: "2012-10-17", Statement },
});

describe("evaluatePolicies", () => {
  it("wildcards: * and ?, actions case-insensitive, resources case-sensitive", () => {
    const p = [policy({ Effect: "Allow", Action: "ses:Get*", Resource: "arn:aws:ses:*:1:identity/ex?mple.com" })];
    expect(evaluatePolicies(p, "SES:getSendQuota", "arn:aws:ses:us-east-1:1:identity/example.com").decision).toBe(
      "allowed",
    );
    expect(evaluatePolicies(p, "ses:GetSendQuota", "arn:aws:ses:us-east-1:1:identity/EXAMPLE.com").decision).toBe(
      "implicitDeny",
    );
    expect(evaluatePolicies(p, "ses:SendEmail", "arn:aws:ses:us-east-1:1:identity/example.com").decision).toBe(
      "implicitDeny",
    );
    expect(evaluatePolicies(p, "ses:GetSendQuota", "arn:aws:ses:us-east-1:1:identity/exaample.com").decision).toBe(
      "implicitDeny",
    );
  });

  it("explicit Deny wins over any Allow, across policies", () => {
    const p = [
      policy({ Effect: "Allow", Action: "*", Resource: "*" }, "admin"),
      policy([{ Effect: "Deny", Action: ["iam:*"], Resource: "*" }], "guard"),
    ];
    const r = evaluatePolicies(p, "iam:CreateUser");
    expect(r.decision).toBe("explicitDeny");
    expect(r.matched).toEqual([{ sourcePolicyId: "guard", sourcePolicyType: "user", effect: "Deny", index: 0 }]);
    expect(evaluatePolicies(p, "ses:SendEmail").decision).toBe("allowed");
  });

  it("NotAction and NotResource", () => {
    const p = [
      policy([
        { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        { Effect: "Deny", Action: "ses:DeleteIdentity", NotResource: "arn:aws:ses:*:*:identity/tmp.*" },
      ]),
    ];
    expect(evaluatePolicies(p, "ses:SendEmail").decision).toBe("allowed");
    expect(evaluatePolicies(p, "iam:GetUser").decision).toBe("implicitDeny");
    expect(evaluatePolicies(p, "ses:DeleteIdentity", "arn:aws:ses:eu-west-1:1:identity/tmp.example.com").decision).toBe(
      "allowed",
    );
    expect(evaluatePolicies(p, "ses:DeleteIdentity", "arn:aws:ses:eu-west-1:1:identity/example.com").decision).toBe(
      "explicitDeny",
    );
  });

  it("regex metacharacters in patterns are literal; a condition on a key the request lacks does not grant", () => {
    const p = [
      policy([
        { Effect: "Allow", Action: "ses:SendEmail", Resource: "arn:aws:ses:us-east-1:1:identity/a+b@example.com" },
        {
          Effect: "Allow",
          Action: "ses:SendRawEmail",
          Resource: "*",
          Condition: { StringEquals: { "ses:FromAddress": "x" } },
        },
      ]),
    ];
    expect(evaluatePolicies(p, "ses:SendEmail", "arn:aws:ses:us-east-1:1:identity/a+b@example.com").decision).toBe(
      "allowed",
    );
    expect(evaluatePolicies(p, "ses:SendEmail", "arn:aws:ses:us-east-1:1:identity/aab@example.com").decision).toBe(
      "implicitDeny",
    );
    expect(evaluatePolicies(p, "ses:SendRawEmail").decision).toBe("implicitDeny");
  });
});
