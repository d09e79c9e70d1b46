import { EnvStep } from "@/components/setup/env-step";
import { StepNav } from "@/components/setup/nav-buttons";
import { StepFrame } from "@/components/setup/step-frame";
import { Alert } from "@/components/ui";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { envPlan, varsFor } from "@/lib/setup/env";
import { smtpWhere } from "@/lib/setup/send";
import { checkPassed } from "@/lib/setup/progress";
import { onRolePath } from "@/lib/setup/context";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function EnvPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state } = step;
  const role = onRolePath(state);
  const secrets = role ? undefined : step.secrets;
  const config = readConfig();
  const target = getTarget(state.target);
  const blocked = !checkPassed(state);
  // the role path holds no key: the file gets none (the platform's SDK finds the role where it runs)
  if ((!secrets && !role) || blocked) {
    const ready = !!secrets || role;
    return (
      <StepFrame slug="env">
        <Alert variant="warning" title={ready ? "Run the credential check first" : "No key in this session"}>
          {ready
            ? "Sesame writes the env file only after step 3 found no errors."
            : "Enter the platform's access key in step 2 first."}
        </Alert>
        <StepNav slug="env" canContinue={false} />
      </StepFrame>
    );
  }
  const plan = await envPlan({ file: config.envFile, target, vars: await varsFor(target, state, secrets, 587), role });
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
        role={role}
        staleKeys={plan.staleKeys}
      />
      <StepNav
        slug="env"
        canContinue={!!(state.env || state.envDownloadedAt)}
        reason="Write or download the env file first."
      />
    </StepFrame>
  );
}
