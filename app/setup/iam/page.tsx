import { IamStep } from "@/components/setup/iam-step";
import { StepFrame } from "@/components/setup/step-frame";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { demoRoleName } from "@/lib/golive/role-chain";
import { roleRefusal } from "@/lib/golive/role-choice";
import { roleNameFor } from "@/lib/golive/role-path";
import { awsCliCommands, consoleSteps } from "@/lib/policy";
import { BOOTSTRAP_PERMISSIONS, policyJsonFor, policyNameFor, policyOptionsFor } from "@/lib/setup/policy";
import { demoBootstrap } from "@/lib/setup/demo-bootstrap";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function IamPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const target = getTarget(state.target);
  const config = readConfig();
  const key = state.iam?.mode === "role" ? undefined : state.iam;
  const userName = key?.userName ?? `sesame-${target.id}`;
  const refusal = roleRefusal(target.id);
  return (
    <StepFrame slug="iam">
      <IamStep
        targetLabel={target.label}
        defaultUserName={userName}
        policyJson={policyJsonFor(target)}
        policyName={policyNameFor(target)}
        cliCommands={awsCliCommands(target, userName, policyOptionsFor(target))}
        consoleSteps={consoleSteps(target, userName)}
        bootstrapPermissions={BOOTSTRAP_PERMISSIONS}
        current={
          key
            ? { mode: key.mode, userName: key.userName, userArn: key.userArn, accessKeyId: key.accessKeyId }
            : undefined
        }
        demoKey={demoBootstrap(config)}
        hasKey={!!secrets}
        role={
          refusal
            ? { refusal }
            : {
                defaultRoleName: roleNameFor(target.id),
                demoRole: demoRoleName(config),
                current: state.iam?.mode === "role" ? state.iam : undefined,
              }
        }
      />
    </StepFrame>
  );
}
