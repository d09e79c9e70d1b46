import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  SendEmailCommand as SendEmailV1,
  SESClient,
} from "@aws-sdk/client-ses";
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { ACCOUNT, clientConfig, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { type Received, startWebhook, type Webhook } from "../helpers/sns-webhook";

/**
 * The whole event loop against the stand-in with the real SDK clients: a configuration set with an SNS destination,
 * a topic whose http subscription a plain Node webhook confirms, and sends (v1, v2, SMTP) whose events arrive signed.
 */

const PLATFORM = { id: "AKIAEXAMPLEPLATFORM1", secret: "platformEXAMPLEsecret/0000000000000000+1" };
const REGION = "eu-west-1";
let emu: TestEmulator;
let hook: Webhook;
let topicArn: string;

const creds = { accessKeyId: PLATFORM.id, secretAccessKey: PLATFORM.secret };

beforeAll(async () => {
  emu = await startTestEmulator({
    accountId: ACCOUNT,
    users: [
      {
        name: "admin",
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
      },
      {
        name: "plunk",
        inlinePolicies: {
          send: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: "*" }],
          },
        },
        accessKeys: [PLATFORM],
      },
    ],
    regions: { [REGION]: { sandbox: false } },
    identities: [{ region: REGION, identity: "example.com", status: "Success" }],
    smtp: { region: REGION },
  });
  hook = await startWebhook({ trustedBase: emu.url, autoConfirm: true });
  const sns = new SNSClient(clientConfig(emu, KEYS.admin, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: "plunk-events" }))).TopicArn as string;
  await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: "http", Endpoint: `${hook.url}/webhooks/incoming/sns` }),
  );
  await hook.next((r) => r.body.Type === "SubscriptionConfirmation");
  const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  expect(subs.Subscriptions?.[0].SubscriptionArn).not.toBe("PendingConfirmation");

  const ses = new SESClient(clientConfig(emu, KEYS.admin, REGION));
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: "plunk-configuration-set" } }));
  await ses.send(
    new CreateConfigurationSetEventDestinationCommand({
      ConfigurationSetName: "plunk-configuration-set",
      EventDestination: {
        Name: "sns",
        Enabled: true,
        MatchingEventTypes: ["send", "delivery", "bounce", "complaint"],
        SNSDestination: { TopicARN: topicArn },
      },
    }),
  );
  // a second set whose destination is disabled: its sends publish nothing
  await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: "quiet" } }));
  await ses.send(
    new CreateConfigurationSetEventDestinationCommand({
      ConfigurationSetName: "quiet",
      EventDestination: {
        Name: "off",
        Enabled: false,
        MatchingEventTypes: ["send"],
        SNSDestination: { TopicARN: topicArn },
      },
    }),
  );
});
afterAll(async () => {
  await hook?.close();
  await emu?.close();
});

/** The SES event record carried by a notification, with the notification it came in. */
// biome-ignore lint/suspicious/noExplicitAny: the test asserts the record's shape field by field
function eventOf(r: Received): { note: Received; event: Record<string, any> } {
  return { note: r, event: JSON.parse(r.body.Message) };
}
const isEvent = (messageId: string, type: string) => (r: Received) => {
  if (r.body.Type !== "Notification") return false;
  const e = JSON.parse(r.body.Message);
  return e.eventType === type && e.mail?.messageId === messageId;
};

const simple = (to: string, set = "plunk-configuration-set") => ({
  Source: "Plunk <news@example.com>",
  Destination: { ToAddresses: [to] },
  Message: { Subject: { Data: "Welcome" }, Body: { Text: { Data: "hello" } } },
  ConfigurationSetName: set,
});

