import { describe, expect, it } from "vitest";
import { TargetIdSchema } from "@/lib/diagnose/schema";
import { getTarget } from "@/lib/env/targets";
import {
  awsCliCommands,
  consoleSteps,
  isTooBroad,
  PolicyDocumentSchema,
  type PolicyStatement,
  policyFor,
  policyJson,
} from "@/lib/policy";

const statements = (doc: { Statement: PolicyStatement | PolicyStatement[] }) =>
  Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
const actionsOf = (s: PolicyStatement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe("policyFor", () => {
  it("grants exactly the target's required actions, nothing broader", () => {
    for (const id of TargetIdSchema.options) {
      const doc = policyFor(id);
      expect(PolicyDocumentSchema.safeParse(doc).success).toBe(true);
      const granted = statements(doc).flatMap(actionsOf).sort();
      expect(granted).toEqual([...new Set(getTarget(id).requiredActions)].sort());
      expect(isTooBroad(doc)).toEqual([]);
    }
  });

  it("includes GetSendQuota and DeleteIdentity for Plunk (missing from Plunk's docs)", () => {
    const granted = statements(policyFor("plunk")).flatMap(actionsOf);
    expect(granted).toContain("ses:GetSendQuota");
    expect(granted).toContain("ses:DeleteIdentity");
  });

  it("narrows send actions to the given identities and leaves control-plane actions on *", () => {
    const doc = policyFor("plunk", { region: "eu-west-1", accountId: "123456789012", identities: ["Example.com"] });
    const send = statements(doc).find((s) => actionsOf(s).includes("ses:SendRawEmail"))!;
    expect(send.Resource).toContain("arn:aws:ses:eu-west-1:123456789012:identity/example.com");
    expect(send.Resource).not.toContain("*");
    const control = statements(doc).find((s) => actionsOf(s).includes("ses:VerifyDomainDkim"))!;
    expect(control.Resource).toBe("*");
    expect(actionsOf(control)).not.toContain("ses:SendRawEmail");
  });

  it("keeps sends on * when no identity is known", () => {
    const s = statements(policyFor("smtp"));
    expect(s).toHaveLength(1);
    expect(s[0].Resource).toBe("*");
    expect(s[0].Action).toEqual(["ses:SendRawEmail"]);
  });

  it("scopes useSend's SNS actions to SNS ARNs", () => {
    const sns = statements(policyFor("usesend", { region: "us-east-1" })).find((s) =>
      actionsOf(s).includes("sns:CreateTopic"),
    )!;
    expect(sns.Resource).toBe("arn:aws:sns:us-east-1:*:*");
  });

  it("pretty-prints valid JSON", () => {
    const json = policyJson("plunk");
    expect(JSON.parse(json)).toEqual(policyFor("plunk"));
    expect(json).toContain("\n  ");
  });
});

describe("isTooBroad", () => {
  it("flags full access, ses:*, iam and NotAction", () => {
    const full = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "ses:*", Resource: "*" } };
    expect(isTooBroad(full)).toEqual([expect.stringContaining("every ses action")]);
    expect(
      isTooBroad({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
    ).toHaveLength(1);
    expect(
      isTooBroad({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["iam:CreateUser"], Resource: "*" }],
      })[0],
    ).toMatch(/IAM/);
    expect(
      isTooBroad({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }),
    ).toEqual([expect.stringContaining("NotAction")]);
  });

  it("ignores Deny statements and read-only wildcards", () => {
    expect(
      isTooBroad({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Deny", Action: "*", Resource: "*" },
          { Effect: "Allow", Action: ["ses:Get*", "ses:List*"], Resource: "*" },
        ],
      }),
    ).toEqual([]);
  });

  it("says so when given something that is not a policy", () => {
    expect(isTooBroad({ hello: 1 })).toEqual(["not an IAM policy document"]);
  });
});

describe("manual path", () => {
  it("prints CLI commands that create the user, attach the inline policy and make a key", () => {
    const cmds = awsCliCommands("plunk", "sesame-plunk");
    expect(cmds.join("\n")).toContain("aws iam create-user --user-name sesame-plunk");
    expect(cmds.join("\n")).toContain("aws iam put-user-policy --user-name sesame-plunk");
    expect(cmds.join("\n")).toContain("aws iam create-access-key --user-name sesame-plunk");
    expect(cmds[0]).toContain(policyJson("plunk"));
  });

  it("refuses user names IAM would reject (and that could break the shell)", () => {
    expect(() => awsCliCommands("plunk", "bad name; rm -rf /")).toThrow(/IAM user names/);
  });

  it("names the target's variables in the console steps", () => {
    expect(consoleSteps("plunk", "sesame-plunk").join(" ")).toContain("AWS_SES_ACCESS_KEY_ID");
    expect(consoleSteps("smtp", "sesame-smtp").join(" ")).toContain("SMTP_PASSWORD");
  });
});
