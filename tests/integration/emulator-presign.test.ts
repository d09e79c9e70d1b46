import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildStringToSign,
  canonicalQuery,
  formatAmzDate,
  type ParsedAuth,
  Sha256,
  sha256Hex,
  signatureFor,
  uriEncode,
} from "@/lib/sigv4";
import { KEYS, rawCall, startTestEmulator, type TestEmulator } from "../helpers/emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu?.close());

const QUOTA: Array<[string, string]> = [
  ["Version", "2010-12-01"],
  ["Action", "GetSendQuota"],
];

describe("presigned (query-string) requests", () => {
  it("SES GetSendQuota presigned by the SDK signer, params unsorted on the wire → 200", async () => {
    const r = await rawCall(emu, {
      method: "GET",
      service: "ses",
      credentials: KEYS.reader,
      query: QUOTA,
      presignExpires: 300,
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain("<GetSendQuotaResult>");
    expect(r.text).toContain("<Max24HourSend>");
  });

  it("STS GetCallerIdentity presigned → 200", async () => {
    const r = await rawCall(emu, {
      method: "GET",
      service: "sts",
      query: [
        ["Action", "GetCallerIdentity"],
        ["Version", "2011-06-15"],
      ],
      presignExpires: 60,
    });
    expect(r.status).toBe(200);
    expect(r.text).toContain("<Arn>arn:aws:iam::123456789012:user/admin</Arn>");
  });

  /** Hand-made presigned URL whose canonical query is built either sorted (right) or in wire order (wrong). */
  async function handPresigned(sorted: boolean) {
    const host = new URL(emu.url).host;
    const now = new Date();
    const amzDate = formatAmzDate(now);
    const scope = `${amzDate.slice(0, 8)}/us-east-1/ses/aws4_request`;
    const pairs: Array<[string, string]> = [
      ...QUOTA,
      ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
      ["X-Amz-Credential", `${KEYS.reader.accessKeyId}/${scope}`],
      ["X-Amz-Date", amzDate],
      ["X-Amz-Expires", "300"],
      ["X-Amz-SignedHeaders", "host"],
    ];
    const wire = pairs.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
    const query = sorted ? canonicalQuery(wire) : wire;
    const canonical = `GET\n/\n${query}\nhost:${host}\n\nhost\n${await sha256Hex(Sha256, "")}`;
    const auth = { scopeDate: amzDate.slice(0, 8), region: "us-east-1", service: "ses", terminator: "aws4_request" };
    const signature = await signatureFor(
      KEYS.reader.secretAccessKey,
      auth as ParsedAuth,
      await buildStringToSign(Sha256, amzDate, scope, canonical),
    );
    const res = await fetch(`${emu.url}/?${wire}&X-Amz-Signature=${signature}`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, text: await res.text() };
  }

  it("a canonical query built in wire order instead of sorted → SignatureDoesNotMatch", async () => {
    const wrong = await handPresigned(false);
    expect(wrong.status).toBe(403);
    expect(wrong.text).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(wrong.text).toContain("<Message>The request signature we calculated does not match");
    // the same construction, sorted, is accepted: the failure above is the ordering and nothing else
    const right = await handPresigned(true);
    expect(right.status).toBe(200);
  });

  it("an expired presigned URL is rejected", async () => {
    const signingDate = new Date(Date.now() - 120_000);
    const r = await rawCall(emu, {
      method: "GET",
      service: "ses",
      credentials: KEYS.reader,
      query: QUOTA,
      signingDate,
      presignExpires: 60,
    });
    expect(r.status).toBe(403);
    expect(r.code).toBe("SignatureDoesNotMatch");
    expect(r.message).toMatch(
      new RegExp(
        `^Signature expired: ${formatAmzDate(signingDate)} is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 1 min\\.\\)$`,
      ),
    );
  });

  it("X-Amz-Expires beyond 7 days is refused before the signature is checked", async () => {
    const r = await rawCall(emu, {
      method: "GET",
      service: "ses",
      credentials: KEYS.reader,
      query: QUOTA,
      presignExpires: 300,
      mutate: (req) => {
        req.query["X-Amz-Expires"] = "604801";
      },
    });
    expect(r).toMatchObject({
      status: 400,
      code: "IncompleteSignature",
      message: "X-Amz-Expires must be less than a week (in seconds) that is 604800",
    });
  });

  describe("errors in the presigned form use the same codes, statuses and texts", () => {
    const INVALID_TOKEN = "The security token included in the request is invalid.";
    const MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    const presigned = (extra: Parameters<typeof rawCall>[1]) =>
      rawCall(emu, {
        method: "GET",
        service: "ses",
        credentials: KEYS.reader,
        query: QUOTA,
        presignExpires: 300,
        ...extra,
      });

    it("unknown key → InvalidClientTokenId 403", async () => {
      const r = await presigned({
        credentials: { accessKeyId: "AKIAEXAMPLEUNKNOWN09", secretAccessKey: "k".repeat(40) },
      });
      expect(r).toMatchObject({ status: 403, code: "InvalidClientTokenId", message: INVALID_TOKEN });
    });

    it("inactive key → InvalidClientTokenId 403", async () => {
      const r = await presigned({ credentials: KEYS.inactive });
      expect(r).toMatchObject({ status: 403, code: "InvalidClientTokenId", message: INVALID_TOKEN });
    });

    it("ASIA key without its X-Amz-Security-Token → InvalidClientTokenId 403", async () => {
      const r = await presigned({
        credentials: { accessKeyId: KEYS.session.accessKeyId, secretAccessKey: KEYS.session.secretAccessKey },
      });
      expect(r).toMatchObject({ status: 403, code: "InvalidClientTokenId", message: INVALID_TOKEN });
      // with the token (signed into the query) it works
      expect((await presigned({ credentials: KEYS.session })).status).toBe(200);
    });

    it("wrong secret → SignatureDoesNotMatch 403", async () => {
      const r = await presigned({ credentials: { ...KEYS.reader, secretAccessKey: "w".repeat(40) } });
      expect(r).toMatchObject({ status: 403, code: "SignatureDoesNotMatch", message: MISMATCH });
    });

    it("a parameter changed after signing → SignatureDoesNotMatch 403", async () => {
      const r = await presigned({
        mutate: (req) => {
          req.query.Action = "GetAccountSendingEnabled";
        },
      });
      expect(r).toMatchObject({ status: 403, code: "SignatureDoesNotMatch", message: MISMATCH });
    });

    it("a scope region SES does not serve → SignatureDoesNotMatch 403", async () => {
      const r = await presigned({ region: "mars-east-1" });
      expect(r).toMatchObject({
        status: 403,
        code: "SignatureDoesNotMatch",
        message: "Credential should be scoped to a valid region, not 'mars-east-1'. ",
      });
    });

    it("a missing X-Amz-Signature → IncompleteSignature 400", async () => {
      const r = await presigned({
        mutate: (req) => {
          delete req.query["X-Amz-Signature"];
        },
      });
      expect(r).toMatchObject({
        status: 400,
        code: "IncompleteSignature",
        message: "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.",
      });
    });

    it("a presigned URL dated in the future beyond the window → 'Signature not yet current'", async () => {
      const signingDate = new Date(Date.now() + 10 * 60_000);
      const r = await presigned({ signingDate });
      expect(r.status).toBe(403);
      expect(r.code).toBe("SignatureDoesNotMatch");
      expect(r.message).toMatch(
        new RegExp(
          `^Signature not yet current: ${formatAmzDate(signingDate)} is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 5 min\\.\\)$`,
        ),
      );
    });
  });
});
