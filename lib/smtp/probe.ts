import "server-only";
import nodemailer from "nodemailer";
import { hasSmtp, smtpHost, smtpRegions } from "@/lib/regions";
import type { RawFindingIn } from "@/lib/findings/catalogue";
import { KEY_ID_RE as KEY_ID, SECRET_RE as IAM_SECRET, smtpPasswordVersion } from "@/lib/credentials";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

/**
 * Logs in to an SES SMTP endpoint the way the platform will, stage by stage (connect → TLS → AUTH), without sending
 * anything. STARTTLS on 25/587/2587, TLS from the first byte on 465/2465 (docs/aws-facts.md §3.1); every stage has
 * the deadline. When AUTH fails, the caller's hints (the IAM secret, the region the password was made for) let us
 * say which of the usual mistakes it is (a key of the catalogue's smtp.auth-failed phrases), without ever putting a
 * secret in the result.
 */
export type SmtpStage = "connect" | "tls" | "auth" | "done";

export interface SmtpProbeInput {
  host: string;
  port: number;
  user: string;
  password: string;
  /** the region the endpoint serves; read from an email-smtp.<region>.amazonaws.com host when absent */
  region?: string;
  timeoutMs: number;
  /** implicit TLS; default: true for 465/2465, STARTTLS otherwise */
  secure?: boolean;
  /** extra trusted CA (the emulator's self-signed certificate) */
  ca?: string;
  /** SNI / certificate name when connecting by address */
  servername?: string;
  hints?: { secretAccessKey?: string; passwordRegion?: string };
}

export type SmtpFinding = RawFindingIn<"smtp">;

export interface SmtpProbeResult {
  ok: boolean;
  /** the stage reached: "done" when login succeeded, otherwise the stage that failed */
  stage: SmtpStage;
  /** SMTP reply code of the failure, when the server answered */
  code?: number;
  /** the server's reply text (SES replies carry no secrets) */
  response?: string;
  findings: SmtpFinding[];
}

const IMPLICIT_TLS_PORTS = new Set([465, 2465]);

