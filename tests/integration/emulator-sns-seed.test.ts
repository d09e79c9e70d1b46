import { ListSubscriptionsByTopicCommand, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorConfigSchema } from "@/emulator/config";
import { ACCOUNT, clientConfig, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { startWebhook, type Webhook } from "../helpers/sns-webhook";

/** docs/emulator.md "SNS": topics seeded from the config file with their http(s) subscriptions. */

let emu: TestEmulator;
let hook: Webhook;
const admin = {
  name: "admin",
  managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
  accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
};

beforeAll(async () => {
  emu = await startTestEmulator({ accountId: ACCOUNT, users: [admin] });
  hook = await startWebhook({ trustedBase: emu.url });
  // the webhook's port is known only now: the seeded world is loaded through the admin reset (validated config)
  const reset = await emu.admin("reset", {
    json: {
      accountId: ACCOUNT,
      users: [admin],
      sns: {
        topics: [
          {
            region: "eu-west-1",
            name: "plunk-ses-events",
            subscriptions: [
              { protocol: "http", endpoint: `${hook.url}/webhooks/sns` },
              { protocol: "http", endpoint: `${hook.url}/later`, status: "PendingConfirmation" },
            ],
          },
        ],
      },
    },
  });
  expect(reset.status).toBe(200);
});
afterAll(async () => {
  await emu?.world.sns.idle();
  await hook?.close();
  await emu?.close();
});

const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:plunk-ses-events`;

describe("seeded SNS subscriptions", () => {
  it("list as seeded (Confirmed with its ARN and endpoint, or PendingConfirmation), post no confirmation, and receive notifications when Confirmed", async () => {
    const client = new SNSClient(clientConfig(emu, KEYS.admin, "eu-west-1"));
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
    const subs = listed.Subscriptions ?? [];
    expect(subs).toHaveLength(2);
    const confirmed = subs.find((s) => s.Endpoint === `${hook.url}/webhooks/sns`);
    expect(confirmed).toMatchObject({ TopicArn: TOPIC, Protocol: "http", Owner: ACCOUNT });
    expect(confirmed?.SubscriptionArn).toMatch(new RegExp(`^${TOPIC}:[0-9a-f-]{36}$`));
    expect(subs.find((s) => s.Endpoint === `${hook.url}/later`)?.SubscriptionArn).toBe("PendingConfirmation");

    const { MessageId } = await client.send(new PublishCommand({ TopicArn: TOPIC, Message: "seeded" }));
    const note = await hook.next((r) => r.body.Type === "Notification");
    expect(note).toMatchObject({ path: "/webhooks/sns", body: { MessageId, Message: "seeded" }, signatureValid: true });
    await emu.world.sns.idle();
    // nothing was sent to the pending one, and no SubscriptionConfirmation to either
    expect(hook.received.map((r) => `${r.path} ${r.body.Type}`)).toEqual(["/webhooks/sns Notification"]);
  });

  it("seeds at start-up too (not only on a reset)", async () => {
    const fresh = await startTestEmulator({
      accountId: ACCOUNT,
      sns: {
        topics: [
          { region: "us-west-2", name: "t", subscriptions: [{ protocol: "https", endpoint: "https://a.example/" }] },
        ],
      },
    });
    try {
      const subs = fresh.world.sns.listTopics("us-west-2").map((t) => t.arn);
      expect(subs).toEqual([`arn:aws:sns:us-west-2:${ACCOUNT}:t`]);
    } finally {
      await fresh.close();
    }
  });

  it("the other region has no such topic; a subscription whose endpoint does not match its protocol is refused", () => {
    expect(emu.world.sns.listTopics("us-east-1")).toEqual([]);
    const bad = EmulatorConfigSchema.safeParse({
      sns: {
        topics: [{ region: "eu-west-1", name: "t", subscriptions: [{ protocol: "https", endpoint: "http://x/" }] }],
      },
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("endpoint must match the protocol");
  });
});
