import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readConfig } from "@/lib/config";

/**
 * The setup token gates every setup route. The browser never keeps the token itself: it trades it once for an
 * httpOnly session cookie `<sid>.<hmac(token, sid)>`, so a restart keeps the operator signed in (the HMAC still
 * verifies) while the in-memory secrets of that session are gone.
 */
export const SESSION_COOKIE = "sesame_setup";

const g = globalThis as typeof globalThis & { __sesameGeneratedToken?: string };

export function setupToken(): string {
  const configured = readConfig().setupToken;
  if (configured) return configured;
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

export function tokenMatches(candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  return safeEqual(candidate.trim(), setupToken());
}

function sign(sid: string): string {
  return createHmac("sha256", setupToken()).update(`sesame-session:${sid}`).digest("base64url");
}

export function newSessionCookieValue(): string {
  const sid = randomBytes(18).toString("base64url");
  return `${sid}.${sign(sid)}`;
}

/** Session id from a cookie value, or null when it was not issued by this token. */
export function sessionIdFrom(cookieValue: string | null | undefined): string | null {
  if (!cookieValue) return null;
  const [sid, mac] = cookieValue.split(".");
  if (!sid || !mac) return null;
  return safeEqual(mac, sign(sid)) ? sid : null;
}
