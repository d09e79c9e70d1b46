import "server-only";
import { z } from "zod";
import { EventReceivedSchema } from "@/lib/setup/contract";

/**
 * Demo only: the stand-in's built-in "platform webhook" (POST /_emulator/webhooks/<name>[/<path>], docs/emulator.md
 * "Platform webhook receiver") plays the platform's SNS endpoint: it confirms the subscription, verifies each
 * message's signature and records it. The Events step reads what arrived through the emulator's loopback admin API
 * so the whole loop can be walked offline.
 */

const MessageSchema = z.object({
  receivedAt: z.string().optional(),
  type: z.string(),
  messageId: z.string().optional(),
  signatureValid: z.boolean().optional(),
  event: z
    .object({
      eventType: z.string(),
      mailMessageId: z.string().optional(),
      recipients: z.array(z.string()).default([]),
    })
    .optional(),
});
const ListingSchema = z.union([z.array(MessageSchema), z.object({ messages: z.array(MessageSchema) })]);

/** One received message as the Events step shows it: declared once in the setup contract. */
export const ReceivedSchema = EventReceivedSchema;
export type Received = z.infer<typeof ReceivedSchema>;

const RECEIVER = "/_emulator/webhooks/";

/** The receiver's URL for a platform path: a receiver named after the platform, the platform's own path below it. */
export function demoWebhookUrl(emulatorUrl: string, path: string, name = "platform"): string {
  return new URL(`${RECEIVER}${name}${path}`, emulatorUrl).toString();
}

/** What the receiver got, newest last; [] when the webhook is not the stand-in's receiver or it cannot be read. */
export async function demoReceived(emulatorUrl: string, webhookUrl: string, timeoutMs: number): Promise<Received[]> {
  const base = new URL(emulatorUrl);
  const hook = new URL(webhookUrl);
  if (hook.origin !== base.origin || !hook.pathname.startsWith(RECEIVER)) return [];
  const name = hook.pathname.slice(RECEIVER.length).split("/")[0];
  try {
    const res = await fetch(new URL(`${RECEIVER}${name}`, base), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return [];
    const parsed = ListingSchema.safeParse(await res.json());
    if (!parsed.success) return [];
    const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.messages;
    return list.slice(-50).map((m) => ({
      type: m.type,
      ...(m.event ? { eventType: m.event.eventType } : {}),
      ...((m.event?.mailMessageId ?? m.messageId) ? { messageId: m.event?.mailMessageId ?? m.messageId } : {}),
      ...(m.event?.recipients.length ? { destination: m.event.recipients.join(", ") } : {}),
      ...(m.signatureValid !== undefined ? { signatureValid: m.signatureValid } : {}),
      ...(m.receivedAt ? { at: m.receivedAt } : {}),
    }));
  } catch {
    return [];
  }
}
