import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_TTL_MS, adminFor, holdAdmin } from "@/lib/rotate/admin-store";
import { getSecrets, heldSecretsCount, putSecrets, SECRETS_TTL_MS } from "@/lib/setup/secrets";
import { closeAllSessions, closeSession, openSession, validSession } from "@/lib/setup/session-table";

/**
 * Issue 11 item 4: every credential a session holds — the platform key, keys given in the Domain step, a
 * rotation's admin key — is dropped on sign-out and Lock (Reset: tests/security/sessions.test.ts), and expiry is
 * enforced on every read, not only when something new is stored.
 */
const dir = mkdtempSync(path.join(tmpdir(), "sesame-held-"));
const KEY = { accessKeyId: "AKIAEXAMPLEHELD00001", secretAccessKey: "heldEXAMPLEsecret/000000000000000000000" };

beforeAll(() => {
  process.env.SESAME_SETUP_TOKEN = "held-credentials-token-0123456789";
  process.env.SESAME_STATE_DIR = dir;
});
afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sessionWithEverything() {
  const { cookie } = openSession();
  const sid = validSession(cookie) as string;
  putSecrets(sid, KEY);
  putSecrets(`${sid}:domain`, KEY);
  holdAdmin(sid, KEY);
  return { cookie, sid };
}

describe("credentials held for a session", () => {
  it("sign-out drops the platform key, the Domain step's keys and the rotation admin key", () => {
    const a = sessionWithEverything();
    const b = sessionWithEverything();
    closeSession(a.cookie);
    expect(getSecrets(a.sid)).toBeUndefined();
    expect(getSecrets(`${a.sid}:domain`)).toBeUndefined();
    expect(adminFor(a.sid)).toBeUndefined();
    expect(validSession(a.cookie)).toBeNull();
    // another session is not touched
    expect(getSecrets(`${b.sid}:domain`)).toEqual(KEY);
    expect(adminFor(b.sid)).toEqual(KEY);
  });

  it("Lock drops every credential of every session and ends every session", () => {
    const a = sessionWithEverything();
    const b = sessionWithEverything();
    closeAllSessions();
    expect(heldSecretsCount()).toBe(0);
    for (const s of [a, b]) {
      expect(adminFor(s.sid)).toBeUndefined();
      expect(validSession(s.cookie)).toBeNull();
    }
  });

  it("an expired credential is refused on read, without anything else being stored first", () => {
    vi.useFakeTimers({ now: Date.now() });
    const { sid } = sessionWithEverything();
    vi.advanceTimersByTime(ADMIN_TTL_MS + 1);
    expect(adminFor(sid)).toBeUndefined();
    expect(getSecrets(`${sid}:domain`)).toEqual(KEY); // within its own lifetime; reading touches it
    vi.advanceTimersByTime(SECRETS_TTL_MS + 1);
    expect(getSecrets(`${sid}:domain`)).toBeUndefined();
    expect(getSecrets(sid)).toBeUndefined();
  });
});
