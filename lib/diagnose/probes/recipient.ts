import type { SendEmailCommandOutput, SendRawEmailCommandOutput } from "@aws-sdk/client-ses";
import type { CallResult } from "@/lib/aws";
import type { RawFinding } from "@/lib/findings/materialize";
import { readVerification } from "../identity-reads";
import { classifySendFailure } from "../send-failure";
import { domainOf } from "../subjects";
import { targetInfo } from "../target-info";
import type { Probe, ProbeContext } from "../types";

/** The mailbox simulator's addresses are accepted in the sandbox without verification (docs/aws-facts.md §3.2). */
export const SIMULATOR_DOMAIN = "simulator.amazonses.com";

type Verification = { verified: boolean; statusHere: string } | undefined;

/**
 * Whether the recipient (or its domain) is a verified identity in the region (v1 and SESv2 at once, readVerification).
 * undefined = neither API answered (denied or unreachable).
 */
async function recipientVerification(ctx: ProbeContext, region: string, names: string[]): Promise<Verification> {
  const { v1, v2 } = await readVerification(ctx, region, names);
  const statuses: string[] = [];
  if (v1.ok) {
    for (const n of names) {
      const st = v1.output.VerificationAttributes?.[n]?.VerificationStatus;
      if (st) statuses.push(st);
    }
  }
  let v2Answered = false;
  for (const r of v2) {
    if (r.ok) {
      v2Answered = true;
      statuses.push(r.output.VerifiedForSendingStatus ? "Success" : (r.output.VerificationStatus ?? "Pending"));
    } else if (r.error.kind === "aws" && r.error.code === "NotFoundException") v2Answered = true;
  }
  if (!v1.ok && !v2Answered) return undefined;
  if (statuses.some((s) => s === "Success" || s === "SUCCESS")) return { verified: true, statusHere: "verified" };
  return { verified: false, statusHere: statuses.length ? statuses[0].toLowerCase() : "not an identity" };
}

function testMessage(from: string, to: string): { subject: string; text: string; mime: string } {
  const subject = "Sesame test message";
  const text = "This message was sent by Sesame's doctor (--send --to) to prove that SES accepts mail from this setup.";
  const mime = `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
  return { subject, text, mime };
}

/**
 * The `--to` recipient. In a sandboxed region a recipient that is not verified (neither the address nor its domain)
 * is named before the first send. With `--send` (not read-only) and a From address, one real test message goes from
 * the From address to the recipient, the way the target sends (SendRawEmail for SMTP/Plunk-style keys, else
 * SendEmail), and SES's answer becomes a finding. Needs the account probe only for the sandbox state.
 */
export const recipientProbe: Probe = {
  id: "recipient",
  label: "Test recipient (--to)",
  needs: ["account"],
  when: (ctx, f) => ctx.aws.hasCredentials && !!f.region && !!ctx.input.to?.trim(),
  async run(ctx, facts) {
    const region = facts.region as string;
    const to = (ctx.input.to as string).trim();
    const toDomain = domainOf(to);
    const findings: RawFinding[] = [];
    const simulator = toDomain === SIMULATOR_DOMAIN;

    if (facts.account?.sandbox === true && !simulator) {
      const names = toDomain ? [to, toDomain] : [to];
      const v = await recipientVerification(ctx, region, names);
      if (v && !v.verified) {
        findings.push({
          code: "account.sandbox-recipient-unverified",
          evidence: { to, toDomain: toDomain ?? "(none)", region, statusHere: v.statusHere },
        });
      }
    }

    const from = ctx.input.from?.trim();
    const blocked = findings.length > 0 || facts.account?.sendingEnabled === false;
    if (ctx.input.readOnly || !from || blocked) return { findings };

    const info = targetInfo(ctx.input.target);
    const raw = info.requiredActions.includes("ses:SendRawEmail");
    const msg = testMessage(from, to);
    const operation = raw ? "SendRawEmail" : "SendEmail";
    const res: CallResult<SendEmailCommandOutput | SendRawEmailCommandOutput> = raw
      ? await ctx.aws.call(
          "ses",
          region,
          operation,
          (sdk) =>
            new sdk.SendRawEmailCommand({
              Source: from,
              Destinations: [to],
              RawMessage: { Data: new TextEncoder().encode(msg.mime) },
            }),
        )
      : await ctx.aws.call(
          "ses",
          region,
          operation,
          (sdk) =>
            new sdk.SendEmailCommand({
              Source: from,
              Destination: { ToAddresses: [to] },
              Message: { Subject: { Data: msg.subject }, Body: { Text: { Data: msg.text } } },
            }),
        );
    const base = { to, from, region, operation };
    if (res.ok) {
      findings.push({ code: "send.test-sent", evidence: { ...base, messageId: res.output.MessageId ?? "(none)" } });
    } else if (res.error.kind === "aws" || res.error.kind === "throttled") {
      const cause = classifySendFailure({ code: res.error.code, message: res.error.message, from, to });
      if (cause === "throttled") {
        findings.push({
          code: "send.throttled",
          evidence: {
            to,
            from,
            region,
            via: operation,
            response: `${res.error.code}: ${res.error.message}`,
            maxSendRate: facts.account?.maxSendRate ?? "?",
          },
        });
      } else {
        findings.push({
          code: "send.test-rejected",
          evidence: {
            ...base,
            errorCode: res.error.code,
            message: res.error.message,
            requestId: res.error.requestId ?? null,
            cause: cause,
            remedy: cause,
          },
        });
      }
    } else {
      findings.push(...ctx.aws.errorFindings(res.error, { service: "ses", region, operation }));
    }
    return { findings };
  },
};
