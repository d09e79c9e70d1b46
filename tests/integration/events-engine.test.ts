import { SendRawEmailCommand, SESClient } from "@aws-sdk/client-ses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { eventsProbe } from "@/lib/diagnose/probes/events";
import { inputProbe } from "@/lib/diagnose/probes/input";
import { runDiagnosis } from "@/lib/diagnose/run";
import type { DiagnoseInputRaw, TargetId } from "@/lib/diagnose/schema";
import { KEYS, TEST_CONFIG } from "../helpers/emulator";

/**
 * The events probe against the stand-in over real HTTP with the real SDK: configuration sets as SES holds them in
 * the region, read with the platform's key. (Topics and subscriptions: events-loop.test.ts once SNS is in the
 * stand-in; the rules themselves are unit-tested in tests/unit/events-loop.test.ts.)
 */

const REGION = "eu-west-1";
const CONFIG: EmulatorConfigInput = {
  ...TEST_CONFIG,
  configurationSets: [
    { region: REGION, name: "bare-set" },
    {
      region: REGION,
      name: "partial-set",
      eventDestinations: [
        {
          name: "to-sns",
          matchingEventTypes: ["send", "delivery"],
          snsTopicArn: `arn:aws:sns:${REGION}:123456789012:plunk-ses-events`,
        },
      ],
    },
    { region: "us-east-1", name: "plunk-configuration-set" },
  ],
};

let em: RunningEmulator;
beforeAll(async () => {
  em = await startEmulator(CONFIG, { quiet: true });
});
afterAll(async () => {
  await em?.close();
});

function diagnose(
  target: TargetId,
  env: Record<string, string> | undefined,
  key: { accessKeyId: string; secretAccessKey: string } = KEYS.admin,
) {
  const input: DiagnoseInputRaw = {
    target,
    region: REGION,
    ...key,
    endpoint: em.url,
    ...(env ? { env } : {}),
    timeoutMs: 3000,
  };
  return runDiagnosis(input, { probes: [inputProbe, eventsProbe] });
}

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort();

describe("events probe against the stand-in", () => {
  it("Plunk v2 with SES_CONFIGURATION_SET unset: its default set missing in the region is an error", async () => {
    // the loop is declared (SNS_TOPIC_ARNS) but the set variable is unset: Plunk sends through its default name
    const r = await diagnose("plunk", { SNS_TOPIC_ARNS: `arn:aws:sns:${REGION}:123456789012:plunk-ses-events` });
    expect(r.status).toBe("fail");
    const f = r.findings.find((x) => x.code === "events.config-set-missing");
    expect(f?.severity).toBe("error");
    expect(f?.title).toBe(`Configuration set "plunk-configuration-set" does not exist in ${REGION}`);
    // the set exists in us-east-1 only: the region is what counts
    expect(f?.detail).toContain("SES_CONFIGURATION_SET");
  });

  it("Plunk v1: AWS_SES_CONFIGURATION_SET unset, or naming a set that does not exist, is an error", async () => {
    expect(codes(await diagnose("plunk-v1", {}))).toEqual(["events.config-set-var-missing"]);
    const r = await diagnose("plunk-v1", { AWS_SES_CONFIGURATION_SET: "nope" });
    expect(codes(r)).toEqual(["events.config-set-missing"]);
    expect(r.findings[0].evidence.variable).toBe("AWS_SES_CONFIGURATION_SET");
  });

  it("a set with no event destination publishes nothing: a warning", async () => {
    const r = await diagnose("plunk", { SES_CONFIGURATION_SET: "bare-set" });
    expect(codes(r)).toEqual(["events.no-destination"]);
    expect(r.status).toBe("warn");
  });

  it("a bare Plunk v2 env (no event variable) is judged on its default set; without any env it is not", async () => {
    const bare = await diagnose("plunk", { AWS_SES_REGION: REGION });
    expect(codes(bare)).toEqual(["events.config-set-missing"]);
    expect(bare.findings[0].evidence).toMatchObject({
      configSet: "plunk-configuration-set",
      variable: "SES_CONFIGURATION_SET",
    });
    // the wizard's credential check passes no env (before its Events step): the names are unknown there
    const input: DiagnoseInputRaw = {
      target: "plunk",
      region: REGION,
      ...KEYS.admin,
      endpoint: em.url,
      timeoutMs: 3000,
    };
    expect(codes(await runDiagnosis(input, { probes: [inputProbe, eventsProbe] }))).toEqual([]);
  });

  it("a destination without the bounce/complaint/open/click types is named", async () => {
    const r = await diagnose("plunk", { SES_CONFIGURATION_SET: "partial-set", SNS_TOPIC_ARNS: "x" });
    const f = r.findings.find((x) => x.code === "events.event-types-missing");
    expect(f?.evidence.missing).toBe("bounce, complaint, open, click");
    expect(f?.evidence.published).toBe("send, delivery");
  });

  it("a key that may not read configuration sets gives 'not checked' (warn), never a pass", async () => {
    const r = await diagnose("plunk", { SES_CONFIGURATION_SET: "bare-set" }, KEYS.sender);
    const f = r.findings.find((x) => x.code === "events.not-checked");
    expect(f?.severity).toBe("warn");
    expect(f?.evidence.action).toBe("ses:DescribeConfigurationSet");
    expect(r.findings.some((x) => x.code === "events.no-destination" || x.code === "events.config-set-missing")).toBe(
      false,
    );
  });

  it("useSend with none of its <prefix>-<region>-unsend-* sets is an error", async () => {
    expect(codes(await diagnose("usesend", {}))).toEqual(["events.usesend-not-set-up"]);
  });

  it("the wizard's credential check (no env yet) does not hold useSend's not-yet-created sets against the key", async () => {
    // useSend creates its sets itself once it runs; before deployment their absence says nothing about the key
    expect(codes(await diagnose("usesend", undefined))).toEqual([]);
    expect(codes(await diagnose("plunk", undefined))).toEqual([]);
  });

  it("why it is an error: SES rejects a send naming the missing set", async () => {
    const ses = new SESClient({ region: REGION, endpoint: em.url, credentials: KEYS.admin, maxAttempts: 1 });
    const mime = "From: a@example.com\r\nTo: success@simulator.amazonses.com\r\nSubject: x\r\n\r\nx\r\n";
    await expect(
      ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: new TextEncoder().encode(mime) },
          ConfigurationSetName: "plunk-configuration-set",
        }),
      ),
    ).rejects.toMatchObject({ name: expect.stringMatching(/^ConfigurationSetDoesNotExist/) });
    ses.destroy();
  });
});
