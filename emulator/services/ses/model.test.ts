import { describe, expect, it } from "vitest";
import { type EmulatorConfigInput, EmulatorConfigSchema } from "../../config";
import { type Authorizer, AwsError, type Principal } from "../../core/types";
import { createDnsStore } from "../../dns/store";
import { parseMailbox } from "./addresses";
import { SesModel, type SendInput } from "./model";

const principal: Principal = {
  accountId: "123456789012",
  arn: "arn:aws:iam::123456789012:user/app",
  userName: "app",
  userId: "AIDAEXAMPLEEXAMPLE01",
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
};
const allowAll: Authorizer = { evaluate: () => "allowed" };

function world(config: EmulatorConfigInput = {}) {
  const parsed = EmulatorConfigSchema.parse(config);
  let now = Date.parse("2026-01-01T00:00:00Z");
  const dns = createDnsStore(parsed.dns.zones);
  const model = new SesModel(parsed, dns, () => new Date(now));
  return {
    model,
    dns,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

function send(model: SesModel, over: Partial<SendInput> & { from?: string; to?: string[] }): string {
  return model.send({
    api: "v1",
    via: "ses-v1",
    region: "us-east-1",
    principal,
    authz: allowAll,
    action: "ses:SendEmail",
    senders: [parseMailbox(over.from ?? "app@example.com")],
    recipients: (over.to ?? ["success@simulator.amazonses.com"]).map(parseMailbox),
    subject: "hi",
    text: "hello",
    ...over,
  }).messageId;
}

function thrown(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  throw new Error("expected an AwsError");
}

describe("domain verification is decided by DNS", () => {
  it("Pending until the _amazonses TXT holds the token, then Success; TemporaryFailure when it goes", () => {
    const { model, dns } = world();
    const id = model.ensureDomain("us-east-1", "Example.com", { dkim: false });
    expect(id.name).toBe("example.com");
    expect(id.verificationToken).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(model.viewOf("us-east-1", id).status).toBe("Pending");
    dns.add({ name: "_amazonses.example.com", type: "TXT", value: "not-the-token" });
    expect(model.viewOf("us-east-1", id).status).toBe("Pending");
    dns.add({ name: "_amazonses.example.com", type: "TXT", value: id.verificationToken! });
    expect(model.viewOf("us-east-1", id).status).toBe("Success");
    dns.remove({ name: "_amazonses.example.com", type: "TXT" });
    expect(model.viewOf("us-east-1", id).status).toBe("TemporaryFailure");
  });

  it("three DKIM CNAMEs verify both DKIM and the domain; a wrong target stays Pending", () => {
    const { model, dns } = world();
    const id = model.ensureDomain("us-east-1", "example.com", { dkim: true });
    expect(id.dkimTokens).toHaveLength(3);
    for (const t of id.dkimTokens!) expect(t).toMatch(/^[a-z2-7]{32}$/);
    const [a, b, c] = id.dkimTokens!;
    dns.add({ name: `${a}._domainkey.example.com`, type: "CNAME", value: `${a}.dkim.amazonses.com` });
    dns.add({ name: `${b}._domainkey.example.com`, type: "CNAME", value: `${b}.dkim.amazonses.com.` });
    dns.add({ name: `${c}._domainkey.example.com`, type: "CNAME", value: `${c}.dkim.amazonses.com.example.com` });
    let v = model.viewOf("us-east-1", id);
    expect([v.status, v.dkimStatus]).toEqual(["Pending", "Pending"]);
    dns.remove({ name: `${c}._domainkey.example.com` });
    dns.add({ name: `${c}._domainkey.example.com`, type: "CNAME", value: `${c}.dkim.amazonses.com` });
    v = model.viewOf("us-east-1", id);
    expect([v.status, v.dkimStatus]).toEqual(["Success", "Success"]);
  });

  it("Failed after failAfterSeconds without the record, and stays Failed until verification is requested again", () => {
    const { model, dns, advance } = world({ verification: { failAfterSeconds: 60 } });
    const id = model.ensureDomain("us-east-1", "example.com", { dkim: false });
    advance(59);
    expect(model.viewOf("us-east-1", id).status).toBe("Pending");
    advance(1);
    expect(model.viewOf("us-east-1", id).status).toBe("Failed");
    dns.add({ name: "_amazonses.example.com", type: "TXT", value: id.verificationToken! });
    expect(model.viewOf("us-east-1", id).status).toBe("Failed");
    model.ensureDomain("us-east-1", "example.com", { dkim: false });
    expect(model.viewOf("us-east-1", id).status).toBe("Success");
  });

  it("MAIL FROM needs exactly one MX feedback-smtp.<region> at priority 10 and the SPF TXT", () => {
    const { model, dns } = world();
    const id = model.ensureDomain("eu-west-1", "example.com", { dkim: false });
    model.setMailFrom(id, "mail.example.com", "UseDefaultValue");
    expect(model.viewOf("eu-west-1", id).mailFromStatus).toBe("Pending");
    dns.add({ name: "mail.example.com", type: "MX", value: "feedback-smtp.us-east-1.amazonses.com", priority: 10 });
    dns.add({ name: "mail.example.com", type: "TXT", value: "v=spf1 include:amazonses.com ~all" });
    expect(model.viewOf("eu-west-1", id).mailFromStatus).toBe("Pending"); // wrong region's feedback host
    dns.remove({ name: "mail.example.com", type: "MX" });
    dns.add({ name: "mail.example.com", type: "MX", value: "feedback-smtp.eu-west-1.amazonses.com", priority: 10 });
    expect(model.viewOf("eu-west-1", id).mailFromStatus).toBe("Success");
    dns.add({ name: "mail.example.com", type: "MX", value: "backup.example.net", priority: 20 });
    expect(model.viewOf("eu-west-1", id).mailFromStatus).toBe("TemporaryFailure");
  });

  it("identities are per region", () => {
    const { model } = world();
    model.ensureDomain("eu-west-1", "example.com", { dkim: true });
    expect(model.find("eu-west-1", "example.com")).toBeDefined();
    expect(model.find("us-east-1", "example.com")).toBeUndefined();
  });

  it("seeded statuses are honoured", () => {
    const { model } = world({
      identities: [
        { region: "us-east-1", identity: "ready.example", status: "Success", dkimStatus: "Success" },
        { region: "us-east-1", identity: "me@other.example", status: "Success" },
      ],
    });
    expect(model.viewOf("us-east-1", model.find("us-east-1", "ready.example")!).status).toBe("Success");
    expect(model.isVerifiedAddress("us-east-1", "anyone@ready.example")).toBe(true);
    expect(model.isVerifiedAddress("us-east-1", "anyone@sub.ready.example")).toBe(true);
    expect(model.isVerifiedAddress("us-east-1", "me@other.example")).toBe(true);
    expect(model.isVerifiedAddress("us-east-1", "you@other.example")).toBe(false);
  });

  it("an address is Pending until clicked, then Success; it fails after 24 h without a click", () => {
    const { model, advance } = world();
    const a = model.ensureEmail("us-east-1", "a@example.org");
    expect(model.viewOf("us-east-1", a).status).toBe("Pending");
    expect(model.verifyEmailAddress("us-east-1", "a@example.org")).toBe(true);
    expect(model.viewOf("us-east-1", a).status).toBe("Success");
    const b = model.ensureEmail("us-east-1", "b@example.org");
    advance(24 * 3600);
    expect(model.viewOf("us-east-1", b).status).toBe("Failed");
    expect(model.verifyEmailAddress("us-east-1", "nobody@example.org")).toBe(false);
  });
});

describe("sending rules", () => {
  const seeded: EmulatorConfigInput = {
    identities: [{ region: "us-east-1", identity: "example.com", status: "Success" }],
  };

  it("rejects an unverified sender with SES's exact message (display name kept, region upper-case)", () => {
    const { model } = world();
    const e = thrown(() => send(model, { from: "Team <team@example.com>" }));
    expect([e.code, e.status]).toEqual(["MessageRejected", 400]);
    expect(e.message).toBe(
      "Email address is not verified. The following identities failed the check in region US-EAST-1: Team <team@example.com>",
    );
  });

  it("sandbox: unverified recipients are listed, the simulator is allowed", () => {
    const { model } = world(seeded);
    expect(send(model, { to: ["bounce@simulator.amazonses.com"] })).toMatch(
      /^[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$/,
    );
    const { model: m2 } = world(seeded);
    const e = thrown(() => send(m2, { to: ["x@gmail.com", "Y <y@gmail.com>"] }));
    expect(e.message).toBe(
      "Email address is not verified. The following identities failed the check in region US-EAST-1: x@gmail.com, Y <y@gmail.com>",
    );
  });

  it("production: any recipient is fine", () => {
    const { model } = world({ ...seeded, regions: { "us-east-1": { sandbox: false } } });
    expect(send(model, { to: ["x@gmail.com"] })).toBeTruthy();
  });

  it("rate: a second message within the same second is throttled; daily quota counts recipients", () => {
    const { model, advance } = world({ ...seeded, regions: { "us-east-1": { max24HourSend: 3 } } });
    send(model, {});
    expect(thrown(() => send(model, {})).message).toBe("Maximum sending rate exceeded.");
    advance(1.5);
    send(model, { to: ["success@simulator.amazonses.com", "ooto@simulator.amazonses.com"] });
    advance(1.5);
    const e = thrown(() => send(model, {}));
    expect([e.code, e.message]).toEqual(["Throttling", "Daily message quota exceeded."]);
    expect(model.sentLast24Hours("us-east-1")).toBe(3);
    advance(24 * 3600);
    expect(model.sentLast24Hours("us-east-1")).toBe(0);
  });

  it("v2 uses its own codes: TooManyRequestsException 429", () => {
    const { model } = world(seeded);
    send(model, {});
    const e = thrown(() => send(model, { api: "v2" }));
    expect([e.code, e.status]).toEqual(["TooManyRequestsException", 429]);
  });

  it("more than 50 recipients is InvalidParameterValue", () => {
    const { model } = world({ ...seeded, regions: { "us-east-1": { sandbox: false } } });
    const to = Array.from({ length: 51 }, (_, i) => `r${i}@example.net`);
    const e = thrown(() => send(model, { to }));
    expect([e.code, e.message]).toEqual(["InvalidParameterValue", "Recipient count exceeds 50."]);
  });

  it("AccessDenied names the From identity's ARN in SES's backtick quoting", () => {
    const { model } = world(seeded);
    const seen: string[] = [];
    const authz: Authorizer = {
      evaluate: (action, resource) => {
        seen.push(`${action} ${resource}`);
        return "implicitDeny";
      },
    };
    const e = thrown(() => send(model, { authz, action: "ses:SendRawEmail" }));
    expect([e.code, e.status]).toEqual(["AccessDenied", 403]);
    expect(e.message).toBe(
      "User `arn:aws:iam::123456789012:user/app' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:us-east-1:123456789012:identity/example.com'",
    );
    expect(seen).toEqual(["ses:SendRawEmail arn:aws:ses:us-east-1:123456789012:identity/example.com"]);
  });

  it("paused sending is AccountSendingPausedException", () => {
    const { model } = world({ ...seeded, regions: { "us-east-1": { sendingEnabled: false } } });
    expect(thrown(() => send(model, {})).code).toBe("AccountSendingPausedException");
  });

  it("bad addresses are InvalidParameterValue with SES's words", () => {
    const { model } = world(seeded);
    expect(thrown(() => send(model, { to: ["nobody"] })).message).toBe("Missing final '@domain'");
  });

  it("records the sent message", () => {
    const { model } = world(seeded);
    const id = send(model, { from: "App <app@example.com>" });
    expect(model.sent()).toMatchObject([
      {
        messageId: id,
        region: "us-east-1",
        from: "App <app@example.com>",
        to: ["success@simulator.amazonses.com"],
        subject: "hi",
      },
    ]);
    model.clearSent();
    expect(model.sent()).toEqual([]);
  });
});
