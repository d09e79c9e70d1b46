/**
 * "Keys without keys" (docs/wizard.md): for platforms that fall back to the AWS SDK's default credential chain
 * (useSend, AWS SDK apps), the platform's policy on an IAM role instead of a user's key — the trust policy for where
 * the platform runs, and the AWS CLI commands. Browser-safe, pure.
 */

import type { RoleHost } from "@/lib/setup/contract";

export type { RoleHost };

export const ROLE_HOSTS: { id: RoleHost; label: string }[] = [
  { id: "ec2", label: "EC2 instance profile" },
  { id: "ecs", label: "ECS task role" },
  { id: "eks", label: "EKS service account (IRSA)" },
];

/** Targets whose SES client uses the default chain when no key is configured. */
export const ROLE_TARGETS = new Set(["usesend", "aws"]);

/** The role name the wizard suggests for a target (the commands create it when it does not exist). */
export const roleNameFor = (target: string) => `sesame-${target}-role`;

export function trustPolicy(host: RoleHost): string {
  const statement =
    host === "eks"
      ? {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::<ACCOUNT_ID>:oidc-provider/<OIDC_PROVIDER>" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "<OIDC_PROVIDER>:sub": "system:serviceaccount:<NAMESPACE>:<SERVICE_ACCOUNT>",
              "<OIDC_PROVIDER>:aud": "sts.amazonaws.com",
            },
          },
        }
      : {
          Effect: "Allow",
          Principal: { Service: host === "ec2" ? "ec2.amazonaws.com" : "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
        };
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, 2);
}

/**
 * create-policy, create-role, attach-role-policy, then how the role reaches the platform on this host type. With the
 * ARN of a policy Sesame already created, create-policy is left out and the real ARN is used.
 */
export function roleCommands(host: RoleHost, policyName: string, roleName: string, createdArn?: string): string {
  const policyArn = createdArn ?? `arn:aws:iam::<ACCOUNT_ID>:policy/${policyName}`;
  const account = createdArn?.split(":")[4] || "<ACCOUNT_ID>";
  const common = [
    ...(createdArn ? [] : [`aws iam create-policy --policy-name ${policyName} --policy-document file://policy.json`]),
    `aws iam create-role --role-name ${roleName} --assume-role-policy-document file://trust.json`,
    `aws iam attach-role-policy --role-name ${roleName} --policy-arn ${policyArn}`,
  ];
  const attach =
    host === "ec2"
      ? [
          `aws iam create-instance-profile --instance-profile-name ${roleName}`,
          `aws iam add-role-to-instance-profile --instance-profile-name ${roleName} --role-name ${roleName}`,
          `aws ec2 associate-iam-instance-profile --instance-id <INSTANCE_ID> --iam-instance-profile Name=${roleName}`,
        ]
      : host === "ecs"
        ? [`# in the task definition: "taskRoleArn": "arn:aws:iam::${account}:role/${roleName}"`]
        : [
            `kubectl annotate serviceaccount -n <NAMESPACE> <SERVICE_ACCOUNT> eks.amazonaws.com/role-arn=arn:aws:iam::${account}:role/${roleName}`,
          ];
  return [...common, ...attach].join("\n");
}
