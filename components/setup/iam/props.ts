import type { DemoBootstrap, IamRecord } from "@/lib/setup/contract";

export interface IamStepProps {
  targetLabel: string;
  defaultUserName: string;
  policyJson: string;
  policyName: string;
  cliCommands: string[];
  consoleSteps: string[];
  bootstrapPermissions: string[];
  current?: Pick<IamRecord, "mode" | "userName" | "userArn" | "accessKeyId">;
  hasKey: boolean;
  /** demo mode only: the stand-in's bootstrap admin key */
  demoKey?: DemoBootstrap;
}
