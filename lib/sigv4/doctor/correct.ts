import { SIGV4_FINDINGS } from "@/lib/findings/catalogue/sigv4";
import { materializeIn } from "@/lib/findings/section";
import { buildCanonicalRequest } from "../canonical";
import { formatAmzDate } from "../dates";
import { parseRawQuery, uriEncode } from "../encode";
import { type ChecksumConstructor, sha256Hex } from "../key-chain";
import { buildStringToSign, scopeOf, signatureWith } from "../sign";
import type { ParsedAuth, RawRequest } from "../types";
import type { ExpectedScope } from "./endpoint";
import type { ParsedRequest } from "./parse-input";

export interface CorrectedRequest {
  /** presigned form: the full corrected URL */
  url?: string;
  /** header form: the headers to send (replacing those of the same name) */
  headers?: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  note: string;
}

const MAX_EXPIRES = 604_800;

/** How long the re-signed request is good for: the catalogue's sigv4.corrected-request wording. */
const validityNote = (evidence: { validity: "query" | "header"; amzDate: string; until: string | null }) =>
  materializeIn(SIGV4_FINDINGS, "sigv4.corrected-request", evidence).detail;

/**
 * The request re-signed with every structural fix applied (scope, date, signed headers, host, payload hash), dated
 * `now`, hashed with the injected hash (../key-chain.ts). Tests check it passes the shared verifier; undefined when
 * it cannot be built (no host to sign, say).
 */
export async function correctRequest(
  Sha256: ChecksumConstructor,
  p: ParsedRequest,
  auth: ParsedAuth,
  opts: { secret: string; expected?: ExpectedScope; now: Date },
): Promise<CorrectedRequest | undefined> {
  const host = p.urlHost ?? p.explicitHost;
  if (!host) return undefined;
  const amzDate = formatAmzDate(opts.now);
  const region = opts.expected?.region ?? auth.region;
  const service =
    opts.expected?.services && !opts.expected.services.includes(auth.service)
      ? opts.expected.services[0]
      : auth.service;
  const fixed: ParsedAuth = {
    ...auth,
    scopeDate: amzDate.slice(0, 8),
    region,
    service,
    terminator: "aws4_request",
    amzDate,
  };
  const headers: RawRequest["headers"] = { ...p.raw.headers, host };
  const bodyHash = await sha256Hex(Sha256, p.raw.body);
  if (typeof headers["x-amz-content-sha256"] === "string") headers["x-amz-content-sha256"] = bodyHash;
  const present = new Set(Object.keys(headers));
  const wanted = new Set(auth.signedHeaders.map((h) => h.toLowerCase()).filter((h) => present.has(h)));
  wanted.add("host");
  if (auth.form === "header") {
    headers["x-amz-date"] = amzDate;
    for (const h of ["x-amz-date", "x-amz-security-token", "x-amz-content-sha256"])
      if (present.has(h) || h === "x-amz-date") wanted.add(h);
  }
  fixed.signedHeaders = [...wanted].sort();
  const scope = scopeOf(fixed);
  const credential = `${auth.accessKeyId}/${scope}`;
  let rawQuery = p.raw.rawQuery;
  let expires = auth.expires;
  if (auth.form === "query") {
    expires =
      expires !== undefined && Number.isInteger(expires) && expires >= 1 && expires <= MAX_EXPIRES ? expires : 3600;
    const set = new Map<string, string>([
      ["X-Amz-Algorithm", "AWS4-HMAC-SHA256"],
      ["X-Amz-Credential", credential],
      ["X-Amz-Date", amzDate],
      ["X-Amz-Expires", String(expires)],
      ["X-Amz-SignedHeaders", fixed.signedHeaders.join(";")],
    ]);
    const pairs = parseRawQuery(p.raw.rawQuery).filter(([n]) => n !== "X-Amz-Signature" && !set.has(n));
    for (const [n, v] of set) pairs.push([n, v]);
    rawQuery = pairs
      .map(([n, v]) => [uriEncode(n), uriEncode(v)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([n, v]) => `${n}=${v}`)
      .join("&");
    fixed.expires = expires;
  }
  const req: RawRequest = { method: p.raw.method, rawPath: p.raw.rawPath, rawQuery, headers, body: p.raw.body };
  const { canonicalRequest } = await buildCanonicalRequest(Sha256, req, fixed);
  const stringToSign = await buildStringToSign(Sha256, amzDate, scope, canonicalRequest);
  const signature = await signatureWith(Sha256, opts.secret, fixed, stringToSign);
  const origin = p.origin ?? `https://${host}`;
  if (auth.form === "query") {
    const url = `${origin}${p.raw.rawPath}?${rawQuery}&X-Amz-Signature=${signature}`;
    const until = formatAmzDate(new Date(opts.now.getTime() + (expires ?? 3600) * 1000));
    return { url, canonicalRequest, stringToSign, note: validityNote({ validity: "query", amzDate, until }) };
  }
  const authorization = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${fixed.signedHeaders.join(";")}, Signature=${signature}`;
  const out: Record<string, string> = { authorization, "x-amz-date": amzDate, host };
  if (typeof headers["x-amz-content-sha256"] === "string") out["x-amz-content-sha256"] = bodyHash;
  return {
    headers: out,
    canonicalRequest,
    stringToSign,
    note: validityNote({ validity: "header", amzDate, until: null }),
  };
}
