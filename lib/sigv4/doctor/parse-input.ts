import type { Sigv4Evidence } from "./rules";
import type { RawRequest } from "../types";
import { CurlError, parseCurl } from "./curl";

/** A request as the doctor understood it from what was pasted, plus where each part came from. */
export interface ParsedRequest {
  source: "url" | "curl" | "http" | "fields";
  raw: RawRequest & { body: string };
  /** scheme://authority when known (URL, curl, or fields with a URL) */
  origin?: string;
  /** the authority the request is sent to (default port dropped, as clients send it in Host) */
  urlHost?: string;
  /** the Host header set explicitly (curl -H, raw HTTP), when one was */
  explicitHost?: string;
  curlSigns?: boolean;
}

/** What kept the text from being read: a sigv4.input-unreadable case and the text it quotes (data, not wording). */
export interface Unreadable {
  problem: Sigv4Evidence<"sigv4.input-unreadable">["problem"];
  text: string | null;
}
export type ParseResult = { ok: true; request: ParsedRequest } | ({ ok: false } & Unreadable);

const unreadable = (problem: Unreadable["problem"], text: string | null = null): ParseResult => ({
  ok: false,
  problem,
  text,
});

const HTTP_REQUEST_LINE = /^([A-Za-z]+) (\S+) HTTP\/\d(?:\.\d)?$/;

/** Does this text look like an AWS error body (XML or JSON) rather than a request? */
export function looksLikeErrorBody(text: string): boolean {
  const t = text.trim();
  return (
    (t.startsWith("<") && /<(Code|Error)>/.test(t)) ||
    (t.startsWith("{") && /"(__type|code|Code|message|Message)"/.test(t))
  );
}

/** Split a URL into the parts a server sees, without letting a URL library re-encode anything. */
export function splitUrl(
  url: string,
): { origin: string; host: string; rawPath: string; rawQuery: string } | Unreadable {
  const m = /^(https?):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(url.trim());
  if (!m) return { problem: "not-url", text: url.trim().slice(0, 80) };
  const scheme = m[1].toLowerCase();
  const authority = m[2].replace(/^[^@]*@/, "").toLowerCase();
  if (!authority) return { problem: "no-host", text: null };
  const host = authority.replace(scheme === "https" ? /:443$/ : /:80$/, "");
  // A pasted URL may carry literal spaces; every client sends them as %20 on the wire.
  const rawPath = (m[3] || "/").replace(/ /g, "%20");
  const rawQuery = (m[4] ?? "").replace(/ /g, "%20");
  return { origin: `${scheme}://${authority}`, host, rawPath, rawQuery };
}

function headerRecord(pairs: Array<[string, string]>): RawRequest["headers"] {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const n = name.toLowerCase();
    const prev = headers[n];
    headers[n] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return headers;
}

export function parseHeaderLines(text: string): Array<[string, string]> | Unreadable {
  const pairs: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { problem: "header-line", text: line.slice(0, 80) };
    pairs.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return pairs;
}

function fromUrl(
  source: ParsedRequest["source"],
  method: string,
  url: string,
  headerPairs: Array<[string, string]>,
  body: string,
  curlSigns?: boolean,
): ParseResult {
  const u = splitUrl(url);
  if ("problem" in u) return { ok: false, ...u };
  const explicitHost = headerPairs.find(([n]) => n === "host")?.[1];
  const pairs = explicitHost === undefined ? [["host", u.host] as [string, string], ...headerPairs] : headerPairs;
  return {
    ok: true,
    request: {
      source,
      raw: {
        method: method.toUpperCase(),
        rawPath: u.rawPath,
        rawQuery: u.rawQuery,
        headers: headerRecord(pairs),
        body,
      },
      origin: u.origin,
      urlHost: u.host,
      explicitHost,
      curlSigns,
    },
  };
}

/** Raw HTTP/1.1 text, also as printed by `curl -v` (request lines start with "> "). */
function fromHttp(text: string): ParseResult {
  let lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.some((l) => l.startsWith("> "))) {
    lines = lines.filter((l) => l.startsWith(">")).map((l) => l.replace(/^> ?/, ""));
  }
  const first = HTTP_REQUEST_LINE.exec(lines[0].trim());
  if (!first) return unreadable("request-line");
  const blank = lines.findIndex((l, i) => i > 0 && l.trim() === "");
  const headerText = lines.slice(1, blank === -1 ? undefined : blank).join("\n");
  const pairs = parseHeaderLines(headerText);
  if (!Array.isArray(pairs)) return { ok: false, ...pairs };
  const body =
    blank === -1
      ? ""
      : lines
          .slice(blank + 1)
          .join("\n")
          .replace(/\n$/, "");
  const target = first[2];
  const explicitHost = pairs.find(([n]) => n === "host")?.[1];
  if (/^https?:\/\//i.test(target)) return fromUrl("http", first[1], target, pairs, body);
  const q = target.indexOf("?");
  return {
    ok: true,
    request: {
      source: "http",
      raw: {
        method: first[1].toUpperCase(),
        rawPath: q === -1 ? target : target.slice(0, q),
        rawQuery: q === -1 ? "" : target.slice(q + 1),
        headers: headerRecord(pairs),
        body,
      },
      explicitHost,
    },
  };
}

/**
 * Read a pasted request: a URL (presigned or not), "METHOD URL", a curl command, or raw HTTP. An AWS error body
 * is not a request; callers check looksLikeErrorBody first.
 */
export function parseRequestText(text: string, method?: string): ParseResult {
  const t = text.trim();
  if (t === "") return unreadable("empty");
  if (/^curl\s/.test(t)) {
    try {
      const c = parseCurl(t);
      return fromUrl("curl", c.method, c.url, c.headers, c.body, c.curlSigns);
    } catch (e) {
      if (e instanceof CurlError) return unreadable(e.problem, e.text);
      throw e;
    }
  }
  if (/^https?:\/\//i.test(t)) return fromUrl("url", method ?? "GET", t.split(/\s+/)[0], [], "");
  const methodUrl = /^([A-Z]+)\s+(https?:\/\/\S+)$/.exec(t);
  if (methodUrl) return fromUrl("url", methodUrl[1], methodUrl[2], [], "");
  if (/^(> )?[A-Za-z]+ \S+ HTTP\/\d/.test(t) || t.split("\n").some((l) => /^> [A-Z]+ \S+ HTTP\/\d/.test(l))) {
    return fromHttp(t);
  }
  return unreadable("unknown");
}

/** The structured form: method + URL + "Name: value" header lines + body. */
export function parseRequestFields(fields: {
  method?: string;
  url: string;
  headers?: string;
  body?: string;
}): ParseResult {
  const pairs = parseHeaderLines(fields.headers ?? "");
  if (!Array.isArray(pairs)) return { ok: false, ...pairs };
  return fromUrl("fields", fields.method || "GET", fields.url, pairs, fields.body ?? "");
}
