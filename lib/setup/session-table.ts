import "server-only";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readConfig } from "@/lib/config";
import { sessionLifetimes } from "./security-settings";
import { forgetAllSessions, forgetSession } from "./secrets";
import { newSessionCookieValue, signedSession } from "./token";

/**
 * The table of open setup sessions, `sessions.json` in the state directory (mode 0600). A cookie counts only while
 * its session is in the table and within its idle and absolute lifetimes; sign-out and Lock delete the entry, so a
 * replayed cookie is refused even though its signature still holds. The table holds a hash of each session id and
 * two times — no secret, and nothing an attacker could turn into a cookie. It survives a restart (the operator stays
 * signed in; the in-memory keys do not) but not a sign-out, a Lock, or an expiry. See docs/security.md#sessions.
 */
const RowSchema = z.object({ issuedAt: z.number(), seenAt: z.number() });
const TableSchema = z.record(z.string(), RowSchema);
type Table = z.infer<typeof TableSchema>;

/** seenAt is written to disk at most this often per session (idle checks use the in-memory value). */
const PERSIST_SEEN_MS = 30_000;

const g = globalThis as typeof globalThis & { __sesameSessions?: { file: string; table: Table; persisted: Table } };

function tableFile(): string {
  return path.join(readConfig().stateDir, "sessions.json");
}

function load(): { file: string; table: Table; persisted: Table } {
  const file = tableFile();
  if (g.__sesameSessions?.file === file) return g.__sesameSessions;
  let table: Table = {};
  try {
    const parsed = TableSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) table = parsed.data;
  } catch {
    // no table yet (or an unreadable one): nobody is signed in
  }
  g.__sesameSessions = { file, table, persisted: structuredClone(table) };
  return g.__sesameSessions;
}

function save(): void {
  const s = load();
  mkdirSync(path.dirname(s.file), { recursive: true, mode: 0o700 });
  const tmp = `${s.file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(s.table)}\n`, { mode: 0o600 });
  renameSync(tmp, s.file);
  s.persisted = structuredClone(s.table);
}

const key = (sid: string) => createHash("sha256").update(sid).digest("base64url");

const lifetimes = () => sessionLifetimes();

/** Open a session after the right token: returns the cookie value and its max age in seconds. */
export function openSession(now = Date.now()): { cookie: string; maxAgeSeconds: number } {
  const cookie = newSessionCookieValue(now);
  const signed = signedSession(cookie);
  if (!signed) throw new Error("a fresh session cookie did not verify");
  const s = load();
  expireOld(s.table, now);
  s.table[key(signed.sid)] = { issuedAt: now, seenAt: now };
  save();
  return { cookie, maxAgeSeconds: Math.floor(lifetimes().maxMs / 1000) };
}

function expireOld(table: Table, now: number): void {
  const { idleMs, maxMs } = lifetimes();
  for (const [k, row] of Object.entries(table)) {
    if (now - row.issuedAt >= maxMs || now - row.seenAt >= idleMs) delete table[k];
  }
}

/**
 * The session id a cookie stands for, when it is signed by this token, still in the table and within both
 * lifetimes; touches its idle clock. An expired session is removed and its credentials dropped.
 */
export function validSession(cookieValue: string | null | undefined, now = Date.now()): string | null {
  const signed = signedSession(cookieValue);
  if (!signed) return null;
  const s = load();
  const k = key(signed.sid);
  const row = s.table[k];
  if (!row || row.issuedAt !== signed.issuedAt) return null;
  const { idleMs, maxMs } = lifetimes();
  if (now - row.issuedAt >= maxMs || now - row.seenAt >= idleMs) {
    delete s.table[k];
    forgetSession(signed.sid);
    save();
    return null;
  }
  row.seenAt = now;
  if (now - (s.persisted[k]?.seenAt ?? 0) >= PERSIST_SEEN_MS) save();
  return signed.sid;
}

/** Sign-out: the cookie is revoked and every credential of the session dropped. */
export function closeSession(cookieValue: string | null | undefined): void {
  const signed = signedSession(cookieValue);
  if (!signed) return;
  const s = load();
  delete s.table[key(signed.sid)];
  forgetSession(signed.sid);
  save();
}

/** Lock: every session ends and every held credential is dropped. */
export function closeAllSessions(): void {
  const s = load();
  s.table = {};
  forgetAllSessions();
  save();
}
