import { RolePanel } from "@/components/golive/role-panel";
import { IamStep } from "@/components/setup/iam-step";
import { StepFrame } from "@/components/setup/step-frame";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { ROLE_TARGETS } from "@/lib/golive/role-path";
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
  const userName = state.iam?.userName ?? `sesame-${target.id}`;
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
          state.iam
            ? {
                mode: state.iam.mode,
                userName: state.iam.userName,
                userArn: state.iam.userArn,
                accessKeyId: state.iam.accessKeyId,
              }
            : undefined
        }
        demoKey={demoBootstrap(readConfig())}
        hasKey={!!secrets}
      />
      {ROLE_TARGETS.has(target.id) ? (
        <RolePanel
          targetLabel={target.label}
          policyJson={policyJsonFor(target)}
          policyName={policyNameFor(target)}
          demoKey={demoBootstrap(readConfig())}
        />
      ) : null}
    </StepFrame>
  );
}
