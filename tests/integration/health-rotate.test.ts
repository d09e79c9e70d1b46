import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorConfigInput } from "@/emulator/config";
import type { SesameConfig } from "@/lib/config";
import { envVarsOf } from "@/lib/env/parse";
import {
  createAndWrite,
  deactivateOld,
  deleteOld,
  loadRotation,
  reactivateOld,
  type RotateContext,
  RotateError,
  rotationView,
  verifyNew,
} from "@/lib/rotate/rotate";
import { KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** Key rotation against the emulator's IAM: every step's effect is read back from the emulator's own state. */

const PLATFORM = { accessKeyId: "AKIAEXAMPLEPLATFORM1", secretAccessKey: "platformEXAMPLEsecret/0000000000000000+1" };
const FULL = { accessKeyId: "AKIAEXAMPLEPLATFORM2", secretAccessKey: "platform2EXAMPLEsecret/000000000000000+1" };
const LOCKED = { accessKeyId: "AKIAEXAMPLELOCKED001", secretAccessKey: "lockedEXAMPLEsecret/000000000000000000+1" };

const SEND = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow" as const, Action: ["ses:SendRawEmail", "ses:GetSendQuota"], Resource: "*" }],
};
const SELF_KEYS = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow" as const,
      Action: ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys"],
      Resource: "arn:aws:iam::123456789012:user/platform",
    },
  ],
};

const CONFIG: EmulatorConfigInput = {
  accountId: "123456789012",
  users: [
    {
      name: "admin",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
    },
    {
      name: "platform",
      inlinePolicies: { send: SEND, keys: SELF_KEYS },
      accessKeys: [{ id: PLATFORM.accessKeyId, secret: PLATFORM.secretAccessKey }],
    },
    {
      name: "full",
      inlinePolicies: { send: SEND },
      accessKeys: [
        { id: FULL.accessKeyId, secret: FULL.secretAccessKey },
        { id: "AKIAEXAMPLEPLATFORM3", secret: "platform3EXAMPLEsecret/000000000000000+1", status: "Inactive" },
      ],
    },
    {
      name: "locked",
      inlinePolicies: { send: SEND },
      accessKeys: [{ id: LOCKED.accessKeyId, secret: LOCKED.secretAccessKey }],
    },
  ],
  regions: { "eu-west-1": { sandbox: false } },
};

let emu: TestEmulator;
let dir: string;
let envFile: string;

beforeAll(async () => {
  emu = await startTestEmulator(CONFIG);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await emu.admin("reset", { json: CONFIG });
  dir = await mkdtemp(path.join(tmpdir(), "sesame-rotate-"));
  envFile = path.join(dir, "platform.env");
  return async () => rm(dir, { recursive: true, force: true });
});

async function writeEnv(key: { accessKeyId: string; secretAccessKey: string }) {
  await writeFile(
    envFile,
    `# Plunk\nJWT_SECRET=keep-me\nAWS_SES_REGION=eu-west-1\nAWS_SES_ACCESS_KEY_ID=${key.accessKeyId}\nAWS_SES_SECRET_ACCESS_KEY='${key.secretAccessKey}'\n`,
    { mode: 0o600 },
  );
}

function ctx(over: Partial<RotateContext> = {}): RotateContext {
  const config: SesameConfig = {
    envFile,
    target: "plunk",
    stateDir: path.join(dir, "state"),
    healthCacheSeconds: 60,
    demo: false,
    timeoutMs: 3000,
    endpoint: emu.url,
  };
  return { config, processEnv: {}, propagationMs: 2000, ...over };
}

async function keysOf(user: string): Promise<Array<{ accessKeyId: string; status: string }>> {
  const state = (await emu.admin("state")).body;
  return state.iam.users.find((u: { name: string }) => u.name === user).accessKeys;
}

