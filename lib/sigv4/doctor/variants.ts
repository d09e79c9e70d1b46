import { ALL_AWS_REGIONS } from "@/lib/regions";
import { canonicalHeaders, canonicalQuery, canonicalUri } from "../canonical";
import { type ChecksumConstructor, sha256Hex } from "../key-chain";
import { dateDay } from "./util";
import { parseRawQuery, safeDecode, uriEncode } from "../encode";
import type { ParsedAuth, RawRequest } from "../types";
import type { RuleId } from "./rules";

/** The six lines of a canonical request, kept apart so a variant can change one of them. */
export interface CanonicalParts {
  method: string;
  uri: string;
  query: string;
  headers: string;
  signed: string;
  payload: string;
}

export function joinParts(p: CanonicalParts): string {
  return [p.method, p.uri, p.query, p.headers, p.signed, p.payload].join("\n");
}

/**
 * The canonical request as the server rebuilds it from the wire (the same functions the emulator's verifier uses),
 * split into its parts; the payload hash with the injected hash (../key-chain.ts).
 */
export async function truthParts(
  Sha256: ChecksumConstructor,
  req: RawRequest,
  auth: ParsedAuth,
): Promise<CanonicalParts> {
  return {
    method: req.method.toUpperCase(),
    uri: canonicalUri(req.rawPath),
    query: canonicalQuery(req.rawQuery, { exclude: auth.form === "query" ? ["X-Amz-Signature"] : [] }),
    headers: canonicalHeaders(req.headers, auth.signedHeaders),
    signed: auth.signedHeaders.join(";"),
    payload: await sha256Hex(Sha256, req.body),
  };
}

/** A plausible client-side mistake: what the client would have signed had it made it. */
export interface Variant {
  rules: RuleId[];
  detail: string;
  parts?: Partial<CanonicalParts>;
  /** scope used for both the signing key and the string to sign, when the client signed another scope than it sent */
  scope?: { date: string; region: string; service: string; terminator: string };
  secret?: string;
}

type Encoder = { name: string; detail: string; encode: (s: string) => string };

const hexLower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const ENCODERS: Encoder[] = [
  { name: "correct", detail: "", encode: uriEncode },
  {
    name: "plus-space",
    detail: "a space was encoded as '+' (form encoding) instead of %20",
    encode: (s) => uriEncode(s).replace(/%20/g, "+"),
  },
  {
    name: "keep-star",
    detail: "'*' (and ! ' ( )) were left unencoded, as JavaScript's encodeURIComponent does; SigV4 wants %2A",
    encode: (s) => encodeURIComponent(s),
  },
  {
    name: "tilde",
    detail: "'~' was encoded as %7E; SigV4 keeps '~' as is",
    encode: (s) => uriEncode(s).replace(/~/g, "%7E"),
  },
  {
    name: "keep-slash",
    detail: "'/' was left unencoded in a name or value (e.g. in X-Amz-Credential); SigV4 wants %2F",
    encode: (s) => uriEncode(s).replace(/%2F/g, "/"),
  },
  {
    name: "java",
    detail: "encoded like Java's URLEncoder: space as '+', '*' unencoded, '~' as %7E",
    encode: (s) => uriEncode(s).replace(/%20/g, "+").replace(/%2A/g, "*").replace(/~/g, "%7E"),
  },
  {
    name: "php",
    detail: "encoded like PHP's urlencode/http_build_query: space as '+', '~' as %7E",
    encode: (s) => uriEncode(s).replace(/%20/g, "+").replace(/~/g, "%7E"),
  },
  {
    name: "lower-hex",
    detail: "percent escapes used lower-case hex (%2f); SigV4 wants upper case (%2F)",
    encode: (s) => hexLower(uriEncode(s)),
  },
  { name: "double", detail: "values were percent-encoded twice", encode: (s) => uriEncode(uriEncode(s)) },
];

function sortPairs(pairs: Array<[string, string]>): Array<[string, string]> {
  return [...pairs].sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
}

