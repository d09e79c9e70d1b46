/**
 * Paste cleaning, the same for every field that takes a credential (the wizard, the engine, the SMTP tool): what a
 * copy-paste drags along — whitespace anywhere (line breaks from a wrapped terminal, a trailing space) and wrapping
 * quotes, straight or typographic — is removed and reported, never silently kept.
 */
const QUOTES = ['"', "'", "`", "“", "”", "‘", "’"];

export interface CleanedPaste {
  value: string;
  /** e.g. "a trailing line break", "a leading space and a space inside" */
  whitespace?: string;
  /** the quote character found around the value */
  quote?: string;
}

function describeWhitespace(raw: string): string | undefined {
  const parts: string[] = [];
  const lead = raw.match(/^\s+/)?.[0];
  const trail = raw.match(/\s+$/)?.[0];
  const inner = raw.trim();
  const kind = (s: string) => (/[\r\n]/.test(s) ? "line break" : /\t/.test(s) ? "tab" : "space");
  if (lead) parts.push(`a leading ${kind(lead)}`);
  if (trail) parts.push(`a trailing ${kind(trail)}`);
  if (/\s/.test(inner)) parts.push(`a ${kind(inner.match(/\s+/)?.[0] ?? " ")} inside`);
  return parts.length ? parts.join(" and ") : undefined;
}

export function cleanPaste(raw: string): CleanedPaste {
  const whitespace = describeWhitespace(raw);
  let value = raw.replace(/\s+/g, "");
  let quote: string | undefined;
  while (value.length >= 1 && (QUOTES.includes(value[0]) || QUOTES.includes(value[value.length - 1]))) {
    quote ??= QUOTES.includes(value[0]) ? value[0] : value[value.length - 1];
    if (QUOTES.includes(value[0])) value = value.slice(1);
    if (value.length && QUOTES.includes(value[value.length - 1])) value = value.slice(0, -1);
    value = value.trim();
  }
  return { value, ...(whitespace ? { whitespace } : {}), ...(quote ? { quote } : {}) };
}