describe("key rotation", () => {
  it("create+write → verify → deactivate → reactivate → deactivate → delete, with the deployed key's own permissions", async () => {
    await writeEnv(PLATFORM);
    const c = ctx();

    const created = await createAndWrite(c);
    const vars = envVarsOf(await readFile(envFile, "utf8"));
    const newId = vars.AWS_SES_ACCESS_KEY_ID as string;
    expect(newId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(newId).not.toBe(PLATFORM.accessKeyId);
    expect(vars.AWS_SES_SECRET_ACCESS_KEY).toHaveLength(40);
    expect(vars.AWS_SES_SECRET_ACCESS_KEY).not.toBe(PLATFORM.secretAccessKey);
    expect(vars.JWT_SECRET).toBe("keep-me"); // the rest of the file survives
    // the new secret never comes back to the caller
    expect(JSON.stringify(created)).not.toContain(vars.AWS_SES_SECRET_ACCESS_KEY);
    expect(JSON.stringify(created)).not.toContain(newId);
    expect(created.state?.step).toBe("written");
    expect((await keysOf("platform")).map((k) => [k.accessKeyId, k.status]).sort()).toEqual(
      [
        [PLATFORM.accessKeyId, "Active"],
        [newId, "Active"],
      ].sort(),
    );

    // out of order: deactivating before verifying is refused
    await expect(deactivateOld(c)).rejects.toMatchObject({ status: 409 });

    expect((await verifyNew(c)).state?.step).toBe("verified");
    expect((await deactivateOld(c)).state?.step).toBe("deactivated");
    expect((await keysOf("platform")).find((k) => k.accessKeyId === PLATFORM.accessKeyId)?.status).toBe("Inactive");

    expect((await reactivateOld(c)).state?.step).toBe("verified");
    expect((await keysOf("platform")).find((k) => k.accessKeyId === PLATFORM.accessKeyId)?.status).toBe("Active");

    await deactivateOld(c);
    const done = await deleteOld(c);
    expect(done.state?.step).toBe("done");
    expect((await keysOf("platform")).map((k) => k.accessKeyId)).toEqual([newId]);
    expect((await loadRotation(c.config))?.oldKeyId).toBe(PLATFORM.accessKeyId);
  });

  it("a user already at two keys gets a clear 409 and nothing changes", async () => {
    await writeEnv(FULL);
    const before = await readFile(envFile, "utf8");
    const err = await createAndWrite(ctx({ admin: KEYS.admin })).catch((e) => e);
    expect(err).toBeInstanceOf(RotateError);
    expect(err).toMatchObject({ status: 409, code: "key-limit", finding: { code: "setup.key-limit" } });
    expect(err.finding.fix).toContain("then start the rotation again");
    expect(await readFile(envFile, "utf8")).toBe(before);
    expect(await keysOf("full")).toHaveLength(2);
  });

  it("without self-management rights: 403 naming the permission; with admin credentials for the session it works", async () => {
    await writeEnv(LOCKED);
    const denied = await createAndWrite(ctx()).catch((e) => e);
    expect(denied).toMatchObject({ status: 403, code: "access-denied" });
    expect(denied.message).toContain("iam:CreateAccessKey");
    // the catalogue's finding (issue 9 §2): the message is its title, why and fix
    expect(denied.finding).toMatchObject({ code: "setup.denied", evidence: { permission: "iam:CreateAccessKey" } });
    expect(denied.message).toBe(`${denied.finding.title}. ${denied.finding.detail} ${denied.finding.fix}`);
    expect(denied.finding.fix).toMatch(/arn:aws:iam::\*:user\/\$\{aws:username\}/);
    expect(await keysOf("locked")).toHaveLength(1);

    const view = await createAndWrite(ctx({ admin: KEYS.admin }));
    expect(view.state?.step).toBe("written");
    expect(view.userName).toBe("locked");
    expect(await keysOf("locked")).toHaveLength(2);
  });

  it("verify refuses when the env file no longer holds the new key", async () => {
    await writeEnv(PLATFORM);
    const c = ctx();
    await createAndWrite(c);
    await writeEnv(PLATFORM); // someone restored the old file
    await expect(verifyNew(c)).rejects.toMatchObject({ status: 409 });
  });

  it("the view lists the user's keys masked and never a secret", async () => {
    await writeEnv(PLATFORM);
    const view = await rotationView(ctx());
    expect(view.deployedKey).toBe("AKIA…ORM1");
    expect(view.keys).toEqual([expect.objectContaining({ id: "AKIA…ORM1", status: "Active", role: "deployed" })]);
    const text = JSON.stringify(view);
    expect(text).not.toContain(PLATFORM.accessKeyId);
    expect(text).not.toContain(PLATFORM.secretAccessKey);
  });
});
