/**
 * The one way a route reads a request body: at most `limit` bytes from the stream, whatever Content-Length says
 * (a chunked upload has none, and a lying one is no bound). Past the limit the stream is cancelled and the caller
 * answers 413, so memory stays bounded by the limit however much is sent. See docs/security.md#request-bodies.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body too large (limit ${formatBytes(limit)}).`);
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${Math.round(n / 1024 / 1024)} MB`
    : n >= 1024
      ? `${Math.round(n / 1024)} KB`
      : `${n} bytes`;
}

/** Body limits by purpose: a setup form is a few fields; the signature doctor takes a pasted request. */
export const BODY_LIMITS = {
  setup: 64 * 1024,
  /** two pasted texts of lib/sigv4/doctor/input-schema.ts's 256 KB each */
  doctor: 512 * 1024,
} as const;

export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** The JSON body, or `{}` for an empty one; `undefined`-free errors: BodyTooLargeError or SyntaxError. */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const text = await readBodyText(req, limit);
  return text.trim() ? JSON.parse(text) : {};
}
