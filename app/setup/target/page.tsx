import { StepFrame } from "@/components/setup/step-frame";
import { TargetForm } from "@/components/setup/target-form";
import { readConfig } from "@/lib/config";
import { hasSmtp, SES_REGIONS } from "@/lib/regions";
import { TARGETS } from "@/lib/env/targets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

export default async function TargetStep() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  if (!(await setupSession())) return null;
  const state = await loadState();
  const config = readConfig();
  return (
    <StepFrame slug="target">
      <TargetForm
        targets={Object.values(TARGETS).map((t) => ({
          id: t.id,
          label: t.label,
          description: t.description,
          mode: t.mode,
        }))}
        regions={SES_REGIONS.map((r) => ({ id: r, smtp: hasSmtp(r) }))}
        initial={{ target: state.target ?? config.target, region: state.region, endpoint: state.endpoint }}
        serverEndpoint={config.endpoint}
      />
    </StepFrame>
  );
}