function queryVariants(req: RawRequest, auth: ParsedAuth): Variant[] {
  const keep = (name: string) => !(auth.form === "query" && name === "X-Amz-Signature");
  const decoded = parseRawQuery(req.rawQuery).filter(([n]) => keep(n));
  if (decoded.length === 0) return [];
  const out: Variant[] = [];
  const encodeAll = (pairs: Array<[string, string]>, e: Encoder) =>
    pairs.map(([n, v]) => [e.encode(n), e.encode(v)] as [string, string]);
  const join = (pairs: Array<[string, string]>) => pairs.map(([n, v]) => `${n}=${v}`).join("&");
  for (const e of ENCODERS) {
    const encoded = encodeAll(decoded, e);
    if (e.name !== "correct") {
      out.push({ rules: ["query-encoding"], detail: e.detail, parts: { query: join(sortPairs(encoded)) } });
    }
    const unsortedDetail = "the canonical query kept the order of the URL instead of being sorted by name";
    out.push({
      rules: e.name === "correct" ? ["query-not-sorted"] : ["query-not-sorted", "query-encoding"],
      detail: e.name === "correct" ? unsortedDetail : `${unsortedDetail}, and ${e.detail}`,
      parts: { query: join(encoded) },
    });
  }
  // '+' on the wire is a literal plus to AWS (aws.md §2.4); a client that meant a space signed %20.
  if (req.rawQuery.includes("+")) {
    const plusAsSpace = req.rawQuery
      .split("&")
      .filter((p) => p !== "")
      .map((p) => {
        const eq = p.indexOf("=");
        const [n, v] = eq === -1 ? [p, ""] : [p.slice(0, eq), p.slice(eq + 1)];
        return [uriEncode(safeDecode(n.replace(/\+/g, "%20"))), uriEncode(safeDecode(v.replace(/\+/g, "%20")))] as [
          string,
          string,
        ];
      })
      .filter(([n]) => keep(safeDecode(n)));
    out.push({
      rules: ["query-encoding"],
      detail:
        "the URL carries '+' where the signer meant a space: AWS reads '+' as a literal plus (%2B), so send spaces as %20",
      parts: { query: join(sortPairs(plusAsSpace)) },
    });
  }
  // The query signed exactly as written in the URL, only sorted: no decoding and re-encoding.
  const raw = req.rawQuery
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return (eq === -1 ? [p, ""] : [p.slice(0, eq), p.slice(eq + 1)]) as [string, string];
    })
    .filter(([n]) => keep(safeDecode(n)));
  out.push({
    rules: ["query-encoding"],
    detail: "the query was signed as written in the URL instead of being decoded and re-encoded the SigV4 way",
    parts: { query: join(sortPairs(raw)) },
  });
  return out;
}

function normalisePath(rawPath: string): string {
  const segments: string[] = [];
  for (const s of rawPath.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segments.pop();
    else segments.push(s);
  }
  const trail = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return `/${segments.join("/")}${trail}`;
}

function pathVariants(req: RawRequest): Variant[] {
  const normalised = normalisePath(req.rawPath);
  const encodeKeepSlash = (p: string) => uriEncode(p).replace(/%2F/g, "/");
  return [
    {
      rules: ["path-encoding"],
      detail: "the path was encoded once (as S3 does) instead of twice",
      parts: { uri: normalised },
    },
    {
      rules: ["path-encoding"],
      detail: "the path was encoded without first removing empty or '.' segments",
      parts: { uri: encodeKeepSlash(req.rawPath || "/") },
    },
    {
      rules: ["path-encoding"],
      detail: "the decoded path was encoded once instead of encoding the wire path again",
      parts: { uri: encodeKeepSlash(safeDecode(normalised)) },
    },
  ];
}

function headerVariants(req: RawRequest, auth: ParsedAuth, hostCandidates: string[]): Variant[] {
  const out: Variant[] = [];
  const signed = auth.signedHeaders;
  const sent = req.headers.host;
  for (const host of hostCandidates) {
    if (host === sent) continue;
    out.push({
      rules: ["host-mismatch"],
      detail: `the signer signed host "${host}" but the request carries Host "${sent ?? "(none)"}"`,
      parts: { headers: canonicalHeaders({ ...req.headers, host }, signed) },
    });
  }
  const sorted = [...signed].sort();
  if (sorted.join(";") !== signed.join(";")) {
    out.push({
      rules: ["signed-headers"],
      detail: "the signer sorted the headers but SignedHeaders lists them in another order",
      parts: { headers: canonicalHeaders(req.headers, sorted), signed: sorted.join(";") },
    });
  }
  for (const name of signed) {
    if (name === "host") continue;
    const fewer = signed.filter((n) => n !== name);
    out.push({
      rules: ["signed-headers"],
      detail: `SignedHeaders lists "${name}" but the signer did not sign it`,
      parts: { headers: canonicalHeaders(req.headers, fewer), signed: fewer.join(";") },
    });
  }
  for (const name of Object.keys(req.headers)) {
    if (signed.includes(name) || name === "authorization") continue;
    const more = [...signed, name].sort();
    out.push({
      rules: ["signed-headers"],
      detail: `the signer signed "${name}" but SignedHeaders does not list it`,
      parts: { headers: canonicalHeaders(req.headers, more), signed: more.join(";") },
    });
    out.push({
      rules: ["signed-headers"],
      detail: `the signer put "${name}" in the canonical headers but not in the SignedHeaders line or the header sent`,
      parts: { headers: canonicalHeaders(req.headers, more) },
    });
  }
  const untrimmed = signed
    .map((n) => {
      const v = req.headers[n];
      return `${n}:${Array.isArray(v) ? v.join(",") : (v ?? "")}\n`;
    })
    .join("");
  out.push({
    rules: ["header-values"],
    detail: "header values were signed without trimming and collapsing whitespace",
    parts: { headers: untrimmed },
  });
  return out;
}

