import { writeFileSync } from "node:fs";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { EmulatorConfigInput } from "@/emulator/config";
import { type RunningEmulator, startEmulator } from "@/emulator/index";
import { createLoop } from "@/lib/events/create";
import { DESTINATION_NAME, proposedSets } from "@/lib/events/plan";
import { policyFor } from "@/lib/policy";
import { Sha256, uriEncode } from "@/lib/sigv4";
import type { Webhook } from "./sns-webhook";

/** Shared start/stop and request helpers for the emulator integration tests. Test keys all contain EXAMPLE. */

export const ACCOUNT = "123456789012";

export const KEYS = {
  admin: { accessKeyId: "AKIAEXAMPLEADMIN0001", secretAccessKey: "adminEXAMPLEsecret/0000000000000000000+1" },
  sender: { accessKeyId: "AKIAEXAMPLESENDER001", secretAccessKey: "senderEXAMPLEsecret/000000000000000000+1" },
  reader: { accessKeyId: "AKIAEXAMPLEREADER001", secretAccessKey: "readerEXAMPLEsecret/000000000000000000+1" },
  denied: { accessKeyId: "AKIAEXAMPLEDENIED001", secretAccessKey: "deniedEXAMPLEsecret/000000000000000000+1" },
  inactive: { accessKeyId: "AKIAEXAMPLEINACTIVE1", secretAccessKey: "inactiveEXAMPLEsecret/0000000000000000+1" },
  session: {
    accessKeyId: "ASIAEXAMPLESESSION01",
    secretAccessKey: "sessionEXAMPLEsecret/00000000000000000+1",
    sessionToken: "EXAMPLEsessionTOKEN//valid",
  },
  expired: {
    accessKeyId: "ASIAEXAMPLEEXPIRED01",
    secretAccessKey: "expiredEXAMPLEsecret/00000000000000000+1",
    sessionToken: "EXAMPLEsessionTOKEN//expired",
  },
} as const;

export const TEST_CONFIG: EmulatorConfigInput = {
  accountId: ACCOUNT,
  users: [
    {
      name: "admin",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      accessKeys: [{ id: KEYS.admin.accessKeyId, secret: KEYS.admin.secretAccessKey }],
    },
    {
      name: "sender",
      inlinePolicies: {
        send: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ses:SendRawEmail", Resource: "*" }] },
      },
      accessKeys: [{ id: KEYS.sender.accessKeyId, secret: KEYS.sender.secretAccessKey }],
    },
    {
      name: "reader",
      managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESReadOnlyAccess"],
      accessKeys: [{ id: KEYS.reader.accessKeyId, secret: KEYS.reader.secretAccessKey }],
    },
    {
      name: "denied",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      inlinePolicies: {
        noIam: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: ["iam:*", "sts:*"], Resource: "*" }] },
      },
      accessKeys: [
        { id: KEYS.denied.accessKeyId, secret: KEYS.denied.secretAccessKey },
        { id: KEYS.inactive.accessKeyId, secret: KEYS.inactive.secretAccessKey, status: "Inactive" },
      ],
    },
    {
      name: "temp",
      managedPolicies: ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
      accessKeys: [
        {
          id: KEYS.session.accessKeyId,
          secret: KEYS.session.secretAccessKey,
          sessionToken: KEYS.session.sessionToken,
          expiresAt: "2099-01-01T00:00:00Z",
        },
        {
          id: KEYS.expired.accessKeyId,
          secret: KEYS.expired.secretAccessKey,
          sessionToken: KEYS.expired.sessionToken,
          expiresAt: "2020-01-01T00:00:00Z",
        },
      ],
    },
  ],
  regions: { "us-east-1": { sandbox: true }, "eu-west-1": { sandbox: false } },
};

/** SNS that delivers to loopback webhooks at once and never retries (the event-loop tests). */
export const LOOPBACK_SNS: EmulatorConfigInput["sns"] = {
  topics: [],
  delivery: { numRetries: 0, retryDelayMs: 10, timeoutMs: 2000 },
  allowEndpoints: "loopback",
};

/**
 * TEST_CONFIG plus a "platform" user holding the wizard's Plunk policy with the event checks, and LOOPBACK_SNS: the
 * stand-in the doctor's and health's events tests run against.
 */
export function eventsTestConfig(platform: { accessKeyId: string; secretAccessKey: string }): EmulatorConfigInput {
  return {
    ...TEST_CONFIG,
    users: [
      ...(TEST_CONFIG.users ?? []),
      {
        name: "platform",
        inlinePolicies: { wizard: policyFor("plunk", { eventChecks: true }) },
        accessKeys: [{ id: platform.accessKeyId, secret: platform.secretAccessKey }],
      },
    ],
    sns: LOOPBACK_SNS,
  };
}

/**
 * Builds Plunk's event loop with the admin key, as the wizard does, toward `hook`, and waits for the webhook's
 * SubscriptionConfirmation. `prefix` names the sets `<prefix>-<set>` so several loops share a region.
 */
