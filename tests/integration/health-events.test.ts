import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import type { SesameConfig } from "@/lib/config";
import { runEngine } from "@/lib/health/engine";
import { toHealthJson } from "@/lib/health/health-json";
import { createHealthService } from "@/lib/health/service";
import { KEYS, buildTestLoop, eventsTestConfig, writeEnvFile } from "../helpers/emulator";
import { startWebhook, type Webhook } from "../helpers/sns-webhook";

/**
 * The health endpoint's "events" component (docs/events.md): configuration set present, destination enabled,
 * subscription Confirmed, topic allow-listed — pass; a Pending subscription — fail (503); a key that may not read
 * the loop — warn with the reason, never pass.
 */

const REGION = "eu-west-1";
const PLATFORM = { id: "AKIAEXAMPLEPLATFORM2", secret: "platformEXAMPLEsecret/0000000000000000+2" };
const CONFIG = eventsTestConfig({ accessKeyId: PLATFORM.id, secretAccessKey: PLATFORM.secret });

let em: RunningEmulator;
let good: Webhook;
let deaf: Webhook;
let dir: string;
const topics: Record<string, string> = {};

async function loop(name: string, hook: Webhook) {
  topics[name] = await buildTestLoop(em, hook, { topicName: name, region: REGION, prefix: name });
}

beforeAll(async () => {
  em = await startEmulator(CONFIG, { quiet: true });
  good = await startWebhook({ trustedBase: em.url, autoConfirm: true });
  deaf = await startWebhook({ trustedBase: em.url, status: 404 });
  dir = await mkdtemp(path.join(tmpdir(), "sesame-health-events-"));
  await loop("good", good);
  await loop("pending", deaf);
});
afterAll(async () => {
  await good?.close();
  await deaf?.close();
  await em?.close();
  await rm(dir, { recursive: true, force: true });
});

async function health(name: string, key: { id: string; secret: string }, extra: Record<string, string>) {
  const envFile = path.join(dir, `${name}.env`);
  const vars = {
    AWS_SES_REGION: REGION,
    AWS_SES_ACCESS_KEY_ID: key.id,
    AWS_SES_SECRET_ACCESS_KEY: key.secret,
    ...extra,
  };
  writeEnvFile(envFile, vars);
  const config: SesameConfig = {
    envFile,
    target: "plunk",
    stateDir: dir,
    endpoint: em.url,
    healthCacheSeconds: 60,
    demo: false,
    timeoutMs: 2000,
  };
  const entry = await createHealthService({ config, diagnose: runEngine, processEnv: {} }).get();
  return toHealthJson(entry);
}

describe("health: the events component", () => {
  it("passes for a complete, confirmed, allow-listed loop", async () => {
    const { body } = await health("good", PLATFORM, {
      SES_CONFIGURATION_SET: "good-plunk-tracking",
      SNS_TOPIC_ARNS: topics.good,
    });
    expect(body.checks["events:confirmed"]?.[0]?.status).toBe("pass");
  });

  it("fails (503) while the subscription is PendingConfirmation", async () => {
    const { body, httpStatus } = await health("pending", PLATFORM, {
      SES_CONFIGURATION_SET: "pending-plunk-tracking",
      SNS_TOPIC_ARNS: topics.pending,
    });
    expect(httpStatus).toBe(503);
    expect(body.checks["events:confirmed"]?.[0]?.status).toBe("fail");
    expect(body.checks["events:confirmed"]?.[0]?.output).toContain("events.subscription-pending");
  });

  it("fails for a topic not allow-listed, and for a set missing in the region", async () => {
    const { body } = await health("allow", PLATFORM, {
      SES_CONFIGURATION_SET: "good-plunk-tracking",
      SNS_TOPIC_ARNS: topics.pending,
    });
    expect(body.checks["events:confirmed"]?.[0]?.output).toContain("events.topic-not-allowed");
    const missing = await health("missing", PLATFORM, { SES_CONFIGURATION_SET: "nope", SNS_TOPIC_ARNS: topics.good });
    expect(missing.body.checks["events:confirmed"]?.[0]?.output).toContain("events.config-set-missing");
  });

  it("fails (503) for a bare Plunk v2 env when the region lacks its default set, plunk-configuration-set", async () => {
    const { body, httpStatus } = await health("bare", PLATFORM, {});
    expect(httpStatus).toBe(503);
    const events = body.checks["events:confirmed"]?.[0];
    expect(events?.status).toBe("fail");
    expect(events?.output).toContain("events.config-set-missing");
    expect(events?.output).toContain("plunk-configuration-set");
  });

  it("warns, never passes, when the key may not read the loop", async () => {
    const sender = { id: KEYS.sender.accessKeyId, secret: KEYS.sender.secretAccessKey };
    const { body } = await health("denied", sender, {
      SES_CONFIGURATION_SET: "good-plunk-tracking",
      SNS_TOPIC_ARNS: topics.good,
    });
    expect(body.checks["events:confirmed"]?.[0]?.status).toBe("warn");
    expect(body.checks["events:confirmed"]?.[0]?.output).toContain("events.not-checked");
  });
});
