import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { readDoneAccount } from "@/app/setup/done/account";
import type { SesameConfig } from "@/lib/config";
import { forgetChainCredentials } from "@/lib/golive/role-chain";
import { TARGETS } from "@/lib/env/targets";
import { runEngine } from "@/lib/health/engine";
import { createHealthService } from "@/lib/health/service";
import type { HealthSnapshot } from "@/lib/health/snapshot";
import { policyJsonFor } from "@/lib/setup/policy";
import type { WizardState } from "@/lib/setup/state";
import { DEMO_PLATFORM_ROLE, demoRoleEnv } from "@/scripts/demo-role";
import { demoAccessKey, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * After a role walk (docs/wizard.md "No stored keys: a role", docs/health.md "No key: the default chain"): the env
 * file holds no key, so health checks the chain Sesame's own process has — in the demo, the stand-in's container
 * endpoint for sesame-demo-platform-role, exactly as scripts/demo-role.ts sets it — and the Done page reads the
 * region's sandbox with it. A key in the env file still wins; Plunk (which needs a key) is unchanged.
 */

const dir = mkdtempSync(path.join(tmpdir(), "sesame-health-role-"));
const envFile = path.join(dir, "platform.env");
const USESEND_POLICY = "arn:aws:iam::123456789012:policy/sesame-usesend-ses";

let emu: RunningEmulator;
const saved: Record<string, string | undefined> = {};

/** the demo world, with the wizard's useSend policy already on the stand-in role when `attached` */
function world(attached: boolean) {
  return {
    ...demo,
    managedPolicies: [
      ...(demo.managedPolicies ?? []),
      {
        name: "sesame-usesend-ses",
        // the document the wizard attaches (its IAM step)
        document: JSON.parse(policyJsonFor(TARGETS.usesend)),
      },
    ],
    roles: demo.roles.map((r: { name: string }) =>
      r.name === DEMO_PLATFORM_ROLE && attached ? { ...r, managedPolicies: [USESEND_POLICY] } : r,
    ),
  };
}

async function reset(attached: boolean) {
  const res = await fetch(`${emu.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(world(attached)),
  });
  expect(res.ok, await res.text()).toBe(true);
  // the stand-in's reset ends every role session: a fresh world gets fresh credentials
  forgetChainCredentials();
}

function config(target: SesameConfig["target"]): SesameConfig {
  return {
    envFile,
    target,
    stateDir: path.join(dir, "state"),
    domain: "example.com",
    endpoint: emu.url,
    dnsServer: `127.0.0.1:${emu.ports.dns}`,
    healthCacheSeconds: 60,
    demo: true,
    timeoutMs: 4000,
  };
}

/** one health round in the demo (SESAME_DEMO=1), as /health and /api/health run it */
async function health(target: SesameConfig["target"]): Promise<HealthSnapshot> {
  const svc = createHealthService({ config: config(target), diagnose: runEngine, processEnv: { SESAME_DEMO: "1" } });
  return (await svc.get()).value;
}
const card = (s: HealthSnapshot, id: string) => s.components.find((c) => c.id === id);
const codes = (s: HealthSnapshot) => s.components.flatMap((c) => c.findings.map((f) => f.code));

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
  // Sesame's process as the demo start leaves it after scripts/demo-role.ts: the chain finds the stand-in role only
  const env = demoRoleEnv(emu.url);
  for (const k of Object.keys(env)) saved[k] = process.env[k];
  Object.assign(process.env, env);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => rmSync(envFile, { force: true }));

describe("health after a role walk in the demo (env file without keys)", () => {
  it("the role with the policy: credentials from the chain (temporary role credentials), permissions pass", async () => {
    await reset(true);
    writeFileSync(envFile, "AWS_DEFAULT_REGION=eu-west-1\n");
    const s = await health("usesend");
    expect(s.source).toBe("chain");
    expect(card(s, "credentials")?.status).toBe("pass");
    const fromChain = card(s, "credentials")?.findings.find((f) => f.code === "credentials.from-chain");
    expect(fromChain?.title).toContain("temporary role credentials");
    expect(codes(s)).not.toContain("credentials.missing");
    expect(codes(s)).not.toContain("credentials.chain-empty");
    // nothing denied; what a role may not simulate (iam:SimulatePrincipalPolicy) stays "unverified", as for a key
    const permissions = card(s, "permissions");
    expect(permissions?.status, JSON.stringify(permissions)).not.toBe("fail");
    expect(permissions?.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(card(s, "account")?.status).toBe("pass");
    expect(card(s, "domain")?.status).toBe("pass");
    // no role secret in what the page and the JSON are built from
    const secrets = await (await fetch(`${emu.url}/_emulator/secrets`)).json();
    const text = JSON.stringify(s);
    for (const k of secrets.keys as { secretAccessKey?: string; sessionToken?: string }[])
      for (const v of [k.secretAccessKey, k.sessionToken]) if (v) expect(text).not.toContain(v);
  });

  it("the role without a policy: credentials from the chain, permissions fail (not a missing key)", async () => {
    await reset(false);
    writeFileSync(envFile, "AWS_REGION=eu-west-1\n");
    const s = await health("aws");
    expect(codes(s)).toContain("credentials.from-chain");
    expect(codes(s)).not.toContain("credentials.missing");
    expect(card(s, "permissions")?.status, JSON.stringify(card(s, "permissions"))).toBe("fail");
    expect(s.status).toBe("fail");
  });

  it("SESAME_TARGET unset: the round checks the platform the wizard set up (here useSend), not the Plunk default", async () => {
    await reset(true);
    writeFileSync(envFile, "AWS_DEFAULT_REGION=eu-west-1\n");
    const svc = createHealthService({
      config: config("plunk"),
      diagnose: runEngine,
      processEnv: { SESAME_DEMO: "1" },
      targetFallback: async () => "usesend",
    });
    const s = (await svc.get()).value;
    expect(s.target).toBe("usesend");
    expect(s.source).toBe("chain");
    expect(card(s, "credentials")?.status).toBe("pass");
  });

  it("a key in the env file wins over the role, as in the SDK's chain order", async () => {
    await reset(true);
    const key = demoAccessKey("plunk-ses");
    writeFileSync(
      envFile,
      `AWS_DEFAULT_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=${key.id}\nAWS_SECRET_ACCESS_KEY=${key.secret}\n`,
    );
    const s = await health("usesend");
    expect(s.source).toBe("env-file");
    expect(s.keyId).toBeTruthy();
    expect(codes(s)).not.toContain("credentials.from-chain");
    expect(card(s, "credentials")?.status).toBe("pass");
  });

  it("Plunk without a key in the demo is unchanged: the key is missing, the chain is not asked", async () => {
    await reset(true);
    writeFileSync(envFile, "AWS_SES_REGION=eu-west-1\n");
    const s = await health("plunk");
    expect(s.source).toBe("none");
    expect(codes(s)).toContain("env.health-no-credentials");
    expect(codes(s)).not.toContain("credentials.from-chain");
    expect(codes(s)).not.toContain("credentials.chain-not-supported");
  });
});

describe("the Done page's sandbox read on the role path (GetAccount with the chain's credentials)", () => {
  const state = (region: string): WizardState =>
    ({
      target: "usesend",
      region,
      iam: {
        mode: "role",
        host: "ecs",
        roleName: DEMO_PLATFORM_ROLE,
        policyName: "sesame-usesend-ses",
        at: "2026-12-01T06:00:00.000Z",
      },
      sends: [],
    }) as unknown as WizardState;

  it("a production region reads as out of the sandbox, a sandboxed one as in it", async () => {
    await reset(true);
    // no key in this session: only the role can have read these
    expect(await readDoneAccount(state("eu-west-1"), "no-session", config("usesend"))).toMatchObject({
      sandbox: false,
    });
    expect(await readDoneAccount(state("us-east-1"), "no-session", config("usesend"))).toMatchObject({
      sandbox: true,
    });
  });

  it("a role that may not call ses:GetAccount, or no role path and no key: nothing known", async () => {
    await reset(false);
    expect(await readDoneAccount(state("eu-west-1"), "no-session", config("usesend"))).toEqual({});
    await reset(true);
    const keyPath = { ...state("eu-west-1"), iam: undefined } as WizardState;
    expect(await readDoneAccount(keyPath, "no-session", config("usesend"))).toEqual({});
  });
});
