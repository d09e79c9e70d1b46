/** XML text escaping for the query-protocol envelopes. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<Name>escaped</Name>`, or nothing when the value is undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${xmlEscape(String(value))}</${name}>`;
}

/** Query-protocol list: <Name><member>…</member></Name> with pre-rendered members. */
export function members(name: string, items: string[]): string {
  return `<${name}>${items.map((i) => `<member>${i}</member>`).join("")}</${name}>`;
}

/** The AWS query-protocol error envelope (aws.md §1.1): <Error> directly under <ErrorResponse>, RequestId beside it. */
export function errorXml(xmlns: string, type: string, code: string, message: string, requestId: string): string {
  return `<ErrorResponse xmlns="${xmlns}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

export function successXml(xmlns: string, action: string, inner: string, requestId: string, withResult = true): string {
  const result = withResult ? `<${action}Result>${inner}</${action}Result>` : "";
  return `<${action}Response xmlns="${xmlns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}
