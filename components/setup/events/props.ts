import type { EventNeeds } from "@/lib/events/needs";
import type { PlanSet } from "@/lib/events/plan";
import type { EventsState } from "@/lib/events/state";
import type { ErrorOf, EventsStatus } from "@/lib/setup/contract";

export interface EventsStepProps {
  targetLabel: string;
  region: string;
  needs: EventNeeds;
  sets: PlanSet[];
  webhookUrl: string;
  demo: boolean;
  topicArnGuess: string;
  setupActions: string[];
  manual?: { console: string[]; cli: string[] };
  current?: EventsState;
}

export type StatusData = EventsStatus;
export type ErrorData = ErrorOf<"POST /api/setup/events">;

const TYPE_WORD: Record<string, string> = { renderingFailure: "rendering failure", deliveryDelay: "delivery delay" };
export const typesText = (t: string[]) => t.map((x) => TYPE_WORD[x] ?? x).join(", ");
