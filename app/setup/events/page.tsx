import { EventsStep } from "@/components/setup/events-step";
import { StepNav } from "@/components/setup/nav-buttons";
import { NoKeyAlert } from "@/components/setup/no-key-alert";
import { StepFrame } from "@/components/setup/step-frame";
import { readConfig } from "@/lib/config";
import { getTarget } from "@/lib/env/targets";
import { demoWebhookUrl } from "@/lib/events/demo-receiver";
import { eventNeeds } from "@/lib/events/needs";
import { cliCommands, consoleSteps, DESTINATION_NAME, proposedSets, suggestedWebhookUrl } from "@/lib/events/plan";
import { EVENT_SETUP_ACTIONS } from "@/lib/policy";
import { onRolePath } from "@/lib/setup/context";
import { stepSession } from "@/lib/setup/session";

export const dynamic = "force-dynamic";

export default async function EventsPage() {
  // the page's own guard: an RSC request skips the layout (docs/security.md#pages)
  const step = await stepSession();
  if (!step) return null;
  const { state, secrets } = step;
  const config = readConfig();
  const target = getTarget(state.target);
  const needs = eventNeeds(target.id);
  const sets = proposedSets(target.id);
  const demoUrl =
    config.demo && config.emulatorUrl ? demoWebhookUrl(config.emulatorUrl, needs.webhookPath, target.id) : undefined;
  const webhookUrl = state.events?.webhookUrl ?? demoUrl ?? suggestedWebhookUrl(target.id, state.domain?.name);
  const account = (state.iam?.mode === "role" ? state.iam.roleArn : state.iam?.userArn)?.split(":")[4];
  const plan = { sets, topicName: needs.topicName, webhookUrl, destinationName: DESTINATION_NAME };
  const hasKey = !!secrets || onRolePath(state);
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
        <NoKeyAlert why="Sesame checks the loop with the platform's own key." />
      )}
      <StepNav
        slug="events"
        canContinue={done}
        reason="Continue unlocks once the subscription is Confirmed (or you skip this step)."
      />
    </StepFrame>
  );
}
