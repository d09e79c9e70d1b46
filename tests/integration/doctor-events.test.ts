import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { ReportSchema } from "@/lib/diagnose/schema";
import { eventReadStatements, policyFor } from "@/lib/policy";
import { buildTestLoop, eventsTestConfig, writeEnvFile } from "../helpers/emulator";
import { startWebhook, type Webhook } from "../helpers/sns-webhook";
import { runDoctorCli } from "../helpers/doctor-cli";

/**
 * The doctor CLI as users run it (a real process, env file in, JSON report out, exit code) on the event loop: exit 1
 * for a missing configuration set (Plunk v2, named or its default, and v1), a Pending subscription, and a topic not in SNS_TOPIC_ARNS.
 * The platform key has exactly the wizard's policy: Plunk's actions plus the read-only loop checks.
 */

const REGION = "eu-west-1";
const PLATFORM = { accessKeyId: "AKIAEXAMPLEPLATFORM1", secretAccessKey: "platformEXAMPLEsecret/0000000000000000+1" };

const CONFIG = eventsTestConfig(PLATFORM);

let em: RunningEmulator;
let deaf: Webhook;
let dir: string;

const doctor = (args: string[]) => runDoctorCli(args, { AWS_ENDPOINT_URL: em.url });

const envFile = (name: string, vars: Record<string, string>) => writeEnvFile(path.join(dir, name), vars);

const v2 = (extra: Record<string, string>) => ({
  AWS_SES_ACCESS_KEY_ID: PLATFORM.accessKeyId,
  AWS_SES_SECRET_ACCESS_KEY: PLATFORM.secretAccessKey,
  AWS_SES_REGION: REGION,
  ...extra,
});

async function run(file: string) {
  const r = await doctor(["--env", file, "--target", file.includes("v1") ? "plunk-v1" : "plunk", "--json"]);
  const report = ReportSchema.parse(JSON.parse(r.stdout));
  const events = report.findings.filter((f) => f.code.startsWith("events."));
  return { code: r.code, codes: events.map((f) => f.code), events };
}

let topicArn = "";
beforeAll(async () => {
  em = await startEmulator(CONFIG, { quiet: true });
  deaf = await startWebhook({ trustedBase: em.url, status: 404 });
  dir = mkdtempSync(path.join(tmpdir(), "sesame-doctor-events-"));
  // a loop whose only subscription never confirms (the webhook answers 404, as behind a wrong path)
  topicArn = await buildTestLoop(em, deaf, { topicName: "plunk-ses-events", region: REGION });
});
afterAll(async () => {
  await deaf?.close();
  await em?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("doctor on the event loop", () => {
  it("the wizard's policy lets the platform key read the loop", () => {
    expect(JSON.stringify(policyFor("plunk", { eventChecks: true }))).toContain(
      JSON.stringify(eventReadStatements()[0].Action),
    );
  });

  it("exit 1: Plunk v2's configuration set does not exist in the region", async () => {
    const r = await run(
      envFile("v2-missing.env", v2({ SES_CONFIGURATION_SET: "not-there", SNS_TOPIC_ARNS: topicArn })),
    );
    expect(r.code).toBe(1);
    expect(r.codes).toContain("events.config-set-missing");
  });

  it("exit 1: a bare Plunk v2 env (no event variable) and no plunk-configuration-set in the region", async () => {
    // Plunk v2 sends through its default set when SES_CONFIGURATION_SET is unset; the region has only plunk-tracking
    const r = await run(envFile("v2-bare.env", v2({})));
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(["events.config-set-missing"]);
    const f = r.events[0];
    expect(f.evidence).toMatchObject({ configSet: "plunk-configuration-set", variable: "SES_CONFIGURATION_SET" });
    expect(f.title).toContain('"plunk-configuration-set" does not exist in eu-west-1');
    expect(f.detail).toContain("SES_CONFIGURATION_SET is unset, so Plunk sends through its default set");
  });

  it("exit 1: Plunk v1 without AWS_SES_CONFIGURATION_SET, or naming a set that does not exist", async () => {
    const base = {
      AWS_ACCESS_KEY_ID: PLATFORM.accessKeyId,
      AWS_SECRET_ACCESS_KEY: PLATFORM.secretAccessKey,
      AWS_REGION: REGION,
    };
    const unset = await run(envFile("v1-unset.env", base));
    expect(unset.code).toBe(1);
    expect(unset.codes).toEqual(["events.config-set-var-missing"]);
    const missing = await run(envFile("v1-missing.env", { ...base, AWS_SES_CONFIGURATION_SET: "not-there" }));
    expect(missing.code).toBe(1);
    expect(missing.codes).toEqual(["events.config-set-missing"]);
  });

  it("exit 1: the webhook subscription is still PendingConfirmation", async () => {
    const r = await run(
      envFile("v2-pending.env", v2({ SES_CONFIGURATION_SET: "plunk-tracking", SNS_TOPIC_ARNS: topicArn })),
    );
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(["events.subscription-pending"]);
  });

  it("exit 1: the topic is not in SNS_TOPIC_ARNS", async () => {
    const other = `arn:aws:sns:${REGION}:123456789012:other`;
    const r = await run(
      envFile("v2-allow.env", v2({ SES_CONFIGURATION_SET: "plunk-tracking", SNS_TOPIC_ARNS: other })),
    );
    expect(r.code).toBe(1);
    expect(r.codes).toContain("events.topic-not-allowed");
  });
});
