import type { CallResult } from "@/lib/aws/call";
import type { ClassifiedError } from "@/lib/aws/errors";

/**
 * Whether an answer came from AWS at all. AWS answers its query APIs (STS, IAM, SES v1) with XML and SESv2 with JSON,
 * and every error carries an AWS error code (docs/doctor.md, "Endpoints that are not AWS"). An HTML page, or a
 * 404/405/501 with no AWS error code, is some other server — a web server, a captive portal, a proxy, a wrong
 * AWS_ENDPOINT_URL — and nothing derived from it may count: the credentials stay unverified.
 */

export interface Wire {
  status?: number;
  contentType?: string;
  /** the start of the body as text, tags stripped (only kept for answers that are not AWS's) */
  bodyStart?: string;
  /** the body is an HTML document, whatever the Content-Type says */
  looksHtml?: boolean;
}

export type NotAwsAnswer = "html-ok" | "ok-unparsed" | "not-found" | "not-implemented" | "client-error";

interface HasMiddleware {
  middlewareStack: {
    // biome-ignore lint/suspicious/noExplicitAny: smithy middleware generics differ per command
    add(mw: any, opts: any): void;
  };
}

interface RawResponse {
  statusCode?: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

const BODY_LIMIT = 256 * 1024;

async function readBody(body: unknown): Promise<Uint8Array | undefined> {
  if (!body || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function") return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > BODY_LIMIT) break;
    chunks.push(bytes);
  }
  const out = new Uint8Array(Math.min(size, BODY_LIMIT));
  let at = 0;
  for (const c of chunks) {
    out.set(c.subarray(0, out.length - at), at);
    at += c.length;
    if (at >= out.length) break;
  }
  return out;
}

function textStart(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes.subarray(0, 4096));
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}

/**
 * Records status and Content-Type of the raw answer; an HTML or unlabelled body is buffered (AWS answers are small)
 * so its start can be shown, and handed on to the SDK unchanged.
 */
export function tapWire(command: HasMiddleware, wire: Wire): void {
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<{ response: RawResponse }>) => async (args: unknown) => {
      const out = await next(args);
      const r = out.response ?? {};
      const headers = r.headers ?? {};
      wire.status = r.statusCode;
      wire.contentType = headers["content-type"] ?? headers["Content-Type"];
      if (!/xml|json/i.test(wire.contentType ?? "") || (r.statusCode ?? 200) >= 400) {
        const bytes = await readBody(r.body);
        if (bytes) {
          r.body = bytes;
          wire.bodyStart = textStart(bytes);
          wire.looksHtml = /^\s*(<!doctype html|<html|<head|<body)/i.test(
            new TextDecoder().decode(bytes.subarray(0, 512)),
          );
        }
      }
      return out;
    },
    { step: "deserialize", priority: "low", name: "sesameWireTap", override: true },
  );
}

/** An answer that no AWS service gives, or undefined for an AWS answer (success or AWS error). */
export function notAwsAnswer(result: CallResult<unknown>, wire: Wire): NotAwsAnswer | undefined {
  const html = /html/i.test(wire.contentType ?? "") || wire.looksHtml === true;
  const status = wire.status ?? (result.ok ? 200 : result.error.status);
  if (status === undefined) return undefined;
  if (result.ok) return html ? "html-ok" : undefined;
  const e = result.error;
  if (e.kind !== "aws" && e.kind !== "server-error") return undefined;
  // no AWS error code could be read from the body
  const noAwsCode = /^(HTTP\d+|Unknown|UnknownError|SyntaxError|Error)$/.test(e.code);
  if (status < 300) return html ? "html-ok" : noAwsCode ? "ok-unparsed" : undefined;
  if (status === 501) return "not-implemented";
  if (status >= 500) return undefined; // a 5xx page may come from AWS's own front end: a server error, not a stranger
  if (!html && !noAwsCode) return undefined;
  if (status === 404) return "not-found";
  if (status === 429) return undefined;
  return "client-error";
}

export function notAwsError(answer: NotAwsAnswer, wire: Wire, fallbackStatus?: number): ClassifiedError {
  return {
    kind: "not-aws",
    code: answer,
    status: wire.status ?? fallbackStatus,
    message: wire.bodyStart ?? "",
  };
}
