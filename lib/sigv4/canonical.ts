import { parseRawQuery, uriEncode } from "./encode";
import { type ChecksumConstructor, sha256Hex } from "./key-chain";
import type { ParsedAuth, RawRequest } from "./types";

/**
 * Canonical URI for every service but S3 (aws.md §2.3): drop empty and dot segments, keep the leading and trailing
 * slash, then encode the still-encoded wire path once more (so %40 becomes %2540).
 */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const lead = rawPath.startsWith("/") ? "/" : "";
  const trail = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  const normalised = `${lead}${segments.join("/")}${trail}`;
  return normalised === "" ? "/" : uriEncode(normalised).replace(/%2F/g, "/");
}

/**
 * Canonical query (aws.md §2.4): split the raw text, decode, re-encode each name and value fully, sort by encoded
 * name then encoded value (byte order). `exclude` names (exact) are left out — X-Amz-Signature for presigned URLs.
 */
export function canonicalQuery(rawQuery: string, opts: { exclude?: string[] } = {}): string {
  const exclude = new Set(opts.exclude ?? []);
  const encoded = parseRawQuery(rawQuery)
    .filter(([name]) => !exclude.has(name))
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
  encoded.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return encoded.map(([n, v]) => `${n}=${v}`).join("&");
}

/** Trim and collapse inner whitespace runs (aws.md §2.5); repeated headers are joined with ','. */
function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((v) => v.trim().replace(/\s+/g, " ")).join(",");
}

/** The canonical header block: `name:value\n` for each signed header, in the order the client listed them. */
export function canonicalHeaders(headers: RawRequest["headers"], signedHeaders: string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers[name])}\n`).join("");
}

/**
 * The six-line canonical request, rebuilt from the wire bytes, hashed with the injected hash (./key-chain.ts). The payload hash is always the hash of the body
 * actually received: the services Sesame talks to (not S3) never accept UNSIGNED-PAYLOAD.
 */
export async function buildCanonicalRequest(
  Sha256: ChecksumConstructor,
  req: RawRequest,
  auth: ParsedAuth,
): Promise<{ canonicalRequest: string; payloadHash: string }> {
  const payloadHash = await sha256Hex(Sha256, req.body);
  const query = canonicalQuery(req.rawQuery, { exclude: auth.form === "query" ? ["X-Amz-Signature"] : [] });
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.rawPath),
    query,
    canonicalHeaders(req.headers, auth.signedHeaders),
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  return { canonicalRequest, payloadHash };
}
