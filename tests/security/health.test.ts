import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { readConfig } from "@/lib/config";
import { runEngine } from "@/lib/health/engine";
import { createHealthService, HEALTH_CALL_BUDGET } from "@/lib/health/service";
import { type CountingProxy, startCountingProxy } from "../helpers/health-proxy";
import { type RunningSesame, signIn, startSesame } from "./sesame-server";
import { demoAccessKey, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * Issue 11 items 6, 7 and 17, counted at the emulator (a counting proxy in front of it): an anonymous re-check is
 * served from the cache, a signed-in one forces at most one round per cache period; a round costs at most
 * HEALTH_CALL_BUDGET calls, sandboxed account or not; the public page and JSON name the IAM user, not its ARN with
 * the account id, which only a signed-in session sees.
 */
const admin = demoAccessKey("sesame-bootstrap");
const ACCOUNT = demo.accountId as string;
const envText = (region: string) =>
  `AWS_SES_REGION=${region}\nAWS_SES_ACCESS_KEY_ID=${admin.id}\nAWS_SES_SECRET_ACCESS_KEY='${admin.secret}'\n`;

let emulator: RunningEmulator;
let proxy: CountingProxy;
let s: RunningSesame;

beforeAll(async () => {
  emulator = await startEmulator(demo, { quiet: true });
  proxy = await startCountingProxy(emulator.url);
  s = await startSesame({
    AWS_ENDPOINT_URL: proxy.url,
    SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
    SESAME_DOMAIN: "example.com",
    SESAME_HEALTH_CACHE_SECONDS: "60",
  });
  writeFileSync(s.envFile, envText("eu-west-1"), { mode: 0o600 });
}, 90_000);
afterAll(async () => {
  await s?.stop();
  await proxy?.close();
  await emulator?.close();
});

const recheck = (cookie?: string) =>
  fetch(`${s.url}/api/health/recheck`, { method: "POST", headers: cookie ? { cookie } : {} });

describe("health re-check", () => {
  it("anonymous re-checks are served from the cache; a signed-in one forces one round per cache period", async () => {
    proxy.reset();
    expect([200, 503]).toContain((await fetch(`${s.url}/api/health`)).status);
    const perRound = proxy.count();
    expect(perRound).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect([200, 503]).toContain((await recheck()).status);
    expect(proxy.count()).toBe(perRound);

    const cookie = await signIn(s);
    await new Promise((r) => setTimeout(r, 5200)); // past the 5 s between any round and a forced one
    await recheck(cookie);
    expect(proxy.count()).toBe(2 * perRound);
    await new Promise((r) => setTimeout(r, 5200));
    await recheck(cookie); // within the 60 s period of the last forced round: the cache answers
    await recheck(cookie);
    expect(proxy.count()).toBe(2 * perRound);
  }, 40_000);
});

describe("what the public health page and JSON show", () => {
  it("the IAM user by name, never the account id; a signed-in session sees the account id", async () => {
    const page = await (await fetch(`${s.url}/health`)).text();
    const json = await (await fetch(`${s.url}/api/health`)).text();
    const component = await (await fetch(`${s.url}/api/health/permissions`)).text();
    expect(component).toContain("sesame-bootstrap");
    expect(component).not.toContain(ACCOUNT);
    // the admin key is far too broad for a platform: the finding names its principal
    expect(json).toContain("permissions.too-broad");
    expect(page).toContain("sesame-bootstrap");
    for (const body of [page, json]) {
      expect(body).not.toContain(ACCOUNT);
      expect(body).not.toContain(admin.secret);
    }
    const cookie = await signIn(s);
    const signedIn = await (await fetch(`${s.url}/health`, { headers: { cookie } })).text();
    expect(signedIn).toContain(`arn:aws:iam::${ACCOUNT}:user/sesame-bootstrap`);
  });
});

describe("the call budget of one health round", () => {
  async function roundCost(region: string): Promise<{ calls: number; sandbox: boolean }> {
    writeFileSync(s.envFile, envText(region), { mode: 0o600 });
    const service = createHealthService({
      config: readConfig({
        NODE_ENV: "test",
        SESAME_ENV_FILE: s.envFile,
        SESAME_STATE_DIR: s.stateDir,
        SESAME_DOMAIN: "example.com",
        AWS_ENDPOINT_URL: proxy.url,
        SESAME_DNS_SERVER: `127.0.0.1:${emulator.ports.dns}`,
        SESAME_TIMEOUT_MS: "3000",
      }),
      diagnose: runEngine,
      processEnv: {},
    });
    proxy.reset();
    const entry = await service.get();
    const sandbox = entry.value.components.some((c) => c.findings.some((f) => f.code === "account.sandbox"));
    return { calls: proxy.count(), sandbox };
  }

  it(`stays within ${HEALTH_CALL_BUDGET} AWS calls, in a sandboxed region as in production`, async () => {
    const sandboxed = await roundCost("us-east-1");
    const production = await roundCost("eu-west-1");
    expect(sandboxed.sandbox).toBe(true); // the scenario really is the sandboxed one
    expect(production.sandbox).toBe(false);
    expect(sandboxed.calls).toBeGreaterThan(0);
    expect(sandboxed.calls, "sandboxed").toBeLessThanOrEqual(HEALTH_CALL_BUDGET);
    expect(production.calls, "production").toBeLessThanOrEqual(HEALTH_CALL_BUDGET);
  }, 30_000);
});
