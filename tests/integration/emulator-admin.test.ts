import { CreateUserCommand, GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  CreateEmailIdentityCommand,
  GetAccountCommand,
  GetEmailIdentityCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "@/emulator/index";
import {
  clientConfig,
  FORM,
  form,
  KEYS,
  rawCall,
  startTestEmulator,
  TEST_CONFIG,
  type TestEmulator,
} from "../helpers/emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());
afterEach(async () => {
  await emu.admin("faults/reset", { method: "POST" });
});

const sts = () => new STSClient(clientConfig(emu, KEYS.admin));
const STS_CALL = { body: form({ Action: "GetCallerIdentity", Version: "2011-06-15" }), headers: FORM };

describe("startup", () => {
  it("starts (HTTP, SMTP, DNS) well under a second", async () => {
    const t0 = performance.now();
    const other = await startEmulator(TEST_CONFIG, { quiet: true });
    const ms = performance.now() - t0;
    try {
      expect(ms).toBeLessThan(1000);
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(other.ports.smtp).toBeGreaterThan(0);
      expect(other.ports.dns).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});

describe("state and reset", () => {
  it("GET state lists users and key ids, never secrets or session tokens", async () => {
    const r = await emu.admin("state");
    expect(r.status).toBe(200);
    const admin = r.body.iam.users.find((u: { name: string }) => u.name === "admin");
    expect(admin.accessKeys[0]).toMatchObject({ accessKeyId: KEYS.admin.accessKeyId, status: "Active" });
    const text = JSON.stringify(r.body);
    for (const k of Object.values(KEYS)) {
      expect(text).not.toContain(k.secretAccessKey);
      if ("sessionToken" in k) expect(text).not.toContain(k.sessionToken);
    }
    expect(r.body.faults).toMatchObject({ latencyMs: 0, throttleEvery: 0 });
    expect(r.body).toHaveProperty("ses");
    expect(r.body).toHaveProperty("dns");
  });

  it("POST reset reloads the initial config, or loads a validated new one", async () => {
    const iam = new IAMClient(clientConfig(emu));
    await iam.send(new CreateUserCommand({ UserName: "temporary" }));
    expect((await emu.admin("reset", { method: "POST" })).status).toBe(200);
    await expect(iam.send(new GetUserCommand({ UserName: "temporary" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });

    const bad = await emu.admin("reset", { json: { accountId: "12" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^invalid config: accountId/);
    const notJson = await emu.admin("reset", { body: "{oops" });
    expect(notJson).toMatchObject({ status: 400, body: { error: "the body is not valid JSON" } });

    const other = await emu.admin("reset", {
      json: {
        accountId: "210987654321",
        users: [
          {
            name: "solo",
            managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            accessKeys: [{ id: "AKIAEXAMPLESOLO00001", secret: "soloEXAMPLEsecret/0000000000000000000001" }],
          },
        ],
      },
    });
    expect(other.status).toBe(200);
    const solo = new STSClient(
      clientConfig(emu, {
        accessKeyId: "AKIAEXAMPLESOLO00001",
        secretAccessKey: "soloEXAMPLEsecret/0000000000000000000001",
      }),
    );
    expect((await solo.send(new GetCallerIdentityCommand({}))).Arn).toBe("arn:aws:iam::210987654321:user/solo");
    await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    await emu.admin("reset", { method: "POST" });
    expect((await sts().send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
  });

  it("unknown admin routes are 404 with a message", async () => {
    const r = await emu.admin("nope");
    expect(r).toMatchObject({ status: 404, body: { error: "no admin route GET /_emulator/nope" } });
  });
});

describe("DNS records and sent mail", () => {
  it("adds, lists and removes records; rejects invalid ones", async () => {
    const add = await emu.admin("dns", {
      json: { name: "_dmarc.example.org", type: "TXT", value: "v=DMARC1; p=none" },
    });
    expect(add.status).toBe(201);
    const list = await emu.admin("dns");
    expect(list.body).toContainEqual(expect.objectContaining({ name: "_dmarc.example.org", type: "TXT" }));
    const bad = await emu.admin("dns", { json: { name: "x.example.org", type: "SRV", value: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^invalid DNS record: type/);
    const del = await emu.admin("dns?name=_dmarc.example.org&type=TXT", { method: "DELETE" });
    expect(del).toMatchObject({ status: 200, body: { removed: 1 } });
    expect((await emu.admin("dns")).body).not.toContainEqual(expect.objectContaining({ name: "_dmarc.example.org" }));
    expect((await emu.admin("dns", { method: "DELETE" })).status).toBe(400);
  });

  it("verify-email clicks the verification link of an existing address identity only", async () => {
    const ses = new SESv2Client(clientConfig(emu, KEYS.admin, "us-east-1"));
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: "ops@click.test" }));
    const before = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: "ops@click.test" }));
    expect(before.VerificationStatus).toBe("PENDING");
    const click = (address: string, region = "us-east-1") =>
      emu.admin("ses/verify-email", { method: "POST", body: JSON.stringify({ region, address }) });
    expect((await click("ops@click.test", "eu-west-1")).status).toBe(404);
    expect((await click("nobody@click.test")).status).toBe(404);
    expect((await click("not an address")).status).toBe(400);
    expect((await click("ops@click.test")).status).toBe(200);
    const after = await ses.send(new GetEmailIdentityCommand({ EmailIdentity: "ops@click.test" }));
    expect(after.VerificationStatus).toBe("SUCCESS");
  });

  it("lists and clears sent mail", async () => {
    expect(await emu.admin("sent")).toMatchObject({ status: 200, body: [] });
    expect((await emu.admin("sent", { method: "DELETE" })).status).toBe(200);
  });
});

describe("faults", () => {
  it("latency delays AWS calls but not the admin API", async () => {
    await emu.admin("faults", { json: { latencyMs: 300 } });
    let t0 = performance.now();
    await sts().send(new GetCallerIdentityCommand({}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    t0 = performance.now();
    await emu.admin("faults");
    expect(performance.now() - t0).toBeLessThan(250);
  });

  it("5xx: InternalFailure 500 or ServiceUnavailable 503", async () => {
    await emu.admin("faults", { json: { errorEvery: 1 } });
    await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "InternalFailure",
      message: "The request processing has failed because of an unknown error, exception or failure.",
      $metadata: { httpStatusCode: 500 },
    });
    await emu.admin("faults", { json: { errorStatus: 503 } });
    const r = await rawCall(emu, STS_CALL);
    expect(r).toMatchObject({
      status: 503,
      code: "ServiceUnavailable",
      message: "Service is unavailable. Please try again later.",
    });
    expect(r.text).toContain("<Type>Receiver</Type>");
  });

  it("throttling: query Throttling 400, SESv2 TooManyRequestsException 429", async () => {
    await emu.admin("faults", { json: { throttleEvery: 2 } });
    expect((await rawCall(emu, STS_CALL)).status).toBe(200);
    expect(await rawCall(emu, STS_CALL)).toMatchObject({ status: 400, code: "Throttling", message: "Rate exceeded" });
    expect((await rawCall(emu, STS_CALL)).status).toBe(200);
    const v2 = new SESv2Client(clientConfig(emu, KEYS.reader));
    await expect(v2.send(new GetAccountCommand({}))).rejects.toMatchObject({
      name: "TooManyRequestsException",
      message: "Too Many Requests",
      $metadata: { httpStatusCode: 429 },
    });
  });

  it("dropped connections reach the SDK as a network error", async () => {
    await emu.admin("faults", { json: { dropEvery: 1 } });
    const err = await sts()
      .send(new GetCallerIdentityCommand({}))
      .then(
        () => undefined,
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => e,
      );
    expect(err).toBeInstanceOf(Error);
    // no HTTP response at all: the SDK never saw a status
    expect(err?.$metadata?.httpStatusCode).toBeUndefined();
    expect(String((err as NodeJS.ErrnoException).code ?? err?.message)).toMatch(/ECONNRESET|socket hang up|EPIPE/);
  });

  it("service filter: faults for iam leave sts alone", async () => {
    await emu.admin("faults", { json: { errorEvery: 1, service: "iam" } });
    expect((await rawCall(emu, STS_CALL)).status).toBe(200);
    expect(
      (await rawCall(emu, { ...STS_CALL, service: "iam", body: form({ Action: "GetUser", Version: "2010-05-08" }) }))
        .status,
    ).toBe(500);
  });

  it("clock offset shifts the Date header and the signature window", async () => {
    const set = await emu.admin("faults", { json: { clockOffsetSeconds: 3600 } });
    expect(set.body.clockOffsetSeconds).toBe(3600);
    const r = await rawCall(emu, STS_CALL);
    const shift = Date.parse(r.headers.get("date") ?? "") - Date.now();
    expect(Math.abs(shift - 3_600_000)).toBeLessThan(5000);
    // signed with the real clock, an hour behind the emulator's: outside STS's 15 minutes
    expect(r).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    expect(r.message).toMatch(/^Signature expired: /);
    // signed an hour ahead, matching the emulator's clock: accepted
    const ok = await rawCall(emu, { ...STS_CALL, signingDate: new Date(Date.now() + 3_600_000) });
    expect(ok.status).toBe(200);
  });

  it("validates fault settings and resets them", async () => {
    const bad = await emu.admin("faults", { json: { latencyMs: -5 } });
    expect(bad.status).toBe(400);
    const unknown = await emu.admin("faults", { json: { explode: true } });
    expect(unknown.status).toBe(400);
    await emu.admin("faults", { json: { throttleEvery: 1 } });
    const reset = await emu.admin("faults/reset", { method: "POST" });
    expect(reset.body).toMatchObject({ throttleEvery: 0, latencyMs: 0, errorEvery: 0, dropEvery: 0 });
    expect((await rawCall(emu, STS_CALL)).status).toBe(200);
  });
});
