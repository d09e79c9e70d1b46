import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  adminOk,
  clientConfig,
  failure,
  KEYS,
  startTestEmulator,
  type TestEmulator,
} from "../helpers/emulator";
import { startWebhook, verifySnsSignature, type Webhook } from "../helpers/sns-webhook";

const NO_SNS = { accessKeyId: "AKIAEXAMPLENOSNS0001", secretAccessKey: "noSnsEXAMPLEsecret/0000000000000000000+1" };

let emu: TestEmulator;
const hooks: Webhook[] = [];
async function webhook(o: Omit<Parameters<typeof startWebhook>[0], "trustedBase"> = {}) {
  const w = await startWebhook({ trustedBase: emu.url, ...o });
  hooks.push(w);
  return w;
}

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
        name: "sesonly",
        managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
        accessKeys: [{ id: NO_SNS.accessKeyId, secret: NO_SNS.secretAccessKey }],
      },
    ],
    // shortened retry delay so the test can watch AWS's 1 + numRetries attempts
    sns: { delivery: { numRetries: 2, retryDelayMs: 50, timeoutMs: 2000 } },
  });
});
afterEach(async () => {
  await emu.world.sns.idle();
});
afterAll(async () => {
  await Promise.all(hooks.map((h) => h.close()));
  await emu?.close();
});

const sns = (region = "eu-west-1", credentials: { accessKeyId: string; secretAccessKey: string } = KEYS.admin) =>
  new SNSClient(clientConfig(emu, credentials, region));

describe("SNS topics", () => {
  it("CreateTopic is idempotent, per region; attributes; DeleteTopic; NotFound for a missing topic", async () => {
    const client = sns();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: "ses-events" }));
    expect(TopicArn).toBe(`arn:aws:sns:eu-west-1:${ACCOUNT}:ses-events`);
    expect((await client.send(new CreateTopicCommand({ Name: "ses-events" }))).TopicArn).toBe(TopicArn);
    const attrs = await client.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(attrs.Attributes).toMatchObject({
      TopicArn,
      Owner: ACCOUNT,
      SubscriptionsConfirmed: "0",
      SubscriptionsPending: "0",
      SignatureVersion: "1",
    });
    const topics = await client.send(new ListTopicsCommand({}));
    expect(topics.Topics?.map((t) => t.TopicArn)).toContain(TopicArn);
    expect((await sns("us-east-1").send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
    // another region's ARN is an invalid parameter there
    const other = await failure(sns("us-east-1").send(new GetTopicAttributesCommand({ TopicArn })));
    expect(other).toMatchObject({ name: "InvalidParameterException", status: 400 });
    await client.send(new DeleteTopicCommand({ TopicArn }));
    const gone = await failure(client.send(new GetTopicAttributesCommand({ TopicArn })));
    expect(gone).toEqual({ name: "NotFoundException", status: 404, message: "Topic does not exist" });
    const badName = await failure(client.send(new CreateTopicCommand({ Name: "has space" })));
    expect(badName).toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: Topic Name" });
  });

  it("is IAM-authorized: without sns:* the call is AuthorizationError 403 with SNS's wording", async () => {
    const err = await failure(sns("eu-west-1", NO_SNS).send(new CreateTopicCommand({ Name: "x" })));
    expect(err).toEqual({
      name: "AuthorizationErrorException",
      status: 403,
      message: `User: arn:aws:iam::${ACCOUNT}:user/sesonly is not authorized to perform: SNS:CreateTopic on resource: arn:aws:sns:eu-west-1:${ACCOUNT}:x because no identity-based policy allows the SNS:CreateTopic action`,
    });
  });
});

