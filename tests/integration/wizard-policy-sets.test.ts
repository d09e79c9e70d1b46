import { IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { getTarget } from "@/lib/env/targets";
import { awsCliCommands, policyJson } from "@/lib/policy";
import { createPlatformUser } from "@/lib/setup/iam";
import { policyJsonFor, policyNameFor, policyOptionsFor, sendSetsOf } from "@/lib/setup/policy";
import { SIMULATOR_SUCCESS, sendViaApi } from "@/lib/setup/send";
import { demoCredentials, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * The policy the wizard's IAM step attaches for Plunk names the configuration sets Plunk sends through on its send
 * actions (docs/events.md "Permissions"), and the stand-in authorises a send on the set's ARN as SES does: so the
 * platform's real send (through v2's default set) is allowed, a send through a set the policy does not name is
 * refused, and a policy that leaves the default set out refuses Plunk's real send.
 */

const BOOTSTRAP = demoCredentials("sesame-bootstrap");
const REGION = "eu-west-1"; // the demo's production region, example.com verified there
const plunk = getTarget("plunk");

let emu: RunningEmulator;
const where = () => ({ region: REGION, endpoint: emu.url, timeoutMs: 4000 });

beforeAll(async () => {
  // the demo world (it holds Plunk's default set in eu-west-1) plus a set Plunk does not send through
  emu = await startEmulator(
    { ...demo, configurationSets: [...demo.configurationSets, { region: REGION, name: "other-set" }] },
    { quiet: true },
  );
});
afterAll(async () => {
  await emu?.close();
});

const send = (creds: { accessKeyId: string; secretAccessKey: string }, configurationSet: string) =>
  sendViaApi({
    creds,
    where: where(),
    target: plunk,
    from: "hello@example.com",
    to: SIMULATOR_SUCCESS,
    configurationSet,
  });

describe("the wizard's Plunk policy and the configuration sets it sends through", () => {
  it("names Plunk v2's default set and the Events step's sets", () => {
    expect(sendSetsOf(plunk)).toEqual(["plunk-configuration-set", "plunk-tracking", "plunk-no-tracking"]);
    expect(sendSetsOf(getTarget("plunk-v1"))).toEqual(["plunk-events"]);
    expect(sendSetsOf(getTarget("usesend"))).toEqual([]);
    // the manual path's CLI commands carry the very policy the automatic path attaches (the IAM page shows both)
    expect(awsCliCommands(plunk, "sesame-plunk", policyOptionsFor(plunk))[0]).toContain(policyJsonFor(plunk));
  });

  it("the attached policy lets the platform's real send through its set succeed, and refuses another set", async () => {
    const made = await createPlatformUser({
      bootstrap: BOOTSTRAP,
      userName: "sesame-plunk-sets",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    if (!made.ok) throw new Error(made.message);
    const real = await send(made.key, "plunk-configuration-set");
    expect(real).toMatchObject({ ok: true });
    const other = await send(made.key, "other-set");
    expect(other).toMatchObject({ ok: false, code: "AccessDenied" });
    expect(other.ok ? "" : other.message).toContain("configuration-set/other-set");

    // the same user with a policy that leaves Plunk's default set out: Plunk's real send is refused
    const iam = new IAMClient({ region: "us-east-1", endpoint: emu.url, credentials: BOOTSTRAP, maxAttempts: 1 });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "sesame-plunk-sets",
        PolicyName: policyNameFor(plunk),
        PolicyDocument: policyJson(plunk, { eventChecks: true, configurationSets: ["plunk-tracking"] }),
      }),
    );
    iam.destroy();
    const refused = await send(made.key, "plunk-configuration-set");
    expect(refused).toMatchObject({ ok: false, code: "AccessDenied" });
    expect(refused.ok ? "" : refused.message).toContain("configuration-set/plunk-configuration-set");
  });
});
