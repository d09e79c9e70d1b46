import "server-only";
import { eventNeeds } from "@/lib/events/needs";
import type { StepProgress, StepSlug } from "./steps";
import { STEPS } from "./steps";
import type { WizardState } from "./state";

/** Which steps are done, from the stored state (and whether the key is in this session's memory). */
export function progressOf(state: WizardState, hasKey: boolean): StepProgress {
  const steps = {
    target: !!(state.target && state.region),
    iam: !!state.iam && hasKey,
    check: !!state.check && state.check.status !== "fail",
    env: !!state.env || !!state.envDownloadedAt,
    domain: state.domain?.status === "SUCCESS",
    // platforms without an event webhook have nothing to build; the others need a confirmed loop or a stated skip
    events:
      !!state.target &&
      (!eventNeeds(state.target).uses || state.events?.status === "confirmed" || state.events?.status === "skipped"),
    send: state.sends.some((s) => s.ok),
  };
  return { ...steps, done: !!state.doneAt || Object.values(steps).every(Boolean) };
}

export function firstOpenStep(p: StepProgress): StepSlug {
  return STEPS.find((s) => !p[s.slug])?.slug ?? "done";
}
