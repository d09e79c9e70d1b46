import { IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { runDiagnosis } from "@/lib/diagnose/run";
import { getTarget } from "@/lib/env/targets";
import type { Report } from "@/lib/diagnose/schema";
import { policyJson } from "@/lib/policy";
import { createPlatformUser } from "@/lib/setup/iam";
import { policyJsonFor, policyNameFor, policyOptionsFor } from "@/lib/setup/policy";
import { demoCredentials, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * A possible false red (issue 9): the wizard's Plunk policy narrows the send actions to identity and
 * configuration-set ARNs. A key that may simulate its own policy, checked without a domain, must not be told it lacks
 * ses:SendRawEmail — the policy grants it for the platform's real send. Without a domain the send permission can only
 * be "not checked" (health shows it as a warn), never "missing". With its domain the send is simulated on the identity.
 */

const BOOTSTRAP = demoCredentials("sesame-bootstrap");
const REGION = "eu-west-1"; // the demo's production region, example.com verified there
const plunk = getTarget("plunk");
const USER = "sesame-plunk-nodomain";

let emu: RunningEmulator;
let key: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
  const made = await createPlatformUser({
    bootstrap: BOOTSTRAP,
    userName: USER,
    target: plunk,
    reuseExisting: false,
    where: { region: REGION, endpoint: emu.url, timeoutMs: 4000 },
  });
  if (!made.ok) throw new Error(made.message);
  key = made.key;
  // the key may simulate its own policy (so the probe asks IAM instead of trying harmless calls)
  const iam = new IAMClient({ region: "us-east-1", endpoint: emu.url, credentials: BOOTSTRAP, maxAttempts: 1 });
  await iam.send(
    new PutUserPolicyCommand({
      UserName: USER,
      PolicyName: "self-simulate",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: `arn:aws:iam::*:user/${USER}` },
        ],
      }),
    }),
  );
  iam.destroy();
});
afterAll(async () => {
  await emu?.close();
});

const check = (extra: { domain?: string }) =>
  runDiagnosis({
    target: "plunk",
    region: REGION,
    endpoint: emu.url,
    dnsServer: `127.0.0.1:${emu.ports.dns}`,
    timeoutMs: 4000,
    ...key,
    ...extra,
  });

const putPolicy = async (document: string) => {
  const iam = new IAMClient({ region: "us-east-1", endpoint: emu.url, credentials: BOOTSTRAP, maxAttempts: 1 });
  await iam.send(
    new PutUserPolicyCommand({ UserName: USER, PolicyName: policyNameFor(plunk), PolicyDocument: document }),
  );
  iam.destroy();
};
const codesOf = (r: Report) => r.findings.map((f) => f.code);
const SEND_ACTION = /ses:Send/;

describe("permissions of the wizard's Plunk policy, checked by simulation", () => {
  it("the wizard's policy without a domain: no missing permission, the send is allowed for the account's identities", async () => {
    await putPolicy(policyJsonFor(plunk));
    const r = await check({});
    expect(codesOf(r)).not.toContain("permissions.missing");
    expect(codesOf(r)).not.toContain("permissions.send-not-checked");
    expect(String(r.findings.find((f) => f.code === "permissions.unverified")?.evidence.actions ?? "")).not.toMatch(
      SEND_ACTION,
    );
  });

  it("the wizard's policy with its domain: the send is simulated on the identity's ARN and allowed", async () => {
    const r = await check({ domain: "example.com" });
    expect(codesOf(r)).not.toContain("permissions.missing");
    expect(codesOf(r)).not.toContain("permissions.send-not-checked");
  });

  it("a policy narrowed to one identity, without a domain: not checked (never missing); with it: allowed", async () => {
    await putPolicy(policyJson(plunk, { ...policyOptionsFor(plunk), identities: ["example.com"], region: REGION }));
    const r = await check({});
    expect(codesOf(r)).not.toContain("permissions.missing");
    const f = r.findings.find((x) => x.code === "permissions.send-not-checked");
    expect(String(f?.evidence.actions)).toContain("ses:SendRawEmail");
    expect(f?.severity).not.toBe("error");
    expect(f?.title).toMatch(/no domain/i);
    expect(r.status).not.toBe("fail");
    const withDomain = await check({ domain: "example.com" });
    expect(codesOf(withDomain)).not.toContain("permissions.missing");
    expect(codesOf(withDomain)).not.toContain("permissions.send-not-checked");
  });

  it("a policy without any send statement: not checked without a domain, missing with it", async () => {
    const policy = JSON.parse(policyJsonFor(plunk)) as { Statement: { Action?: string[] | string }[] };
    policy.Statement = policy.Statement.filter((s) => ![s.Action ?? []].flat().some((a) => SEND_ACTION.test(a)));
    await putPolicy(JSON.stringify(policy));
    expect(codesOf(await check({}))).toContain("permissions.send-not-checked");
    const r = await check({ domain: "example.com" });
    expect(String(r.findings.find((f) => f.code === "permissions.missing")?.evidence.actions)).toContain(
      "ses:SendRawEmail",
    );
  });
});
