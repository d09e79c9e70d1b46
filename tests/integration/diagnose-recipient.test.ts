import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { codes, diagnose, finding, keyOf, loadScenario, resetTo, sentMail, startScenario } from "./diagnose-harness";

/**
 * The --to recipient: flagged before the first send when the region is sandboxed and it is not verified; with
 * --send (readOnly false) one real test message goes to it and SES's answer is reported.
 * Scenario "account": us-east-1 sandboxed with example.com verified, us-west-2 in production.
 */

let em: RunningEmulator;
beforeAll(async () => {
  em = await startScenario("account");
});
afterAll(async () => {
  await em?.close();
});

describe("sandbox recipient check (read-only)", () => {
  for (const [user, target] of [
    ["usesend", "usesend"],
    ["plunk-sender", "plunk"],
  ] as const) {
    it(`an unverified recipient in a sandboxed region is an error before any send (${target} policy)`, async () => {
      await resetTo(em, "account");
      const r = await diagnose(em, { ...keyOf("account", user), target, to: "someone@gmail.com" });
      const f = finding(r, "account.sandbox-recipient-unverified");
      expect(f.severity).toBe("error");
      expect(f.evidence).toMatchObject({ to: "someone@gmail.com", toDomain: "gmail.com", region: "us-east-1" });
      expect(f.title).toContain("someone@gmail.com");
      expect(f.fix).toContain("Verify someone@gmail.com in us-east-1");
      expect(f.fix).toContain("request production access for us-east-1");
      expect(r.status).toBe("fail");
      // the sandbox itself comes first: it is the cause
      expect(codes(r).indexOf("account.sandbox")).toBeLessThan(
        codes(r).indexOf("account.sandbox-recipient-unverified"),
      );
      expect(await sentMail(em)).toEqual([]);
    });
  }

  it("a recipient covered by a verified domain, the mailbox simulator, or a production region: no finding", async () => {
    await resetTo(em, "account");
    const key = keyOf("account", "usesend");
    const covered = await diagnose(em, { ...key, target: "usesend", to: "team@example.com" });
    expect(codes(covered)).toContain("account.sandbox");
    expect(codes(covered)).not.toContain("account.sandbox-recipient-unverified");
    const simulator = await diagnose(em, { ...key, target: "usesend", to: "success@simulator.amazonses.com" });
    expect(codes(simulator)).not.toContain("account.sandbox-recipient-unverified");
    const production = await diagnose(em, { ...key, target: "usesend", region: "us-west-2", to: "someone@gmail.com" });
    expect(codes(production)).not.toContain("account.sandbox");
    expect(codes(production)).not.toContain("account.sandbox-recipient-unverified");
  });

  it("a recipient identity that is still pending is named as such; once verified the finding goes away", async () => {
    const withRecipient = async (status: "Pending" | "Success") => {
      const cfg = loadScenario("account");
      cfg.identities = [...(cfg.identities ?? []), { region: "us-east-1", identity: "ops@partner.org", status }];
      const res = await fetch(`${em.url}/_emulator/reset`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(cfg),
        signal: AbortSignal.timeout(5000),
      });
      expect(res.ok).toBe(true);
      return diagnose(em, { ...keyOf("account", "plunk-sender"), to: "ops@partner.org" });
    };
    const pending = await withRecipient("Pending");
    expect(finding(pending, "account.sandbox-recipient-unverified").evidence.statusHere).toBe("pending");
    const verified = await withRecipient("Success");
    expect(codes(verified)).toContain("account.sandbox");
    expect(codes(verified)).not.toContain("account.sandbox-recipient-unverified");
    const none = await diagnose(em, { ...keyOf("account", "plunk-sender"), to: "other@partner.org" });
    expect(finding(none, "account.sandbox-recipient-unverified").evidence.statusHere).toBe("not an identity");
  });
});

describe("test send with --send", () => {
  it("sends one message from --from to --to and reports SES's message id", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, {
      ...keyOf("account", "usesend"),
      target: "usesend",
      region: "us-west-2",
      from: "hello@example.com",
      to: "someone@gmail.com",
      readOnly: false,
    });
    expect(JSON.stringify(r)).not.toContain(keyOf("account", "usesend").secretAccessKey);
    const f = finding(r, "send.test-sent");
    expect(f.severity).toBe("info");
    expect(String(f.evidence.messageId)).not.toBe("(none)");
    expect(f.fix).toContain("Check the inbox of someone@gmail.com");
    const sent = (await sentMail(em)).filter((m) => m.to.includes("someone@gmail.com"));
    expect(sent).toHaveLength(1);
    expect(sent[0].from).toContain("hello@example.com");
  });

  it("an unverified From address: SES's refusal is the finding, with its message", async () => {
    await resetTo(em, "account");
    const r = await diagnose(em, {
      ...keyOf("account", "usesend"),
      target: "usesend",
      region: "us-west-2",
      from: "hello@unverified.example.org",
      to: "someone@gmail.com",
      readOnly: false,
    });
    const f = finding(r, "send.test-rejected");
    expect(f.evidence.errorCode).toBe("MessageRejected");
    expect(String(f.evidence.message)).toContain("Email address is not verified");
    // the sender is the problem: one action about the sender, no advice about the recipient (issue 10 #6)
    expect(f.evidence.cause).toBe("sender-unverified");
    expect(f.fix).toMatch(/^Verify the domain of hello@unverified.example.org in us-west-2/);
    expect(`${f.detail} ${f.fix}`).not.toMatch(/recipient/i);
    expect(await sentMail(em)).toEqual([]);
  });

  it("no test send in read-only mode, nor when the sandbox would refuse the recipient", async () => {
    await resetTo(em, "account");
    const key = keyOf("account", "usesend");
    const readOnly = await diagnose(em, {
      ...key,
      target: "usesend",
      region: "us-west-2",
      from: "hello@example.com",
      to: "someone@gmail.com",
    });
    expect(codes(readOnly)).not.toContain("send.test-sent");
    const sandboxed = await diagnose(em, {
      ...key,
      target: "usesend",
      from: "hello@example.com",
      to: "someone@gmail.com",
      readOnly: false,
    });
    expect(codes(sandboxed)).toContain("account.sandbox-recipient-unverified");
    expect(codes(sandboxed)).not.toContain("send.test-sent");
    expect((await sentMail(em)).filter((m) => m.to.includes("someone@gmail.com"))).toEqual([]);
  });
});
