import "server-only";
import type { SessionSecrets } from "@/lib/setup/secrets";

/**
 * Admin credentials entered for a rotation: process memory only, per setup session, for 30 minutes after last use
 * (checked on every read). Never written to disk, never returned to the browser (the page only learns whether some
 * are held). Sign-out, Lock, Reset and session expiry drop them (lib/setup/secrets.ts forgetSession).
 */
export const ADMIN_TTL_MS = 30 * 60 * 1000;
const g = globalThis as typeof globalThis & {
  __sesameRotateAdmin?: Map<string, { creds: SessionSecrets; touched: number }>;
};
if (!g.__sesameRotateAdmin) g.__sesameRotateAdmin = new Map();
const store = g.__sesameRotateAdmin;

function sweep(now: number) {
  for (const [k, v] of store) if (now - v.touched > ADMIN_TTL_MS) store.delete(k);
}

export function holdAdmin(sid: string, creds: SessionSecrets): void {
  sweep(Date.now());
  store.set(sid, { creds, touched: Date.now() });
}

export function adminFor(sid: string): SessionSecrets | undefined {
  const now = Date.now();
  sweep(now);
  const e = store.get(sid);
  if (e) e.touched = now;
  return e?.creds;
}

export function forgetAdmin(sid: string): void {
  store.delete(sid);
}

export function forgetAllAdmins(): void {
  store.clear();
}
