import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { runDiagnosis } from "@/lib/diagnose/run";
import { getTarget } from "@/lib/env/targets";
import { createLoop } from "@/lib/events/create";
import { proposedSets } from "@/lib/events/plan";
import type { Finding } from "@/lib/findings/model";
import { submitProductionAccess } from "@/lib/golive/production-access";
import { attachRolePolicy } from "@/lib/golive/role-attach";
import { createRolePolicy } from "@/lib/golive/role-policy";
import { createDomainIdentity } from "@/lib/setup/domain";
import { createPlatformUser } from "@/lib/setup/iam";
import { closedPort } from "./diagnose-harness";
import { demoCredentials, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * Issue 9 §2: a wizard or go-live call that AWS refuses answers with the catalogue's finding (typed evidence), and
 * the message the screen shows is exactly that finding's title, why and fix — the words the doctor and health use.
 * Against the stand-in over real HTTP.
 */

const BOOTSTRAP = demoCredentials("sesame-bootstrap");
const PLUNK = demoCredentials("plunk-ses");
const plunk = getTarget("plunk");

let emu: RunningEmulator;
const where = (region = "us-east-1") => ({ region, endpoint: emu.url, timeoutMs: 4000 });

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  const res = await fetch(new URL("/_emulator/reset", emu.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demo),
  });
  expect(res.ok).toBe(true);
});

/** The message is the finding, whole: no hand-written sentence around it, no unfilled placeholder. */
function expectFindingMessage(message: string, f: Finding) {
  expect(message).toBe(`${f.title}. ${f.detail} ${f.fix}`);
  expect(message).not.toContain("(unknown)");
  expect(message).not.toMatch(/\{[A-Za-z]+\}/);
}

