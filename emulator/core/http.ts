import type { IncomingMessage, ServerResponse } from "node:http";

/** Small HTTP helpers shared by the AWS front door and the admin API. */

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(`request body exceeds ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
  now: Date,
): void {
  if (res.headersSent || res.destroyed) return;
  // Sesame measures clock skew from this header, so it carries the emulator's (fault-shifted) clock.
  res.writeHead(status, { ...headers, Date: now.toUTCString(), "Content-Length": String(Buffer.byteLength(body)) });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  now: Date,
  headers: Record<string, string> = {},
) {
  send(res, status, { "Content-Type": "application/json", ...headers }, JSON.stringify(value), now);
}
