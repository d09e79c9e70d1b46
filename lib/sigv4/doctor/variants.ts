import { ALL_AWS_REGIONS } from "@/lib/regions";
import { canonicalHeaders, canonicalQuery, canonicalUri } from "../canonical";
import { type ChecksumConstructor, sha256Hex } from "../key-chain";
import { dateDay } from "./util";
import { parseRawQuery, safeDecode, uriEncode } from "../encode";
import type { ParsedAuth, RawRequest } from "../types";
import { mistake, type Seen, type Sigv4Evidence } from "./rules";

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
  /** the rules it breaks, worded by the catalogue (sigv4.* codes) */
  seen: Seen[];
  parts?: Partial<CanonicalParts>;
  /** scope used for both the signing key and the string to sign, when the client signed another scope than it sent */
  scope?: { date: string; region: string; service: string; terminator: string };
  secret?: string;
}

/** `name` is the sigv4.query-encoding case that words it (lib/findings/catalogue/sigv4.ts) */
type Encoder = { name: "correct" | QueryEncodingCase; encode: (s: string) => string };
type QueryEncodingCase = Sigv4Evidence<"sigv4.query-encoding">["case"];

const hexLower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const ENCODERS: Encoder[] = [
  { name: "correct", encode: uriEncode },
  { name: "plus-space", encode: (s) => uriEncode(s).replace(/%20/g, "+") },
  { name: "keep-star", encode: (s) => encodeURIComponent(s) },
  { name: "tilde", encode: (s) => uriEncode(s).replace(/~/g, "%7E") },
  { name: "keep-slash", encode: (s) => uriEncode(s).replace(/%2F/g, "/") },
  { name: "java", encode: (s) => uriEncode(s).replace(/%20/g, "+").replace(/%2A/g, "*").replace(/~/g, "%7E") },
  { name: "php", encode: (s) => uriEncode(s).replace(/%20/g, "+").replace(/~/g, "%7E") },
  { name: "lower-hex", encode: (s) => hexLower(uriEncode(s)) },
  { name: "double", encode: (s) => uriEncode(uriEncode(s)) },
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
    const unsorted = mistake("sigv4.query-not-sorted", {});
    if (e.name === "correct") {
      out.push({ seen: [unsorted], parts: { query: join(encoded) } });
    } else {
      const encoding = mistake("sigv4.query-encoding", { case: e.name });
      out.push({ seen: [encoding], parts: { query: join(sortPairs(encoded)) } });
      out.push({ seen: [unsorted, encoding], parts: { query: join(encoded) } });
    }
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
      seen: [mistake("sigv4.query-encoding", { case: "plus-meant-space" })],
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
    seen: [mistake("sigv4.query-encoding", { case: "as-written" })],
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
      seen: [mistake("sigv4.path-encoding", { case: "once" })],
      parts: { uri: normalised },
    },
    {
      seen: [mistake("sigv4.path-encoding", { case: "not-normalised" })],
      parts: { uri: encodeKeepSlash(req.rawPath || "/") },
    },
    {
      seen: [mistake("sigv4.path-encoding", { case: "decoded-once" })],
      parts: { uri: encodeKeepSlash(safeDecode(normalised)) },
    },
  ];
}

/** Evidence a variant does not have: AWS's answer, the endpoint's expectation (see the catalogue's phrases). */
const NOT_AWS = { awsCode: null, awsMessage: null } as const;
const NO_EXPECTATION = { host: null, expected: null } as const;

const signedHeaders = (how: Sigv4Evidence<"sigv4.signed-headers">["case"], names: string | null) =>
  mistake("sigv4.signed-headers", { case: how, names, signedHeaders: null, expected: null });

