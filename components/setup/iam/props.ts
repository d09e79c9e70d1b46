import type { Finding } from "@/lib/diagnose/schema";
import type { DemoBootstrap, IamRecord } from "@/lib/setup/contract";

export type IamKeyRecord = Extract<IamRecord, { mode: "auto" | "manual" }>;
export type IamRoleRecord = Extract<IamRecord, { mode: "role" }>;

/** The role path as the IAM step offers it: the role's default name (and the demo's role), or why not (the finding). */
export type RoleOffer =
  | { refusal: Finding }
  | { refusal?: undefined; defaultRoleName: string; demoRole?: string; current?: IamRoleRecord };

export interface IamStepProps {
  targetLabel: string;
  defaultUserName: string;
  policyJson: string;
  policyName: string;
  cliCommands: string[];
  consoleSteps: string[];
  bootstrapPermissions: string[];
  current?: Pick<IamKeyRecord, "mode" | "userName" | "userArn" | "accessKeyId">;
  hasKey: boolean;
  /** demo mode only: the stand-in's bootstrap admin key */
  demoKey?: DemoBootstrap;
  role: RoleOffer;
}
