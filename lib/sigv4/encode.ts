/**
 * SigV4 UriEncode (docs/aws-facts.md §2.3): RFC 3986 unreserved characters stay, every other UTF-8 byte becomes
 * %XX with upper-case hex. encodeURIComponent leaves !'()* alone, so those are escaped by hand (as smithy does).
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-decode without throwing: a malformed escape is kept literally, as a server must accept any bytes. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
}

/**
 * Split a raw query string into decoded [name, value] pairs, in wire order. `+` is kept literally: SigV4 clients
 * never emit it for a space (aws.md §2.4), so reading it as a space would hide a real signing mistake.
 */
export function parseRawQuery(rawQuery: string): Array<[string, string]> {
  if (rawQuery === "") return [];
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    pairs.push([safeDecode(name), safeDecode(value)]);
  }
  return pairs;
}

/** First value of a header, whatever shape node gave it. */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(",") : v;
}
