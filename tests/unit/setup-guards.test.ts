import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossOriginReason } from "@/lib/setup/http";
import { parseNotVerified } from "@/lib/setup/send";
import { loadState, updateState } from "@/lib/setup/state";
import { newSessionCookieValue, sessionIdFrom, tokenMatches } from "@/lib/setup/token";

const dir = mkdtempSync(path.join(tmpdir(), "sesame-setup-unit-"));
beforeAll(() => {
  process.env.SESAME_SETUP_TOKEN = "unit-test-token-0123456789";
  process.env.SESAME_STATE_DIR = dir;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const req = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3000/api/setup/target", { method: "POST", headers });

describe("same-origin guard", () => {
  it("accepts same-origin requests and requests without browser headers", () => {
    expect(
      crossOriginReason(
        req({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }),
      ),
    ).toBeNull();
    expect(crossOriginReason(req({ host: "127.0.0.1:3000" }))).toBeNull();
  });
  it("rejects another origin, a cross-site fetch and a malformed Origin", () => {
    expect(crossOriginReason(req({ host: "127.0.0.1:3000", origin: "http://evil.test" }))).toMatch(/does not match/);
    expect(crossOriginReason(req({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossOriginReason(req({ host: "127.0.0.1:3000", origin: "::nope" }))).toMatch(/malformed/);
  });
});

describe("setup token and session cookie", () => {
  it("checks the token exactly", () => {
    expect(tokenMatches("unit-test-token-0123456789")).toBe(true);
    expect(tokenMatches("unit-test-token-012345678")).toBe(false);
    expect(tokenMatches("")).toBe(false);
  });
  it("accepts only cookies it signed", () => {
    const v = newSessionCookieValue();
    expect(sessionIdFrom(v)).toBe(v.split(".")[0]);
    expect(sessionIdFrom(`${v.split(".")[0]}.forged`)).toBeNull();
    expect(sessionIdFrom("no-dot")).toBeNull();
    process.env.SESAME_SETUP_TOKEN = "another-token-0123456789";
    expect(sessionIdFrom(v)).toBeNull(); // a new token signs everyone out
    process.env.SESAME_SETUP_TOKEN = "unit-test-token-0123456789";
  });
});

describe("SES rejection text", () => {
  it("extracts region and bare addresses", () => {
    const m =
      "Email address is not verified. The following identities failed the check in region US-EAST-1: a@x.com, B <b@y.com>";
    expect(parseNotVerified(m)).toEqual({ region: "us-east-1", identities: ["a@x.com", "b@y.com"] });
    expect(parseNotVerified("Daily message quota exceeded.")).toBeUndefined();
  });
});

describe("wizard state", () => {
  it("round-trips through the state dir, serialising concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateState((s) => {
          s.sends = [
            ...s.sends,
            { via: "api", from: "a@x.com", to: `t${i}@x.com`, ok: true, at: "2026-01-01T00:00:00Z" },
          ];
          return s;
        }),
      ),
    );
    const s = await loadState();
    expect(s.sends).toHaveLength(10);
    expect(JSON.parse(readFileSync(path.join(dir, "wizard.json"), "utf8")).sends).toHaveLength(10);
  });
});
