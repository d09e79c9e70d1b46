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

/** Query-protocol list of plain values: <Name><member>escaped</member>…</Name>. */
export function valueMembers(name: string, values: string[]): string {
  return members(name, values.map(xmlEscape));
}

/** Query-protocol map (non-flattened): <Name><entry><key>…</key><value>…</value></entry></Name>; value is raw XML */
export function entries(name: string, items: [string, string][]): string {
  return `<${name}>${items.map(([k, v]) => `<entry><key>${xmlEscape(k)}</key><value>${v}</value></entry>`).join("")}</${name}>`;
}

/** SES's doubles ("200.0"), which the SDK parses as numbers either way but AWS writes with a fraction. */
export function double(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}
