import { parse as dotenvParse } from "dotenv";

/**
 * A line model of an env file: every blank line, comment and unparseable line is kept, in order, so that rewriting
 * one variable leaves the rest of the operator's file byte-for-byte as it was. Values are read with dotenv's own
 * parser (one entry at a time), so what we think a line means is what the platform's dotenv thinks it means.
 *
 * Lines are split on "\n" only; a CRLF file keeps its "\r" at the end of each raw line, so joining with "\n"
 * reproduces the file exactly.
 */
export type EnvEntry =
  | { kind: "blank"; raw: string }
  | { kind: "comment"; raw: string }
  /** a line dotenv ignores (no `KEY=`) */
  | { kind: "other"; raw: string }
  | {
      kind: "var";
      /** the physical line(s) of this entry, joined with "\n" (quoted values may span lines) */
      raw: string;
      key: string;
      /** the value as dotenv reads it */
      value: string;
      exported: boolean;
      /** the quote the value was written in, null for bare values */
      quote: "'" | '"' | "`" | null;
      /** the value text as written, after `=` (quotes included, inline comment excluded) */
      rawValue: string;
      /** everything after the separator on the first line, comment included (what a stricter parser may read) */
      written: string;
    };

export interface ParsedEnv {
  entries: EnvEntry[];
  /** the file used CRLF line endings (dominant style) */
  crlf: boolean;
  /** the file ended with a newline */
  finalNewline: boolean;
}

const KEY_RE = /^\s*(export\s+)?([\w.-]+)(\s*=\s*|:\s+)/;

/** Index of the closing quote dotenv's regex would pick, or -1 when the value is not terminated. */
function closingQuote(s: string, open: number, q: string): number {
  let lastEscaped = -1;
  for (let k = open + 1; k < s.length; k++) {
    if (s[k] === "\\" && s[k + 1] === q) {
      lastEscaped = k + 1;
      k++;
      continue;
    }
    if (s[k] === q) return k;
  }
  // dotenv's `(?:\\q|[^q])*q` backtracks onto an escaped quote when nothing else closes the value
  return lastEscaped;
}

export function parseEnv(text: string): ParsedEnv {
  const finalNewline = text.endsWith("\n");
  const body = finalNewline ? text.slice(0, -1) : text;
  const lines = text === "" ? [] : body.split("\n");
  const crlfCount = lines.filter((l) => l.endsWith("\r")).length;
  const entries: EnvEntry[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === "") {
      entries.push({ kind: "blank", raw: line });
      continue;
    }
    if (trimmed.startsWith("#")) {
      entries.push({ kind: "comment", raw: line });
      continue;
    }
    const m = KEY_RE.exec(line);
    if (!m) {
      entries.push({ kind: "other", raw: line });
      continue;
    }
    const valueStart = m[0].length;
    const q = line[valueStart];
    let raw = line;
    let rawValue: string;
    let quote: "'" | '"' | "`" | null = null;
    if (q === "'" || q === '"' || q === "`") {
      // a quoted value may continue on the following lines until its closing quote
      let joined = line;
      let end = closingQuote(joined, valueStart, q);
      let j = i;
      while (end === -1 && j + 1 < lines.length) {
        j++;
        joined = `${joined}\n${lines[j]}`;
        end = closingQuote(joined, valueStart, q);
      }
      if (end === -1) {
        rawValue = stripInlineComment(line.slice(valueStart));
      } else {
        quote = q;
        raw = joined;
        i = j;
        rawValue = joined.slice(valueStart, end + 1);
      }
    } else {
      rawValue = stripInlineComment(line.slice(valueStart));
    }
    const parsed = dotenvParse(raw);
    const key = m[2];
    entries.push({
      kind: "var",
      raw,
      key,
      value: parsed[key] ?? "",
      exported: !!m[1],
      quote,
      rawValue,
      written: line.slice(valueStart),
    });
  }
  return { entries, crlf: lines.length > 0 && crlfCount * 2 > lines.length, finalNewline };
}

function stripInlineComment(v: string): string {
  const hash = v.indexOf("#");
  return (hash === -1 ? v : v.slice(0, hash)).replace(/\s+$/, "");
}

/** Back to text, exactly as parsed (round-trips any input). */
export function serializeEnv(env: ParsedEnv): string {
  const body = env.entries.map((e) => e.raw).join("\n");
  return env.entries.length && env.finalNewline ? `${body}\n` : body;
}

/** The variables as dotenv reads the whole file (last definition wins). */
export function envVarsOf(text: string): Record<string, string> {
  return { ...dotenvParse(text) };
}
