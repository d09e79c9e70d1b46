import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/index";
import { inspectInput } from "@/lib/diagnose/forensics";
import { codes, diagnose, finding, keyOf, resetTo, startScenario } from "./diagnose-harness";

/**
 * Custom endpoints (AWS_ENDPOINT_URL): LocalStack and moto accept keys of any shape (test/test). Sesame holds the
 * key-format findings back until STS answers: a key the endpoint accepts gets a warning that real AWS would refuse
 * it; a key the endpoint refuses gets AWS's format error as the explanation, exactly as against AWS.
 */

let em: RunningEmulator;
let lenient: Server;
let lenientUrl: string;
const stsSeen: string[] = [];

beforeAll(async () => {
  em = await startScenario("healthy");
  // A LocalStack-style STS: any key is fine, GetCallerIdentity answers with a fixed user.
  lenient = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      stsSeen.push(new URLSearchParams(body).get("Action") ?? "");
      res.writeHead(200, { "content-type": "text/xml", date: new Date().toUTCString() });
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/localstack</Arn><UserId>AIDAEXAMPLE000000000</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>0000-lenient</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
  });
  await new Promise<void>((r) => lenient.listen(0, "127.0.0.1", r));
  lenientUrl = `http://127.0.0.1:${(lenient.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await em?.close();
  await new Promise<void>((r) => lenient?.close(() => r()));
});

const LOCALSTACK_KEYS = { accessKeyId: "test", secretAccessKey: "test" };

describe("key format against a custom endpoint", () => {
  it("an endpoint that accepts test/test: format findings are warnings naming the endpoint, no credential error", async () => {
    await resetTo(em, "healthy");
    stsSeen.length = 0;
    const r = await diagnose(em, { ...LOCALSTACK_KEYS, endpoints: { sts: lenientUrl } });
    expect(stsSeen).toContain("GetCallerIdentity");
    const keyId = finding(r, "credentials.key-id-nonstandard");
    const secret = finding(r, "credentials.secret-nonstandard");
    expect([keyId.severity, secret.severity]).toEqual(["warn", "warn"]);
    expect(keyId.evidence.endpoint).toBe(lenientUrl);
    expect(keyId.fix).toContain(`Nothing to do while the platform talks to ${lenientUrl}`);
    expect(secret.detail).toContain("This one is 4 characters");
    const credentialErrors = r.findings.filter((f) => f.component === "credentials" && f.severity === "error");
    expect(credentialErrors.map((f) => f.code)).toEqual([]);
    expect(codes(r)).not.toContain("credentials.key-id-malformed");
    expect(codes(r)).not.toContain("credentials.secret-malformed");
  });

  it("an endpoint that refuses the key (the strict emulator): AWS's format errors explain the refusal", async () => {
    await resetTo(em, "healthy");
    const r = await diagnose(em, LOCALSTACK_KEYS);
    expect(finding(r, "credentials.key-id-malformed").severity).toBe("error");
    expect(finding(r, "credentials.secret-malformed").severity).toBe("error");
    // the malformed key id is the explanation of InvalidClientTokenId, not a second finding
    expect(codes(r)).not.toContain("credentials.unknown-key");
    expect(codes(r)).not.toContain("credentials.key-id-nonstandard");
    expect(r.status).toBe("fail");
  });

  it("a well-formed key whose secret the custom endpoint refuses: the secret's format is named as the likely cause", async () => {
    await resetTo(em, "healthy");
    const { accessKeyId } = keyOf("healthy", "plunk-sender");
    const r = await diagnose(em, { accessKeyId, secretAccessKey: "test" });
    expect(finding(r, "credentials.secret-malformed").severity).toBe("error");
    expect(finding(r, "credentials.wrong-secret").evidence.likelyFinding).toBe("credentials.secret-malformed");
  });

  it("nothing to sign with (no secret): the key id's format is a warning, the missing secret the error", async () => {
    const r = await diagnose(em, { accessKeyId: "test", endpoints: { sts: lenientUrl } });
    expect(finding(r, "credentials.key-id-nonstandard").severity).toBe("warn");
    expect(finding(r, "credentials.missing").severity).toBe("error");
  });

  it("without a custom endpoint the same keys are errors at once (pure forensics, no call)", () => {
    const r = inspectInput({ target: "plunk", region: "us-east-1", ...LOCALSTACK_KEYS });
    expect(r.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(["credentials.key-id-malformed", "credentials.secret-malformed"]),
    );
    expect(r.formatFindings).toBeUndefined();
    const custom = inspectInput({
      target: "plunk",
      region: "us-east-1",
      ...LOCALSTACK_KEYS,
      customEndpoint: lenientUrl,
    });
    expect(custom.findings.map((f) => f.code)).not.toContain("credentials.key-id-malformed");
    expect(custom.formatFindings?.map((f) => f.code)).toEqual([
      "credentials.key-id-malformed",
      "credentials.secret-malformed",
    ]);
  });
});
