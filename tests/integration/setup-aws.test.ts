import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { SMTP_TLS_CERT } from "@/emulator/smtp/cert";
import { getTarget } from "@/lib/env/targets";
import { createDomainIdentity, domainStatus } from "@/lib/setup/domain";
import { createPlatformUser } from "@/lib/setup/iam";
import { SIMULATOR_SUCCESS, sendViaApi, sendViaSmtp } from "@/lib/setup/send";
import { demoCredentials, DEMO_CONFIG as demo } from "../helpers/demo-world";

/** The wizard's own AWS calls (lib/setup) against the stand-in, with real SDK clients, SMTP and DNS. */
const BOOTSTRAP = demoCredentials("sesame-bootstrap");
const PLUNK = demoCredentials("plunk-ses");

let emu: RunningEmulator;
const where = (region = "us-east-1") => ({ region, endpoint: emu.url, timeoutMs: 4000 });

async function admin(route: string, body: unknown) {
  const res = await fetch(new URL(route, emu.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

beforeAll(async () => {
  emu = await startEmulator(demo, { quiet: true });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await admin("/_emulator/reset", demo);
});

describe("createPlatformUser", () => {
  const plunk = getTarget("plunk");

  it("creates the user, its inline policy and a working key", async () => {
    const r = await createPlatformUser({
      bootstrap: BOOTSTRAP,
      userName: "sesame-plunk",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.userArn).toBe("arn:aws:iam::123456789012:user/sesame-plunk");
    expect(r.key.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    // the new key can send (its policy has ses:SendRawEmail) — from an identity verified in eu-west-1
    const sent = await sendViaApi({
      creds: r.key,
      where: where("eu-west-1"),
      target: plunk,
      from: "a@example.com",
      to: SIMULATOR_SUCCESS,
    });
    expect(sent.ok).toBe(true);
  });

  it("reports an existing user, reuses it on request, then names the 2-key limit", async () => {
    const args = { bootstrap: BOOTSTRAP, userName: "plunk-ses", target: plunk, where: where() };
    const first = await createPlatformUser({ ...args, reuseExisting: false });
    expect(first).toMatchObject({ ok: false, problem: "user-exists", step: "create-user" });
    const reused = await createPlatformUser({ ...args, reuseExisting: true });
    expect(reused).toMatchObject({ ok: true, reusedUser: true });
    const third = await createPlatformUser({ ...args, reuseExisting: true });
    expect(third).toMatchObject({ ok: false, problem: "key-limit" });
    if (third.ok) return;
    expect(third.keys?.map((k) => k.accessKeyId)).toContain(PLUNK.accessKeyId);
  });

  it("names the permission the bootstrap credentials lack", async () => {
    const r = await createPlatformUser({
      bootstrap: PLUNK,
      userName: "x-user",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    expect(r).toMatchObject({ ok: false, problem: "access-denied", permission: "iam:CreateUser" });
  });

  it("tells wrong bootstrap credentials apart", async () => {
    const r = await createPlatformUser({
      bootstrap: { accessKeyId: BOOTSTRAP.accessKeyId, secretAccessKey: "x".repeat(40) },
      userName: "x-user",
      target: plunk,
      reuseExisting: false,
      where: where(),
    });
    expect(r).toMatchObject({ ok: false, problem: "invalid-credentials", step: "identify" });
  });
});

describe("domain identity", () => {
  for (const id of ["plunk", "usesend"] as const) {
    it(`${id}: created pending with DKIM records, verified once the records resolve`, async () => {
      const target = getTarget(id);
      const creds = id === "plunk" ? PLUNK : BOOTSTRAP;
      const created = await createDomainIdentity({
        creds,
        where: where(),
        target,
        domain: "demo.test",
        mailFromDomain: "mail.demo.test",
      });
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      expect(created.status.verification).toBe("PENDING");
      expect(created.status.dkimTokens).toHaveLength(3);
      const rows = created.status.records;
      expect(rows.filter((r) => r.type === "CNAME")).toHaveLength(3);
      expect(rows.find((r) => r.type === "MX")?.value).toBe("feedback-smtp.us-east-1.amazonses.com");
      for (const r of rows)
        await admin("/_emulator/dns", { name: r.name, type: r.type, value: r.value, priority: r.priority });
      const after = await domainStatus({
        creds,
        where: where(),
        target,
        domain: "demo.test",
        mailFromDomain: "mail.demo.test",
      });
      expect(after.ok && after.status.verification).toBe("SUCCESS");
    });
  }

  it("names the missing permission when the key may not manage identities", async () => {
    const r = await createDomainIdentity({
      creds: PLUNK,
      where: where(),
      target: getTarget("usesend"),
      domain: "demo.test",
    });
    expect(r).toMatchObject({ ok: false });
    if (r.ok) return;
    expect(r.permission).toBe("ses:CreateEmailIdentity");
  });
});

describe("test sends", () => {
  it("an unverified sender is rejected with the identities and region SES named", async () => {
    const r = await sendViaApi({
      creds: PLUNK,
      where: where(),
      target: getTarget("plunk"),
      from: "a@example.com",
      to: SIMULATOR_SUCCESS,
    });
    expect(r).toMatchObject({ ok: false, code: "MessageRejected", rejectedRegion: "us-east-1" });
    expect(r.unverified).toContain("a@example.com");
  });

  it("SMTP with the derived password, over verified TLS, returns SES's MessageId", async () => {
    await admin("/_emulator/reset", {
      ...demo,
      identities: [
        ...demo.identities,
        { region: "us-east-1", identity: "demo.test", status: "Success", dkimStatus: "Success" },
      ],
    });
    const smtp = { host: "127.0.0.1", port: emu.ports.smtp, custom: true, ca: SMTP_TLS_CERT };
    const ok = await sendViaSmtp({
      creds: PLUNK,
      region: "us-east-1",
      smtp,
      timeoutMs: 4000,
      from: "a@demo.test",
      to: SIMULATOR_SUCCESS,
    });
    expect(ok.ok).toBe(true);
    const sent = await (await fetch(new URL("/_emulator/sent", emu.url))).json();
    expect(sent.map((m: { messageId: string }) => m.messageId)).toContain(ok.messageId);
    // a password derived for another region does not log in to the us-east-1 listener
    const wrong = await sendViaSmtp({
      creds: PLUNK,
      region: "eu-west-1",
      smtp,
      timeoutMs: 4000,
      from: "a@demo.test",
      to: SIMULATOR_SUCCESS,
    });
    expect(wrong).toMatchObject({ ok: false, code: "535" });
  });

  it("SMTP refuses an untrusted certificate rather than sending the password", async () => {
    const smtp = { host: "127.0.0.1", port: emu.ports.smtp, custom: true };
    const r = await sendViaSmtp({
      creds: PLUNK,
      region: "us-east-1",
      smtp,
      timeoutMs: 4000,
      from: "a@demo.test",
      to: SIMULATOR_SUCCESS,
    });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/certificate/i);
  });
});
