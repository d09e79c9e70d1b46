import "server-only";
import nodemailer from "nodemailer";
import { type PortResult, PortResultSchema, SES_SMTP_PORTS, type SmtpTls } from "./port-advice";

/**
 * The SMTP port matrix: SES's SMTP endpoint listens on 25, 587 and 2587 (plain greeting, then STARTTLS) and on 465 and
 * 2465 (TLS from the first byte) — docs/health.md, "Connectivity". Hosting providers often drop outbound 25 (and
 * sometimes 465/587); an app whose TLS setting does not match its port hangs or fails the handshake. This tries every
 * port at once, each in the mode it expects and without logging in, and says which work from this host.
 */

export interface PortMatrixInput {
  /** email-smtp.<region>.amazonaws.com */
  host: string;
  /** per-port deadline (connect, greeting and TLS each), ms */
  timeoutMs: number;
  /** extra CA to trust (the stand-in's self-signed certificate) */
  ca?: string;
  /**
   * where each SES port is really served, when not at host:port — the demo's stand-in plays 465 on some free port.
   * Ports missing here are dialled at host:port.
   */
  dial?: Record<number, { host: string; port: number }>;
  signal?: AbortSignal;
}

interface NodemailerError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

const TLS_ERROR =
  /certificate|self[- ]signed|CERT_|wrong version number|SSL|TLS|EPROTO|handshake|unable to verify|altname/i;

/** nodemailer's timeoutType → the stage that did not finish (a socket idle timeout names none). */
const TIMEOUT_PHASES: Record<string, PortResult["stage"]> = {
  CONNECT_TIMEOUT: "connect",
  GREETING_TIMEOUT: "greeting",
  UPGRADE_TIMEOUT: "tls",
};

/** Connect → greeting → EHLO → STARTTLS (or the TLS handshake first, on implicit ports); no AUTH, nothing sent. */
export async function probePort(
  target: { host: string; port: number; servername?: string },
  tls: SmtpTls,
  timeoutMs: number,
  ca?: string,
): Promise<Omit<PortResult, "port" | "tls">> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  const deadline = Math.max(100, timeoutMs);
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: tls === "implicit",
    requireTLS: tls === "starttls",
    connectionTimeout: deadline,
    greetingTimeout: deadline,
    // the idle-socket timer must not beat the phase timers: its plain "Timeout" does not say which phase hung
    socketTimeout: deadline * 2,
    dnsTimeout: deadline,
    tls: { ca, servername: target.servername, minVersion: "TLSv1.2" },
    logger: false,
  });
  transport.on("error", () => {});
  let guard: NodeJS.Timeout | undefined;
  const overall = new Promise<never>((_, reject) => {
    guard = setTimeout(
      () => reject(Object.assign(new Error("no answer within the deadline"), { code: "ETIMEDOUT" })),
      deadline * 3,
    );
  });
  try {
    await Promise.race([transport.verify(), overall]);
    return { outcome: "reachable", stage: "done", ms: ms() };
  } catch (raw) {
    const err = raw as NodemailerError;
    const message = err.message ?? String(err);
    if (err.code === "ETIMEDOUT") {
      // nodemailer names the phase that timed out (timeoutType); the message is the fallback
      const phase = (err as NodemailerError & { timeoutType?: string }).timeoutType;
      const stage: PortResult["stage"] =
        (phase && TIMEOUT_PHASES[phase]) ||
        (/greeting/i.test(message) ? "greeting" : /connection timeout/i.test(message) ? "connect" : "tls");
      const detail =
        stage === "connect"
          ? "no TCP answer: outbound traffic to this port is dropped on the way (common on cloud hosts for 25)"
          : stage === "greeting"
            ? tls === "starttls"
              ? "connected, but no SMTP greeting came: something on the path swallows the session, or the port expects TLS from the first byte"
              : "connected, but no greeting after the TLS handshake"
            : "the TLS upgrade did not finish in time";
      return { outcome: "timeout", stage, ms: ms(), detail };
    }
    if (/ECONNREFUSED/.test(message) || err.code === "ECONNREFUSED") {
      return { outcome: "refused", stage: "connect", ms: ms(), detail: "connection refused: nothing listens there" };
    }
    if (err.code === "ETLS" || TLS_ERROR.test(message)) {
      return { outcome: "tls-failed", stage: "tls", ms: ms(), detail: err.response?.trim() || message };
    }
    if (err.responseCode && err.responseCode >= 400) {
      return { outcome: "tls-failed", stage: "tls", ms: ms(), detail: err.response?.trim() || message };
    }
    return { outcome: "error", stage: "connect", ms: ms(), detail: /\bE[A-Z]{4,}\b/.exec(message)?.[0] ?? message };
  } finally {
    clearTimeout(guard);
    transport.close();
  }
}

/** Every SES SMTP port at once; the slowest port bounds the run (about 3 × timeoutMs at worst). */
export async function probeSmtpPorts(input: PortMatrixInput): Promise<PortResult[]> {
  return Promise.all(
    SES_SMTP_PORTS.map(async ({ port, tls }) => {
      const where = input.dial?.[port];
      const target = where
        ? { host: where.host, port: where.port, servername: input.host }
        : { host: input.host, port, servername: undefined };
      const r = await probePort(target, tls, input.timeoutMs, input.ca);
      return PortResultSchema.parse({ port, tls, ...r });
    }),
  );
}

/**
 * "587=127.0.0.1:40587,465=127.0.0.1:40465": where the demo's stand-in plays each SES port (SESAME_SMTP_PORT_MAP).
 * Returns undefined for an empty or malformed map (a malformed entry is not guessed around).
 */
export function parsePortMap(text: string | undefined): Record<number, { host: string; port: number }> | undefined {
  if (!text?.trim()) return undefined;
  const out: Record<number, { host: string; port: number }> = {};
  for (const part of text.split(",")) {
    const m = /^\s*(\d{1,5})\s*=\s*\[?([^\]\s]+?)\]?:(\d{1,5})\s*$/.exec(part);
    if (!m) return undefined;
    out[Number(m[1])] = { host: m[2], port: Number(m[3]) };
  }
  return out;
}
