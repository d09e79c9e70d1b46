import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  SendEmailCommand,
  SESClient,
} from "@aws-sdk/client-ses";
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReceiverListing } from "@/emulator/webhooks/receiver";
import { ACCOUNT, clientConfig, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** The demo's built-in platform webhook (POST /_emulator/webhooks/<name>) and its admin listing. */

const REGION = "us-east-1";
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({
    accountId: ACCOUNT,
    users: [
      {
        name: "admin",
        managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
        accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
      },
    ],
    identities: [{ region: REGION, identity: "example.com", status: "Success" }],
  });
});
afterAll(() => emu?.close());

async function listing(name: string): Promise<ReceiverListing> {
  const r = await emu.admin(`webhooks/${name}`);
  expect(r.status).toBe(200);
  return r.body as ReceiverListing;
}

/** Polls the receiver until `match` holds (SNS delivers asynchronously). */
async function until(name: string, match: (l: ReceiverListing) => boolean, timeoutMs = 5000): Promise<ReceiverListing> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const l = await listing(name);
    if (match(l)) return l;
    if (Date.now() > end) throw new Error(`receiver ${name} never matched: ${JSON.stringify(l)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("the platform webhook receiver", () => {
  it("confirms its subscription, verifies signatures and lists a Bounce naming the send's MessageId", async () => {
    const sns = new SNSClient(clientConfig(emu, KEYS.admin, REGION));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "demo-events" }));
    const endpoint = `${emu.url}/_emulator/webhooks/plunk/webhooks/incoming/sns`;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: endpoint }));
    const confirmed = await until("plunk", (l) => l.messages.some((m) => m.type === "SubscriptionConfirmation"));
    expect(confirmed.url).toBe(`${emu.url}/_emulator/webhooks/plunk`);
    expect(confirmed.messages[0]).toMatchObject({
      type: "SubscriptionConfirmation",
      path: "/webhooks/incoming/sns",
      topicArn: TopicArn,
      signatureValid: true,
      signatureVersion: "1",
      confirmed: true,
    });
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(subs.Subscriptions?.[0].SubscriptionArn).toMatch(new RegExp(`^${TopicArn}:`));

    const ses = new SESClient(clientConfig(emu, KEYS.admin, REGION));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSet: { Name: "plunk-configuration-set" } }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "plunk-configuration-set",
        EventDestination: {
          Name: "sns",
          Enabled: true,
          MatchingEventTypes: ["bounce", "delivery", "complaint"],
          SNSDestination: { TopicARN: TopicArn },
        },
      }),
    );
    const { MessageId } = await ses.send(
      new SendEmailCommand({
        Source: "news@example.com",
        Destination: { ToAddresses: ["bounce@simulator.amazonses.com"] },
        Message: { Subject: { Data: "hi" }, Body: { Text: { Data: "hello" } } },
        ConfigurationSetName: "plunk-configuration-set",
      }),
    );
    const after = await until("plunk", (l) => l.messages.some((m) => m.event?.eventType === "Bounce"));
    const bounce = after.messages.find((m) => m.event?.eventType === "Bounce");
    expect(bounce).toMatchObject({
      type: "Notification",
      signatureValid: true,
      subject: "Amazon SES Email Event Notification",
      event: { eventType: "Bounce", mailMessageId: MessageId, recipients: ["bounce@simulator.amazonses.com"] },
    });
    expect(JSON.parse(bounce?.message ?? "{}").bounce.bounceType).toBe("Permanent");

    const all = await emu.admin("webhooks");
    expect(all.body.receivers).toContainEqual({
      name: "plunk",
      url: `${emu.url}/_emulator/webhooks/plunk`,
      received: 2,
    });
  });

  it("refuses forged messages: a tampered body, and a certificate from anywhere but the stand-in", async () => {
    // a genuine message to copy from: the confirmation a fresh subscription gets
    const sns = new SNSClient(clientConfig(emu, KEYS.admin, REGION));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "forgery" }));
    await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${emu.url}/_emulator/webhooks/forgery-source` }),
    );
    await until("forgery-source", (l) => l.messages.length > 0);
    const genuine = emu.world.sns.listSubscriptions(REGION, TopicArn)[0];
    expect(genuine.status).toBe("Confirmed");

    const note = {
      Type: "Notification",
      MessageId: "00000000-0000-0000-0000-000000000000",
      TopicArn,
      Message: "{}",
      Timestamp: new Date().toISOString(),
      SignatureVersion: "1",
      Signature: Buffer.alloc(256).toString("base64"),
      SigningCertURL: `${emu.url}/SimpleNotificationService-emulator.pem`,
    };
    const post = (body: unknown) =>
      fetch(`${emu.url}/_emulator/webhooks/forged`, { method: "POST", body: JSON.stringify(body) });
    expect((await post(note)).status).toBe(403);
    expect((await post({ ...note, SigningCertURL: "http://127.0.0.2:9/cert.pem" })).status).toBe(403);
    expect((await post({ hello: "world" })).status).toBe(403);
    const forged = await listing("forged");
    expect(forged.messages.map((m) => [m.signatureValid, m.signatureProblem])).toEqual([
      [false, "signature does not match"],
      [false, "SigningCertURL is not the stand-in's own URL"],
      [false, "not a signed SNS message"],
    ]);

    expect((await emu.admin("webhooks/forged", { method: "DELETE" })).status).toBe(200);
    expect((await listing("forged")).messages).toEqual([]);
    expect((await emu.admin("webhooks/bad name!", { method: "GET" })).status).toBe(400);
  });
});
