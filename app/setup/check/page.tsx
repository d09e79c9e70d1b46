import { CheckRunner } from "@/components/setup/check-runner";
import { StepNav } from "@/components/setup/nav-buttons";
import { NoKeyAlert } from "@/components/setup/no-key-alert";
import { StepFrame } from "@/components/setup/step-frame";
import { checkGate } from "@/lib/setup/progress";
import { onRolePath } from "@/lib/setup/context";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function CheckPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const hasKey = !!secrets || onRolePath(state);
  const gate = checkGate(state);
  return (
    <StepFrame slug="check">
      {hasKey ? <CheckRunner autoStart /> : <NoKeyAlert />}
      <StepNav
        slug="check"
        canContinue={gate.open}
        reason={gate.open ? undefined : "Continue unlocks when the check has no errors."}
      />
    </StepFrame>
  );
}
