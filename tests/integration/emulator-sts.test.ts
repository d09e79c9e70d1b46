import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  clientConfig,
  FORM,
  form,
  KEYS,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from "../helpers/emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());

describe("STS GetCallerIdentity", () => {
  it("answers the SDK with the caller's ARN, user id and account", async () => {
    const sts = new STSClient(clientConfig(emu, KEYS.admin));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/admin`);
    expect(out.Account).toBe(ACCOUNT);
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("is allowed even under an explicit Deny of sts:*", async () => {
    const sts = new STSClient(clientConfig(emu, KEYS.denied));
    const out = await sts.send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/denied`);
  });

  it("accepts a regional STS scope and the raw query protocol, with a request id", async () => {
    const r = await rawCall(emu, {
      region: "eu-central-1",
      body: form({ Action: "GetCallerIdentity", Version: "2011-06-15" }),
      headers: FORM,
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    const id = r.headers.get("x-amzn-requestid");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.text).toContain(`<RequestId>${id}</RequestId>`);
  });

  it("rejects an unknown action with InvalidAction", async () => {
    const r = await rawCall(emu, {
      body: form({ Action: "AssumeRoleWithMagic", Version: "2011-06-15" }),
      headers: FORM,
    });
    expect(r).toMatchObject({
      status: 400,
      code: "InvalidAction",
      message: "Could not find operation AssumeRoleWithMagic for version 2011-06-15",
    });
  });
});

describe("the demo world (emulator/demo-config.json)", () => {
  it("loads; bootstrap admin, console SMTP user and plunk app user behave as documented", async () => {
    const { readFileSync } = await import("node:fs");
    const demoConfig = JSON.parse(readFileSync("emulator/demo-config.json", "utf8"));
    const demo = await startTestEmulator(demoConfig);
    try {
      const users = demoConfig.users as Array<{ name: string; accessKeys: Array<{ id: string; secret: string }> }>;
      const creds = (name: string) => {
        const k = users.find((u) => u.name === name)!.accessKeys[0];
        return { accessKeyId: k.id, secretAccessKey: k.secret };
      };
      expect(creds("sesame-bootstrap").accessKeyId).toBe("AKIAEXAMPLEBOOTSTRAP");
      const who = await new STSClient(clientConfig(demo, creds("sesame-bootstrap"))).send(
        new GetCallerIdentityCommand({}),
      );
      expect(who.Arn).toBe("arn:aws:iam::123456789012:user/sesame-bootstrap");
      const quota = { service: "ses", body: form({ Action: "GetSendQuota", Version: "2010-12-01" }), headers: FORM };
      expect((await rawCall(demo, { ...quota, credentials: creds("plunk-ses") })).status).toBe(200);
      const smtp = await rawCall(demo, { ...quota, credentials: creds("ses-smtp-user.20250826-115505") });
      expect(smtp).toMatchObject({ status: 403, code: "AccessDenied" });
      const state = await demo.admin("state");
      expect(state.body.dns.map((r: { name: string }) => r.name)).toContain("demo.test");
    } finally {
      await demo.close();
    }
  });
});
