/** XML text escaping for the query-protocol result bodies. */
export function esc(value: string | number | boolean): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${esc(value)}</${name}>`;
}

/** Query-protocol list: <Name><member>…</member></Name> */
export function members(name: string, values: string[]): string {
  return `<${name}>${values.map((v) => `<member>${esc(v)}</member>`).join("")}</${name}>`;
}

/** Query-protocol map (non-flattened): <Name><entry><key>…</key><value>…</value></entry></Name>; value is raw XML */
export function entries(name: string, items: [string, string][]): string {
  return `<${name}>${items.map(([k, v]) => `<entry><key>${esc(k)}</key><value>${v}</value></entry>`).join("")}</${name}>`;
}

/** SES's doubles ("200.0"), which the SDK parses as numbers either way but AWS writes with a fraction. */
export function double(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}
