import { z } from "zod";
import { verifyMessage } from "../services/sns/signing";

/**
 * The demo's built-in "platform webhook": what a platform such as Plunk or useSend does with SNS's POSTs, on the
 * stand-in's own loopback endpoint (POST /_emulator/webhooks/<name>). It records every message, verifies its signature
 * with the certificate fetched from its SigningCertURL — only from the stand-in's own URL, as a platform trusts only
 * its SNS endpoint's host — and confirms a subscription with a GET of its SubscribeURL. The admin API lists what it got
 * (docs/emulator.md "Platform webhook receiver").
 */

export const ReceivedMessageSchema = z.object({
  receivedAt: z.string(),
  /** the path the POST came to, below /_emulator/webhooks/<name> ("" when none) */
  path: z.string(),
  type: z.string(),
  messageId: z.string().optional(),
  topicArn: z.string().optional(),
  subject: z.string().optional(),
  signatureVersion: z.string().optional(),
  signatureValid: z.boolean(),
  /** why the signature did not verify */
  signatureProblem: z.string().optional(),
  /** SubscriptionConfirmation: whether the GET of SubscribeURL succeeded */
  confirmed: z.boolean().optional(),
  /** Notifications that carry an SES event record: its type, the SES MessageId and the recipients it concerns */
  event: z
    .object({
      eventType: z.string(),
      mailMessageId: z.string().optional(),
      recipients: z.array(z.string()),
    })
    .optional(),
  /** the SNS Message field as received */
  message: z.string().optional(),
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

export const ReceiverListingSchema = z.object({
  name: z.string(),
  url: z.string(),
  messages: z.array(ReceivedMessageSchema),
});
export type ReceiverListing = z.infer<typeof ReceiverListingSchema>;

export const RECEIVER_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_MESSAGES = 200;
const TIMEOUT_MS = 5000;

export class WebhookReceivers {
  private receivers = new Map<string, ReceivedMessage[]>();
  private certificates = new Map<string, string>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => Date,
  ) {}

  urlOf(name: string): string {
    return `${this.baseUrl()}/_emulator/webhooks/${name}`;
  }

  list(): Array<{ name: string; url: string; received: number }> {
    return [...this.receivers].map(([name, m]) => ({ name, url: this.urlOf(name), received: m.length }));
  }

  messages(name: string): ReceiverListing {
    return { name, url: this.urlOf(name), messages: [...(this.receivers.get(name) ?? [])] };
  }

  clear(name?: string): void {
    if (name === undefined) this.receivers.clear();
    else this.receivers.delete(name);
  }

  /** One POST from SNS; returns the HTTP status a platform would answer with. */
  async receive(name: string, path: string, body: Buffer): Promise<{ status: number; message: ReceivedMessage }> {
    let json: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(body.toString("utf8"));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed;
    } catch {}
    const str = (k: string) => (typeof json[k] === "string" ? (json[k] as string) : undefined);
    const { valid, problem } = await this.verify(json);
    const message: ReceivedMessage = {
      receivedAt: this.now().toISOString(),
      path,
      type: str("Type") ?? "(not an SNS message)",
      messageId: str("MessageId"),
      topicArn: str("TopicArn"),
      subject: str("Subject"),
      signatureVersion: str("SignatureVersion"),
      signatureValid: valid,
      signatureProblem: problem,
      message: str("Message"),
    };
    if (valid && message.type === "SubscriptionConfirmation") {
      message.confirmed = await this.confirm(str("SubscribeURL"));
    }
    if (valid && message.type === "Notification") message.event = sesEvent(message.message);
    const list = this.receivers.get(name) ?? [];
    list.push(message);
    if (list.length > MAX_MESSAGES) list.splice(0, list.length - MAX_MESSAGES);
    this.receivers.set(name, list);
    // like a platform: a message that is not a valid SNS message is refused
    return { status: valid ? 200 : 403, message };
  }

  private ownUrl(url: string | undefined): url is string {
    return typeof url === "string" && url.startsWith(`${this.baseUrl()}/`);
  }

  private async verify(json: Record<string, unknown>): Promise<{ valid: boolean; problem?: string }> {
    const certUrl = json.SigningCertURL;
    if (typeof json.Type !== "string" || typeof json.Signature !== "string") {
      return { valid: false, problem: "not a signed SNS message" };
    }
    if (!this.ownUrl(certUrl as string | undefined)) {
      return { valid: false, problem: "SigningCertURL is not the stand-in's own URL" };
    }
    let pem = this.certificates.get(certUrl as string);
    if (!pem) {
      try {
        const res = await fetch(certUrl as string, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!res.ok) return { valid: false, problem: `SigningCertURL answered ${res.status}` };
        pem = await res.text();
        this.certificates.set(certUrl as string, pem);
      } catch (e) {
        return { valid: false, problem: `SigningCertURL could not be fetched: ${(e as Error).message}` };
      }
    }
    return verifyMessage(json, pem) ? { valid: true } : { valid: false, problem: "signature does not match" };
  }

  private async confirm(subscribeUrl: string | undefined): Promise<boolean> {
    if (!this.ownUrl(subscribeUrl)) return false;
    try {
      const res = await fetch(subscribeUrl, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await res.text();
      return res.ok;
    } catch {
      return false;
    }
  }
}

function sesEvent(message: string | undefined): ReceivedMessage["event"] {
  if (!message) return undefined;
  try {
    const e = JSON.parse(message) as Record<string, Record<string, unknown> | string | undefined>;
    const type = (e.eventType ?? e.notificationType) as string | undefined;
    if (typeof type !== "string") return undefined;
    const mail = e.mail as { messageId?: string; destination?: string[] } | undefined;
    const bounce = e.bounce as { bouncedRecipients?: Array<{ emailAddress: string }> } | undefined;
    const complaint = e.complaint as { complainedRecipients?: Array<{ emailAddress: string }> } | undefined;
    const delivery = e.delivery as { recipients?: string[] } | undefined;
    const recipients =
      bounce?.bouncedRecipients?.map((r) => r.emailAddress) ??
      complaint?.complainedRecipients?.map((r) => r.emailAddress) ??
      delivery?.recipients ??
      mail?.destination ??
      [];
    return { eventType: type, mailMessageId: mail?.messageId, recipients };
  } catch {
    return undefined;
  }
}
