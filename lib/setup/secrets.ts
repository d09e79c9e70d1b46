import "server-only";
import { forgetAdmin, forgetAllAdmins } from "@/lib/rotate/admin-store";

/**
 * Secrets entered in the wizard live only here: process memory, keyed by session id (`<sid>` for the platform key,
 * `<sid>:domain` for identity-management keys given in the Domain step), never on disk, never sent back.
 * Kept on globalThis because Next may load this module once per route bundle. Expiry is checked on every read, and
 * sign-out, Lock, Reset and an expired session drop every credential of the session (docs/security.md).
 */
export interface SessionSecrets {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface Entry {
  secrets: SessionSecrets;
  touched: number;
}

export const SECRETS_TTL_MS = 12 * 60 * 60 * 1000;
const g = globalThis as typeof globalThis & { __sesameSecrets?: Map<string, Entry> };
if (!g.__sesameSecrets) g.__sesameSecrets = new Map<string, Entry>();
const store = g.__sesameSecrets;

function sweep(now: number) {
  for (const [k, v] of store) if (now - v.touched > SECRETS_TTL_MS) store.delete(k);
}

export function putSecrets(key: string, secrets: SessionSecrets): void {
  const now = Date.now();
  sweep(now);
  store.set(key, { secrets, touched: now });
}

export function getSecrets(key: string): SessionSecrets | undefined {
  const now = Date.now();
  const e = store.get(key);
  if (!e) return undefined;
  if (now - e.touched > SECRETS_TTL_MS) {
    store.delete(key);
    return undefined;
  }
  e.touched = now;
  return e.secrets;
}

export function dropSecrets(key: string): void {
  store.delete(key);
}

/** Every credential held for one session: the platform key, the Domain step's keys, a rotation's admin key. */
export function forgetSession(sid: string): void {
  for (const k of [...store.keys()]) if (k === sid || k.startsWith(`${sid}:`)) store.delete(k);
  forgetAdmin(sid);
}

/** Every credential of every session (Lock). */
export function forgetAllSessions(): void {
  store.clear();
  forgetAllAdmins();
}

/** How many credentials are held (tests). */
export function heldSecretsCount(): number {
  return store.size;
}
