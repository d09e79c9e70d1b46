import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import type { Finding, Report } from "@/lib/diagnose/schema";
import { demoAccessKey, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * The wizard's role path (issue #14 part 4, docs/wizard.md "No stored keys: a role"), route by route against the
 * stand-in with the real SDK clients: Sesame's own process resolves the AWS default credential chain — the stand-in's
 * ECS-style container endpoint for its seeded role sesame-demo-platform-role (AWS_CONTAINER_CREDENTIALS_FULL_URI, as
 * the demo sets it) — the check runs the credential-chain probe with it, the policy is attached to the role with
 * AttachRolePolicy, the env file gets no key variables, and the domain and send steps sign with the role.
 */

const cookie = { value: "" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "sesame_setup" ? { value: cookie.value } : undefined) }),
}));

const dir = mkdtempSync(path.join(tmpdir(), "sesame-role-wizard-"));
const envFile = path.join(dir, "platform.env");

const DEMO_ROLE = "sesame-demo-platform-role";
const bootstrap = demoAccessKey("sesame-bootstrap");
const sender = demoAccessKey("plunk-ses");

let emu: RunningEmulator;
const roleUri = (role: string) => `${emu.url}/_emulator/container-credentials/${role}`;

const ORIGIN = "http://127.0.0.1:3116";
function request(method: string, url: string, body?: unknown): Request {
  return new Request(`${ORIGIN}${url}`, {
    method,
    headers: {
      host: "127.0.0.1:3116",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

type Handler = (req: Request) => Promise<Response>;
const ROUTES: Record<string, () => Promise<{ POST?: Handler; GET?: Handler }>> = {
  target: () => import("@/app/api/setup/target/route"),
  "iam/role": () => import("@/app/api/setup/iam/role/route"),
  "iam/role-attach": () => import("@/app/api/setup/iam/role-attach/route"),
  check: () => import("@/app/api/setup/check/route"),
  env: () => import("@/app/api/setup/env/route"),
  domain: () => import("@/app/api/setup/domain/route"),
  send: () => import("@/app/api/setup/send/route"),
};

async function post(route: string, body: unknown) {
  const mod = await ROUTES[route]();
  if (!mod.POST) throw new Error(`no POST ${route}`);
  const res: Response = await mod.POST(request("POST", `/api/setup/${route}`, body));
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text.split("\n").filter(Boolean).at(-1) ?? "{}") : {} };
}
async function get(route: string) {
  const mod = await ROUTES[route]();
  if (!mod.GET) throw new Error(`no GET ${route}`);
  const res: Response = await mod.GET(request("GET", `/api/setup/${route}`));
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** The credential check (NDJSON): the report on its last line. */
async function check(): Promise<Report> {
  const r = await post("check", {});
  expect(r.status, r.text).toBe(200);
  expect(r.body.type, r.text).toBe("report");
  return r.body.report as Report;
}
const codes = (fs: Finding[]) => fs.map((f) => f.code);

async function choose(target: "aws" | "usesend" | "plunk") {
  const { resetState } = await import("@/lib/setup/state");
  await resetState();
  const r = await post("target", { target, region: "eu-west-1" });
  expect(r.status, r.text).toBe(200);
}

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
  Object.assign(process.env, {
    SESAME_STATE_DIR: path.join(dir, "state"),
    SESAME_ENV_FILE: envFile,
    SESAME_SETUP_TOKEN: "role-wizard-test-token-0123456789",
    SESAME_TIMEOUT_MS: "4000",
    AWS_ENDPOINT_URL: emu.url,
    SESAME_DNS_SERVER: `127.0.0.1:${emu.ports.dns}`,
    // nothing from this machine may feed Sesame's chain: no env keys, no shared files, no instance metadata
    AWS_CONFIG_FILE: path.join(dir, "none-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  });
  for (const v of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"])
    delete process.env[v];
  const { openSession } = await import("@/lib/setup/session-table");
  cookie.value = openSession().cookie;
});
afterAll(async () => {
  for (const v of ["AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_EC2_METADATA_DISABLED"])
    delete process.env[v];
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  const res = await fetch(`${emu.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demo),
  });
  expect(res.ok).toBe(true);
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = roleUri(DEMO_ROLE);
  rmSync(envFile, { force: true });
});

describe("choosing the role path", () => {
  it("Plunk is refused with the engine's finding (it needs a stored key)", async () => {
    await choose("plunk");
    const r = await post("iam/role", { host: "ecs" });
    expect(r.status, r.text).toBe(409);
    expect(r.body.finding).toMatchObject({ code: "credentials.chain-not-supported", severity: "error" });
    expect(r.body.error).toContain("Plunk cannot run on a role: it needs a stored access key");
    const { loadState } = await import("@/lib/setup/state");
    expect((await loadState()).iam).toBeUndefined();
  });

  it("an empty chain: the check shows credentials.chain-empty (not a missing key), later steps refuse with it", async () => {
    await choose("aws");
    // no container endpoint, no instance metadata (disabled), nothing else: the chain has nothing to give
    delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    const r = await post("iam/role", { host: "ecs", roleName: "sesame-aws-role" });
    expect(r.status, r.text).toBe(200);
    expect(r.body.iam).toMatchObject({ mode: "role", host: "ecs", roleName: "sesame-aws-role" });
    const report = await check();
    expect(report.status).toBe("fail");
    expect(codes(report.findings)).toContain("credentials.chain-empty");
    expect(codes(report.findings)).not.toContain("credentials.missing");
    const empty = report.findings.find((f) => f.code === "credentials.chain-empty");
    expect(empty?.fix).toMatch(/Sesame checks with the chain of the host it runs on/);
    expect(empty?.detail).toMatch(/None answered here: .+/);
    const domain = await post("domain", { domain: "example.com" });
    expect(domain.status, domain.text).toBe(409);
    expect(domain.body.finding?.code).toBe("credentials.chain-empty");
  });
});

async function standInRole() {
  const state = await (await fetch(`${emu.url}/_emulator/state`)).json();
  return state.iam.roles.find((r: { name: string }) => r.name === DEMO_ROLE);
}

describe("the role path end to end (the stand-in's role through the container endpoint)", () => {
  it("a role the endpoint does not know: credentials.chain-empty with the endpoint's answer", async () => {
    await choose("usesend");
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = roleUri("no-such-role");
    await post("iam/role", { host: "ecs", roleName: "no-such-role" });
    const report = await check();
    expect(codes(report.findings)).toContain("credentials.chain-empty");
  });

  it("the role without a policy: the check names the missing permissions; attach is refused without iam:CreatePolicy or for a missing role", async () => {
    await choose("aws");
    const chosen = await post("iam/role", { host: "ecs", roleName: DEMO_ROLE });
    expect(chosen.status, chosen.text).toBe(200);
    const report = await check();
    expect(report.status).toBe("fail");
    expect(codes(report.findings)).toContain("credentials.from-chain");
    const missing = report.findings.filter((f) => f.code.startsWith("permissions."));
    expect(missing.length, JSON.stringify(codes(report.findings))).toBeGreaterThan(0);
    expect(JSON.stringify(missing)).toContain("ses:SendRawEmail");
    // the gate stays shut: no env file before a passing check
    const write = await post("env", { action: "write", expectedHash: "x" });
    expect(write.status, write.text).toBe(409);

    const denied = await post("iam/role-attach", {
      accessKeyId: sender.id,
      secretAccessKey: sender.secret,
      host: "ecs",
      roleName: DEMO_ROLE,
    });
    expect(denied.status, denied.text).toBe(403);
    expect(denied.body).toMatchObject({ problem: "access-denied", permission: "iam:CreatePolicy" });
    expect(denied.text).not.toContain(sender.secret);
    const noRole = await post("iam/role-attach", {
      accessKeyId: bootstrap.id,
      secretAccessKey: bootstrap.secret,
      host: "ecs",
      roleName: "not-there",
    });
    expect(noRole.status, noRole.text).toBe(422);
    expect(noRole.body.problem).toBe("no-role");
    expect(noRole.body.error).toContain("not-there");
    expect((await standInRole()).managedPolicies ?? []).toEqual([]);
  });

  it("attached: the check passes, the env file gets no key, domain and API send sign with the role", async () => {
    await choose("usesend");
    // a key left in the file from an earlier key setup would win over the role
    writeFileSync(envFile, "# mine\nAWS_ACCESS_KEY_ID=AKIAOLDKEYEXAMPLE001\nAWS_SECRET_ACCESS_KEY=oldsecret\nKEEP=1\n");
    const attached = await post("iam/role-attach", {
      accessKeyId: bootstrap.id,
      secretAccessKey: bootstrap.secret,
      host: "ecs",
      roleName: DEMO_ROLE,
    });
    expect(attached.status, attached.text).toBe(200);
    expect(attached.body.iam).toMatchObject({
      mode: "role",
      host: "ecs",
      roleName: DEMO_ROLE,
      roleArn: `arn:aws:iam::123456789012:role/${DEMO_ROLE}`,
      policyName: "sesame-usesend-ses",
      policyArn: "arn:aws:iam::123456789012:policy/sesame-usesend-ses",
    });
    expect(attached.text).not.toContain(bootstrap.secret);
    expect(JSON.stringify(await standInRole())).toContain("policy/sesame-usesend-ses");

    const report = await check();
    expect(report.status, JSON.stringify(codes(report.findings))).not.toBe("fail");
    expect(codes(report.findings)).toContain("credentials.from-chain");

    const plan = await get("env");
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({ role: true, staleKeys: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] });
    expect(plan.body.lines.map((l: { key: string }) => l.key)).toEqual(["AWS_DEFAULT_REGION"]);
    const written = await post("env", { action: "write", expectedHash: plan.body.hash });
    expect(written.status, written.text).toBe(200);
    const text = readFileSync(envFile, "utf8");
    expect(text).toMatch(/^AWS_DEFAULT_REGION=eu-west-1$/m);
    expect(text).not.toMatch(/^\s*(export\s+)?AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=/m);
    expect(text).toContain("# AWS_ACCESS_KEY_ID would be used instead of the role");
    expect(text).toMatch(/^KEEP=1$/m);

    const domain = await post("domain", { domain: "example.com" });
    expect(domain.status, domain.text).toBe(200);
    expect(domain.body.status.verification).toBe("SUCCESS");

    const to = "success@simulator.amazonses.com";
    const sent = await post("send", { via: "api", from: "sesame-test@example.com", to });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.messageId).toBeTruthy();
    // the stand-in saw the send from the role's session
    const mail = await (await fetch(`${emu.url}/_emulator/sent`)).json();
    expect(JSON.stringify(mail.at(-1))).toContain(sent.body.messageId);
    const smtp = await post("send", { via: "smtp", from: "sesame-test@example.com", to });
    expect(smtp.status, smtp.text).toBe(409);

    // the state holds no credentials: no key id, no session secret or token
    const secrets = await (await fetch(`${emu.url}/_emulator/secrets`)).json();
    const files = readdirSync(path.join(dir, "state"))
      .map((f) => readFileSync(path.join(dir, "state", f), "utf8"))
      .join("\n");
    for (const k of secrets.keys as { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }[])
      for (const v of [k.secretAccessKey, k.sessionToken]) if (v) expect(files).not.toContain(v);
    expect(files).not.toMatch(/ASIA[A-Z0-9]{16}/);
    const { loadState } = await import("@/lib/setup/state");
    const { progressOf } = await import("@/lib/setup/progress");
    const progress = progressOf(await loadState(), false);
    expect(progress).toMatchObject({ target: true, iam: true, check: true, env: true, domain: true });
  });
});
