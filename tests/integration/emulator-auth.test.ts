import { GetUserCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAmzDate } from "@/lib/sigv4";
import {
  ACCOUNT,
  clientConfig,
  FORM,
  form,
  KEYS,
  rawCall,
  startTestEmulator,
  type TestEmulator,
} from "../helpers/emulator";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";
const STS_CALL = { body: form({ Action: "GetCallerIdentity", Version: "2011-06-15" }), headers: FORM };
const SES_QUOTA = { service: "ses", body: form({ Action: "GetSendQuota", Version: "2010-12-01" }), headers: FORM };

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());

async function unsigned(path: string, init: RequestInit = {}) {
  const res = await fetch(`${emu.url}${path}`, { ...init, signal: AbortSignal.timeout(5000) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("missing and malformed signatures", () => {
  it("MissingAuthenticationToken (query protocol), with the AWS envelope and a Date header", async () => {
    const r = await unsigned("/", { method: "POST", headers: FORM, body: STS_CALL.body });
    expect(r.status).toBe(403);
    const id = r.headers.get("x-amzn-requestid");
    expect(r.text).toBe(
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
    );
    expect(r.headers.get("content-type")).toBe("text/xml");
    expect(Math.abs(Date.parse(r.headers.get("date") ?? "") - Date.now())).toBeLessThan(5000);
  });

  it("MissingAuthenticationTokenException on SESv2", async () => {
    const r = await unsigned("/v2/email/account");
    expect(r.status).toBe(403);
    expect(r.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(JSON.parse(r.text)).toEqual({ message: "Request is missing Authentication Token" });
  });

  it("IncompleteSignature 400 for a header without Signature and SignedHeaders", async () => {
    const r = await unsigned("/", {
      method: "POST",
      headers: {
        ...FORM,
        authorization: "AWS4-HMAC-SHA256 Credential=ABCDEF",
        "x-amz-date": formatAmzDate(new Date()),
      },
      body: STS_CALL.body,
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain("<Code>IncompleteSignature</Code>");
    expect(r.text).toContain(
      "<Message>Authorization header requires &apos;Signature&apos; parameter. Authorization header requires &apos;SignedHeaders&apos; parameter. Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF</Message>",
    );
  });

  it("SignatureDoesNotMatch when host is not signed", async () => {
    const r = await rawCall(emu, {
      ...STS_CALL,
      mutate: (req) => {
        req.headers.authorization = req.headers.authorization.replace(
          /SignedHeaders=[^,]*/,
          "SignedHeaders=x-amz-date",
        );
      },
    });
    expect(r).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });
});

describe("time window", () => {
  it("STS: 15 minutes; older is 'Signature expired' with AWS's wording", async () => {
    const signingDate = new Date(Date.now() - 20 * 60_000);
    const r = await rawCall(emu, { ...STS_CALL, signingDate });
    expect(r.status).toBe(403);
    expect(r.code).toBe("SignatureDoesNotMatch");
    expect(r.message).toMatch(
      new RegExp(
        `^Signature expired: ${formatAmzDate(signingDate)} is now earlier than (\\d{8}T\\d{6}Z) \\((\\d{8}T\\d{6}Z) - 15 min\\.\\)$`,
      ),
    );
    const ok = await rawCall(emu, { ...STS_CALL, signingDate: new Date(Date.now() - 10 * 60_000) });
    expect(ok.status).toBe(200);
  });

  it("SES: 5 minutes", async () => {
    const r = await rawCall(emu, { ...SES_QUOTA, signingDate: new Date(Date.now() - 6 * 60_000) });
    expect(r.status).toBe(403);
    expect(r.message).toMatch(
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
  });

  it("future requests are 'not yet current'", async () => {
    const signingDate = new Date(Date.now() + 20 * 60_000);
    const r = await rawCall(emu, { ...STS_CALL, signingDate });
    expect(r.status).toBe(403);
    expect(r.message).toMatch(
      new RegExp(
        `^Signature not yet current: ${formatAmzDate(signingDate)} is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)$`,
      ),
    );
  });
});

describe("credential scope", () => {
  it("IAM accepts only us-east-1 (trailing space kept)", async () => {
    const r = await rawCall(emu, {
      service: "iam",
      region: "eu-west-1",
      body: form({ Action: "GetUser", Version: "2010-05-08" }),
      headers: FORM,
    });
    expect(r).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    });
    expect(r.text).toContain('xmlns="https://iam.amazonaws.com/doc/2010-05-08/"');
  });

  it("SES rejects a region without SES", async () => {
    const r = await rawCall(emu, { ...SES_QUOTA, region: "mars-east-1" });
    expect(r).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "Credential should be scoped to a valid region, not 'mars-east-1'. ",
    });
  });

  it("wrong scope service: query and SESv2", async () => {
    const q = await rawCall(emu, { ...STS_CALL, service: "s3" });
    expect(q).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
    const v2 = await rawCall(emu, { method: "GET", path: "/v2/email/account", service: "iam" });
    expect(v2).toMatchObject({
      status: 403,
      code: "InvalidSignatureException",
      message: "Credential should be scoped to correct service: 'ses'. ",
    });
  });

  it("SES accepts both 'ses' and 'email' as the scope service", async () => {
    expect((await rawCall(emu, { ...SES_QUOTA, service: "email", credentials: KEYS.reader })).status).toBe(200);
    expect((await rawCall(emu, { ...SES_QUOTA, service: "ses", credentials: KEYS.reader })).status).toBe(200);
  });

  it("every wrong scope piece is named in one message", async () => {
    const r = await rawCall(emu, {
      ...STS_CALL,
      mutate: (req) => {
        req.headers.authorization = req.headers.authorization.replace(
          /\/(\d{8})\/us-east-1\/sts\/aws4_request/,
          "/$1/nowhere-1/s3/aws5_request",
        );
      },
    });
    expect(r).toMatchObject({
      status: 403,
      code: "SignatureDoesNotMatch",
      message:
        "Credential should be scoped to a valid region, not 'nowhere-1'. Credential should be scoped to correct service: 'sts'. Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
    });
  });

  it("both a presigned query and an Authorization header is refused", async () => {
    const r = await rawCall(emu, { ...STS_CALL, query: [["X-Amz-Algorithm", "AWS4-HMAC-SHA256"]] });
    expect(r).toMatchObject({
      status: 400,
      code: "SignatureDoesNotMatch",
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });

  it("scope date must match the request date", async () => {
    const r = await rawCall(emu, {
      ...STS_CALL,
      mutate: (req) => {
        req.headers.authorization = req.headers.authorization.replace(/\/\d{8}\//, "/20200101/");
      },
    });
    expect(r.status).toBe(403);
    expect(r.message).toMatch(
      /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20200101' != '\d{8}', from '\d{8}T\d{6}Z'\.$/,
    );
  });
});

describe("keys and tokens", () => {
  const cases: Array<
    [string, { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, string, string]
  > = [
    [
      "unknown key",
      { accessKeyId: "AKIAEXAMPLEUNKNOWN01", secretAccessKey: "x".repeat(40) },
      "InvalidClientTokenId",
      INVALID_TOKEN,
    ],
    ["inactive key", KEYS.inactive, "InvalidClientTokenId", INVALID_TOKEN],
    [
      "ASIA without token",
      { accessKeyId: KEYS.session.accessKeyId, secretAccessKey: KEYS.session.secretAccessKey },
      "InvalidClientTokenId",
      INVALID_TOKEN,
    ],
    [
      "ASIA with a wrong token",
      { ...KEYS.session, sessionToken: "EXAMPLEwrong" },
      "InvalidClientTokenId",
      INVALID_TOKEN,
    ],
    ["expired session token", KEYS.expired, "ExpiredToken", "The security token included in the request is expired"],
    [
      "wrong secret",
      { ...KEYS.admin, secretAccessKey: `${KEYS.admin.secretAccessKey.slice(0, 39)}X` },
      "SignatureDoesNotMatch",
      MISMATCH,
    ],
  ];
  for (const [name, credentials, code, message] of cases) {
    it(`${name} → ${code}`, async () => {
      const r = await rawCall(emu, { ...STS_CALL, credentials });
      expect(r).toMatchObject({ status: 403, code, message });
    });
  }

  it("ASIA with its token works; SDK clients see the same codes", async () => {
    const ok = await new STSClient(clientConfig(emu, KEYS.session)).send(new GetCallerIdentityCommand({}));
    expect(ok.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/temp`);
    const bad = new STSClient(clientConfig(emu, { ...KEYS.admin, secretAccessKey: "y".repeat(40) }));
    await expect(bad.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: MISMATCH,
      $metadata: { httpStatusCode: 403 },
    });
    const unknown = new IAMClient(
      clientConfig(emu, { accessKeyId: "AKIAEXAMPLEUNKNOWN02", secretAccessKey: "z".repeat(40) }),
    );
    await expect(unknown.send(new GetUserCommand({}))).rejects.toMatchObject({
      name: "InvalidClientTokenId",
      message: INVALID_TOKEN,
    });
  });

  it("a body changed after signing fails the signature", async () => {
    const r = await rawCall(emu, {
      ...STS_CALL,
      mutate: (req) => {
        req.body = `${req.body}&Extra=1`;
      },
    });
    expect(r).toMatchObject({ status: 403, code: "SignatureDoesNotMatch", message: MISMATCH });
  });

  it("SESv2 uses the JSON codes", async () => {
    const unknown = await rawCall(emu, {
      method: "GET",
      path: "/v2/email/account",
      service: "ses",
      credentials: { accessKeyId: "AKIAEXAMPLEUNKNOWN03", secretAccessKey: "q".repeat(40) },
    });
    expect(unknown).toMatchObject({ status: 403, code: "UnrecognizedClientException", message: INVALID_TOKEN });
    expect(JSON.parse(unknown.text)).toEqual({ message: INVALID_TOKEN });
    const badSig = await rawCall(emu, {
      method: "GET",
      path: "/v2/email/account",
      service: "ses",
      credentials: { ...KEYS.reader, secretAccessKey: "w".repeat(40) },
    });
    expect(badSig).toMatchObject({ status: 403, code: "InvalidSignatureException", message: MISMATCH });
    const expired = await rawCall(emu, {
      method: "GET",
      path: "/v2/email/account",
      service: "ses",
      credentials: KEYS.expired,
    });
    expect(expired).toMatchObject({ status: 403, code: "ExpiredTokenException" });
  });
});

describe("authorization", () => {
  const arn = (user: string) => `arn:aws:iam::${ACCOUNT}:user/${user}`;

  it("IAM: the modern AccessDenied text (implicit deny)", async () => {
    const r = await rawCall(emu, {
      service: "iam",
      credentials: KEYS.reader,
      body: form({ Action: "CreateUser", Version: "2010-05-08", UserName: "x" }),
      headers: FORM,
    });
    expect(r).toMatchObject({
      status: 403,
      code: "AccessDenied",
      message: `User: ${arn("reader")} is not authorized to perform: iam:CreateUser on resource: ${arn("x")} because no identity-based policy allows the iam:CreateUser action`,
    });
  });

  it("IAM: explicit Deny beats AdministratorAccess", async () => {
    const iam = new IAMClient(clientConfig(emu, KEYS.denied));
    await expect(iam.send(new GetUserCommand({}))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${arn("denied")} is not authorized to perform: iam:GetUser on resource: ${arn("denied")} with an explicit deny in an identity-based policy`,
    });
  });

  it("SES v1 non-send actions: the short text without a resource", async () => {
    const r = await rawCall(emu, {
      service: "ses",
      credentials: KEYS.sender,
      body: form({ Action: "GetSendQuota", Version: "2010-12-01" }),
      headers: FORM,
    });
    expect(r).toMatchObject({
      status: 403,
      code: "AccessDenied",
      message: `User: ${arn("sender")} is not authorized to perform: ses:GetSendQuota`,
    });
    expect(r.text).toContain('xmlns="http://ses.amazonaws.com/doc/2010-12-01/"');
  });

  it("SESv2: AccessDeniedException; read-only policy allows GetAccount", async () => {
    const denied = await rawCall(emu, {
      method: "POST",
      path: "/v2/email/identities",
      service: "ses",
      credentials: KEYS.reader,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ EmailIdentity: "example.com" }),
    });
    expect(denied).toMatchObject({
      status: 403,
      code: "AccessDeniedException",
      // CreateEmailIdentity's resource type is the identity (IAM service authorization reference for SES)
      message: `User: ${arn("reader")} is not authorized to perform: ses:CreateEmailIdentity on resource: arn:aws:ses:us-east-1:${ACCOUNT}:identity/example.com because no identity-based policy allows the ses:CreateEmailIdentity action`,
    });
    const ok = await rawCall(emu, {
      method: "GET",
      path: "/v2/email/account",
      service: "ses",
      credentials: KEYS.reader,
    });
    expect(ok.status).toBe(200);
  });
});
