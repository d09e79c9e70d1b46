import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSesame, signIn, startSesame } from "./sesame-server";

/**
 * Issue 11 item 13 over HTTP: security headers on every page and API answer (the image's fast path:
 * tests/integration/health-standalone.test.ts compares its headers to Next's), pages with a nonce CSP, API answers
 * with a CSP that allows nothing; the start-up link trades the token for the cookie and redirects to a URL without
 * it. Chromium's view (no CSP violations, pages work): tests/security/headers.spec.ts.
 */
let s: RunningSesame;
beforeAll(async () => {
  s = await startSesame();
}, 90_000);
afterAll(async () => s?.stop());

const COMMON = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function expectCommon(res: Response, what: string) {
  for (const [k, v] of Object.entries(COMMON)) expect(res.headers.get(k), `${what}: ${k}`).toBe(v);
  expect(res.headers.get("permissions-policy"), what).toMatch(/camera=\(\)/);
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  return csp;
}

describe("security headers", () => {
  it("every page: nonce CSP and the common headers", async () => {
    for (const page of [
      "/",
      "/health",
      "/tools",
      "/tools/sigv4",
      "/tools/smtp-password",
      "/setup",
      "/setup/done",
      "/nope",
    ]) {
      const res = await fetch(`${s.url}${page}`);
      const csp = expectCommon(res, page);
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce, page).toBeTruthy();
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // Next put the nonce on its inline scripts
      const html = await res.text();
      if (html.includes("<script")) expect(html, page).toContain(`nonce="${nonce}"`);
    }
    // a fresh nonce per request
    const a = (await fetch(`${s.url}/health`)).headers.get("content-security-policy");
    const b = (await fetch(`${s.url}/health`)).headers.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  it("every API answer, errors included: a CSP that allows nothing", async () => {
    const cookie = await signIn(s);
    const answers = [
      await fetch(`${s.url}/api/health/live`),
      await fetch(`${s.url}/api/health`),
      await fetch(`${s.url}/api/setup/env`),
      await fetch(`${s.url}/api/setup/env`, { headers: { cookie } }),
      await fetch(`${s.url}/api/setup/target`, { method: "POST", headers: { cookie }, body: "not json" }),
      await fetch(`${s.url}/api/tools/sigv4-doctor`, { method: "POST", body: "{}" }),
      await fetch(`${s.url}/api/nope`),
    ];
    for (const res of answers) {
      const csp = expectCommon(res, res.url);
      expect(csp).toMatch(/default-src 'none'/);
    }
  });

  it("the start-up link sets the session and redirects to the same page without the token", async () => {
    const res = await fetch(`${s.url}/setup/target?token=${encodeURIComponent(s.token)}&x=1`, { redirect: "manual" });
    expect(res.status).toBe(303);
    // answered inside the server: a middleware rewrite to another origin was forwarded over HTTP to itself (and
    // echoed that absolute URL back), a second socket that hung up under load
    expect(res.headers.get("x-middleware-rewrite")).toBeNull();
    const location = res.headers.get("location") ?? "";
    expect(new URL(location, s.url).pathname).toBe("/setup/target");
    expect(location).not.toContain(s.token);
    expect(location).toContain("x=1");
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
    expect(cookie).toMatch(/^sesame_setup=/);
    // the cookie opens the wizard
    expect((await fetch(`${s.url}/api/setup/env`, { headers: { cookie } })).status).toBe(409);

    // a wrong token: the same redirect, no cookie; a foreign `next` is not followed
    const wrong = await fetch(`${s.url}/setup?token=wrong-token-for-the-test`, { redirect: "manual" });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const foreign = await fetch(`${s.url}/api/setup/session?token=x&next=//evil.example/`, { redirect: "manual" });
    expect(new URL(foreign.headers.get("location") ?? "", s.url).host).toBe(new URL(s.url).host);
  });
});