describe("the wizard's refusals are catalogue findings", () => {
  it("domain: a key that may not create identities gets setup.denied with the action and the other-credentials fix", async () => {
    const r = await createDomainIdentity({
      creds: PLUNK,
      where: where(),
      target: getTarget("usesend"),
      domain: "demo.test",
    });
    if (r.ok) throw new Error("expected a refusal");
    expect(r.finding.code).toBe("setup.denied");
    expect(r.finding.evidence).toMatchObject({
      permission: "ses:CreateEmailIdentity",
      operation: "CreateEmailIdentity",
    });
    expect(r.permission).toBe("ses:CreateEmailIdentity");
    expect(r.finding.title).toBe("The credentials used for the domain identity may not create the domain identity");
    expect(r.finding.fix).toMatch(/held in server memory for this session only/);
    expectFindingMessage(r.error, r.finding);
  });

  it("IAM: a bootstrap key that may not create users, and one AWS does not know", async () => {
    const denied = await createPlatformUser({
      bootstrap: PLUNK,
      userName: "sesame-x",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    if (denied.ok) throw new Error("expected a refusal");
    expect(denied).toMatchObject({ problem: "access-denied", step: "create-user", permission: "iam:CreateUser" });
    expect(denied.finding).toMatchObject({ code: "setup.denied", component: "permissions", severity: "error" });
    expect(denied.finding.title).toBe("The bootstrap credentials may not create the IAM user");
    expectFindingMessage(denied.message, denied.finding);

    const unknown = await createPlatformUser({
      bootstrap: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40) },
      userName: "sesame-x",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    if (unknown.ok) throw new Error("expected a refusal");
    expect(unknown).toMatchObject({ problem: "invalid-credentials", step: "identify" });
    expect(unknown.finding.code).toBe("setup.credentials-rejected");
    expect(unknown.finding.detail).toMatch(/^STS answered InvalidClientTokenId to GetCallerIdentity/);
    expectFindingMessage(unknown.message, unknown.finding);
  });

  it("IAM: an existing user and a user with two keys", async () => {
    const args = { bootstrap: BOOTSTRAP, userName: "plunk-ses", target: plunk, where: where() };
    const exists = await createPlatformUser({ ...args, reuseExisting: false });
    if (exists.ok) throw new Error("expected a refusal");
    expect(exists).toMatchObject({ problem: "user-exists", finding: { code: "setup.user-exists", severity: "warn" } });
    expect(exists.message).toContain("sesame-plunk-ses policy");
    expectFindingMessage(exists.message, exists.finding);

    await createPlatformUser({ ...args, reuseExisting: true }); // second key
    const full = await createPlatformUser({ ...args, reuseExisting: true });
    if (full.ok) throw new Error("expected a refusal");
    expect(full).toMatchObject({ problem: "key-limit", finding: { code: "setup.key-limit" } });
    expect(full.finding.fix).toContain("aws iam delete-access-key --user-name plunk-ses");
    expectFindingMessage(full.message, full.finding);
  });

  it("no answer: the wizard shows the doctor's own endpoint finding, word for word", async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const wizard = await createPlatformUser({
      bootstrap: BOOTSTRAP,
      userName: "sesame-x",
      target: plunk,
      reuseExisting: false,
      where: { region: "us-east-1", endpoint, timeoutMs: 2000 },
    });
    if (wizard.ok) throw new Error("expected a refusal");
    expect(wizard).toMatchObject({ problem: "network", finding: { code: "endpoint.unreachable" } });
    expectFindingMessage(wizard.message, wizard.finding);

    const report = await runDiagnosis({
      target: "plunk",
      region: "us-east-1",
      endpoint,
      timeoutMs: 2000,
      ...BOOTSTRAP,
    });
    const doctor = report.findings.find((f) => f.code === "endpoint.unreachable" && f.evidence.service === "STS");
    expect(doctor, JSON.stringify(report.findings.map((f) => f.code))).toBeDefined();
    expect(wizard.finding.title).toBe(doctor?.title);
    expect(wizard.finding.fix).toBe(doctor?.fix);
  });
});

describe("go-live and events refusals are catalogue findings", () => {
  it("role policy: bootstrap credentials that may not create policies", async () => {
    const r = await createRolePolicy({ bootstrap: PLUNK, target: plunk, where: where() });
    if (r.ok) throw new Error("expected a refusal");
    expect(r).toMatchObject({ problem: "access-denied", permission: "iam:CreatePolicy" });
    expect(r.finding.code).toBe("setup.denied");
    expectFindingMessage(r.message, r.finding);
  });

  it("role attach: a role that does not exist is setup.role-missing; a key that may not attach is setup.denied", async () => {
    const missing = await attachRolePolicy({
      bootstrap: BOOTSTRAP,
      target: getTarget("aws"),
      where: where(),
      roleName: "no-such-role",
    });
    if (missing.ok) throw new Error("expected a refusal");
    expect(missing).toMatchObject({ problem: "no-role", finding: { code: "setup.role-missing" } });
    expect(missing.finding.title).toBe("There is no IAM role named no-such-role in this account");
    expectFindingMessage(missing.message, missing.finding);

    const denied = await attachRolePolicy({
      bootstrap: PLUNK,
      target: getTarget("aws"),
      where: where(),
      roleName: "x",
    });
    if (denied.ok) throw new Error("expected a refusal");
    expect(denied).toMatchObject({ problem: "access-denied", finding: { code: "setup.denied" } });
    expectFindingMessage(denied.message, denied.finding);
  });

  it("production access: a key that may not call PutAccountDetails gets the CLI remedy", async () => {
    const r = await submitProductionAccess(PLUNK, where("us-east-1"), {
      region: "us-east-1",
      mailType: "TRANSACTIONAL",
      websiteUrl: "https://shop.example.com",
      language: "EN",
      useCase: "Order confirmations and password resets for our own customers, who sign up on our website.",
      contacts: [],
    });
    if (r.ok) throw new Error("expected a refusal");
    expect(r).toMatchObject({ status: 403, problem: "denied" });
    expect(r.cli).toContain("put-account-details");
    expect(r.finding?.title).toBe("The credentials given here may not request production access in us-east-1");
    expect(r.finding?.fix).toMatch(/run the AWS CLI command below/);
    if (r.finding) expectFindingMessage(r.message, r.finding);
  });

  it("events: set-up credentials that may not create topics", async () => {
    const r = await createLoop({
      plan: {
        sets: proposedSets("plunk"),
        topicName: "sesame-events",
        webhookUrl: "https://plunk.example.com/webhooks/sns",
        destinationName: "sesame",
      },
      region: "us-east-1",
      client: { credentials: PLUNK, timeoutMs: 4000, endpoint: emu.url },
    });
    if (r.ok) throw new Error("expected a refusal");
    expect(r).toMatchObject({ step: "topic", action: "sns:CreateTopic", denied: true });
    expect(r.finding).toMatchObject({ code: "setup.denied", evidence: { permission: "sns:CreateTopic" } });
    expect(r.finding.title).toBe("The set-up credentials may not build the event loop");
    expectFindingMessage(r.message, r.finding);
  });
});
