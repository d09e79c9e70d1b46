import "server-only";

/**
 * Secrets entered in the wizard live only here: process memory, keyed by session id, never on disk, never sent back.
 * Kept on globalThis because Next may load this module once per route bundle.
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

const TTL_MS = 12 * 60 * 60 * 1000;
const g = globalThis as typeof globalThis & { __sesameSecrets?: Map<string, Entry> };
if (!g.__sesameSecrets) g.__sesameSecrets = new Map<string, Entry>();
const store = g.__sesameSecrets;

function sweep(now: number) {
  for (const [k, v] of store) if (now - v.touched > TTL_MS) store.delete(k);
}

export function putSecrets(sid: string, secrets: SessionSecrets): void {
  const now = Date.now();
  sweep(now);
  store.set(sid, { secrets, touched: now });
}

export function getSecrets(sid: string): SessionSecrets | undefined {
  const e = store.get(sid);
  if (!e) return undefined;
  e.touched = Date.now();
  return e.secrets;
}

export function dropSecrets(sid: string): void {
  store.delete(sid);
}
