import { redirect } from "next/navigation";
import { EventsStep } from "@/components/setup/events-step";
import { StepNav } from "@/components/setup/nav-buttons";
import { StepFrame } from "@/components/setup/step-frame";
import { Alert } from "@/components/ui";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { demoWebhookUrl } from "@/lib/events/demo-receiver";
import { eventNeeds } from "@/lib/events/needs";
import { cliCommands, consoleSteps, DESTINATION_NAME, proposedSets, suggestedWebhookUrl } from "@/lib/events/plan";
import { EVENT_SETUP_ACTIONS } from "@/lib/policy";
import { getSecrets } from "@/lib/setup/secrets";
import { setupSession } from "@/lib/setup/session";
import { loadState } from "@/lib/setup/state";

export const dynamic = "force-dynamic";

export default async function EventsPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const sid = await setupSession();
  if (!sid) return null;
  const state = await loadState();
  if (!state.target || !state.region) redirect("/setup/target");
  const config = readConfig();
  const target = getTarget(state.target);
  const needs = eventNeeds(target.id);
  const sets = proposedSets(target.id);
  const demoUrl =
    config.demo && config.emulatorUrl ? demoWebhookUrl(config.emulatorUrl, needs.webhookPath, target.id) : undefined;
  const webhookUrl = state.events?.webhookUrl ?? demoUrl ?? suggestedWebhookUrl(target.id, state.domain?.name);
  const account = state.iam?.userArn?.split(":")[4];
  const plan = { sets, topicName: needs.topicName, webhookUrl, destinationName: DESTINATION_NAME };
  const hasKey = !!getSecrets(sid);
  // this step's own condition (the rail's progress also needs every earlier step)
  const done = !needs.uses || state.events?.status === "confirmed" || state.events?.status === "skipped";
  return (
    <StepFrame slug="events">
      {hasKey || !needs.uses ? (
        <EventsStep
          targetLabel={target.label}
          region={state.region}
          needs={needs}
          sets={sets}
          webhookUrl={webhookUrl}
          demo={!!demoUrl}
          topicArnGuess={account ? `arn:aws:sns:${state.region}:${account}:${needs.topicName}` : ""}
          setupActions={EVENT_SETUP_ACTIONS}
          manual={
            sets.length
              ? { console: consoleSteps(plan, state.region), cli: cliCommands(plan, state.region, account) }
              : undefined
          }
          current={state.events}
        />
      ) : (
        <Alert variant="warning" title="No key in this session">
          Enter the platform&apos;s access key in step 2 first: Sesame checks the loop with the platform&apos;s own key.
        </Alert>
      )}
      <StepNav
        slug="events"
        canContinue={done}
        reason="Continue unlocks once the subscription is Confirmed (or you skip this step)."
      />
    </StepFrame>
  );
}
