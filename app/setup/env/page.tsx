import { EnvStep } from "@/components/setup/env-step";
import { StepNav } from "@/components/setup/nav-buttons";
import { StepFrame } from "@/components/setup/step-frame";
import { Alert } from "@/components/ui";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { envPlan, varsFor } from "@/lib/setup/env";
import { smtpWhere } from "@/lib/setup/send";
import { checkPassed } from "@/lib/setup/progress";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function EnvPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const config = readConfig();
  const target = getTarget(state.target);
  const blocked = !checkPassed(state);
  if (!secrets || blocked) {
    return (
      <StepFrame slug="env">
        <Alert variant="warning" title={secrets ? "Run the credential check first" : "No key in this session"}>
          {secrets
            ? "Sesame writes the env file only after step 3 found no errors."
            : "Enter the platform's access key in step 2 first."}
        </Alert>
        <StepNav slug="env" canContinue={false} />
      </StepFrame>
    );
  }
  const plan = await envPlan({ file: config.envFile, target, vars: await varsFor(target, state, secrets, 587) });
  const smtp = target.mode === "smtp" ? smtpWhere(state.region) : undefined;
  return (
    <StepFrame slug="env">
      <EnvStep
        file={plan.file}
        exists={plan.exists}
        hash={plan.hash}
        lines={plan.lines}
        legacy={plan.legacy}
        restartHint={plan.restartHint}
        mode={plan.mode}
        smtp={smtp ? { host: smtp.host, port: smtp.port, region: state.region } : undefined}
        written={state.env}
      />
      <StepNav
        slug="env"
        canContinue={!!(state.env || state.envDownloadedAt)}
        reason="Write or download the env file first."
      />
    </StepFrame>
  );
}
