import { randomBytes, randomUUID } from "node:crypto";
import type { EventType } from "./configuration-sets";
import type { SendRecord } from "./model";

/**
 * SES event records for one accepted send, shaped as AWS documents them in "Contents of event data that Amazon SES
 * publishes to Amazon SNS" (docs/emulator.md "Event publishing"): a Send per message, then per recipient a Delivery,
 * a Permanent Bounce (bounce@simulator…, suppressionlist@simulator…) or a Delivery followed by a Complaint
 * (complaint@simulator…). Every other address is delivered.
 */

export interface SesEvent {
  type: EventType;
  /** the record's JSON (the SNS Message) */
  record: Record<string, unknown>;
}

/** The Subject SES gives the SNS notifications of event publishing. */
export const EVENT_SUBJECT = "Amazon SES Email Event Notification";
const REPORTING_MTA = "a8-30.smtp-out.amazonses.com";

const feedbackId = () => `${randomBytes(8).toString("hex")}-${randomUUID()}-000000`;

function addressOnly(written: string): string {
  return (/<([^>]+)>/.exec(written)?.[1] ?? written).trim();
}

function mailObject(r: SendRecord): Record<string, unknown> {
  const m = r.message;
  const header = (name: string) => r.headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
  const split = (values: string[]) =>
    values.flatMap((v) =>
      v
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    );
  const from = addressOnly(m.from);
  const common: Record<string, unknown> = {
    from: split(header("from")).length > 0 ? split(header("from")) : [m.from],
    to: split(header("to")).length > 0 ? split(header("to")) : m.to,
    messageId: m.messageId,
    subject: m.subject,
  };
  const date = header("date")[0];
  if (date) common.date = date;
  const cc = split(header("cc"));
  if (cc.length > 0) common.cc = cc;
  const tags: Record<string, string[]> = {
    "ses:operation": [m.via === "sesv2" ? "SendEmail" : m.raw !== undefined ? "SendRawEmail" : "SendEmail"],
    "ses:source-ip": ["127.0.0.1"],
    "ses:from-domain": [from.slice(from.lastIndexOf("@") + 1)],
    "ses:caller-identity": [r.principal.userName],
  };
  if (r.configurationSetName) tags["ses:configuration-set"] = [r.configurationSetName];
  return {
    timestamp: m.timestamp,
    source: m.from,
    sourceArn: r.sourceArn,
    sendingAccountId: r.principal.accountId,
    messageId: m.messageId,
    destination: m.to,
    headersTruncated: false,
    headers: r.headers,
    commonHeaders: common,
    tags,
  };
}

export function sesEventsFor(r: SendRecord, now: Date): SesEvent[] {
  const mail = mailObject(r);
  const at = now.toISOString();
  const sentAt = new Date(r.message.timestamp).getTime();
  const events: SesEvent[] = [{ type: "SEND", record: { eventType: "Send", mail, send: {} } }];
  const delivery = (to: string): SesEvent => ({
    type: "DELIVERY",
    record: {
      eventType: "Delivery",
      mail,
      delivery: {
        timestamp: at,
        processingTimeMillis: Math.max(0, now.getTime() - sentAt),
        recipients: [to],
        smtpResponse: "250 2.6.0 Message received",
        reportingMTA: REPORTING_MTA,
      },
    },
  });
  for (const to of r.message.to) {
    const local = to.toLowerCase();
    if (local === "bounce@simulator.amazonses.com" || local === "suppressionlist@simulator.amazonses.com") {
      const suppressed = local.startsWith("suppressionlist@");
      events.push({
        type: "BOUNCE",
        record: {
          eventType: "Bounce",
          mail,
          bounce: {
            bounceType: "Permanent",
            bounceSubType: suppressed ? "OnAccountSuppressionList" : "General",
            bouncedRecipients: [
              suppressed
                ? {
                    emailAddress: to,
                    action: "failed",
                    status: "5.1.1",
                    diagnosticCode:
                      "Amazon SES did not send the message to this address because it is on the suppression list for your account.",
                  }
                : {
                    emailAddress: to,
                    action: "failed",
                    status: "5.1.1",
                    diagnosticCode: "smtp; 550 5.1.1 user unknown",
                  },
            ],
            timestamp: at,
            feedbackId: feedbackId(),
            reportingMTA: `dsn; ${REPORTING_MTA}`,
          },
        },
      });
      continue;
    }
    events.push(delivery(to));
    if (local === "complaint@simulator.amazonses.com") {
      events.push({
        type: "COMPLAINT",
        record: {
          eventType: "Complaint",
          mail,
          complaint: {
            feedbackId: feedbackId(),
            complaintSubType: null,
            complainedRecipients: [{ emailAddress: to }],
            timestamp: at,
            userAgent: "Amazon SES Mailbox Simulator",
            complaintFeedbackType: "abuse",
            arrivalDate: at,
          },
        },
      });
    }
  }
  return events;
}

/**
 * Publish a send's events to the SNS topics of its set's enabled destinations that match each event type. A topic
 * that does not exist (any more) is skipped silently, as SES does. Send is published at once, the outcomes a moment
 * later, as they happen after the send on AWS.
 */
export function publishSesEvents(
  r: SendRecord,
  o: { now(): Date; publish(topicArn: string, message: string, subject: string): unknown; outcomeDelayMs?: number },
): void {
  const targets = r.destinations.filter((d) => d.enabled && d.snsTopicArn);
  if (targets.length === 0) return;
  const fire = (events: SesEvent[]) => {
    for (const e of events) {
      for (const d of targets) {
        if (d.matchingEventTypes.includes(e.type))
          o.publish(d.snsTopicArn as string, JSON.stringify(e.record), EVENT_SUBJECT);
      }
    }
  };
  const events = sesEventsFor(r, o.now());
  fire(events.filter((e) => e.type === "SEND"));
  setTimeout(() => fire(events.filter((e) => e.type !== "SEND")), o.outcomeDelayMs ?? 20).unref();
}
