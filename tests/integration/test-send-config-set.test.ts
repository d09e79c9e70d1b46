import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { getTarget } from "@/lib/env/targets";
import { SIMULATOR_SUCCESS, sendViaApi, sendViaSmtp } from "@/lib/setup/send";
import { startWebhook, type Webhook } from "../helpers/sns-webhook";

/**
 * The wizard's test send through the platform's configuration set (docs/events.md), over the API (ConfigurationSetName)
 * and over SMTP (the X-SES-CONFIGURATION-SET header, as SMTP apps name their set), against the stand-in: a set that
 * exists is accepted and its events reach the webhook naming the send's MessageId; a set missing in the region is
 * refused exactly as SES refuses it, so the test send fails where the platform's own sends would.
 */

// the stand-in's SMTP listener plays us-east-1, so the loop lives there
const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const KEY = { accessKeyId: "AKIAEXAMPLESENDSET01", secretAccessKey: "sendSetEXAMPLEsecret/00000000000000000+1" };
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:plunk-ses-events`;

let em: RunningEmulator;
let hook: Webhook;

beforeAll(async () => {
  em = await startEmulator({ accountId: ACCOUNT }, { quiet: true });
  hook = await startWebhook({ trustedBase: em.url });
  const world: EmulatorConfigInput = {
    accountId: ACCOUNT,
    users: [
      {
        name: "platform",
        inlinePolicies: {
          send: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }] },
        },
        accessKeys: [{ id: KEY.accessKeyId, secret: KEY.secretAccessKey }],
      },
    ],
    regions: { [REGION]: { sandbox: false } },
    identities: [{ region: REGION, identity: "example.com", status: "Success", dkimStatus: "Success" }],
    configurationSets: [
      {
        region: REGION,
        name: "plunk-configuration-set",
        eventDestinations: [{ name: "to-sns", matchingEventTypes: ["send", "delivery"], snsTopicArn: TOPIC }],
      },
    ],
    sns: {
      topics: [
        {
          region: REGION,
          name: "plunk-ses-events",
          subscriptions: [{ protocol: "http", endpoint: `${hook.url}/sns` }],
        },
      ],
    },
    smtp: { region: REGION },
  };
  const res = await fetch(new URL("/_emulator/reset", em.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(world),
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await em?.world.sns.idle();
  await hook?.close();
  await em?.close();
});

const smtp = () => ({ host: "127.0.0.1", port: em.ports.smtp, custom: true, ca: SMTP_TLS_CERT });
const deliveryOf = (messageId: string | undefined) =>
  hook.next((m) => {
    if (m.body.Type !== "Notification") return false;
    const ev = JSON.parse(m.body.Message);
    return ev.eventType === "Delivery" && ev.mail?.messageId === messageId;
  });

describe("the test send through the platform's configuration set", () => {
  it("API: the set is named (ConfigurationSetName); its Delivery event reaches the webhook", async () => {
    const sent = await sendViaApi({
      creds: KEY,
      where: { region: REGION, endpoint: em.url, timeoutMs: 4000 },
      target: getTarget("plunk"),
      from: "hello@example.com",
      to: SIMULATOR_SUCCESS,
      configurationSet: "plunk-configuration-set",
    });
    expect(sent).toMatchObject({ via: "api", ok: true });
    const ev = await deliveryOf(sent.messageId);
    expect(ev.signatureValid).toBe(true);
    expect(ev.body.TopicArn).toBe(TOPIC);
  });

  it("SMTP: the set is named by X-SES-CONFIGURATION-SET; its Delivery event reaches the webhook", async () => {
    const sent = await sendViaSmtp({
      creds: KEY,
      region: REGION,
      smtp: smtp(),
      timeoutMs: 4000,
      from: "hello@example.com",
      to: SIMULATOR_SUCCESS,
      configurationSet: "plunk-configuration-set",
    });
    expect(sent).toMatchObject({ via: "smtp", ok: true });
    const ev = await deliveryOf(sent.messageId);
    expect(ev.signatureValid).toBe(true);
    const mail = JSON.parse(ev.body.Message).mail;
    expect(mail.source).toBe("hello@example.com");
    expect(mail.destination).toEqual([SIMULATOR_SUCCESS]);
  });

  it("a set missing in the region is refused on both channels, as SES refuses the platform's own sends", async () => {
    const api = await sendViaApi({
      creds: KEY,
      where: { region: REGION, endpoint: em.url, timeoutMs: 4000 },
      target: getTarget("plunk"),
      from: "hello@example.com",
      to: SIMULATOR_SUCCESS,
      configurationSet: "not-there",
    });
    expect(api).toMatchObject({ ok: false, code: "ConfigurationSetDoesNotExist" });
    const viaSmtp = await sendViaSmtp({
      creds: KEY,
      region: REGION,
      smtp: smtp(),
      timeoutMs: 4000,
      from: "hello@example.com",
      to: SIMULATOR_SUCCESS,
      configurationSet: "not-there",
    });
    expect(viaSmtp).toMatchObject({ via: "smtp", ok: false, code: "554" });
    expect(viaSmtp.ok ? "" : viaSmtp.message).toContain("Configuration set <not-there> does not exist");
  });
});