async function payloadVariants(Sha256: ChecksumConstructor, req: RawRequest & { body: string }): Promise<Variant[]> {
  const sha256 = (text: string) => sha256Hex(Sha256, text);
  const out: Variant[] = [];
  const claimed = req.headers["x-amz-content-sha256"];
  const add = (payload: string, detail: string) => out.push({ rules: ["payload-hash"], detail, parts: { payload } });
  add(await sha256(""), "the payload hash is the hash of an empty body, but a body was sent");
  add("UNSIGNED-PAYLOAD", "the payload was signed as UNSIGNED-PAYLOAD, which only S3 accepts");
  if (typeof claimed === "string" && claimed !== "")
    add(
      claimed,
      "the payload hash line used the x-amz-content-sha256 header's value, which is not the hash of the body sent",
    );
  if (req.body.endsWith("\n"))
    add(await sha256(req.body.replace(/\r?\n$/, "")), "the body was hashed without its final newline");
  else add(await sha256(`${req.body}\n`), "the body was hashed with an extra final newline");
  if (req.body.includes("\n") && !req.body.includes("\r\n"))
    add(await sha256(req.body.replace(/\n/g, "\r\n")), "the body was hashed with CRLF line ends but sent with LF");
  return out;
}

const SERVICES = ["ses", "email", "iam", "sts"];

function scopeVariants(auth: ParsedAuth): Variant[] {
  const out: Variant[] = [];
  const base = { date: auth.scopeDate, region: auth.region, service: auth.service, terminator: auth.terminator };
  for (const region of ALL_AWS_REGIONS) {
    if (region === auth.region) continue;
    out.push({
      rules: ["scope-region"],
      detail: `the signer signed for region ${region} but the Credential says ${auth.region}`,
      scope: { ...base, region },
    });
  }
  for (const service of SERVICES) {
    if (service === auth.service) continue;
    out.push({
      rules: ["scope-service"],
      detail: `the signer signed for service ${service} but the Credential says ${auth.service}`,
      scope: { ...base, service },
    });
  }
  const days = new Set<string>();
  if (auth.amzDate && /^\d{8}/.test(auth.amzDate)) days.add(auth.amzDate.slice(0, 8));
  for (const d of [-1, 1]) {
    const shifted = dateDay(auth.scopeDate, d);
    if (shifted) days.add(shifted);
  }
  days.delete(auth.scopeDate);
  for (const date of days) {
    out.push({
      rules: ["scope-date-mismatch"],
      detail: `the signer used the date ${date} in its scope but the Credential says ${auth.scopeDate}`,
      scope: { ...base, date },
    });
  }
  if (auth.terminator !== "aws4_request") {
    out.push({
      rules: ["scope-terminator"],
      detail: "the signer used aws4_request but the Credential says otherwise",
      scope: { ...base, terminator: "aws4_request" },
    });
  }
  return out;
}

/** Signed with one method, sent with another (a client that retries or redirects as GET, a form switched to POST). */
function methodVariants(req: RawRequest): Variant[] {
  const sent = req.method.toUpperCase();
  return ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"]
    .filter((m) => m !== sent)
    .map((m) => ({
      rules: ["request-changed"] as RuleId[],
      detail: `the request was signed as ${m} but is sent as ${sent}`,
      parts: { method: m },
    }));
}

function secretVariants(secret: string): Variant[] {
  const candidates: Array<[string, string]> = [
    [`${secret}\n`, "a newline at its end"],
    [`${secret}\r\n`, "a CRLF at its end"],
    [` ${secret}`, "a leading space"],
    [`${secret} `, "a trailing space"],
    [`"${secret}"`, "the quotes around it"],
    [`'${secret}'`, "the quotes around it"],
    [secret.replace(/\+/g, " "), "'+' turned into spaces (URL-decoded somewhere)"],
    [secret.replace(/\//g, "%2F").replace(/\+/g, "%2B"), "'/' and '+' percent-encoded"],
    [secret.slice(0, -1), "its last character cut off"],
  ];
  return candidates
    .filter(([s]) => s !== secret)
    .map(([s, how]) => ({
      rules: ["wrong-secret"] as RuleId[],
      detail: `the signer used the secret with ${how}`,
      secret: s,
    }));
}

/**
 * Above these sizes the per-parameter and per-header variants are skipped: each costs a pass over the request, and
 * a pasted request this large is not a hand-signed one anyway. Keeps the doctor linear on hostile input.
 */
const MAX_QUERY_PARAMS = 200;
const MAX_HEADERS = 60;

/** Every variant to try, simplest first: the first one whose signature matches names the broken rule. */
export async function allVariants(
  Sha256: ChecksumConstructor,
  req: RawRequest & { body: string },
  auth: ParsedAuth,
  opts: { secret: string; hostCandidates: string[] },
): Promise<Variant[]> {
  return [
    ...(req.rawQuery.split("&").length <= MAX_QUERY_PARAMS ? queryVariants(req, auth) : []),
    ...pathVariants(req),
    ...(Object.keys(req.headers).length <= MAX_HEADERS ? headerVariants(req, auth, opts.hostCandidates) : []),
    ...(await payloadVariants(Sha256, req)),
    ...scopeVariants(auth),
    ...methodVariants(req),
    ...secretVariants(opts.secret),
  ];
}
