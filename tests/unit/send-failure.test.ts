import { describe, expect, it } from "vitest";
import { materializeRaw } from "@/lib/findings/materialize";
import { classifySendFailure, sendFailureFinding } from "@/lib/diagnose/send-failure";

const base = { from: "hello@example.com", to: "someone@gmail.com", region: "us-east-1" };

describe("a failed test send is named by its real cause (issue 10 #6)", () => {
  it("SMTP 454 throttling is throttling, not 'verify the recipient'", () => {
    const f = materializeRaw(
      sendFailureFinding({
        ...base,
        via: "SMTP",
        code: "454",
        message: "Throttling failure: Maximum sending rate exceeded.",
      }),
    );
    expect(f.code).toBe("send.throttled");
    expect(`${f.title} ${f.detail} ${f.fix}`).not.toMatch(/verif/i);
    expect(f.fix).toMatch(/^Wait a second and send again/);
  });

  it("the API's Throttling code too", () => {
    expect(classifySendFailure({ ...base, code: "Throttling", message: "Maximum sending rate exceeded." })).toBe(
      "throttled",
    );
  });

  it("an unverified sender: one action about the sender, no word about the recipient", () => {
    const f = materializeRaw(
      sendFailureFinding({
        ...base,
        to: "success@simulator.amazonses.com",
        via: "API",
        code: "MessageRejected",
        message:
          "Email address is not verified. The following identities failed the check in region US-EAST-1: hello@example.com",
      }),
    );
    expect(f.evidence.cause).toBe("sender-unverified");
    expect(`${f.detail} ${f.fix}`).not.toMatch(/recipient/i);
    expect(f.fix).toMatch(/^Verify the domain of hello@example.com in us-east-1/);
  });

  it("an unverified recipient in the sandbox: the recipient, the simulator and production access", () => {
    const f = materializeRaw(
      sendFailureFinding({
        ...base,
        via: "SMTP",
        code: "554",
        message:
          "Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: someone@gmail.com",
      }),
    );
    expect(f.evidence.cause).toBe("recipient-unverified");
    expect(f.fix).toContain("`success@simulator.amazonses.com`");
    expect(f.fix).toContain("request production access for us-east-1");
  });

  it("quota, permissions and paused sending have their own causes", () => {
    expect(classifySendFailure({ ...base, message: "Daily message quota exceeded." })).toBe("quota-exceeded");
    expect(
      classifySendFailure({
        ...base,
        code: "AccessDenied",
        message: "User x is not authorized to perform ses:SendRawEmail",
      }),
    ).toBe("not-authorized");
    expect(classifySendFailure({ ...base, message: "Sending paused for this account." })).toBe("sending-paused");
    expect(classifySendFailure({ ...base, message: "Something else" })).toBe("other");
  });
});