export async function buildTestLoop(
  em: RunningEmulator,
  hook: Webhook,
  o: { topicName: string; region: string; prefix?: string },
): Promise<string> {
  const sets = proposedSets("plunk").map((s) => (o.prefix ? { ...s, name: `${o.prefix}-${s.name}` } : s));
  const r = await createLoop({
    plan: { sets, topicName: o.topicName, webhookUrl: `${hook.url}/webhooks/sns`, destinationName: DESTINATION_NAME },
    region: o.region,
    client: { credentials: KEYS.admin, timeoutMs: 3000, endpoint: em.url },
  });
  if (!r.ok) throw new Error(r.message);
  await hook.next((m) => m.body.Type === "SubscriptionConfirmation" && m.body.TopicArn === r.topicArn);
  return r.topicArn;
}

/** Writes `vars` as KEY=value lines to `file` and returns its path. */
export function writeEnvFile(file: string, vars: Record<string, string>): string {
  writeFileSync(
    file,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  return file;
}

export interface TestEmulator extends RunningEmulator {
  /** fetch under /_emulator/ with a JSON body when `json` is given; returns status and parsed body */
  admin(path: string, init?: { method?: string; json?: unknown; body?: string }): Promise<AdminResult>;
}
export interface AdminResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience, callers assert on shape
  body: any;
}

let last: TestEmulator | undefined;

export async function startTestEmulator(config: EmulatorConfigInput = TEST_CONFIG): Promise<TestEmulator> {
  const emu = await startEmulator(config, { quiet: true });
  const test: TestEmulator = {
    ...emu,
    admin: async (path, init = {}) => {
      const res = await fetch(`${emu.url}/_emulator/${path.replace(/^\/+/, "")}`, {
        method: init.method ?? (init.json !== undefined || init.body !== undefined ? "POST" : "GET"),
        headers: init.json !== undefined ? { "content-type": "application/json" } : undefined,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      return { status: res.status, headers: res.headers, body };
    },
  };
  last = test;
  return test;
}

/** admin() against the emulator most recently started by startTestEmulator. */
export function admin(path: string, init?: Parameters<TestEmulator["admin"]>[1]): Promise<AdminResult> {
  if (!last) throw new Error("no test emulator started");
  return last.admin(path, init);
}

/** An admin call that must succeed: throws with the status and body otherwise; returns the parsed JSON. */
export async function adminOk(
  emu: RunningEmulator,
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<unknown> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method: init?.method ?? "GET",
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    body: init?.body ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The error an AWS SDK call must fail with: its name (the AWS error code), message and HTTP status. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error("expected the call to fail");
}

/** SDK client options pointing at the emulator. */
export function clientConfig(
  emu: RunningEmulator,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = KEYS.admin,
  region = "us-east-1",
) {
  return { endpoint: emu.url, region, credentials, maxAttempts: 1 };
}

export interface RawCall {
  method?: string;
  /** wire path, percent-encoded as it should be sent */
  path?: string;
  /** query pairs in the order they go on the wire (deliberately not sorted) */
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: string;
  region?: string;
  service?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signingDate?: Date;
  /** presign instead of signing headers; value = X-Amz-Expires */
  presignExpires?: number;
  /** tamper with the signed request before sending */
  mutate?: (req: HttpRequest) => void;
}

export interface RawResult {
  status: number;
  headers: Headers;
  text: string;
  /** <Code> / x-amzn-ErrorType */
  code?: string;
  message?: string;
}

/** Sign a request with smithy's SignatureV4 (as the SDK does) and send it over plain HTTP with the query order kept. */
export async function rawCall(emu: RunningEmulator, call: RawCall): Promise<RawResult> {
  const url = new URL(emu.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of call.query ?? []) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const req = new HttpRequest({
    method: call.method ?? "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: call.path ?? "/",
    query,
    headers: { host: url.host, ...(call.headers ?? {}) },
    body: call.body,
  });
  const signer = new SignatureV4({
    credentials: call.credentials ?? KEYS.admin,
    region: call.region ?? "us-east-1",
    service: call.service ?? "sts",
    sha256: Sha256,
  });
  const signingDate = call.signingDate ?? new Date();
  const signed = (
    call.presignExpires !== undefined
      ? await signer.presign(req, { signingDate, expiresIn: call.presignExpires })
      : await signer.sign(req, { signingDate })
  ) as HttpRequest;
  call.mutate?.(signed);
  // wire order: the caller's pairs first, then whatever the signer added
  const order = [...(call.query ?? []).map(([k]) => k), ...Object.keys(signed.query)];
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const k of order) {
    if (seen.has(k)) continue;
    seen.add(k);
    const v = signed.query[k];
    for (const value of v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]) {
      parts.push(`${uriEncode(k)}=${uriEncode(value)}`);
    }
  }
  const headers = { ...signed.headers };
  delete headers.host;
  const res = await fetch(`${emu.url}${signed.path}${parts.length ? `?${parts.join("&")}` : ""}`, {
    method: signed.method,
    headers,
    body: signed.body as string | undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let code = res.headers.get("x-amzn-errortype") ?? /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  let message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (res.headers.get("content-type")?.includes("json")) {
    try {
      message = JSON.parse(text).message ?? message;
    } catch {}
  }
  if (code) code = code.split(":")[0];
  return { status: res.status, headers: res.headers, text, code, message: message && unescapeXml(message) };
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Form body of a query-protocol call. */
export function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
