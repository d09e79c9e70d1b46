import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { deriveSmtpPassword } from "@/lib/sigv4/smtp-password";
import { type Exchange, findLeaks, type Secret, secretsFromStandIn, variants } from "../e2e/secret-scan";

/** The e2e secret scan's rules (tests/e2e/secret-scan.ts), without a browser. */

const ORIGIN = "http://127.0.0.1:3100";
const KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const secret: Secret = { name: "platform secret", value: KEY };
const token: Secret = { name: "setup token", value: "e2e-token-0123456789abcdef01234567", setupToken: true };
const bootstrap: Secret = {
  name: "demo bootstrap secret",
  value: "bootEXAMPLEsecret/0000000000+000000000001",
  demoPrefill: true,
};

function x(partial: Partial<Exchange>): Exchange {
  return {
    url: `${ORIGIN}/api/health/live`,
    method: "GET",
    requestBody: "",
    requestHeaders: "{}",
    responseBody: "",
    responseHeaders: "{}",
    test: "t",
    ...partial,
  };
}

describe("findLeaks", () => {
  it("finds a secret raw, URL-, form- and JSON-encoded, and by its first or last 16 characters", () => {
    const bodies = [
      KEY,
      encodeURIComponent(KEY),
      JSON.stringify({ s: KEY }),
      JSON.stringify(KEY).replace(/\//g, "\\/"),
      `…${KEY.slice(0, 16)}…`,
      `…${KEY.slice(-16)}`,
    ];
    for (const body of bodies) {
      expect(findLeaks([x({ responseBody: body })], [secret], ORIGIN), body).toHaveLength(1);
    }
    expect(findLeaks([x({ responseBody: KEY.slice(1, 15) })], [secret], ORIGIN)).toEqual([]);
  });

  it("looks in the response headers and the request URL", () => {
    expect(findLeaks([x({ responseHeaders: JSON.stringify({ "x-k": KEY }) })], [secret], ORIGIN)[0]).toMatch(
      /platform secret in the responseHeaders \(raw\)/,
    );
    const hit = findLeaks([x({ url: `${ORIGIN}/x?k=${encodeURIComponent(KEY)}` })], [secret], ORIGIN);
    expect(hit[0]).toMatch(/in the url \(url-encoded\)/);
  });

  it("lets the operator's entry go to Sesame, never elsewhere", () => {
    const post = { method: "POST", requestBody: JSON.stringify({ secretAccessKey: KEY }) };
    expect(findLeaks([x({ ...post, url: `${ORIGIN}/api/setup/iam` })], [secret], ORIGIN)).toEqual([]);
    expect(findLeaks([x({ ...post, url: "https://collector.example/t" })], [secret], ORIGIN)).toHaveLength(1);
    // a look-alike origin is another origin
    expect(findLeaks([x({ ...post, url: `${ORIGIN}0/t` })], [secret], ORIGIN)).toHaveLength(1);
  });

  it("allows the explicit reveal and download, and only those", () => {
    const reveal = x({
      url: `${ORIGIN}/api/setup/env`,
      method: "POST",
      requestBody: '{"action":"reveal"}',
      responseBody: KEY,
    });
    expect(findLeaks([reveal], [secret], ORIGIN)).toEqual([]);
    expect(findLeaks([{ ...reveal, requestBody: '{"action":"write"}' }], [secret], ORIGIN)).toHaveLength(1);
    expect(findLeaks([x({ url: `${ORIGIN}/api/setup/env/download`, responseBody: KEY })], [secret], ORIGIN)).toEqual(
      [],
    );
  });

  it("allows the demo bootstrap secret in the IAM and Domain pages only, and no other secret there", () => {
    const iam = x({ url: `${ORIGIN}/setup/iam?_rsc=abc`, responseBody: `${bootstrap.value} ${KEY}` });
    const hits = findLeaks([iam], [bootstrap, secret], ORIGIN);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatch(/platform secret/);
    expect(
      findLeaks([x({ url: `${ORIGIN}/setup/env`, responseBody: bootstrap.value })], [bootstrap], ORIGIN),
    ).toHaveLength(1);
  });

  it("does not take 16 characters a fake secret shares with the prefilled one for a leak, but still finds it whole", () => {
    const twin: Secret = { name: "twin", value: `twinEXAMPLE${bootstrap.value.slice(-30)}` };
    expect(twin.value.slice(-16)).toBe(bootstrap.value.slice(-16));
    const page = (body: string) => x({ url: `${ORIGIN}/setup/iam`, responseBody: body });
    expect(findLeaks([page(bootstrap.value)], [bootstrap, twin], ORIGIN)).toEqual([]);
    expect(findLeaks([page(`${bootstrap.value} ${twin.value}`)], [bootstrap, twin], ORIGIN)).toHaveLength(1);
    expect(findLeaks([page(`${bootstrap.value} ${twin.value.slice(0, 16)}`)], [bootstrap, twin], ORIGIN)).toHaveLength(
      1,
    );
  });

  it("allows the setup token in the start-up link's URL, not in any response", () => {
    const link = x({ url: `${ORIGIN}/setup?token=${token.value}` });
    expect(findLeaks([link], [token], ORIGIN)).toEqual([]);
    expect(findLeaks([{ ...link, responseBody: `<a href="?token=${token.value}">` }], [token], ORIGIN)).toHaveLength(1);
    expect(findLeaks([x({ url: `${ORIGIN}/health?token=${token.value}` })], [token], ORIGIN)).toHaveLength(1);
  });
});

describe("secretsFromStandIn", () => {
  it("names each key's secret, session token and SMTP password per region", async () => {
    const list = await secretsFromStandIn(
      [{ userName: "u", accessKeyId: "AKIA1", secretAccessKey: KEY, sessionToken: "FwoGZXIvYXdzEXAMPLEtoken" }],
      ["eu-west-1", "us-east-1"],
    );
    expect(list.map((s) => s.value)).toEqual([
      KEY,
      "FwoGZXIvYXdzEXAMPLEtoken",
      await deriveSmtpPassword(KEY, "eu-west-1"),
      await deriveSmtpPassword(KEY, "us-east-1"),
    ]);
    expect(variants(KEY).map((v) => v.form)).toContain("last 16");
  });
});

describe("every browser spec uses the scanning fixture", () => {
  it("imports test/expect from tests/e2e/fixtures.ts, never from @playwright/test", () => {
    const root = path.join(__dirname, "..");
    const specs = ["e2e", "security"].flatMap((d) =>
      readdirSync(path.join(root, d))
        .filter((f) => f.endsWith(".spec.ts"))
        .map((f) => path.join(root, d, f)),
    );
    expect(specs.length).toBeGreaterThan(10);
    for (const f of specs) {
      const src = readFileSync(f, "utf8");
      expect(src, f).not.toMatch(/from "@playwright\/test"/);
      expect(src, f).toMatch(/from "(\.\/|\.\.\/e2e\/)fixtures"/);
    }
  });
});