describe("SES events published to SNS", () => {
  it("a v1 send to the bounce simulator: Send, then a signed Permanent Bounce naming that MessageId", async () => {
    const ses = new SESClient(clientConfig(emu, creds, REGION));
    const { MessageId } = await ses.send(new SendEmailV1(simple("bounce@simulator.amazonses.com")));
    const send = eventOf(await hook.next(isEvent(MessageId as string, "Send")));
    const bounce = eventOf(await hook.next(isEvent(MessageId as string, "Bounce")));
    for (const { note } of [send, bounce]) {
      expect(note.signatureValid).toBe(true);
      expect(note.body.TopicArn).toBe(topicArn);
      expect(note.body.Subject).toBe("Amazon SES Email Event Notification");
      expect(note.headers["x-amz-sns-message-type"]).toBe("Notification");
    }
    expect(send.event.send).toEqual({});
    expect(bounce.event.bounce).toMatchObject({
      bounceType: "Permanent",
      bounceSubType: "General",
      bouncedRecipients: [{ emailAddress: "bounce@simulator.amazonses.com", action: "failed", status: "5.1.1" }],
    });
    expect(bounce.event.bounce.feedbackId).toMatch(/-000000$/);
    expect(bounce.event.mail).toMatchObject({
      messageId: MessageId,
      source: "Plunk <news@example.com>",
      sourceArn: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/example.com`,
      sendingAccountId: ACCOUNT,
      destination: ["bounce@simulator.amazonses.com"],
      headersTruncated: false,
      commonHeaders: { subject: "Welcome", to: ["bounce@simulator.amazonses.com"], messageId: MessageId },
      tags: { "ses:configuration-set": ["plunk-configuration-set"], "ses:caller-identity": ["plunk"] },
    });
    expect(Date.parse(bounce.event.mail.timestamp)).not.toBeNaN();
    expect(bounce.event.mail.headers).toContainEqual({ name: "Subject", value: "Welcome" });
    // no Delivery for a bounced recipient
    expect(hook.received.some(isEvent(MessageId as string, "Delivery"))).toBe(false);
  });

  it("an SESv2 send to success@simulator: Send and Delivery", async () => {
    const v2 = new SESv2Client(clientConfig(emu, creds, REGION));
    const { MessageId } = await v2.send(
      new SendEmailCommand({
        FromEmailAddress: "news@example.com",
        Destination: { ToAddresses: ["success@simulator.amazonses.com"] },
        Content: { Simple: { Subject: { Data: "v2" }, Body: { Text: { Data: "hi" } } } },
        ConfigurationSetName: "plunk-configuration-set",
      }),
    );
    await hook.next(isEvent(MessageId as string, "Send"));
    const delivery = eventOf(await hook.next(isEvent(MessageId as string, "Delivery")));
    expect(delivery.note.signatureValid).toBe(true);
    expect(delivery.event.delivery).toMatchObject({
      recipients: ["success@simulator.amazonses.com"],
      smtpResponse: "250 2.6.0 Message received",
    });
    expect(typeof delivery.event.delivery.processingTimeMillis).toBe("number");
  });

  it("an SMTP message with X-SES-CONFIGURATION-SET to complaint@simulator: Delivery and Complaint", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: emu.ports.smtp,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
      auth: { user: PLATFORM.id, pass: await deriveSmtpPassword(PLATFORM.secret, REGION) },
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 5000,
    });
    const info = await transport.sendMail({
      from: "news@example.com",
      to: "complaint@simulator.amazonses.com",
      subject: "via smtp",
      text: "hi",
      headers: { "X-SES-CONFIGURATION-SET": "plunk-configuration-set" },
    });
    transport.close();
    const messageId = /^250 Ok (\S+)/.exec(info.response)?.[1] as string;
    expect(messageId).toBeTruthy();
    await hook.next(isEvent(messageId, "Delivery"));
    const complaint = eventOf(await hook.next(isEvent(messageId, "Complaint")));
    expect(complaint.note.signatureValid).toBe(true);
    expect(complaint.event.complaint).toMatchObject({
      complainedRecipients: [{ emailAddress: "complaint@simulator.amazonses.com" }],
      complaintFeedbackType: "abuse",
    });
    expect(complaint.event.mail.headers).toContainEqual({ name: "Subject", value: "via smtp" });
  });

  it("a disabled destination and a send without a set publish nothing", async () => {
    const ses = new SESClient(clientConfig(emu, creds, REGION));
    const quiet = await ses.send(new SendEmailV1(simple("success@simulator.amazonses.com", "quiet")));
    const { ConfigurationSetName: _, ...noSet } = simple("success@simulator.amazonses.com");
    const none = await ses.send(new SendEmailV1(noSet));
    // a later send through the live set proves the webhook is listening; the two above must not show up by then
    const marker = await ses.send(new SendEmailV1(simple("success@simulator.amazonses.com")));
    await hook.next(isEvent(marker.MessageId as string, "Delivery"));
    await emu.world.sns.idle();
    for (const id of [quiet.MessageId, none.MessageId]) {
      expect(
        hook.received.filter((r) => r.body.Type === "Notification" && r.body.Message.includes(id as string)),
      ).toEqual([]);
    }
  });
});
