import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { runSigv4Cli } from "@/lib/cli/sigv4";
import { Sha256 } from "@/lib/sigv4";

const AKID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const OTHER = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
const HOST = "email.eu-west-1.amazonaws.com";
const SIGNED_AT = new Date("2026-01-23T10:15:00Z");
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

async function presignedUrl(secret = SECRET, expiresIn = 900): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: AKID, secretAccessKey: secret },
    region: "eu-west-1",
    service: "ses",
    sha256: Sha256,
  });
  const pre = (await signer.presign(
    new HttpRequest({
      method: "GET",
      protocol: "https:",
      hostname: HOST,
      path: "/",
      query: { Action: "GetSendQuota", Version: "2010-12-01" },
      headers: { host: HOST },
    }),
    { signingDate: SIGNED_AT, expiresIn },
  )) as HttpRequest;
  return `https://${HOST}/?${Object.entries(pre.query)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join("&")}`;
}

async function signedPost(secret = SECRET) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: AKID, secretAccessKey: secret },
    region: "eu-west-1",
    service: "ses",
    sha256: Sha256,
  });
  return (await signer.sign(
    new HttpRequest({
      method: "POST",
      protocol: "https:",
      hostname: HOST,
      path: "/",
      headers: { host: HOST, "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetSendQuota&Version=2010-12-01",
    }),
    { signingDate: SIGNED_AT },
  )) as HttpRequest;
}

async function run(
  argv: string[],
  env: Record<string, string | undefined> = {},
  stdin = "",
  files: Record<string, string> = {},
) {
  let out = "";
  let err = "";
  const code = await runSigv4Cli({
    argv,
    env,
    readStdin: () => stdin,
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return files[p];
    },
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
  });
  return { code, out, err };
}

const NOW = ["--now", "2026-01-23T10:16:00Z"];

describe("sigv4 CLI", () => {
  it("--help documents the flags and exits 0", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const flag of [
      "--url",
      "--method",
      "--header",
      "--body",
      "--curl",
      "--secret-env",
      "--secret-stdin",
      "--region",
      "--service",
      "--json",
    ]) {
      expect(r.out).toContain(flag);
    }
  });

  it("a correct presigned URL with the secret from env: exit 0, canonical request and signature shown", async () => {
    const url = await presignedUrl();
    const r = await run([url, "--secret-env", "S", ...NOW], { S: SECRET });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Verdict: OK/);
    expect(r.out).toContain("Canonical request Sesame computes");
    expect(r.out).toContain("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260123%2Feu-west-1%2Fses%2Faws4_request");
    expect(r.out).not.toContain(SECRET);
  });

  it("an expired presigned URL without the secret: exit 1, rule named, --json parses", async () => {
    const url = await presignedUrl();
    const r = await run([url, "--json", "--now", "2026-01-23T11:00:00Z"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(["presign-expired"]);
    // code and evidence beside the worded detail, which the catalogue makes from them
    expect(report.findings[0]).toMatchObject({
      code: "sigv4.presign-expired",
      severity: "error",
      evidence: { case: "structural", amzDate: "20260123T101500Z", now: "20260123T110000Z" },
      detail: expect.stringMatching(/^Signed at 20260123T101500Z for \d+ s: it expired at \d{8}T\d{6}Z/),
    });
  });

  it("--url/--method/--header/--body parts and the secret on stdin; wrong secret → exit 1 with a corrected header", async () => {
    const signed = await signedPost(OTHER);
    const headers = Object.entries(signed.headers).flatMap(([k, v]) => ["--header", `${k}: ${v}`]);
    const r = await run(
      [
        "--url",
        `https://${HOST}/`,
        "--method",
        "POST",
        ...headers,
        "--body",
        signed.body as string,
        "--secret-stdin",
        "--json",
        ...NOW,
      ],
      {},
      `${SECRET}\n`,
    );
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.findings[0].rule).toBe("wrong-secret");
    expect(report.corrected.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260123\/eu-west-1\/ses\/aws4_request/,
    );
    expect(r.out).not.toContain(SECRET);
  });

  it("--curl and --file forms", async () => {
    const signed = await signedPost();
    const h = Object.entries(signed.headers)
      .map(([k, v]) => `-H '${k}: ${v}'`)
      .join(" ");
    const curl = `curl https://${HOST}/ ${h} --data '${signed.body}'`;
    expect((await run(["--curl", curl, "--secret-env", "S", ...NOW], { S: SECRET })).code).toBe(0);
    expect(
      (await run(["--file", "req.txt", "--secret-env", "S", ...NOW], { S: SECRET }, "", { "req.txt": curl })).code,
    ).toBe(0);
    expect((await run(["--file", "-", "--secret-env", "S", ...NOW], { S: SECRET }, curl)).code).toBe(0);
  });

  it("an AWS error body alone is explained", async () => {
    const r = await run([
      "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>Credential should be scoped to a valid region, not 'eu-westt-1'. </Message></Error></ErrorResponse>",
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("[scope-region]");
  });

  it("exit 2 for bad usage and unreadable input", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--bogus"])).code).toBe(2);
    expect((await run(["a", "b"])).code).toBe(2);
    expect((await run(["--header", "x: y", "https://x.example/"])).code).toBe(2);
    expect((await run(["--secret-env", "NOPE", "https://x.example/"])).code).toBe(2);
    expect((await run(["--now", "yesterday-ish", "https://x.example/"])).code).toBe(2);
    const unreadable = await run(["what is this"]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.out).toContain("UNREADABLE");
  });

  it("runs as a real process through tsx", async () => {
    const root = path.resolve(__dirname, "../..");
    const url = await presignedUrl(OTHER);
    const res = await promisify(execFile)(
      "npx",
      ["tsx", "lib/cli/sigv4.ts", url, "--secret-env", "S", "--json", ...NOW],
      {
        cwd: root,
        env: { ...process.env, S: SECRET },
      },
    ).catch((e: { code: number; stdout: string }) => e);
    expect("code" in res ? res.code : 0).toBe(1);
    expect(JSON.parse(res.stdout).findings[0].rule).toBe("wrong-secret");
  });
});
