import { createHash, createHmac } from "node:crypto";
import { GetSendQuotaCommand, SESClient } from "@aws-sdk/client-ses";
import { HttpRequest, type HttpResponse } from "@smithy/protocol-http";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/tools/sigv4-doctor/route";
import { formatAmzDate, Sha256 } from "@/lib/sigv4";
import { type DoctorReport, explain } from "@/lib/sigv4/doctor";
import { KEYS, startTestEmulator, type TestEmulator } from "../helpers/emulator";

/**
 * The doctor and the emulator's verifier share lib/sigv4: whatever the emulator rejects, the doctor must explain
 * with the rule that was broken, and the corrected request it offers must be accepted by the emulator.
 */
const KEY = KEYS.admin;
const OTHER_SECRET = "otherEXAMPLEsecret/0000000000000000000+1";
let emu: TestEmulator;
let host: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  host = new URL(emu.url).host;
});
afterAll(() => emu?.close());

const rules = (r: DoctorReport) => r.findings.filter((f) => f.severity === "error").map((f) => f.rule);

/** Send a raw HTTP request text to the emulator exactly (path and query as written). */
async function send(text: string): Promise<{ status: number; body: string }> {
  const [head, ...rest] = text.split("\n\n");
  const [requestLine, ...headerLines] = head.split("\n");
  const [method, target] = requestLine.split(" ");
  const headers: Record<string, string> = {};
  for (const l of headerLines) {
    const i = l.indexOf(":");
    const name = l.slice(0, i).trim().toLowerCase();
    if (name !== "host") headers[name] = l.slice(i + 1).trim();
  }
  const body = rest.join("\n\n");
  const res = await fetch(`${emu.url}${target}`, {
    method,
    headers,
    body: method === "GET" ? undefined : body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
}

function httpText(r: HttpRequest, query = ""): string {
  return `${r.method} ${r.path}${query ? `?${query}` : ""} HTTP/1.1\n${Object.entries(r.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n")}\n\n${(r.body as string | undefined) ?? ""}`;
}

/** An SES client whose request handler records the signed request before it goes to the emulator. */
function recordingClient(secretAccessKey: string) {
  const seen: HttpRequest[] = [];
  const inner = new NodeHttpHandler({ requestTimeout: 10_000 });
  const client = new SESClient({
    endpoint: emu.url,
    region: "us-east-1",
    credentials: { accessKeyId: KEY.accessKeyId, secretAccessKey },
    maxAttempts: 1,
    requestHandler: {
      handle: (req: HttpRequest, opts?: { abortSignal?: AbortSignal }) => {
        seen.push(HttpRequest.clone(req));
        return inner.handle(req, opts) as Promise<{ response: HttpResponse }>;
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    } as unknown as NodeHttpHandler,
  });
  return { client, seen };
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("signature doctor against the emulator's verifier", () => {
  it("a request the real SES client signed: emulator accepts, doctor says ok", async () => {
    const { client, seen } = recordingClient(KEY.secretAccessKey);
    await client.send(new GetSendQuotaCommand({}));
    expect(seen).toHaveLength(1);
    const r = await explain(Sha256, {
      text: httpText(seen[0]),
      secret: KEY.secretAccessKey,
      region: "us-east-1",
      service: "ses",
    });
    expect(r.verdict).toBe("ok");
    expect(r.request!.host).toBe(host);
  });

  it("the SES client with another secret: emulator says SignatureDoesNotMatch, doctor says wrong-secret", async () => {
    const { client, seen } = recordingClient(OTHER_SECRET);
    const err = await client.send(new GetSendQuotaCommand({})).catch((e: Error) => e);
    expect((err as Error).name).toBe("SignatureDoesNotMatch");
    const sent = await send(httpText(seen[0]));
    expect(sent.status).toBe(403);
    const r = await explain(Sha256, {
      text: httpText(seen[0]),
      errorBody: sent.body,
      secret: KEY.secretAccessKey,
      region: "us-east-1",
    });
    expect(rules(r)).toEqual(["wrong-secret"]);
    expect(r.aws?.code).toBe("SignatureDoesNotMatch");
    // the corrected headers, signed with the right secret, get through
    const fixed = await send(
      httpText(Object.assign(HttpRequest.clone(seen[0]), { headers: { ...seen[0].headers, ...r.corrected!.headers } })),
    );
    expect(fixed.status).toBe(200);
  });

  it("a header value changed after signing: its own rule (request-changed, an error), not wrong-secret (issue 10 #9)", async () => {
    const { client, seen } = recordingClient(KEY.secretAccessKey);
    await client.send(new GetSendQuotaCommand({}));
    const signed = seen[0];
    // a proxy rewrites a signed header after the client signed the request
    const changed = Object.assign(HttpRequest.clone(signed), {
      headers: { ...signed.headers, "content-type": "application/x-www-form-urlencoded; charset=latin1" },
    });
    expect(changed.headers["content-type"]).not.toBe(signed.headers["content-type"]);
    const sent = await send(httpText(changed));
    expect(sent.status).toBe(403);
    // the client's log shows the request as it signed it; AWS's answer shows what arrived
    const r = await explain(Sha256, {
      text: httpText(signed),
      errorBody: sent.body,
      secret: KEY.secretAccessKey,
      region: "us-east-1",
    });
    require("node:fs").writeFileSync(
      "/tmp/dbg.txt",
      `${sent.body}\n${JSON.stringify(r.findings)}\n${JSON.stringify(r.aws)}`,
    );
    expect(rules(r)).toEqual(["request-changed"]);
    expect(r.findings.map((f) => f.rule)).not.toContain("wrong-secret");
    expect(r.verdict).toBe("broken");
    expect(r.findings.find((f) => f.rule === "request-changed")?.detail).toMatch(/header/i);
  });

  it("an unsorted canonical query: emulator rejects, doctor names query-not-sorted, correction is accepted", async () => {
    const amzDate = formatAmzDate(new Date());
    const scope = `${amzDate.slice(0, 8)}/us-east-1/ses/aws4_request`;
    const query = `Version=2010-12-01&Action=GetSendQuota`;
    const canonical = ["GET", "/", query, `host:${host}\nx-amz-date:${amzDate}\n`, "host;x-amz-date", sha("")].join(
      "\n",
    );
    const sts = ["AWS4-HMAC-SHA256", amzDate, scope, sha(canonical)].join("\n");
    let k = createHmac("sha256", `AWS4${KEY.secretAccessKey}`).update(amzDate.slice(0, 8)).digest();
    for (const p of ["us-east-1", "ses", "aws4_request"]) k = createHmac("sha256", k).update(p).digest();
    const sig = createHmac("sha256", k).update(sts).digest("hex");
    const text = `GET /?${query} HTTP/1.1\nhost: ${host}\nx-amz-date: ${amzDate}\nauthorization: AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/${scope}, SignedHeaders=host;x-amz-date, Signature=${sig}\n\n`;
    const sent = await send(text);
    expect(sent.status).toBe(403);
    expect(sent.body).toContain("SignatureDoesNotMatch");
    const r = await explain(Sha256, {
      text,
      secret: KEY.secretAccessKey,
      errorBody: sent.body,
      region: "us-east-1",
      service: "ses",
    });
    expect(rules(r)).toEqual(["query-not-sorted"]);
    const c = r.corrected!.headers!;
    const fixed = await send(
      `GET /?${query} HTTP/1.1\nx-amz-date: ${c["x-amz-date"]}\nauthorization: ${c.authorization}\n\n`,
    );
    expect(fixed.status).toBe(200);
  });

  it("an expired presigned URL: emulator rejects, doctor names presign-expired, the re-presigned URL works", async () => {
    const signer = new SignatureV4({ credentials: KEY, region: "us-east-1", service: "ses", sha256: Sha256 });
    const url = new URL(emu.url);
    const pre = (await signer.presign(
      new HttpRequest({
        method: "GET",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: "/",
        query: { Action: "GetSendQuota", Version: "2010-12-01" },
        headers: { host },
      }),
      { signingDate: new Date(Date.now() - 3_600_000), expiresIn: 60 },
    )) as HttpRequest;
    const q = Object.entries(pre.query)
      .map(([n, v]) => `${enc(n)}=${enc(String(v))}`)
      .join("&");
    const sent = await send(`GET /?${q} HTTP/1.1\n\n`);
    expect(sent.status).toBe(403);
    const r = await explain(Sha256, { text: `${emu.url}/?${q}`, secret: KEY.secretAccessKey, errorBody: sent.body });
    expect(rules(r)).toContain("presign-expired");
    const again = new URL(r.corrected!.url!);
    const fixed = await send(`GET ${again.pathname}${again.search} HTTP/1.1\n\n`);
    expect(fixed.status).toBe(200);
  });
});

describe("POST /api/tools/sigv4-doctor", () => {
  const call = (body: unknown, raw = false) =>
    POST(
      new Request("http://sesame.test/api/tools/sigv4-doctor", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: raw ? (body as string) : JSON.stringify(body),
      }),
    );

  it("answers the structural checks without a secret (a wrong region in the scope)", async () => {
    const { client, seen } = recordingClient(KEY.secretAccessKey);
    await client.send(new GetSendQuotaCommand({})).catch(() => {});
    const res = await call({ text: httpText(seen[0]), region: "eu-west-1", service: "ses" });
    expect(res.status).toBe(200);
    const report = (await res.json()) as DoctorReport;
    expect(report.verdict).toBe("broken");
    expect(rules(report)).toEqual(["scope-region"]);
    expect(report.computed?.signature).toBeUndefined();
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a body carrying a secret (the page checks signatures in the browser), without echoing it", async () => {
    const { client, seen } = recordingClient(OTHER_SECRET);
    await client.send(new GetSendQuotaCommand({})).catch(() => {});
    for (const secret of [KEY.secretAccessKey, ""]) {
      const res = await call({ text: httpText(seen[0]), secret, region: "us-east-1" });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text).error).toMatch(/takes no secret/);
      expect(text).not.toContain(KEY.secretAccessKey);
    }
  });

  it("clear 4xx for bad input, never a 500", async () => {
    expect((await call("{not json", true)).status).toBe(400);
    expect((await call({})).status).toBe(400);
    expect((await call({ text: 5 })).status).toBe(400);
    expect((await call({ text: "x".repeat(300 * 1024) })).status).toBe(400);
    const unreadable = await call({ text: "hello" });
    expect(unreadable.status).toBe(200);
    expect(((await unreadable.json()) as DoctorReport).verdict).toBe("unreadable");
  });
});