export function regionFromSmtpHost(host: string): string | undefined {
  return /^email-smtp(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com\.?$/i.exec(host.trim())?.[1]?.toLowerCase();
}

/** Why SES refused a login, as a key of the catalogue's `smtp.auth-failed` phrases (the wording lives there). */
export type AuthCause =
  | "secret-as-password"
  | "legacy-v2-password"
  | "user-not-access-key-id"
  | "temporary-key"
  | "key-inactive-or-no-permission"
  | "password-for-other-region"
  | "password-not-from-secret"
  | "unknown";

/** The most likely reason SES refused a login, from what we know locally. */
export async function explainAuthFailure(
  input: SmtpProbeInput,
  region: string | undefined,
  response: string,
): Promise<{ likelyCause: AuthCause; passwordRegion?: string }> {
  const { password, user } = input;
  const secret = input.hints?.secretAccessKey;
  if ((secret && password === secret) || (IAM_SECRET.test(password) && smtpPasswordVersion(password) === null))
    return { likelyCause: "secret-as-password" };
  if (smtpPasswordVersion(password) === 2 || /Signature Version 2/i.test(response))
    return { likelyCause: "legacy-v2-password" };
  if (!KEY_ID.test(user.trim())) return { likelyCause: "user-not-access-key-id" };
  if (user.startsWith("ASIA")) return { likelyCause: "temporary-key" };
  if (secret && region) {
    if ((await deriveSmtpPassword(secret, region)) === password)
      return { likelyCause: "key-inactive-or-no-permission" };
    let other: string | undefined;
    for (const r of smtpRegions()) {
      if (r !== region && (await deriveSmtpPassword(secret, r)) === password) {
        other = r;
        break;
      }
    }
    if (other) return { likelyCause: "password-for-other-region", passwordRegion: other };
    return { likelyCause: "password-not-from-secret" };
  }
  if (input.hints?.passwordRegion && region && input.hints.passwordRegion !== region)
    return { likelyCause: "password-for-other-region", passwordRegion: input.hints.passwordRegion };
  return { likelyCause: "unknown" };
}

interface NodemailerError extends Error {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

const TLS_ERROR =
  /certificate|self[- ]signed|CERT_|wrong version number|SSL|TLS|EPROTO|handshake|unable to verify|altname/i;

export async function probeSmtp(input: SmtpProbeInput): Promise<SmtpProbeResult> {
  const region = input.region ?? regionFromSmtpHost(input.host);
  const base = { host: input.host, port: input.port };
  if (region && !hasSmtp(region) && input.host.trim().toLowerCase() === smtpHost(region)) {
    // the host does not exist; connecting would only produce a confusing DNS error
    return { ok: false, stage: "connect", findings: [{ code: "smtp.region-no-smtp", evidence: { region, ...base } }] };
  }
  const secure = input.secure ?? IMPLICIT_TLS_PORTS.has(input.port);
  const timeoutMs = Math.max(100, input.timeoutMs);
  const transport = nodemailer.createTransport({
    host: input.host,
    port: input.port,
    secure,
    requireTLS: !secure,
    auth: { user: input.user, pass: input.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    tls: { ca: input.ca, servername: input.servername, minVersion: "TLSv1.2" },
    logger: false,
  });
  transport.on("error", () => {});

  let guard: NodeJS.Timeout | undefined;
  const overall = new Promise<never>((_, reject) => {
    guard = setTimeout(
      () => reject(Object.assign(new Error("overall deadline"), { code: "ETIMEDOUT", command: "OVERALL" })),
      timeoutMs * 4,
    );
  });
  try {
    await Promise.race([transport.verify(), overall]);
    return { ok: true, stage: "done", findings: [] };
  } catch (raw) {
    const err = raw as NodemailerError;
    const response = err.response?.trim() || undefined;
    const code = err.responseCode;
    const message = err.message ?? String(err);
    if (err.code === "EAUTH" || (code && code >= 500 && /^AUTH/i.test(err.command ?? ""))) {
      const c = await explainAuthFailure(input, region, response ?? message);
      const finding: SmtpFinding = {
        code: "smtp.auth-failed",
        evidence: {
          ...base,
          responseCode: code ?? null,
          response: response ?? message,
          likelyCause: c.likelyCause,
          likelyFix: c.likelyCause,
          passwordRegion: c.passwordRegion ?? null,
          region: region ?? "the endpoint's region",
        },
      };
      return { ok: false, stage: "auth", code, response, findings: [finding] };
    }
    if (err.code === "ETIMEDOUT") {
      // nodemailer tags each error with the command in flight: CONN (connect + greeting), STARTTLS, AUTH …
      const command = (err.command ?? "CONN").toUpperCase();
      const stage: SmtpStage =
        command === "CONN" || command === "OVERALL" ? "connect" : command.includes("TLS") ? "tls" : "auth";
      // a port that expects TLS from the first byte, spoken to in plain text: data for the catalogue, not a sentence
      const implicitTlsPort = !secure && IMPLICIT_TLS_PORTS.has(input.port);
      return {
        ok: false,
        stage,
        findings: [
          {
            code: "smtp.timeout",
            evidence: {
              ...base,
              stage: command === "CONN" ? "connect or greeting" : command.toLowerCase(),
              timeoutMs,
              implicitTlsPort,
            },
          },
        ],
      };
    }
    // a TLS failure, or the server answered but refused before AUTH (e.g. 530 Must issue a STARTTLS command first)
    if (err.code === "ETLS" || TLS_ERROR.test(message) || TLS_ERROR.test(err.code ?? "") || (code && code >= 400)) {
      return {
        ok: false,
        stage: "tls",
        code,
        response,
        findings: [{ code: "smtp.tls-failed", evidence: { ...base, error: response ?? message } }],
      };
    }
    return {
      ok: false,
      stage: "connect",
      // nodemailer wraps socket errors as ESOCKET; the system error (ECONNREFUSED, ENOTFOUND …) says more
      findings: [
        {
          code: "smtp.unreachable",
          evidence: { ...base, error: /\bE[A-Z]{4,}\b/.exec(message)?.[0] ?? err.code ?? message },
        },
      ],
    };
  } finally {
    clearTimeout(guard);
    transport.close();
  }
}
