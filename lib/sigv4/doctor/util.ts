/** YYYYMMDD shifted by `days`, or undefined when the input is not a date. */
export function dateDay(yyyymmdd: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + days));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10).replace(/-/g, "");
}

/** A canonical request cut into named sections, for showing two of them side by side. */
export interface Section {
  name: string;
  ours: string;
  theirs: string;
  same: boolean;
}

function sectionsOf(canonical: string): Array<[string, string]> {
  const lines = canonical.split("\n");
  const blank = lines.indexOf("", 3);
  const headerEnd = blank === -1 ? lines.length - 2 : blank;
  return [
    ["method", lines[0] ?? ""],
    ["path", lines[1] ?? ""],
    ["query", lines[2] ?? ""],
    ["headers", lines.slice(3, headerEnd).join("\n")],
    ["signed headers", lines[headerEnd + (blank === -1 ? 0 : 1)] ?? ""],
    ["payload hash", lines[headerEnd + (blank === -1 ? 1 : 2)] ?? ""],
  ];
}

export function compareCanonical(ours: string, theirs: string): Section[] {
  const a = sectionsOf(ours);
  const b = sectionsOf(theirs);
  return a.map(([name, o], i) => ({ name, ours: o, theirs: b[i][1], same: o === b[i][1] }));
}
