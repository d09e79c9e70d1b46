import type { RawFinding } from "@/lib/findings/catalogue";

/**
 * Why SES refused a send, from its answer (API error code and message, or SMTP reply), as data: the catalogue's
 * `send.test-rejected` phrases and `send.throttled` word it. Shared by the doctor's test send and the wizard's.
 * SES's messages are quoted in docs/doctor.md ("Test sends").
 */
export type SendRejection =
  | "throttled"
  | "sender-unverified"
  | "recipient-unverified"
  | "not-authorized"
  | "sending-paused"
  | "quota-exceeded"
  | "other";

function mentions(list: string, address: string): boolean {
  const a = address.trim().toLowerCase();
  const domain = a.slice(a.lastIndexOf("@") + 1);
  return list
    .toLowerCase()
    .split(/[\s,]+/)
    .some((x) => x === a || x === domain);
}

export function classifySendFailure(answer: {
  code?: string;
  message: string;
  from: string;
  to: string;
}): SendRejection {
  const text = `${answer.code ?? ""} ${answer.message}`;
  if (/Maximum sending rate exceeded|\bThrottl/i.test(text)) return "throttled";
  if (/Daily message quota exceeded/i.test(text)) return "quota-exceeded";
  if (/not authorized to perform|AccessDenied/i.test(text)) return "not-authorized";
  if (/sending (is )?paused|Account.*paused/i.test(text)) return "sending-paused";
  if (/not verified/i.test(text)) {
    // "Email address is not verified. The following identities failed the check in region X: a@b, c@d"
    const failed = answer.message.split(/failed the check[^:]*:/i)[1] ?? "";
    if (failed && mentions(failed, answer.from)) return "sender-unverified";
    if (failed && mentions(failed, answer.to)) return "recipient-unverified";
    return "sender-unverified";
  }
  return "other";
}

/** The catalogue's finding for a failed test send (the wizard's API or SMTP send, or the doctor's). */
export function sendFailureFinding(send: {
  via: string;
  code?: string;
  message: string;
  from: string;
  to: string;
  region: string;
  maxSendRate?: number;
}): RawFinding {
  const cause = classifySendFailure(send);
  if (cause === "throttled")
    return {
      code: "send.throttled",
      evidence: {
        to: send.to,
        from: send.from,
        region: send.region,
        via: send.via,
        response: `${send.code ?? ""} ${send.message}`.trim(),
        maxSendRate: send.maxSendRate ?? "?",
      },
    };
  return {
    code: "send.test-rejected",
    evidence: {
      to: send.to,
      from: send.from,
      region: send.region,
      operation: send.via,
      errorCode: send.code ?? "?",
      message: send.message,
      requestId: null,
      cause,
      remedy: cause,
    },
  };
}
