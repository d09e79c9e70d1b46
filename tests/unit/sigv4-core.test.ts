import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalQuery,
  canonicalUri,
  parseAuth,
  type RawRequest,
  Sha256,
  scopeOf,
  sha256Hex,
  uriEncode,
  verifyRequest,
} from "@/lib/sigv4";

// AWS SigV4 test suite credentials (docs/aws-facts.md §2.9)
const SUITE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

function suiteRequest(
  method: string,
  headers: Record<string, string>,
  signedHeaders: string,
  signature: string,
  body = "",
) {
  return {
    method,
    rawPath: "/",
    rawQuery: "",
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  } satisfies RawRequest;
}

describe("AWS SigV4 suite vectors", () => {
  it("get-vanilla", async () => {
    const req = suiteRequest(
      "GET",
      { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" },
      "host;x-amz-date",
      "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    const parsed = parseAuth(req);
    if (!parsed.ok) throw new Error(parsed.message);
    const { canonicalRequest } = await buildCanonicalRequest(Sha256, req, parsed.auth);
    expect(canonicalRequest).toBe(
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    const sts = await buildStringToSign(Sha256, "20150830T123600Z", scopeOf(parsed.auth), canonicalRequest);
    expect(sts.split("\n")[3]).toBe("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    const result = await verifyRequest(req, parsed.auth, SUITE.secretAccessKey);
    expect(result.expected).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    expect(result.ok).toBe(true);
  });

  it("post-x-www-form-urlencoded", async () => {
    const req = suiteRequest(
      "POST",
      {
        "content-type": "application/x-www-form-urlencoded",
        host: "example.amazonaws.com",
        "x-amz-date": "20150830T123600Z",
      },
      "content-type;host;x-amz-date",
      "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
      "Param1=value1",
    );
    const parsed = parseAuth(req);
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await verifyRequest(req, parsed.auth, SUITE.secretAccessKey);
    expect(result.expected).toBe("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    expect(result.ok).toBe(true);
    expect((await verifyRequest(req, parsed.auth, `${SUITE.secretAccessKey.slice(0, -1)}X`)).ok).toBe(false);
  });
});

describe("canonical pieces", () => {
  it("double-encodes the path and normalises dot and empty segments", () => {
    expect(canonicalUri("/v2/email/identities/user%40example.com")).toBe("/v2/email/identities/user%2540example.com");
    expect(canonicalUri("/a%20b//c/./d/../e/")).toBe("/a%2520b/c/e/");
    expect(canonicalUri("")).toBe("/");
    expect(canonicalUri("/")).toBe("/");
  });

  it("sorts the query by encoded name then value and re-encodes values fully", () => {
    expect(canonicalQuery("b=2&a=%2B%2F%3D~*&A=x&a=1")).toBe("A=x&a=%2B%2F%3D~%2A&a=1&b=2");
    expect(canonicalQuery("flag&X-Amz-Signature=abc", { exclude: ["X-Amz-Signature"] })).toBe("flag=");
    // '+' is taken literally, never as a space
    expect(canonicalQuery("q=a+b")).toBe("q=a%2Bb");
    expect(canonicalQuery("q=a%20b")).toBe("q=a%20b");
    expect(canonicalQuery("bad=%zz")).toBe("bad=%25zz");
  });

  it("encodes like AWS UriEncode", () => {
    expect(uriEncode("a b!'()*~._-/")).toBe("a%20b%21%27%28%29%2A~._-%2F");
    expect(uriEncode("é")).toBe("%C3%A9");
  });
});

describe("parseAuth", () => {
  const base = { method: "GET", rawPath: "/", rawQuery: "", body: "" };
  it("reports a missing authentication token", () => {
    expect(parseAuth({ ...base, headers: {} })).toEqual({
      ok: false,
      code: "MissingAuthenticationToken",
      message: "Request is missing Authentication Token",
    });
  });
  it("uses AWS's IncompleteSignature texts", () => {
    const r1 = parseAuth({
      ...base,
      headers: { authorization: "AWS4-HMAC-SHA256 Credential=ABCDEF", "x-amz-date": "20150830T123600Z" },
    });
    expect(r1).toEqual({
      ok: false,
      code: "IncompleteSignature",
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=ABCDEF",
    });
    const r2 = parseAuth({ ...base, headers: { authorization: "AWS4-HMAC-SHA256 Credential=a/b/c, foo" } });
    expect(r2.ok || r2.message).toBe(
      "'foo' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=a/b/c, foo'.",
    );
    const r3 = parseAuth({
      ...base,
      headers: {
        authorization: "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam, SignedHeaders=host, Signature=00",
        "x-amz-date": "20150830T123600Z",
      },
    });
    expect(r3.ok || r3.message).toBe(
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20150830/us-east-1/iam'",
    );
    const r4 = parseAuth({ ...base, headers: { authorization: "AWS4-HMAC-SHA1 Credential=x" } });
    expect(r4.ok || r4.message).toBe("Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). ");
    const r6 = parseAuth({ ...base, headers: { authorization: "Bearer abc" } });
    expect(r6).toMatchObject({ ok: false, code: "MissingAuthenticationToken" });
    const r7 = parseAuth({
      ...base,
      headers: {},
      rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20150830T123600Z",
    });
    expect(r7.ok || r7.message).toBe(
      "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    );
    const r5 = parseAuth({
      ...base,
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host, Signature=00` },
    });
    expect(r5.ok || r5.message).toBe(
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host, Signature=00`,
    );
  });
  it("derives the request time from the Date header when X-Amz-Date is absent", () => {
    const r = parseAuth({
      ...base,
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=date;host,Signature=00`,
        date: "Sun, 30 Aug 2015 12:36:00 GMT",
      },
    });
    expect(r.ok && r.auth.amzDate).toBe("20150830T123600Z");
    expect(r.ok && r.auth.signedHeaders).toEqual(["date", "host"]);
  });
});

// Requests signed by the SDK's own signer must verify from their wire form.
const signer = (service = "ses", region = "us-east-1") =>
  new SignatureV4({ credentials: SUITE, region, service, sha256: Sha256 });

/** The wire form of a smithy request; query pairs in the order given (deliberately not sorted). */
function toRaw(req: HttpRequest, queryOrder?: string[]): RawRequest {
  const names = queryOrder ?? Object.keys(req.query);
  const rawQuery = names
    .flatMap((name) => {
      const v = req.query[name];
      const values = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
      return values.map((value) => `${uriEncode(name)}=${uriEncode(value)}`);
    })
    .join("&");
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  return { method: req.method, rawPath: req.path, rawQuery, headers, body: (req.body as string | undefined) ?? "" };
}

const when = new Date("2026-01-02T03:04:05Z");

describe("round trip with @smithy/signature-v4", () => {
  it("header form: encoded path, awkward query values, unsorted wire order", async () => {
    const req = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4566,
      path: "/v2/email/identities/user%40example.com/a%20b",
      query: { zeta: "1", alpha: "a+b/c=d~e*f g", Mixed: "x" },
      headers: { host: "127.0.0.1:4566", "content-type": "application/json" },
      body: '{"EmailIdentity":"user@example.com"}',
    });
    const signed = (await signer().sign(req, { signingDate: when })) as HttpRequest;
    const raw = toRaw(signed, ["zeta", "alpha", "Mixed"]);
    expect(raw.rawQuery.startsWith("zeta=1&alpha=")).toBe(true);
    const parsed = parseAuth(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.auth).toMatchObject({
      form: "header",
      accessKeyId: "AKIDEXAMPLE",
      region: "us-east-1",
      service: "ses",
    });
    const good = await verifyRequest(raw, parsed.auth, SUITE.secretAccessKey);
    expect(good.ok).toBe(true);
    expect(good.expected).toBe(parsed.auth.signature);
  });

  it("presigned form verifies and excludes X-Amz-Signature from the canonical query", async () => {
    const req = new HttpRequest({
      method: "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4566,
      path: "/",
      query: { Action: "GetSendQuota", Version: "2010-12-01", note: "hello world" },
      headers: { host: "127.0.0.1:4566" },
    });
    const presigned = (await signer().presign(req, { signingDate: when, expiresIn: 300 })) as HttpRequest;
    const order = Object.keys(presigned.query).reverse();
    const raw = toRaw(presigned, order);
    const parsed = parseAuth(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.auth).toMatchObject({ form: "query", expires: 300, amzDate: "20260102T030405Z" });
    const result = await verifyRequest(raw, parsed.auth, SUITE.secretAccessKey);
    expect(result.canonicalRequest).not.toContain("X-Amz-Signature");
    expect(result.ok).toBe(true);
  });

  it("any one-byte change breaks the signature", async () => {
    const req = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 4566,
      path: "/a%40b",
      query: { q: "v w" },
      headers: { host: "127.0.0.1:4566", "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetSendQuota&Version=2010-12-01",
    });
    const raw = toRaw((await signer().sign(req, { signingDate: when })) as HttpRequest);
    const parsed = parseAuth(raw);
    if (!parsed.ok) throw new Error(parsed.message);
    expect((await verifyRequest(raw, parsed.auth, SUITE.secretAccessKey)).ok).toBe(true);
    const flip = (s: string, i = 1) => s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.slice(i + 1);
    const variants: RawRequest[] = [
      { ...raw, body: flip(raw.body as string, 3) },
      { ...raw, rawPath: flip(raw.rawPath, 1) },
      { ...raw, rawQuery: flip(raw.rawQuery, 2) },
      { ...raw, method: "PUT" },
      { ...raw, headers: { ...raw.headers, host: flip(raw.headers.host as string, 0) } },
      { ...raw, headers: { ...raw.headers, "x-amz-date": flip(raw.headers["x-amz-date"] as string, 14) } },
    ];
    for (const variant of variants) {
      const p = parseAuth(variant);
      if (!p.ok) throw new Error(p.message);
      expect((await verifyRequest(variant, p.auth, SUITE.secretAccessKey)).ok).toBe(false);
    }
    const badSig = { ...parsed.auth, signature: flip(parsed.auth.signature, 10) };
    expect((await verifyRequest(raw, badSig, SUITE.secretAccessKey)).ok).toBe(false);
  });

  it("a canonical query built in wire order instead of sorted does not verify", async () => {
    const raw: RawRequest = {
      method: "GET",
      rawPath: "/",
      rawQuery: "Version=2010-12-01&Action=GetSendQuota",
      headers: { host: "h", "x-amz-date": "20260102T030405Z" },
      body: "",
    };
    const auth = {
      form: "header" as const,
      algorithm: "AWS4-HMAC-SHA256",
      accessKeyId: "AKIDEXAMPLE",
      scopeDate: "20260102",
      region: "us-east-1",
      service: "ses",
      terminator: "aws4_request",
      signedHeaders: ["host", "x-amz-date"],
      signature: "",
      amzDate: "20260102T030405Z",
      credentialRaw: "",
    };
    const unsorted = `GET\n/\n${raw.rawQuery}\nhost:h\nx-amz-date:20260102T030405Z\n\nhost;x-amz-date\n${await sha256Hex(Sha256, "")}`;
    const { signatureFor } = await import("@/lib/sigv4");
    const wrong = await signatureFor(
      SUITE.secretAccessKey,
      auth,
      await buildStringToSign(Sha256, auth.amzDate, scopeOf(auth), unsorted),
    );
    expect((await verifyRequest(raw, { ...auth, signature: wrong }, SUITE.secretAccessKey)).ok).toBe(false);
  });
});
