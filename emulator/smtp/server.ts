import { timingSafeEqual } from "node:crypto";
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from "smtp-server";
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from "../../lib/sigv4/smtp-password";
import { type Authorizer, AwsError, type Principal } from "../core/types";
import type { FaultOutcome } from "../faults";
import type { SesEngine } from "../services/ses/index";
import { SMTP_TLS_CERT, SMTP_TLS_KEY } from "./cert";

export interface SmtpServerOptions {
  host: string;
  port: number;
  /**
   * how the listener speaks TLS, like SES's own ports (docs/emulator.md): "starttls" (25/587/2587: plain greeting,
   * STARTTLS before AUTH) or "implicit" (465/2465: TLS from the first byte). Default "starttls".
   */
  tls?: "starttls" | "implicit";
  /**
   * the region this listener plays (email-smtp.<region>.amazonaws.com): passwords and identities are per region.
   * Read when a client connects, so a reset to a config with another smtp.region takes effect for new connections.
   */
  region(): string;
  ses: SesEngine;
  lookupAccessKey(
    id: string,
    request: { region: string; sourceIp?: string },
  ): { principal: Principal; secret: string; active: boolean; authz: Authorizer } | undefined;
  /** injected latency, applied before the greeting */
  latencyMs(): number;
  /** the injected fault for one message (decided when its DATA ends, like one API call) */
  nextFault(): FaultOutcome;
}

/** SES's text for a version-2 SMTP password (sent on one line). */
export const V2_DEPRECATED =
  "Signature Version 2 is deprecated for use with SES from March 26, 2021. From that date on, we are progressively rejecting such requests. To resolve the issue, you must migrate to Signature Version 4. If you created your SMTP credentials in the SES Console, please create new credentials and replace the former ones. If you are deriving Signature Version 2 credentials from a IAM user, please start using the Signature Version 4 algorithm: https://docs.aws.amazon.com/ses/latest/DeveloperGuide/smtp-credentials.html";
const CREDENTIALS_INVALID = "Authentication Credentials Invalid";
/** SES accepts messages up to 10 MB over SMTP */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

interface SmtpUser {
  accessKeyId: string;
  region: string;
  principal: Principal;
  authz: Authorizer;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** SES's SMTP replies for the API errors a send can raise (docs/emulator.md "SMTP interface"). */
export function smtpReplyFor(e: unknown): Error {
  if (!(e instanceof AwsError)) return smtpError(451, "Temporary service failure");
  switch (e.code) {
    case "MessageRejected":
      return smtpError(554, `Message rejected: ${e.message}`);
    case "Throttling":
      return smtpError(454, `Throttling failure: ${e.message}`);
    case "AccessDenied":
      return smtpError(554, `Access denied: ${e.message}`);
    default:
      return e.status >= 500
        ? smtpError(451, "Temporary service failure")
        : smtpError(554, `Transaction failed: ${e.message}`);
  }
}

/**
 * The SES SMTP interface: TLS (STARTTLS, or implicit on a TLS listener) required before AUTH, access key id + region-derived SMTP password, then every
 * message goes through the same SendRawEmail rules as the API, in the listener's region.
 */
export async function startSmtpServer(o: SmtpServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  // At AUTH time the message is unknown: conditions on its keys (ses:FromAddress, …) count as satisfiable here and
  // are enforced for real when the message is sent.
  const allowedToSend = (authz: Authorizer, region: string): boolean =>
    ["*", ...o.ses.identityArns(region)].some(
      (resource) => authz.evaluate("ses:SendRawEmail", resource, {}, "possible") === "allowed",
    );
  /** the region each session plays, fixed when it connects */
  const sessionRegion = new Map<string, string>();

  const server = new SMTPServer({
    name: `email-smtp.${o.region()}.amazonaws.com`,
    banner: "ESMTP SimpleEmailService (Sesame emulator)",
    key: SMTP_TLS_KEY,
    cert: SMTP_TLS_CERT,
    secure: o.tls === "implicit",
    authMethods: ["PLAIN", "LOGIN"],
    // smtp-server would answer 538 itself; SES says 530, so the TLS check lives in onAuth
    allowInsecureAuth: true,
    authOptional: false,
    authRequiredMessage: "Authentication required",
    size: MAX_MESSAGE_BYTES,
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 300,
    socketTimeout: 60_000,
    onClose(session) {
      sessionRegion.delete(session.id);
    },
    onConnect(session, callback) {
      sessionRegion.set(session.id, o.region());
      const delay = Math.max(0, o.latencyMs());
      if (delay === 0) return callback();
      setTimeout(() => callback(), delay);
    },
    onAuth(auth: SMTPServerAuthentication, session: SMTPServerSession, callback) {
      if (!session.secure) return callback(smtpError(530, "Must issue a STARTTLS command first"));
      const username = auth.username ?? "";
      const password = auth.password ?? "";
      const region = sessionRegion.get(session.id) ?? o.region();
      const entry = o.lookupAccessKey(username, { region, sourceIp: session.remoteAddress });
      // temporary (ASIA) keys cannot make SMTP passwords: SES rejects them like any unknown credential
      if (!entry) return callback(smtpError(535, CREDENTIALS_INVALID));
      if (!entry.active || username.startsWith("ASIA")) return callback(smtpError(535, CREDENTIALS_INVALID));
      const secret = entry.secret;
      void Promise.all([deriveSmtpPassword(secret, region), deriveLegacySmtpPasswordV2(secret)]).then(
        ([current, legacy]) => {
          if (sameText(password, current)) {
            if (!allowedToSend(entry.authz, region)) return callback(smtpError(535, CREDENTIALS_INVALID));
            const user: SmtpUser = { accessKeyId: username, region, principal: entry.principal, authz: entry.authz };
            return callback(null, { user });
          }
          if (sameText(password, legacy)) return callback(smtpError(535, V2_DEPRECATED));
          return callback(smtpError(535, CREDENTIALS_INVALID));
        },
        () => callback(smtpError(454, "Temporary authentication failure")),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", () => callback(smtpError(451, "Temporary service failure")));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(smtpError(552, "Transaction failed: Message length exceeds 10485760 bytes."));
        }
        const user = session.user as unknown as SmtpUser | undefined;
        if (!user) return callback(smtpError(530, "Authentication required"));
        // Faults hit a message like they hit an API call: dropped connection, SES's SMTP throttle, a 5xx.
        const fault = o.nextFault();
        if (fault.kind === "drop") {
          for (const c of server.connections) if (c.session.id === session.id) c._socket.destroy();
          return;
        }
        if (fault.kind === "throttle")
          return callback(smtpError(454, "Throttling failure: Maximum sending rate exceeded."));
        if (fault.kind === "error") return callback(smtpError(451, "Temporary service failure"));
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        o.ses
          .sendRaw({
            region: user.region,
            principal: user.principal,
            authz: user.authz,
            raw: Buffer.concat(chunks),
            envelopeFrom,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          })
          .then(({ messageId }) => callback(null, `Ok ${messageId}`))
          .catch((e: unknown) => callback(smtpReplyFor(e)));
      });
    },
  });
  server.on("error", () => {});
  // the greeting names the host of the region played now (a reset may change it); read per connection
  Object.defineProperty(server.options, "name", {
    get: () => `email-smtp.${o.region()}.amazonaws.com`,
    configurable: true,
  });

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once("error", onError);
    server.listen(o.port, o.host, () => {
      server.server.off("error", onError);
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : o.port);
    });
  });

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
