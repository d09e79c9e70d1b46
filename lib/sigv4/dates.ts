/** SigV4 timestamps: the compact ISO-8601 "basic format" YYYYMMDDTHHMMSSZ. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function isAmzDate(value: string): boolean {
  return COMPACT.test(value);
}

export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Parse YYYYMMDDTHHMMSSZ; undefined when it is not that shape or not a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const m = COMPACT.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  return Number.isNaN(date.getTime()) || formatAmzDate(date) !== value ? undefined : date;
}

/** An HTTP Date header (RFC 7231) in the compact form, or undefined when unparseable. */
export function httpDateToAmzDate(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatAmzDate(new Date(ms));
}
