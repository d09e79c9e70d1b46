import { describe, expect, it } from "vitest";
import { ROLE_TARGETS, roleCommands, trustPolicy } from "@/lib/golive/role-path";

describe("role path", () => {
  it("trusts the right principal per host", () => {
    expect(JSON.parse(trustPolicy("ec2")).Statement[0]).toMatchObject({
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    expect(JSON.parse(trustPolicy("ecs")).Statement[0].Principal.Service).toBe("ecs-tasks.amazonaws.com");
    const eks = JSON.parse(trustPolicy("eks")).Statement[0];
    expect(eks.Action).toBe("sts:AssumeRoleWithWebIdentity");
    expect(eks.Condition.StringEquals["<OIDC_PROVIDER>:sub"]).toBe(
      "system:serviceaccount:<NAMESPACE>:<SERVICE_ACCOUNT>",
    );
  });

  it("commands create the policy and role, attach it, and hand the role to the host; no access key", () => {
    const ec2 = roleCommands("ec2", "sesame-usesend-ses", "sesame-usesend-role");
    expect(ec2).toContain("aws iam attach-role-policy --role-name sesame-usesend-role");
    expect(ec2).toContain("associate-iam-instance-profile");
    expect(roleCommands("eks", "p", "r")).toContain("eks.amazonaws.com/role-arn=");
    for (const h of ["ec2", "ecs", "eks"] as const)
      expect(roleCommands(h, "p", "r")).not.toContain("create-access-key");
  });

  it("with a policy Sesame created: no create-policy, the real ARN and account", () => {
    const arn = "arn:aws:iam::123456789012:policy/sesame-aws-ses";
    const ecs = roleCommands("ecs", "sesame-aws-ses", "sesame-aws-role", arn);
    expect(ecs).not.toContain("create-policy");
    expect(ecs).toContain(`aws iam attach-role-policy --role-name sesame-aws-role --policy-arn ${arn}`);
    expect(ecs).toContain('"taskRoleArn": "arn:aws:iam::123456789012:role/sesame-aws-role"');
    expect(roleCommands("ecs", "p", "r")).toContain("aws iam create-policy --policy-name p");
  });

  it("is offered only to platforms on the default chain", () => {
    expect([...ROLE_TARGETS].sort()).toEqual(["aws", "usesend"]);
  });
});
