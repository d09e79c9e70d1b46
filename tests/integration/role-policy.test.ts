import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { getTarget } from "@/lib/env/targets";
import { policyJsonFor } from "@/lib/setup/policy";
import { demoAccessKey, DEMO_CONFIG as demo } from "../helpers/demo-world";

/**
 * "Keys without keys", part 1: POST /api/setup/iam/role-policy creates the target's least-privilege policy as a
 * managed policy with bootstrap credentials used once — against the stand-in, read back with the real IAM client.
 */

const cookie = { value: "" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "sesame_setup" ? { value: cookie.value } : undefined) }),
}));

const bootstrap = demoAccessKey("sesame-bootstrap");
const sender = demoAccessKey("plunk-ses");
const dir = mkdtempSync(path.join(tmpdir(), "sesame-role-policy-"));
let emu: RunningEmulator;

const ORIGIN = "http://127.0.0.1:3115";
function post(body: unknown): Request {
  return new Request(`${ORIGIN}/api/setup/iam/role-policy`, {
    method: "POST",
    headers: {
      host: "127.0.0.1:3115",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
}
async function route() {
  return (await import("@/app/api/setup/iam/role-policy/route")).POST;
}
async function choose(target: "aws" | "usesend" | "plunk") {
  const { updateState } = await import("@/lib/setup/state");
  await updateState((s) => {
    s.target = target;
    s.region = "eu-west-1";
    s.endpoint = undefined;
    return s;
  });
}
function stateFiles(): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => readFileSync(path.join(f.parentPath, f.name), "utf8"))
    .join("\n");
}

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
  process.env.SESAME_STATE_DIR = dir;
  process.env.SESAME_SETUP_TOKEN = "role-policy-test-token-0123456789";
  process.env.AWS_ENDPOINT_URL = emu.url;
  process.env.SESAME_TIMEOUT_MS = "4000";
  const { openSession } = await import("@/lib/setup/session-table");
  cookie.value = openSession().cookie;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL;
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${emu.url}/_emulator/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demo),
  });
});

describe("POST /api/setup/iam/role-policy", () => {
  it("creates the managed policy with exactly the key path's document, and never echoes or stores the secret", async () => {
    await choose("aws");
    const POST = await route();
    const res = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret }));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ ok: true, existed: false, policyName: "sesame-aws-ses" });
    expect(body.policyArn).toBe(`arn:aws:iam::123456789012:policy/${body.policyName}`);
    expect(text).not.toContain(bootstrap.secret);
    expect(stateFiles()).not.toContain(bootstrap.secret);
    expect(stateFiles()).not.toContain(bootstrap.id);

    // read it back with the real IAM client: the same least-privilege document the key path attaches
    const iam = new IAMClient({
      region: "us-east-1",
      endpoint: emu.url,
      credentials: { accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret },
    });
    const pol = await iam.send(new GetPolicyCommand({ PolicyArn: body.policyArn }));
    const ver = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: body.policyArn, VersionId: pol.Policy?.DefaultVersionId }),
    );
    const doc = decodeURIComponent(ver.PolicyVersion?.Document ?? "");
    expect(JSON.parse(doc)).toEqual(JSON.parse(policyJsonFor(getTarget("aws"))));

    // a second time: reported with its ARN, left unchanged
    const again = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret }));
    expect(await again.json()).toMatchObject({ ok: true, existed: true, policyArn: body.policyArn });
  });

  it("a key without iam:CreatePolicy gets a 403 naming the permission, without its secret", async () => {
    await choose("usesend");
    const POST = await route();
    const res = await POST(post({ accessKeyId: sender.id, secretAccessKey: sender.secret }));
    const text = await res.text();
    expect(res.status, text).toBe(403);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ problem: "access-denied", permission: "iam:CreatePolicy" });
    expect(body.error).toContain("iam:CreatePolicy");
    expect(text).not.toContain(sender.secret);
  });

  it("names wrong credentials (422), a missing secret (400) and a platform that needs keys (409)", async () => {
    await choose("aws");
    const POST = await route();
    const wrong = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: "x".repeat(40) }));
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ problem: "invalid-credentials" });
    const missing = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: " " }));
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/secret access key/i);
    await choose("plunk");
    const plunk = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret }));
    expect(plunk.status).toBe(409);
    expect((await plunk.json()).error).toMatch(/stored access key/);
  });

  it("refuses a request without the setup session", async () => {
    await choose("aws");
    const POST = await route();
    const saved = cookie.value;
    cookie.value = "";
    try {
      const res = await POST(post({ accessKeyId: bootstrap.id, secretAccessKey: bootstrap.secret }));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    } finally {
      cookie.value = saved;
    }
  });
});
