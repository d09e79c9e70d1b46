import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { SesameConfig } from "@/lib/config";
import { runEngine } from "@/lib/health/engine";
import { toHealthJson } from "@/lib/health/health-json";
import { renderHealthResponse } from "@/lib/health/respond";
import { createHealthService, type HealthServiceOptions } from "@/lib/health/service";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { TARGETS } from "@/lib/env/targets";
import { eventReadStatements } from "@/lib/policy";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { type CountingProxy, startCountingProxy } from "../helpers/health-proxy";

/**
 * The health service end to end: real engine, real SDK clients, the emulator behind a counting proxy, faults
 * injected through the emulator's admin API. Asserts what an operator (or a compose gate) would see.
 */

const KEY = { id: "AKIAEXAMPLEHEALTH001", secret: "healthEXAMPLEsecret/000000000000000000+1" };
const OLD = { id: "AKIAEXAMPLEHEALTHOLD", secret: "oldhealthEXAMPLEsecret/000000000000000+1" };
const DOMAIN = "example.com";
const DAY = 86_400_000;
const TOKENS = [
  "r3kq7hw2xjv5m4bzl6ndgc7pyt2sfoae",
  "m2t5w4qx7dzkg3vbnh6yjcs2lpuef7ra",
  "x7c2ngd4kw5qjzrh3tlsbvyem6f2pao4",
];

const SELF_READ = {
  Version: "2012-10-17",
  Statement: [
    // reading its own keys gives the key age; simulating its own policy proves every permission without sending
    {
      Effect: "Allow" as const,
      Action: ["iam:ListAccessKeys", "iam:SimulatePrincipalPolicy"],
      Resource: "arn:aws:iam::123456789012:user/platform",
    },
  ],
};

const LOOP_TOPIC = "arn:aws:sns:eu-west-1:123456789012:plunk-ses-events";
const LOOP_READ = { Version: "2012-10-17", Statement: eventReadStatements() };

function scenario(
  over: { sandbox?: boolean; keyAgeDays?: number; selfRead?: boolean; key?: typeof KEY } = {},
): EmulatorConfigInput {
  const key = over.key ?? KEY;
  return {
    accountId: "123456789012",
    users: [
      {
        name: "platform",
        // with selfRead: Plunk's least-privilege policy, so the simulation finds nothing missing and nothing too broad
        managedPolicies: over.selfRead ? [] : ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
        // every world's key may read the event loop, as the wizard's policy allows (docs/events.md "Permissions")
        inlinePolicies: over.selfRead
          ? {
              self: SELF_READ,
              loop: LOOP_READ,
              plunk: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow" as const, Action: TARGETS.plunk.requiredActions, Resource: "*" }],
              },
            }
          : { loop: LOOP_READ },
        accessKeys: [
          {
            id: key.id,
            secret: key.secret,
            ...(over.keyAgeDays !== undefined
              ? { createDate: new Date(Date.now() - over.keyAgeDays * DAY).toISOString() }
              : {}),
          },
        ],
      },
    ],
    regions: { "eu-west-1": { sandbox: over.sandbox ?? false } },
    identities: [
      { region: "eu-west-1", identity: DOMAIN, status: "Success", dkimStatus: "Success", dkimTokens: TOKENS },
    ],
    // Plunk v2's event loop: its default set (no SES_CONFIGURATION_SET in the env) → topic → a Confirmed webhook
    configurationSets: [
      {
        region: "eu-west-1",
        name: "plunk-configuration-set",
        eventDestinations: [
          {
            name: "sesame-sns-events",
            matchingEventTypes: ["send", "delivery", "bounce", "complaint", "open", "click"],
            snsTopicArn: LOOP_TOPIC,
          },
        ],
      },
    ],
    sns: {
      topics: [
        {
          region: "eu-west-1",
          name: "plunk-ses-events",
          subscriptions: [{ protocol: "https", endpoint: "https://api.example.com/webhooks/sns" }],
        },
      ],
    },
    // the records the domain needs, published in the emulator's DNS
    dns: {
      zones: [
        {
          name: DOMAIN,
          records: [
            ...TOKENS.map((t) => ({
              name: `${t}._domainkey.${DOMAIN}`,
              type: "CNAME" as const,
              value: `${t}.dkim.amazonses.com`,
            })),
            { name: `_dmarc.${DOMAIN}`, type: "TXT" as const, value: "v=DMARC1; p=none;" },
            // Plunk's MAIL FROM domain (MAIL_FROM_SUBDOMAIN defaults to plunk): its MX and SPF
            {
              name: `plunk.${DOMAIN}`,
              type: "MX" as const,
              value: "feedback-smtp.eu-west-1.amazonses.com",
              priority: 10,
            },
            { name: `plunk.${DOMAIN}`, type: "TXT" as const, value: "v=spf1 include:amazonses.com ~all" },
          ],
        },
      ],
    },
  };
}