describe("SNS http(s) subscriptions", () => {
  it("Subscribe posts a signed SubscriptionConfirmation; Pending until SubscribeURL is fetched; then Notifications", async () => {
    const client = sns();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: "loop" }));
    const hook = await webhook();
    const sub = await client.send(
      new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${hook.url}/webhooks/incoming/sns` }),
    );
    expect(sub.SubscriptionArn).toBe("pending confirmation");
    const confirmation = await hook.next((r) => r.body.Type === "SubscriptionConfirmation");
    expect(confirmation.path).toBe("/webhooks/incoming/sns");
    expect(confirmation.headers).toMatchObject({
      "x-amz-sns-message-type": "SubscriptionConfirmation",
      "x-amz-sns-topic-arn": TopicArn,
      "content-type": "text/plain; charset=UTF-8",
    });
    expect(confirmation.headers["x-amz-sns-message-id"]).toBe(confirmation.body.MessageId);
    expect(Object.keys(confirmation.body).sort()).toEqual(
      [
        "Type",
        "MessageId",
        "Token",
        "TopicArn",
        "Message",
        "SubscribeURL",
        "Timestamp",
        "SignatureVersion",
        "Signature",
        "SigningCertURL",
      ].sort(),
    );
    expect(confirmation.signatureValid).toBe(true);
    expect(confirmation.body.SigningCertURL.startsWith(emu.url)).toBe(true);

    const pending = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(pending.Subscriptions).toEqual([
      {
        TopicArn,
        Protocol: "http",
        SubscriptionArn: "PendingConfirmation",
        Owner: ACCOUNT,
        Endpoint: `${hook.url}/webhooks/incoming/sns`,
      },
    ]);

    // the platform confirms with a plain GET of SubscribeURL (no AWS signature)
    const confirm = await fetch(confirmation.body.SubscribeURL);
    expect(confirm.status).toBe(200);
    const arn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await confirm.text())?.[1];
    expect(arn).toMatch(new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const listed = await client.send(new ListSubscriptionsCommand({}));
    expect(listed.Subscriptions?.find((s) => s.TopicArn === TopicArn)?.SubscriptionArn).toBe(arn);
    const attrs = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }));
    expect(attrs.Attributes).toMatchObject({
      PendingConfirmation: "false",
      ConfirmationWasAuthenticated: "false",
      Protocol: "http",
      TopicArn,
    });

    const { MessageId } = await client.send(new PublishCommand({ TopicArn, Message: "hello", Subject: "Greeting" }));
    const note = await hook.next((r) => r.body.Type === "Notification");
    expect(note.body).toMatchObject({
      MessageId,
      TopicArn,
      Message: "hello",
      Subject: "Greeting",
      SignatureVersion: "1",
    });
    expect(note.headers["x-amz-sns-subscription-arn"]).toBe(arn);
    expect(note.body.UnsubscribeURL).toContain("Action=Unsubscribe");
    expect(note.signatureValid).toBe(true);
    // a tampered message fails the same check
    expect(await verifySnsSignature({ ...note.body, Message: "hellO" }, emu.url)).toBe(false);
    // a certificate URL that is not the stand-in's own is not trusted
    expect(await verifySnsSignature(note.body, "http://127.0.0.2:1")).toBe(false);

    await client.send(new UnsubscribeCommand({ SubscriptionArn: arn }));
    const after = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(after.Subscriptions ?? []).toEqual([]);
    // SNS tells the endpoint, signed; the message's SubscribeURL restores the subscription
    const bye = await hook.next((r) => r.body.Type === "UnsubscribeConfirmation");
    expect(bye.signatureValid).toBe(true);
    expect(bye.headers["x-amz-sns-subscription-arn"]).toBe(arn);
    expect((await fetch(bye.body.SubscribeURL)).status).toBe(200);
    const restored = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(restored.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([arn]);
  });

  it("ConfirmSubscription with the token confirms (authenticated); SignatureVersion 2 signs with SHA256", async () => {
    const client = sns();
    const { TopicArn } = await client.send(
      new CreateTopicCommand({ Name: "loop-v2", Attributes: { SignatureVersion: "2" } }),
    );
    const hook = await webhook();
    await client.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${hook.url}/api/ses_callback` }));
    const confirmation = await hook.next((r) => r.body.Type === "SubscriptionConfirmation");
    expect(confirmation.body.SignatureVersion).toBe("2");
    expect(confirmation.signatureValid).toBe(true);
    const bad = await failure(client.send(new ConfirmSubscriptionCommand({ TopicArn, Token: "nope" })));
    expect(bad).toMatchObject({ name: "InvalidParameterException", message: "Invalid parameter: Token" });
    const { SubscriptionArn } = await client.send(
      new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation.body.Token }),
    );
    const attrs = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    expect(attrs.Attributes?.ConfirmationWasAuthenticated).toBe("true");
    await client.send(new PublishCommand({ TopicArn, Message: "v2" }));
    const note = await hook.next((r) => r.body.Type === "Notification");
    expect(note.body.SignatureVersion).toBe("2");
    expect(note.body.Subject).toBeUndefined();
    expect(note.signatureValid).toBe(true);
  });

  it("a 404 endpoint stays PendingConfirmation (no retry); a 500 endpoint is retried 1 + numRetries times", async () => {
    const client = sns();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: "unreachable" }));
    const missing = await webhook({ status: 404, autoConfirm: true });
    await client.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${missing.url}/wrong/path` }));
    const failing = await webhook({ status: 500, autoConfirm: true });
    await client.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${failing.url}/hook` }));
    await emu.world.sns.idle();
    expect(missing.received).toHaveLength(1);
    expect(failing.received).toHaveLength(3);
    const subs = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));
    expect(subs.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual(["PendingConfirmation", "PendingConfirmation"]);
    const log = (await adminOk(emu, "sns")) as {
      deliveries: Array<{ endpoint: string; attempt: number; status?: number; outcome: string; final: boolean }>;
    };
    const of = (e: string) => log.deliveries.filter((d) => d.endpoint === e);
    expect(of(`${missing.url}/wrong/path`)).toMatchObject([
      { attempt: 1, status: 404, outcome: "failed", final: true },
    ]);
    expect(of(`${failing.url}/hook`).map((d) => [d.attempt, d.status, d.final])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, true],
    ]);
  });

  it("an endpoint that is not loopback is never contacted by the stand-in and stays Pending", async () => {
    const client = sns();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: "public" }));
    await client.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "https",
        Endpoint: "https://plunk.example.com/webhooks/incoming/sns",
      }),
    );
    await emu.world.sns.idle();
    const log = (await adminOk(emu, "sns")) as { deliveries: Array<{ endpoint: string; outcome: string }> };
    expect(log.deliveries.filter((d) => d.endpoint.startsWith("https://plunk.example.com"))).toMatchObject([
      { outcome: "refused" },
    ]);
    const bad = await failure(
      client.send(new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: "https://x.test/" })),
    );
    expect(bad).toMatchObject({ name: "InvalidParameterException", status: 400 });
    const missing = await failure(
      client.send(new PublishCommand({ TopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:nothing`, Message: "x" })),
    );
    expect(missing).toMatchObject({ name: "NotFoundException", status: 404 });
  });
});
