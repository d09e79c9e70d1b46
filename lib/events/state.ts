import { z } from "zod";

/**
 * What the wizard remembers of the Events step (stored in the wizard state file; no secrets): how the loop was
 * built, its names, and whether the webhook subscription was seen Confirmed.
 */
export const EventsStateSchema = z.object({
  /** auto: built with set-up credentials; manual: built by hand; platform: useSend builds its own; skipped */
  mode: z.enum(["auto", "manual", "platform", "skipped"]),
  region: z.string(),
  sets: z.array(z.string()).default([]),
  topicArn: z.string().optional(),
  webhookUrl: z.string().optional(),
  status: z.enum(["pending", "confirmed", "skipped"]),
  /** env variables written for the loop (names only) */
  envWritten: z.array(z.string()).default([]),
  confirmedAt: z.string().optional(),
  at: z.string(),
});
export type EventsState = z.infer<typeof EventsStateSchema>;