let emu: TestEmulator;
let proxy: CountingProxy;
let dir: string;
let envFile: string;

beforeAll(async () => {
  emu = await startTestEmulator(scenario());
  proxy = await startCountingProxy(emu.url);
});
afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});
beforeEach(async () => {
  await emu.admin("faults/reset", { method: "POST" });
  await emu.admin("reset", { json: scenario() });
  dir = await mkdtemp(path.join(tmpdir(), "sesame-health-int-"));
  envFile = path.join(dir, "platform.env");
  await writeEnv(KEY);
  proxy.reset();
  return async () => rm(dir, { recursive: true, force: true });
});

async function writeEnv(key: { id: string; secret: string }) {
  await writeFile(
    envFile,
    `AWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${key.id}\nAWS_SES_SECRET_ACCESS_KEY='${key.secret}'\nSNS_TOPIC_ARNS=${LOOP_TOPIC}\n`,
  );
}

/** timeoutMs is per AWS call: generous by default, so a loaded 2-core CI machine does not turn a slow answer red. */
function service(over: Partial<HealthServiceOptions> = {}, timeoutMs = 5000) {
  const config: SesameConfig = {
    envFile,
    target: "plunk",
    stateDir: dir,
    domain: DOMAIN,
    endpoint: proxy.url,
    dnsServer: `127.0.0.1:${emu.ports.dns}`,
    healthCacheSeconds: 60,
    demo: false,
    timeoutMs,
  };
  return createHealthService({ config, diagnose: runEngine, processEnv: {}, ...over });
}

const faults = (f: Record<string, unknown>) => emu.admin("faults", { json: f });

