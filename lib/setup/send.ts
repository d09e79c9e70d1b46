import "server-only";
import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { smtpHost } from "@/lib/regions";
import type { TargetPreset } from "@/lib/env/targets";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { AwsCallError, type AwsWhere, awsErrorOf, withDoor } from "@/lib/aws";
import type { SendOutcome, Via } from "./contract";
import type { SessionSecrets } from "./secrets";

export const SIMULATOR_SUCCESS = "success@simulator.amazonses.com";

export { EmailSchema } from "./contract";
export type { SendOutcome } from "./contract";

const SUBJECT = "Sesame test message";
const BODY =
  "This message was sent by Sesame's setup wizard to prove that your platform's SES credentials, region and domain work.";

/** "…failed the check in region US-EAST-1: a@x.com, B <b@y.com>" → region + the bare addresses. */
export function parseNotVerified(message: string): { region?: string; identities: string[] } | undefined {
  const m = /not verified\. The following identities failed the check in region ([A-Z0-9-]+):\s*(.*)$/s.exec(message);
  if (!m) return undefined;
  const identities = m[2]
    .replace(/\.\.\.$/, "")
    .split(/,\s*/)
    .map((s) => (/<([^>]+)>/.exec(s)?.[1] ?? s).trim().toLowerCase())
    .filter(Boolean);
  return { region: m[1].toLowerCase(), identities };
}

function fromAwsError(via: Via, err: unknown): SendOutcome {
  const e = awsErrorOf(err);
  const nv = parseNotVerified(e.message);
  return {
    via,
    ok: false,
    code: e.code,
    message: e.message,
    unverified: nv?.identities,
    rejectedRegion: nv?.region,
    permission: err instanceof AwsCallError ? err.permission : undefined,
  };
}

/** Send through the SES API generation the platform uses (v1 SendRawEmail for Plunk/SMTP keys, v2 SendEmail otherwise). */
export async function sendViaApi(args: {
  creds: SessionSecrets;
  where: AwsWhere;
  target: TargetPreset;
  from: string;
  to: string;
  /** the configuration set the platform names in every send (docs/events.md); SES rejects a set it does not know */
  configurationSet?: string;
}): Promise<SendOutcome> {
  const { creds, where, target, from, to, configurationSet } = args;
  const set = configurationSet ? { ConfigurationSetName: configurationSet } : {};
  try {
    if (target.sesApi === "v2") {
      const out = await withDoor(creds, where, (door) =>
        door.send(
          "sesv2",
          (sdk) =>
            new sdk.SendEmailCommand({
              FromEmailAddress: from,
              Destination: { ToAddresses: [to] },
              Content: { Simple: { Subject: { Data: SUBJECT }, Body: { Text: { Data: BODY } } } },
              ...set,
            }),
        ),
      );
      return { via: "api", ok: true, messageId: out.MessageId };
    }
    const raw = await composeMime(from, to);
    const out = await withDoor(creds, where, (door) =>
      door.send(
        "ses",
        (sdk) => new sdk.SendRawEmailCommand({ Source: from, Destinations: [to], RawMessage: { Data: raw }, ...set }),
      ),
    );
    return { via: "api", ok: true, messageId: out.MessageId };
  } catch (err) {
    return fromAwsError("api", err);
  }
}

async function composeMime(from: string, to: string): Promise<Uint8Array> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await composer.sendMail({ from, to, subject: SUBJECT, text: BODY });
  return new Uint8Array(info.message as Buffer);
}

export interface SmtpWhere {
  host: string;
  port: number;
  /** an endpoint override (the demo's stand-in) rather than email-smtp.<region>.amazonaws.com */
  custom: boolean;
  /** extra CA to trust (PEM), e.g. the stand-in's self-signed certificate */
  ca?: string;
}

/** SES SMTP endpoint for a region, or the configured override ("host:port"). */
export function smtpWhere(region: string, override?: string, caFile?: string): SmtpWhere {
  if (override) {
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(override.trim());
    if (m) return { host: m[1], port: Number(m[2]), custom: true, ca: caFile ? readCa(caFile) : undefined };
  }
  return { host: smtpHost(region), port: 587, custom: false };
}

function readCa(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Send through SES SMTP with the access key id as user and the SigV4-derived password for `region`. */
export async function sendViaSmtp(args: {
  creds: SessionSecrets;
  region: string;
  smtp: SmtpWhere;
  timeoutMs: number;
  from: string;
  to: string;
  /** sent as the X-SES-CONFIGURATION-SET header, as SMTP apps name their set */
  configurationSet?: string;
}): Promise<SendOutcome> {
  const { creds, region, smtp, timeoutMs, from, to, configurationSet } = args;
  const password = await deriveSmtpPassword(creds.secretAccessKey, region);
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.port === 465 || smtp.port === 2465,
    // SES requires TLS, and so does its stand-in: never send the derived password in clear text
    requireTLS: true,
    auth: { user: creds.accessKeyId, pass: password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // certificates are always verified; the stand-in's self-signed one is trusted through its CA file
    tls: smtp.ca ? { ca: smtp.ca } : undefined,
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({
      from,
      to,
      subject: SUBJECT,
      text: BODY,
      ...(configurationSet ? { headers: { "X-SES-CONFIGURATION-SET": configurationSet } } : {}),
    });
    // SES answers "250 Ok <MessageId>"
    const messageId = /^250\s+Ok\s+(\S+)/i.exec(info.response ?? "")?.[1] ?? info.messageId;
    return { via: "smtp", ok: true, messageId };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
    const message = e.response ?? e.message ?? "SMTP error";
    const nv = parseNotVerified(message);
    return {
      via: "smtp",
      ok: false,
      code: e.responseCode ? String(e.responseCode) : (e.code ?? "SMTP"),
      message,
      unverified: nv?.identities,
      rejectedRegion: nv?.region,
    };
  } finally {
    transport.close();
  }
}
