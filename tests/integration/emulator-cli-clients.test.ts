import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * The emulator is an AWS endpoint for other clients too: curl's own SigV4 signer (--aws-sigv4) and awscli
 * (--endpoint-url). Each tool is skipped cleanly when the machine lacks it (awscli is not on CI).
 */

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: 30_000, encoding: "utf8" }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function available(cmd: string, args: string[], pattern: RegExp): Promise<boolean> {
  const r = await run(cmd, args);
  return r.code === 0 && pattern.test(`${r.stdout}${r.stderr}`);
}

// --aws-sigv4 arrived in curl 7.75
const curlVersion = await run("curl", ["--version"]);
const curlMatch = /^curl (\d+)\.(\d+)/.exec(curlVersion.stdout);
const hasCurl = curlVersion.code === 0 && !!curlMatch && (Number(curlMatch[1]) > 7 || Number(curlMatch[2]) >= 75);
const hasAws = await available("aws", ["--version"], /aws-cli\//);

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());

const WRONG_SECRET = "wrongEXAMPLEsecret/000000000000000000000+";

/** curl signing with its own SigV4 implementation; prints the body, then the status on the last line. */
async function curl(
  region: string,
  service: string,
  urlPath: string,
  opts: { data?: string; json?: boolean; secret?: string; key?: string } = {},
) {
  const args = [
    "-sS",
    "--max-time",
    "20",
    "--aws-sigv4",
    `aws:amz:${region}:${service}`,
    "--user",
    `${opts.key ?? KEYS.admin.accessKeyId}:${opts.secret ?? KEYS.admin.secretAccessKey}`,
    "-w",
    "\n%{http_code}",
  ];
  if (opts.json) args.push("-H", "content-type: application/json");
  if (opts.data !== undefined) args.push("--data-binary", opts.data);
  args.push(`${emu.url}${urlPath}`);
  const r = await run("curl", args);
  expect(r.code, r.stderr).toBe(0);
  const nl = r.stdout.lastIndexOf("\n");
  return { status: Number(r.stdout.slice(nl + 1)), body: r.stdout.slice(0, nl) };
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe.skipIf(!hasCurl)("curl --aws-sigv4", () => {
  it("STS GetCallerIdentity (POST form)", async () => {
    const r = await curl("us-east-1", "sts", "/", { data: "Action=GetCallerIdentity&Version=2011-06-15" });
    expect(r.status).toBe(200);
    expect(tag(r.body, "Arn")).toBe(`arn:aws:iam::${ACCOUNT}:user/admin`);
    expect(tag(r.body, "Account")).toBe(ACCOUNT);
  });

  it("SES GetSendQuota, as a POST form and as a GET with the query in canonical order", async () => {
    const post = await curl("us-east-1", "ses", "/", { data: "Action=GetSendQuota&Version=2010-12-01" });
    expect(post.status).toBe(200);
    expect(tag(post.body, "Max24HourSend")).toBe("200.0");
    const get = await curl("eu-west-1", "ses", "/?Action=GetSendQuota&Version=2010-12-01");
    expect(get.status).toBe(200);
    expect(tag(get.body, "Max24HourSend")).toBe("50000.0");
  });

  it("SESv2 GetAccount (REST JSON)", async () => {
    const r = await curl("eu-west-1", "ses", "/v2/email/account");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ProductionAccessEnabled: true, SendQuota: { MaxSendRate: 14 } });
  });

  it("a wrong secret is SignatureDoesNotMatch 403; an unknown key InvalidClientTokenId 403", async () => {
    const bad = await curl("us-east-1", "ses", "/", {
      data: "Action=GetSendQuota&Version=2010-12-01",
      secret: WRONG_SECRET,
    });
    expect(bad.status).toBe(403);
    expect(tag(bad.body, "Code")).toBe("SignatureDoesNotMatch");
    expect(tag(bad.body, "Message")).toBe(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
    const unknown = await curl("us-east-1", "sts", "/", {
      data: "Action=GetCallerIdentity&Version=2011-06-15",
      key: "AKIAEXAMPLEUNKNOWN01",
    });
    expect(unknown.status).toBe(403);
    expect(tag(unknown.body, "Code")).toBe("InvalidClientTokenId");
    expect(tag(unknown.body, "Message")).toBe("The security token included in the request is invalid.");
  });
});

describe.skipIf(!hasAws)("awscli --endpoint-url", () => {
  const home = mkdtempSync(path.join(tmpdir(), "sesame-awscli-"));
  const env = (secret: string = KEYS.admin.secretAccessKey): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: KEYS.admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: secret,
      // no profile or config of the machine may leak in
      AWS_CONFIG_FILE: path.join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_MAX_ATTEMPTS: "1",
      AWS_RETRY_MODE: "standard",
    };
    for (const k of ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION"]) {
      delete e[k];
    }
    return e;
  };
  const aws = (args: string[], secret?: string) =>
    run("aws", ["--endpoint-url", emu.url, "--output", "json", ...args], env(secret));

  it("sts get-caller-identity, ses get-send-quota, sesv2 get-account", async () => {
    const who = await aws(["--region", "us-east-1", "sts", "get-caller-identity"]);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/admin` });
    const quota = await aws(["--region", "us-east-1", "ses", "get-send-quota"]);
    expect(quota.code, quota.stderr).toBe(0);
    expect(JSON.parse(quota.stdout)).toMatchObject({ Max24HourSend: 200, MaxSendRate: 1 });
    const account = await aws(["--region", "eu-west-1", "sesv2", "get-account"]);
    expect(account.code, account.stderr).toBe(0);
    expect(JSON.parse(account.stdout)).toMatchObject({ ProductionAccessEnabled: true });
  });

  it("botocore's signing of an encoded REST path: sesv2 create/get-email-identity with '+' and '@'", async () => {
    const created = await aws([
      "--region",
      "eu-west-1",
      "sesv2",
      "create-email-identity",
      "--email-identity",
      "news+cli@example.com",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const got = await aws([
      "--region",
      "eu-west-1",
      "sesv2",
      "get-email-identity",
      "--email-identity",
      "news+cli@example.com",
    ]);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ IdentityType: "EMAIL_ADDRESS", VerifiedForSendingStatus: false });
    const missing = await aws([
      "--region",
      "eu-west-1",
      "sesv2",
      "get-email-identity",
      "--email-identity",
      "nobody@example.com",
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(
      /An error occurred \(NotFoundException\) when calling the GetEmailIdentity operation( \(reached max retries: \d+\))?: Email identity nobody@example\.com does not exist\./,
    );
  });

  it("a wrong secret: SignatureDoesNotMatch reported by awscli", async () => {
    const r = await aws(["--region", "us-east-1", "sts", "get-caller-identity"], WRONG_SECRET);
    expect(r.code).not.toBe(0);
    // awscli may add "(reached max retries: N)" after the operation name
    expect(r.stderr).toMatch(
      /An error occurred \(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation( \(reached max retries: \d+\))?: The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\./,
    );
  });
});
