import "server-only";
import type { TargetPreset } from "@/lib/env/targets";

/**
 * The least-privilege inline policy the wizard attaches for a target: exactly the actions the platform calls
 * (lib/env/targets.ts), Resource "*" because most SES actions have no resource-level support (reference/aws.md §4.6).
 */
export function policyDocument(target: TargetPreset): { Version: string; Statement: unknown[] } {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SesameSending",
        Effect: "Allow",
        Action: [...new Set(target.requiredActions)].sort(),
        Resource: "*",
      },
    ],
  };
}

export function policyJsonFor(target: TargetPreset): string {
  return JSON.stringify(policyDocument(target), null, 2);
}

export function policyNameFor(target: TargetPreset): string {
  return `sesame-${target.id}-sending`;
}

export const BOOTSTRAP_PERMISSIONS = [
  "iam:CreateUser",
  "iam:PutUserPolicy",
  "iam:CreateAccessKey",
  "iam:ListAccessKeys",
];

/** Same three steps for operators who prefer their own terminal. Single quotes: the JSON goes in a file. */
export function cliCommands(target: TargetPreset, userName: string): string[] {
  return [
    `aws iam create-user --user-name ${userName} --tags Key=created-by,Value=sesame`,
    `aws iam put-user-policy --user-name ${userName} --policy-name ${policyNameFor(target)} --policy-document file://sesame-policy.json`,
    `aws iam create-access-key --user-name ${userName}`,
  ];
}
