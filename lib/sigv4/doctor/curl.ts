import type { Sigv4Evidence } from "./rules";

/**
 * Enough of a POSIX shell word splitter and of curl's option grammar to read a pasted `curl ...` command:
 * quotes, backslash escapes and line continuations, $'...' strings; -X, -H, -d and friends, -G, --url, -I.
 */

/** Why a curl command could not be read: a sigv4.input-unreadable case and the word it is about (data, not wording). */
export class CurlError extends Error {
  constructor(
    readonly problem: Sigv4Evidence<"sigv4.input-unreadable">["problem"] & `curl-${string}`,
    readonly text: string | null = null,
  ) {
    super(problem);
  }
}

export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let i = 0;
  const s = command.replace(/\\\r?\n/g, " ");
  while (i < s.length) {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) throw new CurlError("curl-single-quote");
      current += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === "$" && s[i + 1] === "'") {
      i += 2;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === "\\" && i + 1 < s.length) {
          const n = s[i + 1];
          current += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n;
          i += 2;
        } else current += s[i++];
      }
      if (i >= s.length) throw new CurlError("curl-ansi-quote");
      i++;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\" && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) {
          current += s[i + 1];
          i += 2;
        } else current += s[i++];
      }
      if (i >= s.length) throw new CurlError("curl-double-quote");
      i++;
      inWord = true;
    } else if (c === "\\" && i + 1 < s.length) {
      current += s[i + 1];
      i += 2;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      i++;
    } else {
      current += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
  /** curl signs the request itself (--aws-sigv4): the pasted command carries no signature */
  curlSigns: boolean;
}

const DATA_FLAGS = new Set(["-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode"]);
const IGNORED_WITH_VALUE = new Set([
  "-u",
  "--user",
  "-o",
  "--output",
  "-A",
  "--user-agent",
  "-e",
  "--referer",
  "--connect-timeout",
  "-m",
  "--max-time",
  "--resolve",
  "--cacert",
  "--cert",
  "--key",
  "-b",
  "--cookie",
  "-x",
  "--proxy",
  "-w",
  "--write-out",
  "--retry",
]);

export function parseCurl(command: string): CurlRequest {
  const words = shellWords(command.trim());
  if (words[0] !== "curl") throw new CurlError("curl-not-curl");
  let method: string | undefined;
  let url: string | undefined;
  const headers: Array<[string, string]> = [];
  const data: string[] = [];
  let get = false;
  let head = false;
  let curlSigns = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const next = () => {
      const v = words[++i];
      if (v === undefined) throw new CurlError("curl-needs-value", w);
      return v;
    };
    const long = /^(--[a-z-]+)=(.*)$/s.exec(w);
    const flag = long ? long[1] : w;
    const inline = long ? () => long[2] : next;
    if (flag === "-X" || flag === "--request") method = inline().toUpperCase();
    else if (/^-X.+/.test(w)) method = w.slice(2).toUpperCase();
    else if (flag === "-H" || flag === "--header") {
      const h = inline();
      const colon = h.indexOf(":");
      if (colon > 0) headers.push([h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim()]);
    } else if (DATA_FLAGS.has(flag)) {
      const v = inline();
      if (v.startsWith("@")) throw new CurlError("curl-body-file", `${flag} ${v}`);
      data.push(
        flag === "--data-urlencode"
          ? encodeDataUrlencode(v)
          : flag === "--data-binary" || flag === "--data-raw"
            ? v
            : v.replace(/[\r\n]/g, ""),
      );
    } else if (flag === "--url") url = inline();
    else if (flag === "-G" || flag === "--get") get = true;
    else if (flag === "-I" || flag === "--head") head = true;
    else if (flag === "--aws-sigv4") {
      inline();
      curlSigns = true;
    } else if (IGNORED_WITH_VALUE.has(flag)) {
      if (!long) next();
    } else if (w.startsWith("-")) {
      // flags without a value (-s, -v, -k, --compressed, ...) do not change what is signed
    } else if (url === undefined) url = w;
    else throw new CurlError("curl-extra-argument", w);
  }
  if (!url) throw new CurlError("curl-no-url");
  if (!/^[a-z]+:\/\//i.test(url)) url = `https://${url}`;
  let body = data.join("&");
  if (get && body) {
    url += (url.includes("?") ? "&" : "?") + body;
    body = "";
  }
  if (body && !headers.some(([n]) => n === "content-type")) {
    headers.push(["content-type", "application/x-www-form-urlencoded"]);
  }
  return { method: method ?? (head ? "HEAD" : body ? "POST" : "GET"), url, headers, body, curlSigns };
}

function encodeDataUrlencode(v: string): string {
  const eq = v.indexOf("=");
  if (eq === -1) return encodeURIComponent(v);
  return `${v.slice(0, eq)}=${encodeURIComponent(v.slice(eq + 1))}`;
}
