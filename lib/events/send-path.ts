import "server-only";
import type { TargetId } from "@/lib/diagnose/schema";
import { readEnvFile } from "@/lib/env/write";
import { eventNeeds } from "./needs";
import type { EventsState } from "./state";

/**
 * The configuration set the wizard's test send names: the one the platform names in every send (its variable in
 * the env file, or its default), once the Events step has built or recorded the loop. Before that, or when the step
 * was skipped, the test send names no set — the Events step states what that leaves untested.
 */
export async function testSendConfigurationSet(
  target: TargetId,
  events: EventsState | undefined,
  envFile: string,
): Promise<string | undefined> {
  if (!events || events.mode === "skipped" || !eventNeeds(target).uses) return undefined;
  const env = (await readEnvFile(envFile)).vars;
  const needs = eventNeeds(target, env);
  return needs.sets[0]?.name ?? events.sets[0];
}