describe("health against the emulator", () => {
  it("pass: a production account with a verified domain answers 200 pass; credentials, account and domain pass", async () => {
    await emu.admin("reset", { json: scenario({ keyAgeDays: 10, selfRead: true }) });
    const entry = await service().get();
    const { body, httpStatus } = toHealthJson(entry);
    expect(httpStatus).toBe(200);
    expect(JSON.stringify(Object.entries(body.checks).filter(([, v]) => v[0]?.status !== "pass"))).toBe("[]");
    expect(body.status).toBe("pass");
    for (const key of [
      "credentials:valid",
      "account:production",
      "domain:verified",
      "permissions:allowed",
      "dns:records",
      "env:file",
    ]) {
      expect(body.checks[key]?.[0]?.status, key).toBe("pass");
    }
    expect(proxy.count()).toBeGreaterThan(0);
  });

  it("a key that may not read its own metadata: key age unknown is warn with the policy that would allow it, never pass (issue 10 #3)", async () => {
    const entry = await service().get();
    const { body, httpStatus } = toHealthJson(entry);
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("warn");
    const age = entry.value.components.find((c) => c.id === "keyAge");
    expect(age?.findings.map((f) => f.code)).toEqual(["credentials.key-age-unknown"]);
    expect(age?.findings[0]?.fix).toContain("iam:ListAccessKeys");
    expect(body.checks["credentials:age"]?.[0]?.status).toBe("warn");
    expect(body.checks["credentials:age"]?.[0]?.output).toContain("credentials.key-age-unknown");
  });

  it("warn: a sandboxed account answers 200 warn with the sandbox finding and its fix", async () => {
    await emu.admin("reset", { json: scenario({ sandbox: true }) });
    const { body, httpStatus } = toHealthJson(await service().get());
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("warn");
    expect(body.checks["account:production"]?.[0]).toMatchObject({ status: "warn" });
    expect(body.checks["account:production"]?.[0]?.output).toContain("account.sandbox");
  });

  it("warn: a key older than 90 days, when the key may read its own metadata, with its age as observedValue", async () => {
    await emu.admin("reset", { json: scenario({ keyAgeDays: 120, selfRead: true }) });
    const entry = await service().get();
    const { body, httpStatus } = toHealthJson(entry);
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("warn");
    expect(body.checks["credentials:age"]?.[0]).toMatchObject({
      status: "warn",
      observedValue: 120,
      observedUnit: "d",
    });
    expect(body.checks["credentials:age"]?.[0]?.output).toContain("/setup/rotate");
  });

  it("pass for a young key that may read its own metadata", async () => {
    await emu.admin("reset", { json: scenario({ keyAgeDays: 10, selfRead: true }) });
    const { body } = toHealthJson(await service().get());
    expect(body.checks["credentials:age"]?.[0]).toMatchObject({ status: "pass", observedValue: 10 });
  });

  it("fail: a key AWS does not know answers 503 and later components are not checked", async () => {
    await writeEnv(OLD);
    const entry = await service().get();
    const res = renderHealthResponse(entry);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("fail");
    expect(body.checks["credentials:valid"][0].status).toBe("fail");
    expect(body.checks["credentials:valid"][0].output).toContain("credentials.unknown-key");
    expect(entry.value.components.find((c) => c.id === "permissions")?.status).toBe("warn");
    // issue 10 #3: a domain that does not exist is not "verified" when nothing could be asked
    expect(body.checks["domain:verified"][0].status).toBe("warn");
    expect(body.checks["credentials:age"][0].status).toBe("warn");
    expect(body.checks["permissions:allowed"][0].output).toMatch(/not checked/);
  });

  it("AWS down (every call 5xx) on a cold start: 503 with the endpoint failure", async () => {
    await faults({ errorEvery: 1 });
    const { body, httpStatus } = toHealthJson(await service().get());
    expect(httpStatus).toBe(503);
    expect(body.checks["endpoint:reachable"]?.[0]?.status).toBe("fail");
  });

  it("AWS down after a good round: keeps serving the good result as warn, says the refresh failed", async () => {
    let clock = Date.now();
    await emu.admin("reset", { json: scenario({ keyAgeDays: 10, selfRead: true }) });
    const svc = service({ now: () => clock });
    expect((await svc.get()).value.status).toBe("pass");
    await faults({ errorEvery: 1 });
    clock += 61_000;
    await svc.get(); // starts the background refresh
    await svc.refresh(); // joins it
    const entry = await svc.get();
    const { body, httpStatus } = toHealthJson(entry);
    expect(httpStatus).toBe(200);
    expect(body.status).toBe("warn");
    expect(entry.lastRefreshFailed?.value.status).toBe("fail");
    expect(body.notes.join(" ")).toMatch(/failed/);
  });

  it("throttled: AWS rate-limits every call; on a cold start the credentials were never verified: fail", async () => {
    await faults({ throttleEvery: 1 });
    const { body, httpStatus } = toHealthJson(await service().get());
    // issue 11 #11: no credential was ever verified, so this is not a warning
    expect(httpStatus).toBe(503);
    expect(body.status).toBe("fail");
    expect(body.checks["endpoint:reachable"]?.[0]?.output).toContain("endpoint.credentials-unverified");
    // nothing that could not get an answer is reported as passing
    expect(body.checks["credentials:valid"]?.[0]?.status).toBe("warn");
    expect(body.checks["credentials:valid"]?.[0]?.output).toContain("health.not-checked");
    expect(body.checks["account:production"]?.[0]?.status).toBe("warn");
  });

  it("slow: AWS slower than the per-call deadline gives a bounded answer, and later callers never wait", async () => {
    let clock = Date.now();
    const svc = service({ now: () => clock }, 1000);
    await svc.get();
    await faults({ latencyMs: 3000 });
    clock += 61_000;
    const t0 = performance.now();
    const stale = await svc.get();
    expect(performance.now() - t0).toBeLessThan(200); // stale-while-revalidate: answered from the cache
    expect(stale.stale).toBe(true);
    expect(stale.refreshing).toBe(true);

    // a cold service under the same latency is bounded by its deadline, and says why
    const cold = service({ deadlineMs: 1500 }, 1000);
    const t1 = performance.now();
    const { body, httpStatus } = toHealthJson(await cold.get());
    expect(performance.now() - t1).toBeLessThan(3000);
    expect(httpStatus).toBe(503);
    // Every call has its own deadline now (key age included, through lib/aws), so the round usually ends with the
    // per-call timeout finding before the round's own deadline; either way the answer says AWS did not answer.
    expect(body.output ?? JSON.stringify(body.checks)).toMatch(/did not answer/);
    await svc.refresh();
  });

  it("single-flight: 200 concurrent callers cause exactly one probe round; the next period one more", async () => {
    // the number of AWS calls in one round, measured on its own
    await service().get();
    const perRound = proxy.count();
    expect(perRound).toBeGreaterThan(2);

    proxy.reset();
    let clock = Date.now();
    const svc = service({ now: () => clock });
    const entries = await Promise.all(Array.from({ length: 200 }, () => svc.get()));
    expect(new Set(entries.map((e) => e.value)).size).toBe(1);
    expect(svc.runs).toBe(1);
    expect(proxy.count()).toBe(perRound);

    // within the period: more callers, no AWS call
    await Promise.all(Array.from({ length: 200 }, () => svc.get()));
    expect(proxy.count()).toBe(perRound);

    // next period: any number of callers trigger one background round
    clock += 61_000;
    await Promise.all(Array.from({ length: 200 }, () => svc.get()));
    await svc.refresh();
    expect(svc.runs).toBe(2);
    expect(proxy.count()).toBe(2 * perRound);
  });

  it("no secret anywhere in the JSON; the key id only masked", async () => {
    await emu.admin("reset", { json: scenario({ keyAgeDays: 120, selfRead: true }) });
    const text = await renderHealthResponse(await service().get()).text();
    expect(text).not.toContain(KEY.secret);
    expect(text).not.toContain(KEY.id);
    expect(text).toContain("AKIA…H001");
  });

  it("SMTP target: logs in to the SMTP endpoint with the configured password; a wrong password fails", async () => {
    // the emulator's SMTP listener speaks for us-east-1 (its start-up config)
    const caFile = path.join(dir, "smtp-ca.pem");
    await writeFile(caFile, SMTP_TLS_CERT);
    const smtpEnv = (password: string) =>
      writeFile(
        envFile,
        `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_PORT=587\nSMTP_USER=${KEY.id}\nSMTP_PASSWORD='${password}'\n`,
      );
    const smtpService = () =>
      service({
        config: {
          envFile,
          target: "smtp",
          stateDir: dir,
          domain: DOMAIN,
          endpoint: proxy.url,
          dnsServer: `127.0.0.1:${emu.ports.dns}`,
          smtpEndpoint: `127.0.0.1:${emu.ports.smtp}`,
          smtpCaFile: caFile,
          healthCacheSeconds: 60,
          demo: false,
          timeoutMs: 2000,
        },
      });

    await smtpEnv(await deriveSmtpPassword(KEY.secret, "us-east-1"));
    const good = await smtpService().get();
    expect(good.value.region).toBe("us-east-1");
    expect(good.value.components.find((c) => c.id === "smtp")?.status).toBe("pass");

    await smtpEnv(await deriveSmtpPassword(KEY.secret, "eu-west-1")); // a password made for another region
    const bad = await smtpService().get();
    const smtp = bad.value.components.find((c) => c.id === "smtp");
    expect(smtp?.status).toBe("fail");
    expect(toHealthJson(bad).httpStatus).toBe(503);
    const text = JSON.stringify(toHealthJson(bad).body);
    expect(text).not.toContain(await deriveSmtpPassword(KEY.secret, "eu-west-1"));
  });

  it("quota nearly used: its own card warns with the share used as observedValue", async () => {
    await emu.admin("reset", {
      json: { ...scenario(), regions: { "eu-west-1": { sandbox: false, max24HourSend: 1000, sentLast24Hours: 950 } } },
    });
    const { body, httpStatus } = toHealthJson(await service().get());
    expect(httpStatus).toBe(200);
    expect(body.checks["quota:used"]?.[0]).toMatchObject({ status: "warn", observedValue: 95, observedUnit: "%" });
    expect(body.checks["account:production"]?.[0]?.status).toBe("pass");
  });

  it("clock: AWS two minutes ahead warns on the clock card with the skew in seconds", async () => {
    await faults({ clockOffsetSeconds: 120 });
    const { body, httpStatus } = toHealthJson(await service().get());
    expect(httpStatus).toBe(200);
    const clock = body.checks["clock:skew"]?.[0];
    expect(clock).toMatchObject({ status: "warn", observedUnit: "s" });
    expect(Math.abs(Number(clock?.observedValue) - 120)).toBeLessThanOrEqual(2);
  });
});
