import { SendRawEmailCommand, SESClient } from "@aws-sdk/client-ses";
import { DeleteTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { checkLoop } from "@/lib/events/check";
import { createLoop } from "@/lib/events/create";
import { DESTINATION_NAME, type EventPlan, eventEnvVars, proposedSets } from "@/lib/events/plan";
import { KEYS, LOOPBACK_SNS, TEST_CONFIG } from "../helpers/emulator";
import { startWebhook, type Webhook } from "../helpers/sns-webhook";

/**
 * The whole loop against the stand-in, with the real SDK v3 clients: the wizard's builder creates topic, sets,
 * destinations and the subscription with set-up credentials; a plain Node HTTP server plays the platform's webhook
 * (verifies each signature with SigningCertURL's certificate, confirms by GET of SubscribeURL); the check — the
 * doctor's and health's events probe — is run with a sending key; a send to the bounce simulator through the set
 * arrives as a signed Bounce naming that MessageId.
 */

const REGION = "eu-west-1";
const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  sns: LOOPBACK_SNS,
  identities: [{ region: REGION, identity: "example.com", status: "Success" }],
};

let em: RunningEmulator;
let hook: Webhook;
let deaf: Webhook;
beforeAll(async () => {
  em = await startEmulator(CONFIG, { quiet: true });
  hook = await startWebhook({ trustedBase: em.url, autoConfirm: true });
  // a wrong path behind a proxy: 404 for everything, so the subscription is never confirmed
  deaf = await startWebhook({ trustedBase: em.url, autoConfirm: true, status: 404 });
});
afterAll(async () => {
  await hook?.close();
  await deaf?.close();
  await em?.close();
});

const plan = (webhookUrl: string, topicName = "plunk-ses-events"): EventPlan => ({
  sets: proposedSets("plunk"),
  topicName,
  webhookUrl,
  destinationName: DESTINATION_NAME,
});
const client = () => ({ credentials: KEYS.admin, timeoutMs: 3000, endpoint: em.url });
const check = (env: Record<string, string>) =>
  checkLoop({ target: "plunk", region: REGION, creds: KEYS.admin, endpoint: em.url, env, timeoutMs: 3000 });

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the event loop end to end", () => {
  let topicArn = "";
  let env: Record<string, string> = {};

  it("builds topic, sets, destinations and a pending subscription; the webhook confirms it", async () => {
    const p = plan(`${hook.url}/webhooks/sns`);
    const r = await createLoop({ plan: p, region: REGION, client: client() });
    expect(r).toMatchObject({ ok: true, pending: true, createdSets: ["plunk-tracking", "plunk-no-tracking"] });
    if (!r.ok) return;
    topicArn = r.topicArn;
    expect(topicArn).toBe(`arn:aws:sns:${REGION}:123456789012:plunk-ses-events`);
    env = eventEnvVars("plunk", p, topicArn, {});
    expect(env).toEqual({
      SES_CONFIGURATION_SET: "plunk-tracking",
      SES_CONFIGURATION_SET_NO_TRACKING: "plunk-no-tracking",
      SNS_TOPIC_ARNS: topicArn,
    });
    const confirmation = await hook.next((m) => m.body.Type === "SubscriptionConfirmation");
    expect(confirmation.signatureValid).toBe(true);
    const c = await until(
      () => check(env),
      (x) => x.status === "confirmed",
    );
    expect(c.findings).toEqual([]);
    expect(c.status).toBe("confirmed");
  });

  it("running the builder again reuses everything and adds no second subscription", async () => {
    const r = await createLoop({ plan: plan(`${hook.url}/webhooks/sns`), region: REGION, client: client() });
    expect(r).toMatchObject({
      ok: true,
      pending: false,
      createdSets: [],
      reusedSets: ["plunk-tracking", "plunk-no-tracking"],
    });
  });

  it("a send to the bounce simulator through the set arrives as a signed Bounce naming its MessageId", async () => {
    const ses = new SESClient({ region: REGION, endpoint: em.url, credentials: KEYS.admin, maxAttempts: 1 });
    const mime =
      "From: sesame-test@example.com\r\nTo: bounce@simulator.amazonses.com\r\nSubject: bounce test\r\n\r\nx\r\n";
    const out = await ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: new TextEncoder().encode(mime) },
        ConfigurationSetName: "plunk-tracking",
      }),
    );
    ses.destroy();
    const bounce = await hook.next((m) => {
      if (m.body.Type !== "Notification") return false;
      const ev = JSON.parse(m.body.Message);
      return ev.eventType === "Bounce" && ev.mail?.messageId === out.MessageId;
    });
    expect(bounce.signatureValid).toBe(true);
    expect(bounce.body.TopicArn).toBe(topicArn);
    expect(JSON.parse(bounce.body.Message).bounce.bounceType).toBe("Permanent");
  });

  it("a topic missing from SNS_TOPIC_ARNS is an error: Plunk would drop its events", async () => {
    const c = await check({ ...env, SNS_TOPIC_ARNS: `arn:aws:sns:${REGION}:123456789012:someone-else` });
    expect(c.status).toBe("problem");
    expect(c.findings.map((f) => [f.code, f.severity])).toEqual([["events.topic-not-allowed", "error"]]);
  });

  it("a webhook that answers 404 leaves the subscription PendingConfirmation: an error with its likely causes", async () => {
    const p = plan(`${deaf.url}/api/webhooks/sns`, "pending-topic");
    const r = await createLoop({
      plan: { ...p, sets: [{ ...p.sets[0], name: "pending-set" }] },
      region: REGION,
      client: client(),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await deaf.next((m) => m.body.Type === "SubscriptionConfirmation");
    const c = await check({ SES_CONFIGURATION_SET: "pending-set", SNS_TOPIC_ARNS: r.topicArn });
    expect(c.status).toBe("pending");
    const f = c.findings.find((x) => x.code === "events.subscription-pending");
    expect(f?.severity).toBe("error");
    expect(f?.detail).toMatch(/not reachable from the internet.*wrong path.*\/api prefix.*TLS/s);
  });

  it("a key that may read the sets but not SNS reports the loop as not checked (warn), never as passing", async () => {
    const c = await checkLoop({
      target: "plunk",
      region: REGION,
      creds: KEYS.reader,
      endpoint: em.url,
      env,
      timeoutMs: 3000,
    });
    expect(c.status).toBe("problem");
    const f = c.findings.find((x) => x.code === "events.not-checked");
    expect(f?.severity).toBe("warn");
    expect(f?.evidence.action).toBe("sns:GetTopicAttributes");
  });

  it("a deleted topic is an error", async () => {
    const sns = new SNSClient({ region: REGION, endpoint: em.url, credentials: KEYS.admin, maxAttempts: 1 });
    await sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    sns.destroy();
    const c = await check(env);
    expect(c.findings.map((f) => f.code)).toEqual(["events.topic-missing"]);
  });

  it("set-up credentials that may not create topics are named with the missing action", async () => {
    const r = await createLoop({
      plan: plan(`${hook.url}/webhooks/sns`, "other-topic"),
      region: REGION,
      client: { ...client(), credentials: KEYS.sender },
    });
    expect(r).toMatchObject({ ok: false, step: "topic", action: "sns:CreateTopic", denied: true });
  });
});