function headerVariants(req: RawRequest, auth: ParsedAuth, hostCandidates: string[]): Variant[] {
  const out: Variant[] = [];
  const signed = auth.signedHeaders;
  const sent = req.headers.host;
  for (const host of hostCandidates) {
    if (host === sent) continue;
    out.push({
      seen: [
        mistake("sigv4.host-mismatch", {
          case: sent === undefined ? "signed-no-host" : "signed",
          signed: host,
          carried: typeof sent === "string" ? sent : (sent?.join(",") ?? null),
          expected: null,
        }),
      ],
      parts: { headers: canonicalHeaders({ ...req.headers, host }, signed) },
    });
  }
  const sorted = [...signed].sort();
  if (sorted.join(";") !== signed.join(";")) {
    out.push({
      seen: [signedHeaders("signed-sorted", null)],
      parts: { headers: canonicalHeaders(req.headers, sorted), signed: sorted.join(";") },
    });
  }
  for (const name of signed) {
    if (name === "host") continue;
    const fewer = signed.filter((n) => n !== name);
    out.push({
      seen: [signedHeaders("listed-not-signed", name)],
      parts: { headers: canonicalHeaders(req.headers, fewer), signed: fewer.join(";") },
    });
  }
  for (const name of Object.keys(req.headers)) {
    if (signed.includes(name) || name === "authorization") continue;
    const more = [...signed, name].sort();
    out.push({
      seen: [signedHeaders("signed-not-listed", name)],
      parts: { headers: canonicalHeaders(req.headers, more), signed: more.join(";") },
    });
    out.push({
      seen: [signedHeaders("canonical-only", name)],
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
    seen: [mistake("sigv4.header-values", {})],
    parts: { headers: untrimmed },
  });
  return out;
}

async function payloadVariants(Sha256: ChecksumConstructor, req: RawRequest & { body: string }): Promise<Variant[]> {
  const sha256 = (text: string) => sha256Hex(Sha256, text);
  const out: Variant[] = [];
  const claimed = req.headers["x-amz-content-sha256"];
  const add = (payload: string, how: Sigv4Evidence<"sigv4.payload-hash">["case"]) =>
    out.push({
      seen: [mistake("sigv4.payload-hash", { case: how, carried: null, expected: null })],
      parts: { payload },
    });
  add(await sha256(""), "empty-body");
  add("UNSIGNED-PAYLOAD", "unsigned");
  if (typeof claimed === "string" && claimed !== "") add(claimed, "header-value");
  if (req.body.endsWith("\n")) add(await sha256(req.body.replace(/\r?\n$/, "")), "no-final-newline");
  else add(await sha256(`${req.body}\n`), "extra-final-newline");
  if (req.body.includes("\n") && !req.body.includes("\r\n")) add(await sha256(req.body.replace(/\n/g, "\r\n")), "crlf");
  return out;
}

const SERVICES = ["ses", "email", "iam", "sts"];

function scopeVariants(auth: ParsedAuth): Variant[] {
  const out: Variant[] = [];
  const base = { date: auth.scopeDate, region: auth.region, service: auth.service, terminator: auth.terminator };
  for (const region of ALL_AWS_REGIONS) {
    if (region === auth.region) continue;
    out.push({
      seen: [
        mistake("sigv4.scope-region", {
          case: "signed",
          signed: region,
          carried: auth.region,
          ...NO_EXPECTATION,
          ...NOT_AWS,
        }),
      ],
      scope: { ...base, region },
    });
  }
  for (const service of SERVICES) {
    if (service === auth.service) continue;
    out.push({
      seen: [
        mistake("sigv4.scope-service", {
          case: "signed",
          signed: service,
          carried: auth.service,
          ...NO_EXPECTATION,
          ...NOT_AWS,
        }),
      ],
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
      seen: [
        mistake("sigv4.scope-date-mismatch", {
          case: "signed",
          signed: date,
          carried: auth.scopeDate,
          amzDate: null,
          expected: null,
          ...NOT_AWS,
        }),
      ],
      scope: { ...base, date },
    });
  }
  if (auth.terminator !== "aws4_request") {
    out.push({
      seen: [mistake("sigv4.scope-terminator", { case: "signed", carried: auth.terminator, ...NOT_AWS })],
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
      seen: [mistake("sigv4.request-changed", { case: "method", signed: m, carried: sent, parts: null, tried: null })],
      parts: { method: m },
    }));
}

function secretVariants(secret: string): Variant[] {
  const candidates: Array<[string, Sigv4Evidence<"sigv4.wrong-secret">["case"]]> = [
    [`${secret}\n`, "newline"],
    [`${secret}\r\n`, "crlf"],
    [` ${secret}`, "leading-space"],
    [`${secret} `, "trailing-space"],
    [`"${secret}"`, "quotes"],
    [`'${secret}'`, "quotes"],
    [secret.replace(/\+/g, " "), "plus-as-space"],
    [secret.replace(/\//g, "%2F").replace(/\+/g, "%2B"), "percent-encoded"],
    [secret.slice(0, -1), "cut-off"],
  ];
  return candidates
    .filter(([s]) => s !== secret)
    .map(([s, how]) => ({ seen: [mistake("sigv4.wrong-secret", { case: how, tried: null })], secret: s }));
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
