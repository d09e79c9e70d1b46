import { redirect } from "next/navigation";
import { CheckRunner } from "@/components/setup/check-runner";
import { StepNav } from "@/components/setup/nav-buttons";
import { StepFrame } from "@/components/setup/step-frame";
import { Alert } from "@/components/ui";
import { checkGate } from "@/lib/setup/progress";
import { getSecrets } from "@/lib/setup/secrets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

export default async function CheckPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const sid = await setupSession();
  if (!sid) return null;
  const state = await loadState();
  if (!state.target || !state.region) redirect("/setup/target");
  const hasKey = !!getSecrets(sid);
  const gate = checkGate(state);
  return (
    <StepFrame slug="check">
      {hasKey ? (
        <CheckRunner autoStart />
      ) : (
        <Alert variant="warning" title="No key in this session">
          Enter the platform&apos;s access key in step 2 first.
        </Alert>
      )}
      <StepNav
        slug="check"
        canContinue={gate.open}
        reason={gate.open ? undefined : "Continue unlocks when the check has no errors."}
      />
    </StepFrame>
  );
}
