import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readConfig } from "@/lib/config";
import { setupTokenProblem } from "./security-settings";

/**
 * The setup token gates every setup route. The browser never keeps the token itself: it trades it once for an
 * httpOnly session cookie `<sid>.<issued>.<hmac(token, sid, issued)>`. The signature only says "issued by this
 * token"; whether the session is still open (idle and absolute lifetime, sign-out) is the session table's call
 * (session-table.ts). See docs/security.md.
 */
export const SESSION_COOKIE = "sesame_setup";

const g = globalThis as typeof globalThis & {
  __sesameGeneratedToken?: string;
  __sesameTokenFailures?: number[];
};

export function setupToken(): string {
  const configured = readConfig().setupToken;
  if (configured) {
    const problem = setupTokenProblem(configured);
    // start-up refuses such a token (scripts/start.ts, instrumentation.ts); this keeps a weak one from ever working
    if (problem) throw new Error(problem);
    return configured;
  }
  // `next dev` without a token: make one up once per process and say where it is (the start script normally sets it).
  if (!g.__sesameGeneratedToken) {
    g.__sesameGeneratedToken = randomBytes(24).toString("base64url");
    console.log(`[sesame] SESAME_SETUP_TOKEN not set; this process's setup token: ${g.__sesameGeneratedToken}`);
  }
  return g.__sesameGeneratedToken;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * A global budget of wrong tokens: once FAILURE_BUDGET wrong tokens arrived within FAILURE_WINDOW_MS, every
 * attempt (the right token too) is refused until the oldest of them leaves the window. Per-client limits do not
 * stop a guesser with many addresses; a global one bounds the guesses per window whatever their origin.
 */
export const FAILURE_BUDGET = 20;
export const FAILURE_WINDOW_MS = 10 * 60 * 1000;

function failures(now: number): number[] {
  g.__sesameTokenFailures = (g.__sesameTokenFailures ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
  return g.__sesameTokenFailures;
}

export type TokenVerdict = { ok: true } | { ok: false; lockedOutForMs?: number };

/** Check a candidate token against the budget; a wrong one is counted and logged (without the guess). */
export function checkToken(candidate: string | null | undefined, from = "unknown client"): TokenVerdict {
  const now = Date.now();
  const recent = failures(now);
  if (recent.length >= FAILURE_BUDGET) {
    return { ok: false, lockedOutForMs: FAILURE_WINDOW_MS - (now - (recent[0] ?? now)) };
  }
  if (candidate && safeEqual(candidate.trim(), setupToken())) return { ok: true };
  recent.push(now);
  console.warn(`[sesame] wrong setup token from ${from} (${recent.length} of ${FAILURE_BUDGET} allowed per 10 min)`);
  return { ok: false };
}

/** For tests: forget counted failures. */
export function resetTokenFailures(): void {
  g.__sesameTokenFailures = [];
}

export function tokenMatches(candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  return safeEqual(candidate.trim(), setupToken());
}

function sign(sid: string, issued: string): string {
  return createHmac("sha256", setupToken()).update(`sesame-session:${sid}:${issued}`).digest("base64url");
}

export function newSessionCookieValue(issuedAt = Date.now()): string {
  const sid = randomBytes(18).toString("base64url");
  const issued = String(issuedAt);
  return `${sid}.${issued}.${sign(sid, issued)}`;
}

/** Session id and issue time from a cookie value, or null when it was not issued by this token. */
export function signedSession(cookieValue: string | null | undefined): { sid: string; issuedAt: number } | null {
  if (!cookieValue) return null;
  const [sid, issued, mac, ...rest] = cookieValue.split(".");
  if (!sid || !issued || !mac || rest.length || !/^\d{1,15}$/.test(issued)) return null;
  return safeEqual(mac, sign(sid, issued)) ? { sid, issuedAt: Number(issued) } : null;
}

/** Session id from a cookie value when its signature holds (the session table decides whether it is still open). */
export function sessionIdFrom(cookieValue: string | null | undefined): string | null {
  return signedSession(cookieValue)?.sid ?? null;
}
