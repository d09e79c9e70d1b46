import "server-only";
import { eventNeeds } from "@/lib/events/needs";
import type { StepProgress, StepSlug } from "./steps";
import { STEPS } from "./steps";
import type { Proved, WizardState } from "./state";

/**
 * The one "check passed" gate: the credential check ran for the key now in use and found no error. Every screen and
 * route that depends on a working key (the check step's Continue, the env preview, write, reveal and download, the
 * step rail) asks this function.
 */
export function checkGate(state: WizardState): { open: true } | { open: false; reason: string } {
  if (!state.check) return { open: false, reason: "Run the credential check (step 3) first." };
  if (state.check.status === "fail")
    return { open: false, reason: "The credential check found errors. Fix them (step 3) and run it again." };
  return { open: true };
}

export const checkPassed = (state: WizardState) => checkGate(state).open;

/** SES verified the domain in the region the platform sends from (not merely in some region). */
export const domainVerified = (state: WizardState) =>
  state.domain?.status === "SUCCESS" && state.domain.region === state.region;

/** The key, region and domain a send goes through now: what a successful send proves. */
export function provedBy(state: WizardState): Proved {
  const iam = state.iam;
  return {
    ...(iam?.mode === "role" ? { roleName: iam.roleName ?? "(default chain)" } : { accessKeyId: iam?.accessKeyId }),
    keyEnteredAt: iam?.at,
    region: state.region,
    domain: state.domain?.name,
  };
}

/** A send proves the current set-up only while the key, region and domain it went through are still the ones in use. */
export function isCurrentSend(send: WizardState["sends"][number], state: WizardState): boolean {
  const now = provedBy(state);
  const then = send.proved;
  return (
    !!then &&
    then.accessKeyId === now.accessKeyId &&
    then.roleName === now.roleName &&
    then.keyEnteredAt === now.keyEnteredAt &&
    then.region === now.region &&
    then.domain === now.domain
  );
}

export const hasCurrentSend = (state: WizardState) => state.sends.some((s) => s.ok && isCurrentSend(s, state));

/**
 * Which steps are done, from the stored state (and whether the key is in this session's memory; the role path holds
 * no key: its credentials come from the default chain at each call). A step counts only
 * when every step before it counts too, so the rail never shows a later step done while an earlier one fails; "Done"
 * itself is done only once it was reached and the setup closed (locked).
 */
export function progressOf(state: WizardState, hasKey: boolean): StepProgress {
  const own: Omit<StepProgress, "done"> = {
    target: !!(state.target && state.region),
    iam: !!state.iam && (state.iam.mode === "role" || hasKey),
    check: checkPassed(state),
    env: !!state.env || !!state.envDownloadedAt,
    domain: domainVerified(state),
    // platforms without an event webhook have nothing to build; the others need a confirmed loop or a stated skip
    events:
      !!state.target &&
      (!eventNeeds(state.target).uses || state.events?.status === "confirmed" || state.events?.status === "skipped"),
    send: hasCurrentSend(state),
  };
  const progress = {} as StepProgress;
  let before = true;
  for (const s of STEPS) {
    before = before && (s.slug === "done" ? !!state.doneAt : own[s.slug]);
    progress[s.slug] = before;
  }
  return progress;
}

export function firstOpenStep(p: StepProgress): StepSlug {
  return STEPS.find((s) => s.slug !== "done" && !p[s.slug])?.slug ?? "done";
}
