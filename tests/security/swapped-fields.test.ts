import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";

/**
 * Issue 11 item 2: a secret pasted into a field that is stored and shown (the key id, the IAM user name) is refused
 * with the "swapped" explanation and never reaches wizard.json, the response or a page.
 */

const cookie = { value: "" };
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "sesame_setup" ? { value: cookie.value } : undefined) }),
}));

const KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const dir = mkdtempSync(path.join(tmpdir(), "sesame-swapped-"));
const ORIGIN = "http://127.0.0.1:3101";

function post(url: string, body: unknown): Request {
  return new Request(`${ORIGIN}${url}`, {
    method: "POST",
    headers: {
      host: "127.0.0.1:3101",
      origin: ORIGIN,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
}

function stateText(): string {
  try {
    return readFileSync(path.join(dir, "wizard.json"), "utf8");
  } catch {
    return "";
  }
}

beforeAll(async () => {
  process.env.SESAME_STATE_DIR = dir;
  process.env.SESAME_SETUP_TOKEN = "swapped-test-token-0123456789abcdef";
  const { openSession } = await import("@/lib/setup/session-table");
  cookie.value = openSession().cookie;
  const { updateState } = await import("@/lib/setup/state");
  await updateState((s) => {
    s.target = "plunk";
    s.region = "us-east-1";
    return s;
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMTP_PASSWORD = await deriveSmtpPassword(SECRET, "us-east-1");

describe("manual IAM route", () => {
  const secrets = [SECRET, ` "${SECRET}"\n`, SMTP_PASSWORD];
  for (const [i, pasted] of secrets.entries()) {
    it(`refuses a secret-shaped key id (#${i + 1}) and neither stores nor echoes it`, async () => {
      const { POST } = await import("@/app/api/setup/iam/manual/route");
      const res = await POST(post("/api/setup/iam/manual", { accessKeyId: pasted, secretAccessKey: KEY_ID }));
      const text = await res.text();
      expect(res.status).toBe(422);
      expect(JSON.parse(text).error).toMatch(/swapped/);
      const core = pasted.trim().replace(/^"|"$/g, "");
      expect(text).not.toContain(core.slice(0, 8));
      expect(text).not.toContain(core.slice(-8));
      expect(stateText()).not.toContain(core.slice(0, 8));
      expect(stateText()).not.toContain(core.slice(-8));
    });
  }

  it("refuses a secret as the IAM user name", async () => {
    const { POST } = await import("@/app/api/setup/iam/manual/route");
    const res = await POST(
      post("/api/setup/iam/manual", {
        accessKeyId: KEY_ID,
        secretAccessKey: SECRET,
        userName: SECRET.replace("/", "A"),
      }),
    );
    const text = await res.text();
    expect(res.status).toBe(422);
    expect(text).not.toContain(SECRET.slice(0, 8));
    expect(stateText()).not.toContain(SECRET.slice(0, 8));
  });

  it("accepts the pair the right way round; wizard.json holds the key id, never the secret", async () => {
    const { POST } = await import("@/app/api/setup/iam/manual/route");
    const res = await POST(post("/api/setup/iam/manual", { accessKeyId: KEY_ID, secretAccessKey: SECRET }));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).not.toContain(SECRET.slice(0, 8));
    expect(stateText()).toContain(KEY_ID);
    expect(stateText()).not.toContain(SECRET.slice(0, 8));
  });
});
